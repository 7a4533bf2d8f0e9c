/**
 * Property-based proof of validity: random VALID props (test/helpers/arbitraries.ts) always give
 * manifests that are schema-valid for Kubernetes 1.28 and 1.36 AND internally consistent
 * (selectors, volumes, ports, names, env) AND pass Pod Security "restricted" (test/helpers/policy.ts);
 * random INVALID props always give an
 * OpenClawConfigError naming the broken values path, never another error.
 *
 * Runs per `npm test`: PROPERTY_RUNS valid cases (every object of each validated against both
 * versions) and INVALID_RUNS invalid ones. Set FC_SEED / FC_RUNS to reproduce or to soak.
 */
import * as fc from 'fast-check';
import { OpenClawChartProps, OpenClawConfigError, formatProblem } from '../../src';
import { formatProblems, validateManifests } from '../../src';
import { VALUES_SCHEMA } from '../../src';
import { BREAKERS, ChartCase, invalidCaseFor, SECRET_LOOKING_NAME, validCase } from '../helpers/arbitraries';
import { podSecurityViolations, podTemplates, rbacViolations, tokenViolations } from '../helpers/policy';
import { synthObjects } from '../helpers/synth';

const PROPERTY_RUNS = Number(process.env.FC_RUNS ?? 500);
const INVALID_RUNS = Number(process.env.FC_INVALID_RUNS ?? 500);
const UNDEFINED_RUNS = Number(process.env.FC_UNDEFINED_RUNS ?? 100);
const seed = process.env.FC_SEED === undefined ? {} : { seed: Number(process.env.FC_SEED) };

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

const isSubset = (sub: Record<string, string> = {}, of: Record<string, string> = {}) =>
  Object.keys(sub).length > 0 && Object.entries(sub).every(([k, v]) => of[k] === v);

function labelKeyProblem(key: string): string | undefined {
  const parts = key.split('/');
  if (parts.length > 2) return 'more than one "/"';
  const [prefix, name] = parts.length === 2 ? parts : [undefined, parts[0]];
  if (prefix !== undefined && !(DNS_SUBDOMAIN.test(prefix) && prefix.length <= 253)) return 'bad prefix';
  if (!(QUALIFIED_NAME.test(name) && name.length <= 63)) return 'bad name';
  return undefined;
}

/**
 * Parses a replica env file (`export NAME='value'` lines, values single-quoted with `'\''` for a
 * quote, newlines inside quotes) back into a map, exactly as `sh` would read it.
 */
export function parseReplicaEnvFile(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  let i = 0;
  while (i < text.length) {
    const head = /^export ([A-Za-z_][A-Za-z0-9_]*)=/.exec(text.slice(i));
    if (!head) throw new Error(`unexpected text at ${i}: ${JSON.stringify(text.slice(i, i + 40))}`);
    i += head[0].length;
    let value = '';
    while (i < text.length && text[i] !== '\n') {
      if (text[i] === "'") {
        const end = text.indexOf("'", i + 1);
        if (end < 0) throw new Error('unterminated quote');
        value += text.slice(i + 1, end);
        i = end + 1;
      } else if (text[i] === '\\') {
        value += text[i + 1];
        i += 2;
      } else {
        throw new Error(`unquoted character ${JSON.stringify(text[i])} in the value of ${head[1]}`);
      }
    }
    env[head[1]] = value;
    i += 1; // the newline
  }
  return env;
}

/** Every way the objects of one case are inconsistent; [] when all is well. */
export function chartViolations(objects: any[], c: ChartCase): string[] {
  const v: string[] = [];
  const props = c.props;
  const port = props.service?.port ?? 18789;
  const namespace = props.namespace ?? c.namespace;
  const byKind = (kind: string) => objects.filter((o) => o.kind === kind);
  const [sts, ...moreSts] = byKind('StatefulSet');
  if (!sts || moreSts.length) return ['expected exactly one StatefulSet'];
  const template = sts.spec.template;
  const podLabels: Record<string, string> = template.metadata.labels;
  const pod = template.spec;
  const main = pod.containers.find((x: any) => x.name === 'openclaw');
  if (!main) return ['no openclaw container'];
  const allContainers: any[] = [...(pod.initContainers ?? []), ...pod.containers];

  // --- names, namespaces and labels -------------------------------------------------------------
  for (const o of objects) {
    const id = `${o.kind}/${o.metadata.name}`;
    const name: string = o.metadata.name;
    if (o.kind === 'Service') {
      if (!(DNS_1035_LABEL.test(name) && name.length <= 63)) v.push(`${id}: a Service name must be a DNS-1035 label of at most 63 characters`);
    } else if (o.kind === 'StatefulSet') {
      if (!(DNS_LABEL.test(name) && name.length <= 52)) v.push(`${id}: a StatefulSet name must be a DNS label of at most 52 characters`);
    } else if (!(DNS_SUBDOMAIN.test(name) && name.length <= 253)) {
      v.push(`${id}: the name must be a DNS subdomain`);
    }
    if (o.metadata.namespace !== namespace) v.push(`${id}: namespace ${o.metadata.namespace}, expected ${namespace}`);
    const labelSets: Array<[string, Record<string, string> | undefined]> = [[`${id} metadata.labels`, o.metadata.labels]];
    if (o.kind === 'StatefulSet') {
      labelSets.push([`${id} pod template labels`, template.metadata.labels]);
      for (const t of o.spec.volumeClaimTemplates ?? []) labelSets.push([`${id} claim template labels`, t.metadata.labels]);
    }
    for (const [where, set] of labelSets) {
      for (const [k, val] of Object.entries(set ?? {})) {
        const bad = labelKeyProblem(k);
        if (bad) v.push(`${where}: label key ${JSON.stringify(k)}: ${bad}`);
        if (typeof val !== 'string' || val.length > 63 || !LABEL_VALUE.test(val)) v.push(`${where}: label ${k} has an invalid value ${JSON.stringify(val)}`);
      }
    }
    for (const [where, set] of [[`${id} annotations`, o.metadata.annotations], [`${id} pod annotations`, o.kind === 'StatefulSet' ? template.metadata.annotations : undefined]] as const) {
      for (const k of Object.keys(set ?? {})) {
        const bad = labelKeyProblem(k);
        if (bad) v.push(`${where}: annotation key ${JSON.stringify(k)}: ${bad}`);
      }
    }
  }

  // --- selectors --------------------------------------------------------------------------------
  if (!isSubset(sts.spec.selector.matchLabels, podLabels)) v.push('StatefulSet selector is not a subset of the pod template labels');
  if (sts.spec.selector.matchExpressions) v.push('StatefulSet selector uses matchExpressions');
  const services = byKind('Service');
  for (const s of services) {
    // A per-replica Service selects one pod: the template's labels plus the pod-name label the controller sets.
    const pod = s.spec.selector['statefulset.kubernetes.io/pod-name'];
    const replica = pod === undefined ? -1 : Number(String(pod).slice(sts.metadata.name.length + 1));
    if (pod !== undefined && !(String(pod).startsWith(`${sts.metadata.name}-`) && replica >= 0 && replica < sts.spec.replicas)) v.push(`Service/${s.metadata.name}: selects no replica's pod`);
    const labels = pod === undefined ? podLabels : { ...podLabels, 'statefulset.kubernetes.io/pod-name': pod };
    if (!isSubset(s.spec.selector, labels)) v.push(`Service/${s.metadata.name}: selector does not match the pod labels`);
  }
  for (const pdb of byKind('PodDisruptionBudget')) {
    if (!isSubset(pdb.spec.selector.matchLabels, podLabels)) v.push('PodDisruptionBudget selector does not match the pod labels');
  }
  for (const np of byKind('NetworkPolicy')) {
    if (!isSubset(np.spec.podSelector.matchLabels, podLabels) || np.spec.podSelector.matchExpressions) {
      v.push('NetworkPolicy podSelector does not select the pods');
    }
  }
  if (sts.spec.serviceName !== services.find((s) => s.spec.clusterIP === 'None')?.metadata.name) {
    v.push('StatefulSet serviceName is not the headless Service');
  }
  if (sts.spec.replicas !== (props.replicaCount ?? 1)) v.push(`StatefulSet replicas ${sts.spec.replicas}, expected ${props.replicaCount ?? 1}`);

  // --- volumes ----------------------------------------------------------------------------------
  const volumeNames: string[] = (pod.volumes ?? []).map((x: any) => x.name);
  const claimNames: string[] = (sts.spec.volumeClaimTemplates ?? []).map((t: any) => t.metadata.name);
  const defined = new Set([...volumeNames, ...claimNames]);
  if (defined.size !== volumeNames.length + claimNames.length) v.push(`duplicate volume names: ${[...volumeNames, ...claimNames].join(', ')}`);
  for (const name of [...volumeNames, ...claimNames]) {
    if (!(DNS_LABEL.test(name) && name.length <= 63)) v.push(`volume name ${JSON.stringify(name)} is not a DNS label`);
  }
  for (const container of allContainers) {
    const paths = new Set<string>();
    for (const m of container.volumeMounts ?? []) {
      if (!defined.has(m.name)) v.push(`container ${container.name}: volumeMount ${m.name} at ${m.mountPath} names no volume or claim template`);
      if (paths.has(m.mountPath)) v.push(`container ${container.name}: mountPath ${m.mountPath} is used twice`);
      paths.add(m.mountPath);
    }
  }
  const configMapNames = new Set(byKind('ConfigMap').map((x) => x.metadata.name));
  for (const vol of pod.volumes ?? []) {
    const internal = ['gateway-config', 'config-files', 'replica-env'].includes(vol.name);
    if (internal && !configMapNames.has(vol.configMap?.name)) v.push(`volume ${vol.name} refers to ConfigMap ${vol.configMap?.name}, which the chart does not create`);
  }
  for (const t of sts.spec.volumeClaimTemplates ?? []) {
    const size = props.persistence?.size ?? '10Gi';
    if (t.spec.resources.requests.storage !== size) v.push(`claim size ${t.spec.resources.requests.storage}, expected ${size}`);
  }
  if ((props.persistence?.enabled ?? true) !== claimNames.includes('data')) v.push('persistence.enabled does not decide the data claim template');

  // --- ports ------------------------------------------------------------------------------------
  const portNames = new Map<string, number>((main.ports ?? []).map((p: any) => [p.name, p.containerPort]));
  if (portNames.get('http') !== port) v.push(`containerPort http is ${portNames.get('http')}, expected the gateway port ${port}`);
  for (const probeName of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
    const probe = main[probeName];
    if (!probe) continue;
    const p = probe.httpGet?.port ?? probe.tcpSocket?.port;
    if (typeof p === 'string' ? portNames.get(p) !== port : p !== port) v.push(`${probeName} checks port ${p}, not the gateway port ${port}`);
  }
  for (const container of pod.initContainers ?? []) {
    for (const probeName of ['livenessProbe', 'readinessProbe', 'startupProbe']) if (container[probeName]) v.push(`init container ${container.name} has a ${probeName}`);
  }
  for (const s of services) {
    for (const sp of s.spec.ports) {
      if (sp.port !== port) v.push(`Service/${s.metadata.name} port ${sp.port}, expected ${port}`);
      const target = typeof sp.targetPort === 'string' ? portNames.get(sp.targetPort) : sp.targetPort ?? sp.port;
      if (target !== port) v.push(`Service/${s.metadata.name} targetPort ${sp.targetPort} does not name the container port ${port}`);
    }
  }
  const argv: string[] = [...(main.command ?? []), ...(main.args ?? [])];
  argv.forEach((arg, i) => {
    if (arg === '--port' && argv[i + 1] !== String(port)) v.push(`gateway --port ${argv[i + 1]}, expected ${port}`);
    if (arg.startsWith('--port=') && arg !== `--port=${port}`) v.push(`gateway ${arg}, expected --port=${port}`);
  });
  if (!props.command && !argv.includes('--port')) v.push('the default command has no --port');
  const env = new Map<string, any>((main.env ?? []).map((e: any) => [e.name, e]));
  if (env.get('OPENCLAW_GATEWAY_PORT')?.value !== String(port)) v.push(`OPENCLAW_GATEWAY_PORT is ${env.get('OPENCLAW_GATEWAY_PORT')?.value}, expected ${port}`);
  if (env.get('PORT')?.value !== String(port)) v.push(`PORT is ${env.get('PORT')?.value}, expected ${port}`);
  const service = services.find((s) => s.spec.clusterIP !== 'None');
  for (const ing of byKind('Ingress')) {
    for (const rule of ing.spec.rules) {
      for (const path of rule.http.paths) {
        const b = path.backend.service;
        if (b.name !== service?.metadata.name || b.port.number !== service?.spec.ports[0].port) v.push(`Ingress backend ${b.name}:${b.port.number} is not the Service ${service?.metadata.name}:${port}`);
      }
    }
    const hosts = new Set(ing.spec.rules.map((r: any) => r.host));
    for (const t of ing.spec.tls ?? []) for (const h of t.hosts ?? []) if (!hosts.has(h)) v.push(`Ingress TLS host ${h} is not a rule host`);
  }
  for (const route of byKind('HTTPRoute')) {
    for (const rule of route.spec.rules) {
      for (const b of rule.backendRefs) {
        if (b.name !== service?.metadata.name || b.port !== service?.spec.ports[0].port) v.push(`HTTPRoute backend ${b.name}:${b.port} is not the Service ${service?.metadata.name}:${port}`);
      }
    }
  }
  for (const np of byKind('NetworkPolicy')) {
    // The chart's own ingress rules come first, the user's (networkPolicy.ingress) last.
    const own = (np.spec.ingress ?? []).slice(0, (np.spec.ingress ?? []).length - (props.networkPolicy?.ingress ?? []).length);
    for (const rule of own) {
      if (!rule.ports?.length || rule.ports.some((p: any) => p.port !== port)) v.push(`NetworkPolicy gateway rule ports ${JSON.stringify(rule.ports)}, expected ${port}`);
    }
  }

  // --- env --------------------------------------------------------------------------------------
  for (const container of allContainers) {
    const seen = new Set<string>();
    for (const e of container.env ?? []) {
      if (seen.has(e.name)) v.push(`container ${container.name}: env var ${e.name} is defined twice`);
      seen.add(e.name);
      if (!ENV_NAME.test(e.name)) v.push(`container ${container.name}: env var name ${JSON.stringify(e.name)} is invalid`);
      if ('value' in e && SECRET_LOOKING_NAME.test(e.name) && !props.allowPlainSecretEnv) {
        v.push(`container ${container.name}: ${e.name} looks like a secret but is a plain value`);
      }
    }
  }
  const replicaEnv = byKind('ConfigMap').find((x) => Object.keys(x.data ?? {}).some((k) => /^replica-\d+\.env$/.test(k)));
  const expectedReplicaEnv = Object.entries(props.replicaOverrides ?? {}).filter(([, o]) => o.env && Object.keys(o.env).length);
  if (!!replicaEnv !== expectedReplicaEnv.length > 0) v.push('replica env ConfigMap present iff some replica has overrides: not so');
  for (const [index, o] of expectedReplicaEnv) {
    const file = replicaEnv?.data?.[`replica-${index}.env`];
    if (file === undefined) { v.push(`replica ${index}: no env file`); continue; }
    let parsed: Record<string, string> = {};
    try { parsed = parseReplicaEnvFile(file); } catch (e) { v.push(`replica ${index}: env file does not parse: ${(e as Error).message}`); }
    if (JSON.stringify(parsed) !== JSON.stringify(o.env)) v.push(`replica ${index}: env file reads back as ${JSON.stringify(parsed)}, expected ${JSON.stringify(o.env)}`);
    for (const name of Object.keys(parsed)) {
      if (SECRET_LOOKING_NAME.test(name) && !props.allowPlainSecretEnv) v.push(`replica ${index}: ${name} looks like a secret but is in a ConfigMap`);
    }
  }
  if (replicaEnv && !main.command?.includes('openclaw-replica-env')) v.push('per-replica env without the replica wrapper command');

  // --- secrets, access --------------------------------------------------------------------------
  for (const secret of byKind('Secret')) {
    for (const [k, b64] of Object.entries<string>(secret.data ?? {})) {
      if (Buffer.from(b64, 'base64').toString('utf8') !== props.secret?.data?.[k]) v.push(`Secret key ${k} does not decode to the given value`);
    }
  }
  const secretNames = new Set(byKind('Secret').map((x) => x.metadata.name));
  for (const ef of main.envFrom ?? []) {
    const ref = ef.secretRef?.name;
    if (ref && !secretNames.has(ref) && !(props.envFromSecret ?? []).some((x) => x.secretRef.name === ref)) v.push(`envFrom refers to Secret ${ref}, which nobody provides`);
  }
  const sa = byKind('ServiceAccount')[0];
  if (sa && pod.serviceAccountName !== sa.metadata.name) v.push('the pod does not use the chart ServiceAccount');
  const role = byKind('Role')[0];
  const binding = byKind('RoleBinding')[0];
  if (pod.automountServiceAccountToken !== !!role) v.push(`automountServiceAccountToken ${pod.automountServiceAccountToken} but Role ${role ? 'present' : 'absent'}`);
  if (sa && sa.automountServiceAccountToken !== !!role) v.push('ServiceAccount automount disagrees with the Role');
  if (!!role !== !!binding) v.push('Role without RoleBinding or the reverse');
  if (binding && (binding.roleRef.name !== role.metadata.name || binding.subjects[0].name !== pod.serviceAccountName || binding.subjects[0].namespace !== namespace)) {
    v.push('RoleBinding does not bind the Role to the pod ServiceAccount');
  }
  return v;
}

/** How often each feature showed up: proves the generator covers the combinations. */
const coverage = new Map<string, number>();
const seen = (feature: string, when: unknown) => { if (when) coverage.set(feature, (coverage.get(feature) ?? 0) + 1); };
/** Every top-level prop key seen in a generated case (a new prop without a generator shows up here). */
const propKeysSeen = new Set<string>();
let objectsValidated = 0;
let casesRun = 0;
let invalidRuns = 0;

function recordCoverage(c: ChartCase, objects: any[]): void {
  const p = c.props;
  for (const k of Object.keys(p)) propKeysSeen.add(k);
  const tag = p.image?.tag ?? '2026.9.6';
  seen('persistence off', p.persistence?.enabled === false);
  seen('storage class', p.persistence?.storageClass);
  seen('storage size', p.persistence?.size);
  seen('replicas > 1', (p.replicaCount ?? 1) > 1);
  seen('replica overrides', Object.keys(p.replicaOverrides ?? {}).length);
  seen('ingress on', p.ingress?.enabled);
  seen('ingress nginx', p.ingress?.enabled && p.ingress.className === 'nginx');
  seen('ingress other class', p.ingress?.enabled && p.ingress.className && p.ingress.className !== 'nginx');
  seen('ingress tls', p.ingress?.enabled && p.ingress.tls?.length);
  seen('httpRoute on', p.httpRoute?.enabled);
  seen('network policy on', p.networkPolicy?.enabled);
  seen('network policy custom rules', p.networkPolicy?.enabled && (p.networkPolicy.ingress?.length || p.networkPolicy.egress?.length));
  seen('custom egress ports', p.networkPolicy?.enabled && p.networkPolicy.customEgressPorts?.length);
  seen('same namespace + kube-system', p.networkPolicy?.enabled && p.networkPolicy.allowSameNamespace && p.networkPolicy.allowKubeSystem);
  seen('existingSecret keys', Object.keys(p.existingSecret?.keys ?? {}).length);
  seen('envFromSecret', p.envFromSecret?.length);
  seen('secret.data', p.secret?.enabled && Object.keys(p.secret.data ?? {}).length);
  seen('no secret source', !Object.keys(p.existingSecret?.keys ?? {}).length && !p.envFromSecret?.length && !(p.secret?.enabled && Object.keys(p.secret.data ?? {}).length));
  seen('probe disabled', [p.livenessProbe, p.readinessProbe, p.startupProbe].some((x) => x?.enabled === false));
  seen('tcp probe', [p.livenessProbe, p.readinessProbe, p.startupProbe].some((x) => x?.tcpSocket));
  seen('http probe', [p.livenessProbe, p.readinessProbe, p.startupProbe].some((x) => x?.httpGet));
  seen('custom port', p.service?.port !== undefined && p.service.port !== 18789);
  seen('old image', /^v?2026\.[1-7]\./.test(tag) && !tag.startsWith('2026.7.22'));
  seen('latest image', tag === 'latest');
  seen('allowInsecureAuth true', p.gateway?.controlUi?.allowInsecureAuth === true);
  seen('extraEnv valueFrom', p.extraEnv?.some((e) => e.valueFrom));
  seen('extraEnv plain', p.extraEnv?.some((e) => e.value !== undefined));
  seen('plain secret env (opt-in)', p.allowPlainSecretEnv && Object.keys(p.env ?? {}).some((k) => SECRET_LOOKING_NAME.test(k)));
  seen('extra volumes + mounts', p.extraVolumes?.length && p.extraVolumeMounts?.length);
  seen('pod labels', Object.keys(p.podLabels ?? {}).length);
  seen('pod annotations', Object.keys(p.podAnnotations ?? {}).length);
  seen('node selector', Object.keys(p.nodeSelector ?? {}).length);
  seen('tolerations', p.tolerations?.length);
  seen('affinity', Object.keys(p.affinity ?? {}).length);
  seen('rbac rules', p.rbac?.rules?.length && p.rbac.create !== false);
  seen('OnDelete', p.updateStrategy?.type === 'OnDelete');
  seen('RollingUpdate partition', p.updateStrategy?.rollingUpdate?.partition !== undefined);
  seen('Parallel', p.podManagementPolicy === 'Parallel');
  seen('node_modules read-only', p.nodeModulesWritable === false);
  seen('channels', Object.keys(p.gateway?.channels ?? {}).length);
  seen('agentModel', p.agentModel);
  seen('fullnameOverride', p.fullnameOverride);
  seen('nameOverride', p.nameOverride);
  seen('release from construct id', p.releaseName === undefined);
  seen('full name of 45+ characters', objects.find((o) => o.kind === 'StatefulSet').metadata.name.length >= 45);
  seen('custom DATA_DIR', p.env?.DATA_DIR && p.env.DATA_DIR !== '/data');
  seen('PDB', objects.some((o) => o.kind === 'PodDisruptionBudget'));
}

describe('random valid props', () => {
  afterAll(() => {
    // One line for the report: how much was proven in this run.
    process.stdout.write(`chart.property: ${casesRun} valid cases, ${objectsValidated} objects validated x 2 Kubernetes versions\n`);
  });

  test(`${PROPERTY_RUNS} random valid inputs give schema-valid (1.28 + 1.36), consistent manifests`, () => {
    fc.assert(fc.property(validCase, (c) => {
      const objects = synthObjects(c.props, { release: c.release, namespace: c.namespace });
      const problems = validateManifests(objects, ['1.28', '1.36']);
      if (problems.length) throw new Error(`schema problems:\n${formatProblems(problems)}`);
      // Security holds for every combination too: Pod Security "restricted" for every container,
      // the token mounted exactly when RBAC grants something, no Role on secrets or "*".
      const violations = [
        ...chartViolations(objects, c),
        ...podTemplates(objects).flatMap((pod) => [...podSecurityViolations(pod), ...tokenViolations(pod, objects)]),
        ...rbacViolations(objects),
      ];
      if (violations.length) throw new Error(`inconsistent manifests:\n${violations.join('\n')}`);
      objectsValidated += objects.length;
      casesRun += 1;
      recordCoverage(c, objects);
    }), { numRuns: PROPERTY_RUNS, ...seed });
  });

  test('the generator covered every feature and combination it is meant to', () => {
    const expected = ['persistence off', 'storage class', 'storage size', 'replicas > 1', 'replica overrides', 'ingress on',
      'ingress nginx', 'ingress other class', 'ingress tls', 'httpRoute on', 'network policy on', 'network policy custom rules',
      'custom egress ports', 'same namespace + kube-system', 'existingSecret keys', 'envFromSecret', 'secret.data', 'no secret source',
      'probe disabled', 'tcp probe', 'http probe', 'custom port', 'old image', 'latest image', 'allowInsecureAuth true',
      'extraEnv valueFrom', 'extraEnv plain', 'plain secret env (opt-in)', 'extra volumes + mounts', 'pod labels', 'pod annotations',
      'node selector', 'tolerations', 'affinity', 'rbac rules', 'OnDelete', 'RollingUpdate partition', 'Parallel',
      'node_modules read-only', 'channels', 'agentModel', 'fullnameOverride', 'nameOverride', 'release from construct id',
      'full name of 45+ characters', 'custom DATA_DIR', 'PDB'];
    if (casesRun < 200) return; // a run with FC_RUNS small proves nothing about coverage
    expect(expected.filter((f) => !coverage.get(f))).toEqual([]);
  });

  test('the generator sets every prop of OpenClawChartProps (the values schema is generated from them)', () => {
    if (casesRun < 200) return;
    const props = [...Object.keys((VALUES_SCHEMA as any).properties).filter((k) => k !== 'global'), 'releaseName', 'namespace'];
    expect(props.filter((k) => !propKeysSeen.has(k))).toEqual([]);
  });
});

/** Keys set to undefined on every object of the props, to prove `{ key: undefined }` means "the default". */
const MAYBE_KEYS = ['enabled', 'tag', 'repository', 'pullPolicy', 'port', 'targetPort', 'type', 'size', 'storageClass', 'accessMode',
  'annotations', 'retentionPolicy', 'allowDNS', 'allowSameNamespace', 'allowKubeSystem', 'policyTypes', 'ingress', 'egress', 'hosts',
  'className', 'tls', 'paths', 'path', 'pathType', 'limits', 'requests', 'periodSeconds', 'timeoutSeconds', 'initialDelaySeconds',
  'failureThreshold', 'successThreshold', 'allowPrivilegeEscalation', 'runAsNonRoot', 'runAsUser', 'capabilities', 'seccompProfile',
  'readOnlyRootFilesystem', 'fsGroup', 'DATA_DIR', 'CLAUDE_MODEL', 'PORT', 'create', 'name', 'rules', 'partition', 'rollingUpdate',
  'maxUnavailable', 'minAvailable', 'initImage', 'controlUi', 'allowInsecureAuth', 'allowedOrigins', 'trustedProxies', 'channels',
  'tokenSecret', 'data', 'keys', 'env', 'secretName', 'parentRefs', 'hostnames'];
const TOP_LEVEL_KEYS = ['releaseName', 'nameOverride', 'fullnameOverride', 'image', 'imagePullSecrets', 'serviceAccount',
  'podSecurityContext', 'securityContext', 'replicaCount', 'replicaOverrides', 'service', 'ingress', 'httpRoute', 'persistence', 'env',
  'allowPlainSecretEnv', 'extraEnv', 'agentModel', 'gateway', 'envFromConfigMap', 'envFromSecret', 'existingSecret', 'configMap',
  'secret', 'extraVolumes', 'extraVolumeMounts', 'command', 'extraArgs', 'resources', 'livenessProbe', 'readinessProbe', 'startupProbe',
  'podAnnotations', 'podLabels', 'nodeSelector', 'tolerations', 'affinity', 'rbac', 'networkPolicy', 'updateStrategy',
  'podManagementPolicy', 'podDisruptionBudget', 'nodeModulesWritable'];

/** The first JSON path where two values differ, with both values (short), or undefined. */
function firstDifference(a: unknown, b: unknown, at = ''): string | undefined {
  if (JSON.stringify(a) === JSON.stringify(b)) return undefined;
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const d = firstDifference((a as any)[k], (b as any)[k], `${at}/${k}`);
      if (d) return d;
    }
  }
  return `${at || '/'}: ${JSON.stringify(a)?.slice(0, 120)} instead of ${JSON.stringify(b)?.slice(0, 120)}`;
}

function withExplicitUndefined(value: unknown, keys: string[] = TOP_LEVEL_KEYS): unknown {
  if (Array.isArray(value)) return value.map((v) => withExplicitUndefined(v, MAYBE_KEYS));
  if (value === null || typeof value !== 'object') return value;
  // The given keys first, in their order (the order of a user's map is part of the output).
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = withExplicitUndefined(v, MAYBE_KEYS);
  for (const k of keys) if (!(k in out)) out[k] = undefined;
  return out;
}

describe('explicit undefined', () => {
  test(`${UNDEFINED_RUNS} random valid inputs: a key set to undefined is the same as an absent key`, () => {
    fc.assert(fc.property(validCase, (c) => {
      const opts = { release: c.release, namespace: c.namespace };
      const difference = firstDifference(synthObjects(withExplicitUndefined(c.props) as OpenClawChartProps, opts), synthObjects(c.props, opts));
      if (difference) throw new Error(`undefined keys changed the output at ${difference}`);
    }), { numRuns: UNDEFINED_RUNS, ...seed });
  });
});

describe('random invalid props: each rule, on random valid cases, gives OpenClawConfigError naming the broken path', () => {
  const rules = Object.keys(BREAKERS);
  const runsPerRule = Math.max(1, Math.ceil(INVALID_RUNS / rules.length));

  test.each(rules)('%s', (rule) => {
    fc.assert(fc.property(invalidCaseFor(rule), (c) => {
      let error: unknown;
      try {
        synthObjects(c.props, { release: c.release, namespace: c.namespace });
      } catch (e) {
        error = e;
      }
      if (!(error instanceof OpenClawConfigError)) {
        throw new Error(`expected OpenClawConfigError at ${c.expectedPath}, got ${error === undefined ? 'no error' : String((error as Error).stack ?? error)}`);
      }
      const paths = error.problems.map((p) => p.path);
      if (!paths.includes(c.expectedPath)) throw new Error(`expected a problem at ${c.expectedPath}, got:\n${error.message}`);
      // The message is the formatted problems, one per line.
      expect(error.message.split('\n').slice(1)).toEqual(error.problems.map((p) => `  - ${formatProblem(p)}`));
      // Thrown by the chart's own checks, before cdk8s builds anything.
      const firstFrame = (error.stack ?? '').split('\n').find((l) => l.trim().startsWith('at ')) ?? '';
      expect(firstFrame).toMatch(/src[\\/]core[\\/]errors\.ts/);
      expect(error.stack).not.toMatch(/node_modules[\\/](cdk8s|constructs)[\\/]/);
      if (c.secretValue) expect(error.message).not.toContain(c.secretValue);
      invalidRuns += 1;
    }), { numRuns: runsPerRule, ...seed });
  });

  afterAll(() => {
    process.stdout.write(`chart.property: ${invalidRuns} invalid cases over ${rules.length} rules, all OpenClawConfigError\n`);
  });
});
