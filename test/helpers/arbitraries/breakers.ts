/**
 * `invalidCase`: a valid case with exactly one rule broken, naming the values path the error must
 * report (BREAKERS: one per rule).
 */
import * as fc from 'fast-check';
import type { OpenClawChartProps } from '../../../src';
import {
  ALNUM, CHART_ENV, ChartCase, DIGIT, RESERVED_VOLUMES, chars, compact, dnsLabel, envName, hostName, opt, plainEnvName, port, portName, secretEnvName,
} from './primitives';
import {
  CHANNEL_NAMES, validCase,
} from './valid';

// ---------------------------------------------------------------------------------------------
// Invalid inputs
// ---------------------------------------------------------------------------------------------

/** A valid case broken in exactly one way, and the values path the error must name. */
export interface InvalidCase extends ChartCase {
  readonly rule: string;
  readonly expectedPath: string;
  /** A secret value that must never appear in the error message. */
  readonly secretValue?: string;
}

/** A patch merged over the valid props (loosely typed: it holds the wrong types on purpose). */
export type Patch = Record<string, any>;
export type Breaker = (c: ChartCase) => fc.Arbitrary<{ rule: string; path: string; patch: Patch; secretValue?: string; release?: string }>;

/** The paths where the chart mounts volumes itself (src/core/pod-layout.ts PATHS, the prepare-state seed mount). */
export const CHART_MOUNT_PATHS = ['/home/node/.openclaw', '/home/node/.config', '/tmp', '/home/node/.cache', '/home/node/.local', '/home/node/.npm',
  '/usr/local/lib/node_modules', '/etc/openclaw/managed', '/etc/openclaw/config', '/etc/openclaw/replica-env', '/seed/node_modules'];

export const gatewayPortOf = (c: ChartCase) => c.props.service?.port ?? 18789;
export const replicasOf = (c: ChartCase) => c.props.replicaCount ?? 1;

/** One breaker per rule of src/check.ts; each returns a patch merged over the valid props. */
export const BREAKERS: Record<string, Breaker> = {
  'port out of range': (c) => fc.oneof(fc.integer({ max: 0 }), fc.integer({ min: 65536 }), fc.constantFrom(0.5, 8080.5, NaN, Infinity, -1))
    .map((p) => ({ rule: 'port', path: 'service.port', patch: { service: { ...c.props.service, port: p, targetPort: undefined } } })),
  'replicaCount below 0 or not an integer': () => fc.oneof(fc.integer({ max: -1 }), fc.constantFrom(1.5, NaN, -0.5))
    .map((n) => ({ rule: 'replicas', path: 'replicaCount', patch: { replicaCount: n, replicaOverrides: undefined } })),
  'replica override index out of range': (c) => fc.integer({ min: replicasOf(c), max: replicasOf(c) + 100 })
    .map((i) => ({ rule: 'override index', path: `replicaOverrides.${i}`, patch: { replicaOverrides: { [String(i)]: { env: { ROLE: 'x' } } } } })),
  'replica override index not an integer': () => fc.constantFrom('-1', '1.5', 'one', '01', ' 0', '0x1')
    .map((k) => ({ rule: 'override key', path: `replicaOverrides.${k}`, patch: { replicaOverrides: { [k]: { env: { ROLE: 'x' } } } } })),
  'negative probe timing': () => fc.tuple(
    fc.constantFrom('livenessProbe', 'readinessProbe', 'startupProbe'),
    fc.constantFrom('periodSeconds', 'timeoutSeconds', 'failureThreshold', 'initialDelaySeconds'),
    fc.oneof(fc.integer({ min: -1000, max: -1 }), fc.constant(0.5)),
  ).map(([probeName, key, v]) => ({ rule: 'probe timing', path: `${probeName}.${key}`, patch: { [probeName]: { [key]: v } } })),
  'bad quantity': () => fc.constantFrom('ten', '10 Gi', '10GB', '1,5Gi', '', '-')
    .map((size) => ({ rule: 'size', path: 'persistence.size', patch: { persistence: { size } } })),
  'bad pull policy': () => fc.constantFrom('always', 'Sometimes', '', 'IfNotPresent ')
    .map((p) => ({ rule: 'pull policy', path: 'image.pullPolicy', patch: { image: { pullPolicy: p as never } } })),
  'bad ingress host': () => fc.tuple(hostName, fc.constantFrom('upper', 'scheme', 'port', 'path', 'space'))
    .map(([h, how]) => {
      const host = how === 'upper' ? `Open${h}` : how === 'scheme' ? `https://${h}` : how === 'port' ? `${h}:443` : how === 'path' ? `${h}/x` : ` ${h}`;
      return { rule: 'ingress host', path: 'ingress.hosts[0].host', patch: { ingress: { enabled: true, hosts: [{ host }] } } };
    }),
  'TLS host not among the hosts': () => fc.tuple(hostName, hostName).filter(([a, b]) => a !== b)
    .map(([a, b]) => ({ rule: 'tls host', path: 'ingress.tls[0].hosts[0]', patch: { ingress: { enabled: true, hosts: [{ host: a }], tls: [{ hosts: [b] }] } } })),
  'secret-looking plain env': () => fc.tuple(secretEnvName, chars(ALNUM, 8, 24))
    .map(([n, v]) => ({ rule: 'plain secret', path: `env.${n}`, patch: { allowPlainSecretEnv: false, env: { [n]: `sk-ant-${v}` } }, secretValue: `sk-ant-${v}` })),
  'secret-looking plain extraEnv': () => secretEnvName
    .map((n) => ({ rule: 'plain secret extraEnv', path: 'extraEnv[0].value', patch: { allowPlainSecretEnv: false, extraEnv: [{ name: n, value: 'hunter2-s3cr3t-value' }] }, secretValue: 'hunter2-s3cr3t-value' })),
  'existingSecret keys without name': () => envName
    .map((n) => ({ rule: 'existing secret', path: 'existingSecret.name', patch: { existingSecret: { keys: { [n]: 'key' } } } })),
  'unknown RBAC verb': () => fc.constantFrom('read', 'GET', 'write', 'all', '')
    .map((verb) => ({ rule: 'verb', path: 'rbac.rules[0].verbs[0]', patch: { rbac: { rules: [{ apiGroups: [''], resources: ['pods'], verbs: [verb] }] } } })),
  'release name too long': () => dnsLabel(54, 80)
    .map((r) => ({ rule: 'release length', path: 'releaseName', patch: { releaseName: r, fullnameOverride: undefined } })),
  'release name not a DNS label': () => fc.constantFrom('My-Release', 'release_1', '-release', 'release-', 'rel.ease', '')
    .map((r) => ({ rule: 'release label', path: 'releaseName', patch: { releaseName: r, fullnameOverride: undefined, nameOverride: undefined } })),
  'OnDelete with rollingUpdate': () => fc.integer({ min: 0, max: 3 })
    .map((partition) => ({ rule: 'on delete', path: 'updateStrategy.rollingUpdate', patch: { updateStrategy: { type: 'OnDelete', rollingUpdate: { partition } } } })),
  'env.PORT differs from the port': (c) => port.filter((p) => p !== gatewayPortOf(c))
    .map((p) => ({ rule: 'env port', path: 'env.PORT', patch: { env: { PORT: String(p) } } })),
  'targetPort differs from the port': (c) => port.filter((p) => p !== gatewayPortOf(c))
    .map((p) => ({ rule: 'target port', path: 'service.targetPort', patch: { service: { ...c.props.service, targetPort: p } } })),
  'probe port differs from the gateway port': (c) => fc.tuple(
    fc.constantFrom('livenessProbe', 'readinessProbe', 'startupProbe'), fc.constantFrom('tcpSocket', 'httpGet'),
    fc.oneof(port.filter((p) => p !== gatewayPortOf(c)), fc.constantFrom('gateway', 'https')),
  ).map(([probeName, kind, p]) => ({ rule: 'probe port', path: `${probeName}.${kind}.port`, patch: { [probeName]: { [kind]: { port: p } } } })),
  'bad trustedProxies entry': () => fc.constantFrom('10.0.0.0/33', '256.1.1.1', 'localhost', '10.0.0.0/8/8', '', '10.0.0', 'fd00::/129')
    .map((p) => ({ rule: 'trusted proxy', path: 'gateway.trustedProxies[0]', patch: { gateway: { trustedProxies: [p] } } })),
  'bad allowedOrigins entry': () => fc.constantFrom('example.com', 'https://example.com/', 'ftp://example.com', 'https://', 'https://a b')
    .map((o) => ({ rule: 'origin', path: 'gateway.controlUi.allowedOrigins[0]', patch: { gateway: { controlUi: { allowedOrigins: [o] } } } })),
  'channel with a token': () => fc.tuple(fc.constantFrom(...CHANNEL_NAMES), fc.constantFrom('botToken', 'token', 'appSecret', 'password', 'apiKey'))
    .map(([ch, key]) => ({ rule: 'channel token', path: `gateway.channels.${ch}.${key}`, patch: { gateway: { channels: { [ch]: { enabled: true, [key]: '123456:ABC-s3cr3t' } } } }, secretValue: '123456:ABC-s3cr3t' })),
  'httpRoute without parentRefs': () => fc.constantFrom(undefined, [])
    .map((parentRefs) => ({ rule: 'parent refs', path: 'httpRoute.parentRefs', patch: { httpRoute: compact({ enabled: true, parentRefs }) } })),
  'mount of an unknown volume': () => dnsLabel(1, 20).filter((n) => !RESERVED_VOLUMES.includes(n))
    .map((n) => ({ rule: 'unknown volume', path: 'extraVolumeMounts[0].name', patch: { extraVolumes: undefined, extraVolumeMounts: [{ name: n, mountPath: '/mnt/x' }] } })),
  'reserved volume name': () => fc.constantFrom(...RESERVED_VOLUMES)
    .map((n) => ({ rule: 'reserved volume', path: 'extraVolumes[0].name', patch: { extraVolumes: [{ name: n, emptyDir: {} }], extraVolumeMounts: undefined } })),
  'bad DATA_DIR': () => fc.constantFrom('data', './data', '/', '/data/', '', 'C:\\data')
    .map((d) => ({ rule: 'data dir', path: 'env.DATA_DIR', patch: { env: { DATA_DIR: d } } })),
  'duplicate env name': () => plainEnvName
    .map((n) => ({ rule: 'duplicate env', path: 'extraEnv[0].name', patch: { env: { [n]: 'a' }, extraEnv: [{ name: n, value: 'b' }], existingSecret: undefined } })),
  'env overriding a chart env var': () => fc.constantFrom(...CHART_ENV)
    .map((n) => ({ rule: 'chart env', path: `env.${n}`, patch: { env: { [n]: '1' } } })),
  'invalid namespace': () => fc.constantFrom('Default', 'my_ns', 'a'.repeat(64), '-ns')
    .map((ns) => ({ rule: 'namespace', path: 'namespace', patch: { namespace: ns } })),
  'invalid podLabels value': () => fc.constantFrom('has space', 'a'.repeat(64), '-x', 'x-', 'ü')
    .map((v) => ({ rule: 'pod label', path: 'podLabels.team', patch: { podLabels: { team: v } } })),
  'successThreshold other than 1 on liveness': () => fc.integer({ min: 2, max: 10 })
    .map((n) => ({ rule: 'success threshold', path: 'livenessProbe.successThreshold', patch: { livenessProbe: { successThreshold: n } } })),
  'bad agentModel': () => fc.constantFrom('claude-sonnet-4-6', '/model', 'provider/', 'a b/c')
    .map((m) => ({ rule: 'agent model', path: 'agentModel', patch: { agentModel: m } })),
  'bad storageClass': () => fc.constantFrom('Fast_SSD', 'fast ssd', '-gp3', `${'a'.repeat(250)}.com`)
    .map((s) => ({ rule: 'storage class', path: 'persistence.storageClass', patch: { persistence: { storageClass: s } } })),
  'full name starting with a digit (Service names are DNS-1035)': () => fc.tuple(fc.constantFrom(...DIGIT), dnsLabel(1, 40))
    .map(([d, r]) => ({ rule: 'digit start', path: 'releaseName', patch: { releaseName: `${d}${r}`, fullnameOverride: undefined, nameOverride: undefined } })),
  'fullnameOverride starting with a digit': () => fc.tuple(fc.constantFrom(...DIGIT), opt(dnsLabel(1, 40)))
    .map(([d, f]) => ({ rule: 'digit start full', path: 'fullnameOverride', patch: { fullnameOverride: `${d}${f ?? ''}` } })),
  'nameOverride longer than 63': () => dnsLabel(64, 90)
    .map((n) => ({ rule: 'name override length', path: 'nameOverride', patch: { fullnameOverride: 'openclaw', nameOverride: n } })),
  'construct id that is not a release name': () => fc.oneof(fc.constantFrom('OpenClaw', 'my_chart', 'chart.v1'), dnsLabel(54, 70, true))
    .map((id) => ({ rule: 'construct id', path: 'releaseName', patch: { releaseName: undefined, fullnameOverride: undefined, nameOverride: undefined }, release: id })),
  'DATA_DIR on a path the chart mounts': () => fc.constantFrom(...CHART_MOUNT_PATHS, '/app')
    .map((d) => ({ rule: 'data dir reserved', path: 'env.DATA_DIR', patch: { env: { DATA_DIR: d } } })),
  'mount of a chart volume the pod does not have': () => fc.constantFrom('gateway-config', 'replica-env')
    .map((n) => ({ rule: 'absent chart volume', path: 'extraVolumeMounts[0].name', patch: { extraVolumeMounts: [{ name: n, mountPath: '/mnt/x' }] } })),
  'mount path the chart already uses': () => fc.constantFrom('/tmp', '/home/node/.cache', '/home/node/.openclaw', '/usr/local/lib/node_modules')
    .map((m) => ({ rule: 'mount path clash', path: 'extraVolumeMounts[0].mountPath', patch: { extraVolumes: [{ name: 'extra', emptyDir: {} }], extraVolumeMounts: [{ name: 'extra', mountPath: m }] } })),
  'two extra volumes with one name': () => dnsLabel(1, 20).filter((n) => !RESERVED_VOLUMES.includes(n))
    .map((n) => ({ rule: 'duplicate volume', path: 'extraVolumes[1].name', patch: { extraVolumes: [{ name: n, emptyDir: {} }, { name: n, emptyDir: {} }], extraVolumeMounts: undefined } })),
  'ingress host that is an IP address': () => fc.ipV4()
    .map((ip) => ({ rule: 'ip host', path: 'ingress.hosts[0].host', patch: { ingress: { enabled: true, hosts: [{ host: ip }] } } })),
  'ingress path the API server rejects': () => fc.constantFrom('/a//b', '/a/../b', '/./x', '/x/..', '/a%2Fb')
    .map((path) => ({ rule: 'ingress path', path: 'ingress.hosts[0].paths[0].path', patch: { ingress: { enabled: true, hosts: [{ host: 'openclaw.example.com', paths: [{ path, pathType: 'Prefix' }] }] } } })),
  'command --port other than the gateway port': (c) => port.filter((p) => p !== gatewayPortOf(c))
    .map((p) => ({ rule: 'command port', path: 'command[4]', patch: { command: ['node', 'dist/index.js', 'gateway', '--port', String(p)] } })),
  'extraArgs --port= other than the gateway port': (c) => port.filter((p) => p !== gatewayPortOf(c))
    .map((p) => ({ rule: 'args port', path: 'extraArgs[0]', patch: { extraArgs: [`--port=${p}`] } })),
  'int32 overflow': () => fc.tuple(fc.constantFrom('replicaCount', 'livenessProbe.periodSeconds', 'readinessProbe.initialDelaySeconds'), fc.integer({ min: 2 ** 31, max: 2 ** 40 }))
    .map(([path, n]) => ({ rule: 'int32', path, patch: path === 'replicaCount' ? { replicaCount: n, replicaOverrides: undefined } : { [path.split('.')[0]]: { [path.split('.')[1]]: n } } })),
  'NUL in a replica env value': () => plainEnvName
    .map((n) => ({ rule: 'nul', path: `replicaOverrides.0.env.${n}`, patch: { replicaOverrides: { 0: { env: { [n]: 'a\0b' } } } } })),
  'bad tokenSecret name': () => fc.constantFrom('Gateway Token', 'UPPER', '-x', '')
    .map((name) => ({ rule: 'token secret', path: 'gateway.tokenSecret.name', patch: { gateway: { tokenSecret: { name } } } })),
  'bad annotation key': () => fc.tuple(fc.constantFrom('podAnnotations', 'service', 'ingress', 'persistence'), fc.constantFrom('bad key', 'a/b/c', '-x', 'Example.com/x', ''))
    .map(([where, key]) => where === 'podAnnotations'
      ? { rule: 'annotation', path: `podAnnotations.${key}`, patch: { podAnnotations: { [key]: 'v' } } }
      : { rule: 'annotation', path: `${where}.annotations.${key}`, patch: { [where]: { annotations: { [key]: 'v' } } } }),
  'a map key named constructor (cdk8s cannot render it)': () => fc.constantFrom('configMap', 'podLabels', 'nodeSelector', 'podAnnotations')
    .map((where) => where === 'configMap'
      ? { rule: 'constructor key', path: 'configMap.data.constructor', patch: { configMap: { data: { constructor: 'x' } } } }
      : { rule: 'constructor key', path: `${where}.constructor`, patch: { [where]: { constructor: 'x' } } }),
  'endPort with a named port': () => portName
    .map((name) => ({ rule: 'end port', path: 'networkPolicy.customEgressPorts[0].endPort', patch: { networkPolicy: { enabled: true, customEgressPorts: [{ port: name, endPort: 9000 }] } } })),
};

/** A random valid case broken by the breaker `rule`. */
export function invalidCaseFor(rule: string): fc.Arbitrary<InvalidCase> {
  return validCase.chain((c) => BREAKERS[rule](c).map((b): InvalidCase => ({
    ...c,
    props: compact({ ...c.props, ...b.patch }) as OpenClawChartProps,
    release: b.release ?? c.release,
    rule,
    expectedPath: b.path,
    secretValue: b.secretValue,
  })));
}

/** A random valid case, broken by one random breaker. */
export const invalidCase: fc.Arbitrary<InvalidCase> = fc.constantFrom(...Object.keys(BREAKERS)).chain(invalidCaseFor);
