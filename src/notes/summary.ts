/**
 * A short human summary of what was rendered, like a Helm chart's NOTES.txt: the objects, how to
 * reach the gateway, where its token comes from, and where its state lives.
 *
 * It reads the synthesized objects (not the props), so it describes exactly what will be
 * applied, also when OpenClawChart is embedded in a larger app next to other charts, and it
 * works on any list of manifests (the CLI's output, a Helm export's templates).
 */

import { heapNotes, managedOpenclawJson, pairingNotes, pausedNotes, trustedProxyNotes, upgradeNotes } from './operations';
import { POD_NAME_LABEL } from '../build/network';
import { createSecretCommand, requiredSecretKeys } from './secrets';
import { readGatewayTokenCommand } from '../build/shell/gateway-token';
import { shellQuote } from '../build/shell/shell-quote';
import { forPeople } from '../core/text-safety';

/** The port `kubectl port-forward` listens on locally (the gateway's default port). */
export const DEFAULT_LOCAL_PORT = 18789;

export interface NotesOptions {
  /**
   * Local port in the `kubectl port-forward` hint.
   * @default 18789
   */
  readonly localPort?: number;
  /**
   * A title line. The CLI and the Helm export pass where the manifests went.
   * @default - 'OpenClaw: rendered N objects'
   */
  readonly title?: string;
}

/**
 * Something with the shape of a cdk8s Chart (has `toJson()`), e.g. an OpenClawChart.
 * @jsii ignore
 */
export interface ChartLike {
  toJson(): any[];
}

/**
 * Something with the shape of a cdk8s App (has `charts`).
 * @jsii ignore
 */
export interface AppLike {
  readonly charts: readonly ChartLike[];
}

/** What `renderNotes` describes: the manifests themselves, or the chart or app that makes them. */
export type NotesSource = readonly object[] | ChartLike | AppLike;

/** The manifests of a source, as plain JSON. */
export function manifestsOf(source: NotesSource): any[] {
  if (Array.isArray(source)) return [...source];
  if (typeof (source as ChartLike).toJson === 'function') return (source as ChartLike).toJson();
  if (Array.isArray((source as AppLike).charts)) return (source as AppLike).charts.flatMap((c) => c.toJson());
  throw new TypeError('renderNotes: expected a list of manifests, a cdk8s Chart or a cdk8s App');
}

/**
 * Renders the notes: plain text, lines of at most about 100 characters, ending with a newline.
 * Meant for people (the CLI prints it to stderr so that stdout stays pure YAML); do not parse it.
 */
export function renderNotes(source: NotesSource, opts: NotesOptions = {}): string {
  const objects = manifestsOf(source).filter(isManifest);
  const localPort = opts.localPort ?? DEFAULT_LOCAL_PORT;
  const lines: string[] = [];
  lines.push(opts.title ?? `OpenClaw: rendered ${objects.length} object${objects.length === 1 ? '' : 's'}`);
  lines.push(...summarize(objects).map((l) => `  ${l}`));

  const gateways = objects.filter(isGatewayStatefulSet);
  if (gateways.length === 0) {
    lines.push('', 'No OpenClaw gateway StatefulSet among these objects.');
  }
  for (const sts of gateways) {
    lines.push('', ...gatewayNotes(sts, objects, localPort, gateways.length > 1));
  }
  // Meant for a terminal and NOTES.txt: names, paths and annotations may carry control characters.
  return forPeople(`${lines.join('\n')}\n`);
}

/** One line per kind, in the order the kinds first appear: `Service: a, b`. */
function summarize(objects: any[]): string[] {
  const byKind = new Map<string, string[]>();
  for (const o of objects) {
    const names = byKind.get(o.kind) ?? [];
    names.push(o.metadata?.name ?? '<unnamed>');
    byKind.set(o.kind, names);
  }
  return [...byKind].map(([kind, names]) => `${kind}: ${names.join(', ')}`);
}

function gatewayNotes(sts: any, objects: any[], localPort: number, several: boolean): string[] {
  const name: string = sts.metadata.name;
  const ns: string = sts.metadata.namespace ?? NO_NAMESPACE;
  const nsFlag = `-n ${ns}`;
  const replicas: number = sts.spec.replicas ?? 1;
  const container = mainContainer(sts);
  const port = gatewayPort(container);
  const lines: string[] = [];

  const where = ns === NO_NAMESPACE ? 'the namespace it is applied to (written without one: -n below is yours to fill in)' : `namespace ${ns}`;
  lines.push(`Gateway ${name} in ${where}: ${replicas} replica${replicas === 1 ? '' : 's'}, image ${container.image}`);
  if (several) lines.push(`  (one of several gateways in this output)`);
  if (replicas === 0) lines.push(...pausedNotes(name, ns).map((l) => `  ${l}`));
  lines.push(...heapNotes(container).map((l) => `  ${l}`));

  // Reach it.
  lines.push('', 'Reach the gateway:');
  const service = objects.find((o) => o.kind === 'Service' && sameNamespace(o, ns) && o.spec?.clusterIP !== 'None'
    && selects(o.spec?.selector, sts.spec.template?.metadata?.labels));
  const urls = service ? externalUrls(objects, service, ns) : [];
  for (const u of urls) lines.push(`  ${u}`);
  if (urls.length) {
    const via = urls.some((u) => u.includes('(Ingress ')) ? 'Ingress' : 'HTTPRoute';
    lines.push(...trustedProxyNotes(via, managedOpenclawJson(sts, objects)?.gateway?.trustedProxies).map((l) => `  ${l}`));
  }
  if (service) {
    const servicePort = (service.spec.ports ?? [])[0]?.port ?? port;
    lines.push(`  ${urls.length ? 'or, from your machine' : 'From your machine'}: kubectl port-forward svc/${service.metadata.name} ${localPort}:${servicePort} ${nsFlag}`);
    lines.push(`  then open http://127.0.0.1:${localPort}/ and sign in with the gateway token.`);
    if (service.spec.type === 'LoadBalancer' || service.spec.type === 'NodePort') {
      lines.push(`  Service type ${service.spec.type}: kubectl get svc ${service.metadata.name} ${nsFlag} shows its address.`);
    }
  } else {
    lines.push(`  kubectl port-forward pod/${name}-0 ${localPort}:${port} ${nsFlag}`);
  }
  if (replicas > 1) lines.push(...replicaNotes(sts, objects, ns, localPort, port).map((l) => `  ${l}`));

  // The token.
  lines.push('', 'Gateway token:', ...(generatedTokenNotes(sts, ns) ?? tokenNotes(sts, container, objects, ns)).map((l) => `  ${l}`));

  // Pairing.
  lines.push('', 'Pair a browser:', ...pairingNotes(name, ns).map((l) => `  ${l}`));

  // The state.
  lines.push('', 'State:', ...stateNotes(sts, container).map((l) => `  ${l}`));
  const backups = backupNotes(sts, ns);
  if (backups.length) lines.push('', 'Backups:', ...backups.map((l) => `  ${l}`));
  const upgrades = upgradeNotes(sts, ns);
  if (upgrades.length) lines.push('', 'Upgrades:', ...upgrades.map((l) => `  ${l}`));
  return lines;
}

function tokenNotes(sts: any, container: any, objects: any[], ns: string): string[] {
  const env: any[] = container.env ?? [];
  const auth = env.find((e) => e.name === 'OPENCLAW_GATEWAY_TOKEN') ?? env.find((e) => e.name === 'OPENCLAW_GATEWAY_PASSWORD');
  if (auth?.valueFrom?.secretKeyRef) {
    const { name, key } = auth.valueFrom.secretKeyRef;
    const rendered = objects.some((o) => o.kind === 'Secret' && o.metadata?.name === name && sameNamespace(o, ns));
    const lines = [`The gateway reads ${auth.name} from Secret ${name}, key ${key}.`];
    if (rendered) {
      lines.push('That Secret is part of this output (secret.data: for development only; prefer existingSecret).');
    } else {
      lines.push(
        'It is not part of this output: the pods wait until it exists.',
        `Check:  kubectl get secret ${name} -n ${ns}`,
        ...createSecretCommand(name, ns, key, requiredSecretKeys(sts, name)),
      );
    }
    lines.push(`Read:   kubectl get secret ${name} -n ${ns} -o jsonpath='{.data.${key}}' | base64 -d`);
    return lines;
  }
  if (auth && auth.value !== undefined) {
    return [`${auth.name} is a plain env value: anyone who can read the StatefulSet can read it. Prefer existingSecret.`];
  }
  const secretRefs: string[] = (container.envFrom ?? []).filter((e: any) => e.secretRef).map((e: any) => e.secretRef.name);
  for (const name of secretRefs) {
    const secret = objects.find((o) => o.kind === 'Secret' && o.metadata?.name === name && sameNamespace(o, ns));
    const keys = Object.keys({ ...secret?.data, ...secret?.stringData });
    const key = keys.find((k) => k === 'OPENCLAW_GATEWAY_TOKEN') ?? keys.find((k) => k === 'OPENCLAW_GATEWAY_PASSWORD');
    if (key) {
      return [
        `The gateway reads ${key} from Secret ${name} (loaded whole with envFrom).`,
        'That Secret is part of this output (secret.data: for development only; prefer existingSecret).',
        `Read:   kubectl get secret ${name} -n ${ns} -o jsonpath='{.data.${key}}' | base64 -d`,
      ];
    }
  }
  const external = secretRefs.filter((name) => !objects.some((o) => o.kind === 'Secret' && o.metadata?.name === name && sameNamespace(o, ns)));
  if (external.length) {
    return [
      `The gateway expects OPENCLAW_GATEWAY_TOKEN (or OPENCLAW_GATEWAY_PASSWORD) in Secret${external.length > 1 ? 's' : ''} `
        + `${external.join(', ')} (loaded whole with envFrom).`,
      ...external.map((s) => `Check:  kubectl get secret ${s} -n ${ns} -o jsonpath='{.data}'`),
    ];
  }
  return ['None configured: the gateway refuses to listen on the pod network without a token or password.'];
}

/** The token the gateway-token init container generates on each replica's volume, if it runs. */
function generatedTokenNotes(sts: any, ns: string): string[] | undefined {
  const init = (sts.spec.template.spec.initContainers ?? []).find((c: any) => c.name === 'gateway-token');
  if (!init) return undefined;
  const configFile: string = init.command[init.command.length - 1];
  const name: string = sts.metadata.name;
  const persisted = (sts.spec.volumeClaimTemplates ?? []).some((t: any) => t.metadata?.name === 'data');
  const read = ['kubectl', 'exec', `${name}-0`, '-n', ns, '-c', 'openclaw', '--', ...readGatewayTokenCommand(configFile)];
  return [
    `Generated by each pod on first start: 32 random bytes in gateway.auth.token of ${configFile}`,
    'on its state volume (mode 0600). No Secret is needed and none is in these manifests.',
    `Read:   ${read.map((w) => (/^[A-Za-z0-9_./:=@-]+$/.test(w) ? w : shellQuote(w))).join(' ')}`,
    persisted
      ? 'Each replica has its own token (replace -0 by -<i>); it is kept across restarts.'
      : 'Persistence is off: each new pod generates a new token, so read it again after every restart.',
    'To use a Secret instead, set gateway.tokenSecret (or existingSecret) and create it.',
  ];
}

/** replicaCount > 1: each replica is its own gateway; how to reach replica i alone. */
function replicaNotes(sts: any, objects: any[], ns: string, localPort: number, port: number): string[] {
  const name: string = sts.metadata.name;
  const first = objects.find((o) => o.kind === 'Service' && sameNamespace(o, ns) && o.spec?.selector?.[POD_NAME_LABEL] === `${name}-0`);
  const lines = [`Each of the ${sts.spec.replicas} replicas is its own gateway, with its own state${generatesToken(sts) ? ' and its own token' : ''}; a shared Service or ingress sends a client to any of them.`];
  if (!first) return [...lines, `Replica <i> alone: kubectl port-forward pod/${name}-<i> ${localPort}:${port} -n ${ns}`];
  const base = String(first.metadata.name).replace(/-0$/, '');
  const servicePort = (first.spec.ports ?? [])[0]?.port ?? port;
  return [
    ...lines,
    `Replica <i> alone: Service ${base}-<i> (http://${base}-<i>.${ns}.svc:${servicePort}/ in the cluster),`,
    `  from your machine: kubectl port-forward svc/${base}-<i> ${localPort}:${servicePort} -n ${ns}`,
  ];
}

function generatesToken(sts: any): boolean {
  return (sts.spec.template.spec.initContainers ?? []).some((c: any) => c.name === 'gateway-token');
}

/** The backup container's schedule and claim, if it runs. */
function backupNotes(sts: any, ns: string): string[] {
  const backup = (sts.spec.template.spec.containers ?? []).find((c: any) => c.name === 'backup');
  if (!backup) return [];
  const [, , , , outDir, first, interval, keep] = backup.command ?? [];
  const mount = (backup.volumeMounts ?? []).find((v: any) => v.mountPath === outDir);
  const claim = (sts.spec.volumeClaimTemplates ?? []).find((t: any) => t.metadata?.name === mount?.name);
  const name: string = sts.metadata.name;
  const where = mount?.subPath
    ? `directory ${mount.subPath}/ of the state claim ${mount.name}-${name}-<i> (turning backups on or off changes only the pod template)`
    : `claim ${mount?.name}-${name}-<i> (${claim?.spec?.resources?.requests?.storage ?? '?'})`;
  return [
    `Container backup writes a verified archive ${first} s after the pod starts, then every ${Number(interval) / 3600} h,`,
    `into ${outDir}, on ${where}; it keeps the newest ${keep}.`,
    `List:   kubectl exec ${name}-0 -n ${ns} -c backup -- ls -l ${outDir}`,
    `Log:    kubectl logs ${name}-0 -n ${ns} -c backup   (a failed backup says "backup FAILED" and deletes nothing)`,
    'Archives hold credentials: copy them off the node like Secrets. Restore: see the README, "Backups and restore".',
  ];
}

function stateNotes(sts: any, container: any): string[] {
  const claim = (sts.spec.volumeClaimTemplates ?? []).find((t: any) => t.metadata?.name !== 'backups');
  const mounts: any[] = container.volumeMounts ?? [];
  const volumeName = claim?.metadata?.name ?? 'data';
  const dataMount = mounts.find((m) => m.name === volumeName && !m.subPath);
  const stateMount = mounts.find((m) => m.name === volumeName && m.subPath === '.openclaw');
  const where = dataMount
    ? `mounted at ${dataMount.mountPath}${stateMount ? ` (OpenClaw's state: ${dataMount.mountPath}/.openclaw, also at ${stateMount.mountPath})` : ''}`
    : 'mounted in the gateway container';
  if (!claim) {
    return [
      `Not persisted: the data volume is an emptyDir ${where}.`,
      'Everything the gateway stores is lost when a pod is deleted or moved (persistence.enabled is false).',
    ];
  }
  const spec = claim.spec ?? {};
  const size = spec.resources?.requests?.storage ?? '?';
  const storageClass = spec.storageClassName ? `StorageClass ${spec.storageClassName}` : 'the default StorageClass';
  const retention = sts.spec.persistentVolumeClaimRetentionPolicy ?? {};
  const lines = [
    `Each replica has its own PersistentVolumeClaim ${volumeName}-${sts.metadata.name}-<i> `
      + `(${size}, ${(spec.accessModes ?? []).join(', ')}, ${storageClass}),`,
    `${where}.`,
  ];
  const deleted = retention.whenDeleted ?? 'Retain';
  const scaled = retention.whenScaled ?? 'Retain';
  if (deleted === 'Retain' && scaled === 'Retain') {
    lines.push('The claims are kept when the StatefulSet is deleted or scaled down: delete them yourself to erase the data.');
  } else {
    lines.push(`Claim retention: whenDeleted ${deleted}, whenScaled ${scaled} (Delete removes the data with the pods).`);
  }
  // The API server refuses any change to claim templates: say so before a user tries.
  lines.push('Size, StorageClass and access mode are fixed once the StatefulSet exists: to change them, see docs/day-two.md.');
  return lines;
}

/** URLs of the Ingresses and HTTPRoutes that send traffic to the gateway's Service. */
function externalUrls(objects: any[], service: any, ns: string): string[] {
  const urls: string[] = [];
  const serviceName = service.metadata.name;
  for (const ing of objects.filter((o) => o.kind === 'Ingress' && sameNamespace(o, ns))) {
    const tls: any[] = ing.spec?.tls ?? [];
    for (const rule of ing.spec?.rules ?? []) {
      for (const p of rule.http?.paths ?? []) {
        if (p.backend?.service?.name !== serviceName) continue;
        const host = rule.host ?? '<ingress address>';
        const secure = tls.some((t) => !t.hosts?.length || t.hosts.includes(rule.host));
        urls.push(`${secure ? 'https' : 'http'}://${host}${p.path ?? '/'}   (Ingress ${ing.metadata.name}${secure ? ', TLS' : ''})`);
      }
    }
  }
  for (const route of objects.filter((o) => o.kind === 'HTTPRoute' && sameNamespace(o, ns))) {
    const rules: any[] = route.spec?.rules ?? [];
    const paths = rules
      .filter((r) => (r.backendRefs ?? []).some((b: any) => b.name === serviceName))
      .flatMap((r) => (r.matches ?? [{}]).map((m: any) => m.path?.value ?? '/'));
    if (!paths.length) continue;
    const gateways = (route.spec?.parentRefs ?? []).map((p: any) => p.name).join(', ');
    const hosts: string[] = route.spec?.hostnames?.length ? route.spec.hostnames : [`<a host of Gateway ${gateways}>`];
    for (const host of hosts) {
      for (const path of paths) {
        urls.push(`https://${host}${path}   (HTTPRoute ${route.metadata.name} on Gateway ${gateways}; http:// if that listener has no TLS)`);
      }
    }
  }
  return urls;
}

function isManifest(o: unknown): o is { kind: string; metadata?: any } {
  return typeof o === 'object' && o !== null && typeof (o as any).kind === 'string';
}

function isGatewayStatefulSet(o: any): boolean {
  return o.kind === 'StatefulSet' && (o.spec?.template?.spec?.containers ?? []).some((c: any) => c.name === 'openclaw');
}

function mainContainer(sts: any): any {
  return sts.spec.template.spec.containers.find((c: any) => c.name === 'openclaw');
}

function gatewayPort(container: any): number {
  const ports: any[] = container.ports ?? [];
  return (ports.find((p) => p.name === 'http') ?? ports[0])?.containerPort ?? DEFAULT_LOCAL_PORT;
}

/** What the notes say for objects written without a namespace (`--no-namespace`): the reader's to fill in. */
const NO_NAMESPACE = '<namespace>';

function sameNamespace(o: any, ns: string): boolean {
  return (o.metadata?.namespace ?? NO_NAMESPACE) === ns;
}

function selects(selector: Record<string, string> | undefined, labels: Record<string, string> | undefined): boolean {
  if (!selector || !labels || !Object.keys(selector).length) return false;
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}
