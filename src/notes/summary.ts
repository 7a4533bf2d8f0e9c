/**
 * A short human summary of what was rendered, like a Helm chart's NOTES.txt: the objects, how to
 * reach the gateway, where its token comes from, and where its state lives.
 *
 * One way through: model -> facts (facts.ts) -> text (here). The facts of each gateway come from the
 * Model of the OpenClaw construct that made it, so the summary never parses a builder's output back
 * (a command's positions, the env's order). From the manifests it reads what another chart of the same
 * App may add: the list of objects, the Secrets among them, the routes to the gateway's Service.
 * A StatefulSet without a model (renderNotes of a bare list of manifests) gets the short summary
 * of manifest-facts.ts. The notes import from src/build/ only the shared helpers that
 * test/notes/notes-from-model.test.ts allows.
 */

import { heapNotes, pairingNotes, pausedNotes, trustedProxyNotes, upgradeNotes } from './operations';
import { createSecretCommand } from './secrets';
import { readGatewayTokenCommand } from '../build/shell/gateway-token';
import { shellQuote } from '../build/shell/shell-quote';
import { forPeople } from '../core/text-safety';
import { PATHS } from '../core/pod-layout';
import type { Model } from '../model/model';
import { BackupFacts, GatewayDetails, GatewayFacts, TokenFacts, modelFacts } from './facts';
import { DEFAULT_LOCAL_PORT, GATEWAY_CONTAINER, isGatewayStatefulSet, manifestFacts } from './manifest-facts';
import { NO_NAMESPACE, namespaceOf } from './routes';
import { NotesSource, manifestsOf, modelsOf } from './source';

export { DEFAULT_LOCAL_PORT } from './manifest-facts';
export type { AppLike, ChartLike, NotesSource } from './source';

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
 * Renders the notes: plain text, lines of at most about 100 characters, ending with a newline.
 * Meant for people (the CLI prints it to stderr so that stdout stays pure YAML); do not parse it.
 *
 * Give it the OpenClawChart, or the App (or your Chart) that holds OpenClaw constructs: each gateway
 * is then described from the settings it was made from. A bare list of manifests carries no such
 * settings: for it the notes list the objects and say how to reach each gateway, nothing more.
 */
export function renderNotes(source: NotesSource, opts: NotesOptions = {}): string {
  return notesOf(manifestsOf(source), modelsOf(source), opts);
}

/**
 * @internal The notes of `objects`, each gateway StatefulSet among them described from its model
 * in `models` (matched by name and namespace; written without a namespace, it matches by name).
 */
export function notesOf(manifests: readonly unknown[], models: readonly Model[], opts: NotesOptions = {}): string {
  const objects = manifests.filter(isManifest);
  const localPort = opts.localPort ?? DEFAULT_LOCAL_PORT;
  const lines: string[] = [];
  lines.push(opts.title ?? `OpenClaw: rendered ${objects.length} object${objects.length === 1 ? '' : 's'}`);
  lines.push(...summarize(objects).map((l) => `  ${l}`));

  const unused = new Set(models);
  const gateways: GatewayFacts[] = [];
  for (const o of objects.filter((x) => x.kind === 'StatefulSet')) {
    const ns = namespaceOf(o);
    const model = [...unused].find((m) => m.names.statefulSet === o.metadata?.name && (ns === NO_NAMESPACE || ns === m.namespace));
    if (model) unused.delete(model);
    if (model) gateways.push(modelFacts(model, ns, objects));
    else if (isGatewayStatefulSet(o)) gateways.push(manifestFacts(o, objects));
  }
  if (gateways.length === 0) {
    lines.push('', 'No OpenClaw gateway StatefulSet among these objects.');
  }
  for (const g of gateways) {
    lines.push('', ...gatewayNotes(g, localPort, gateways.length > 1));
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

function gatewayNotes(g: GatewayFacts, localPort: number, several: boolean): string[] {
  const { name, namespace: ns, replicas, service, urls, details: d } = g;
  const nsFlag = `-n ${ns}`;
  const indent = (ls: string[]) => ls.map((l) => `  ${l}`);
  const lines: string[] = [];

  const where = ns === NO_NAMESPACE ? 'the namespace it is applied to (written without one: -n below is yours to fill in)' : `namespace ${ns}`;
  lines.push(`Gateway ${name} in ${where}: ${replicas} replica${replicas === 1 ? '' : 's'}, image ${g.image}`);
  if (several) lines.push(`  (one of several gateways in this output)`);
  if (replicas === 0) lines.push(...indent(pausedNotes(name, ns)));
  if (d) lines.push(...indent(heapNotes(d.heapCapMiB, d.memoryLimit)));

  // Reach it.
  lines.push('', 'Reach the gateway:');
  lines.push(...indent([...urls]));
  if (urls.length) {
    const via = urls.some((u) => u.includes('(Ingress ')) ? 'Ingress' : 'HTTPRoute';
    lines.push(...indent(trustedProxyNotes(via, d?.trustedProxies)));
  }
  if (service) {
    lines.push(`  ${urls.length ? 'or, from your machine' : 'From your machine'}: kubectl port-forward svc/${service.name} ${localPort}:${service.port} ${nsFlag}`);
    lines.push(`  then open http://127.0.0.1:${localPort}/ and sign in with the gateway token.`);
    if (service.type === 'LoadBalancer' || service.type === 'NodePort') {
      lines.push(`  Service type ${service.type}: kubectl get svc ${service.name} ${nsFlag} shows its address.`);
    }
  } else {
    lines.push(`  kubectl port-forward pod/${name}-0 ${localPort}:${g.port} ${nsFlag}`);
  }
  if (d && replicas > 1) lines.push(...indent(replicaNotes(g, d, localPort)));

  if (d) lines.push('', 'Gateway token:', ...indent(tokenNotes(d.token, name, ns)));
  lines.push('', 'Pair a browser:', ...indent(pairingNotes(name, ns)));
  if (!d) {
    lines.push('', 'Token, state, backups and upgrades: these manifests alone do not say; renderNotes of the',
      'OpenClawChart or App that made them does, and so does openclaw-cdk8s synth.');
    return lines;
  }
  lines.push('', 'State:', ...indent(stateNotes(g, d)));
  if (d.backup) lines.push('', 'Backups:', ...indent(backupNotes(d.backup, name, ns)));
  if (d.migrateConfig) lines.push('', 'Upgrades:', ...indent(upgradeNotes(name, ns)));
  return lines;
}

function tokenNotes(t: TokenFacts, sts: string, ns: string): string[] {
  const read = (secret: string, key: string) => `Read:   kubectl get secret ${secret} -n ${ns} -o jsonpath='{.data.${key}}' | base64 -d`;
  const inOutput = 'That Secret is part of this output (secret.data: for development only; prefer existingSecret).';
  switch (t.source) {
    case 'generated': {
      const argv = ['kubectl', 'exec', `${sts}-0`, '-n', ns, '-c', GATEWAY_CONTAINER, '--', ...readGatewayTokenCommand(t.configFile)];
      return [
        `Generated by each pod on first start: 32 random bytes in gateway.auth.token of ${t.configFile}`,
        'on its state volume (mode 0600). No Secret is needed and none is in these manifests.',
        `Read:   ${argv.map((w) => (/^[A-Za-z0-9_./:=@-]+$/.test(w) ? w : shellQuote(w))).join(' ')}`,
        t.persisted
          ? 'Each replica has its own token (replace -0 by -<i>); it is kept across restarts.'
          : 'Persistence is off: each new pod generates a new token, so read it again after every restart.',
        'To use a Secret instead, set gateway.tokenSecret (or existingSecret) and create it.',
      ];
    }
    case 'secret-key':
      return [
        `The gateway reads ${t.env} from Secret ${t.secret}, key ${t.key}.`,
        ...(t.inOutput ? [inOutput] : [
          'It is not part of this output: the pods wait until it exists.',
          `Check:  kubectl get secret ${t.secret} -n ${ns}`,
          ...createSecretCommand(t.secret, ns, t.key, t.required),
        ]),
        read(t.secret, t.key),
      ];
    case 'plain':
      return [`${t.env} is a plain env value: anyone who can read the StatefulSet can read it. Prefer existingSecret.`];
    case 'env-from':
      return [`The gateway reads ${t.key} from Secret ${t.secret} (loaded whole with envFrom).`, inOutput, read(t.secret, t.key)];
    case 'env-from-external':
      return [
        `The gateway expects OPENCLAW_GATEWAY_TOKEN (or OPENCLAW_GATEWAY_PASSWORD) in Secret${t.secrets.length > 1 ? 's' : ''} `
          + `${t.secrets.join(', ')} (loaded whole with envFrom).`,
        ...t.secrets.map((s) => `Check:  kubectl get secret ${s} -n ${ns} -o jsonpath='{.data}'`),
      ];
    case 'none':
      return ['None configured: the gateway refuses to listen on the pod network without a token or password.'];
  }
}

/** replicaCount > 1: each replica is its own gateway; how to reach replica i alone. */
function replicaNotes(g: GatewayFacts, d: GatewayDetails, localPort: number): string[] {
  const ns = g.namespace;
  const lines = [`Each of the ${g.replicas} replicas is its own gateway, with its own state${d.token.source === 'generated' ? ' and its own token' : ''}; a shared Service or ingress sends a client to any of them.`];
  if (!d.replicaServiceBase) return [...lines, `Replica <i> alone: kubectl port-forward pod/${g.name}-<i> ${localPort}:${g.port} -n ${ns}`];
  const base = d.replicaServiceBase;
  return [
    ...lines,
    `Replica <i> alone: Service ${base}-<i> (http://${base}-<i>.${ns}.svc:${g.port}/ in the cluster),`,
    `  from your machine: kubectl port-forward svc/${base}-<i> ${localPort}:${g.port} -n ${ns}`,
  ];
}

/** The backup container's schedule and claim. */
function backupNotes(b: BackupFacts, name: string, ns: string): string[] {
  const where = b.subPath
    ? `directory ${b.subPath}/ of the state claim ${b.claim}-${name}-<i> (turning backups on or off changes only the pod template)`
    : `claim ${b.claim}-${name}-<i> (${b.size})`;
  return [
    `Container backup writes a verified archive ${b.firstDelaySeconds} s after the pod starts, then every ${b.intervalSeconds / 3600} h,`,
    `into ${b.dir}, on ${where}; it keeps the newest ${b.keep}.`,
    `List:   kubectl exec ${name}-0 -n ${ns} -c backup -- ls -l ${b.dir}`,
    `Log:    kubectl logs ${name}-0 -n ${ns} -c backup   (a failed backup says "backup FAILED" and deletes nothing)`,
    'Archives hold credentials: copy them off the node like Secrets. Restore: see the README, "Backups and restore".',
  ];
}

function stateNotes(g: GatewayFacts, d: GatewayDetails): string[] {
  const where = `mounted at ${d.dataDir} (OpenClaw's state: ${d.dataDir}/.openclaw, also at ${PATHS.stateDir})`;
  const claim = d.claim;
  if (!claim) {
    return [
      `Not persisted: the data volume is an emptyDir ${where}.`,
      'Everything the gateway stores is lost when a pod is deleted or moved (persistence.enabled is false).',
    ];
  }
  const storageClass = claim.storageClass ? `StorageClass ${claim.storageClass}` : 'the default StorageClass';
  const lines = [
    `Each replica has its own PersistentVolumeClaim ${claim.name}-${g.name}-<i> `
      + `(${claim.size}, ${claim.accessModes.join(', ')}, ${storageClass}),`,
    `${where}.`,
  ];
  if (claim.whenDeleted === 'Retain' && claim.whenScaled === 'Retain') {
    lines.push('The claims are kept when the StatefulSet is deleted or scaled down: delete them yourself to erase the data.');
  } else {
    lines.push(`Claim retention: whenDeleted ${claim.whenDeleted}, whenScaled ${claim.whenScaled} (Delete removes the data with the pods).`);
  }
  // The API server refuses any change to claim templates: say so before a user tries.
  lines.push('Size, StorageClass and access mode are fixed once the StatefulSet exists: to change them, see docs/day-two.md.');
  return lines;
}

function isManifest(o: unknown): o is { kind: string; metadata?: any } {
  return typeof o === 'object' && o !== null && typeof (o as any).kind === 'string';
}
