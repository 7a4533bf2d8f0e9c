/**
 * fast-check arbitraries for OpenClawChart props.
 *
 * `validCase` generates RANDOM VALID props: every prop of OpenClawChartProps, in random
 * combinations, with the cross-field rules of src/check.ts respected (one gateway port everywhere,
 * override indices below replicaCount, TLS hosts among the ingress hosts, mounts naming existing
 * volumes, unique env names, secret-looking names only from Secrets unless allowPlainSecretEnv,
 * allowInsecureAuth only on images before 2026.7.22, ...). Values are hostile where the chart must
 * carry them verbatim (env values: quotes, `$(...)`, backticks, newlines, unicode).
 *
 * `invalidCase` takes a valid case and breaks exactly one rule, naming the values path the error
 * must report.
 */
import * as fc from 'fast-check';
import type {
  ChannelConfig, ExtraEnvVar, IngressHost, IngressTls, NetworkPolicyPortProps, NetworkPolicyRule,
  OpenClawChartProps, ProbeProps, VolumeJson,
} from '../../src';
import { VOLUMES } from '../../src';

/** One generated input: the props plus how the test synthesizes them (construct id, namespace). */
export interface ChartCase {
  readonly props: OpenClawChartProps;
  /** The construct id (the release name when props.releaseName is absent). */
  readonly release: string;
  readonly namespace: string;
}

const LOWER = [...'abcdefghijklmnopqrstuvwxyz'];
const UPPER = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'];
const DIGIT = [...'0123456789'];
const ALNUM = [...LOWER, ...DIGIT];

/** The image tags by what they mean to the chart (see src/versions.ts). */
export const OLD_TAGS = ['2026.1.15', '2026.2.1', '2026.2.26-slim', 'v2026.3.1', '2026.7.21', '2026.7.21-beta.2'];
export const NEW_TAGS = ['2026.7.22', '2026.8.1', '2026.9.6', 'v2026.10.2-beta.1', '2027.1.1'];
export const FLOATING_TAGS = ['latest', 'main', 'nightly'];

/** Env var names that src/check.ts treats as secrets (`*_API_KEY`, `*_TOKEN`, `*_PASSWORD`, `*SECRET*`). */
export const SECRET_LOOKING_NAME = /(^|_)(API_KEY|TOKEN|PASSWORD)$|SECRET/i;
/** Env vars the chart sets itself, and the keys of the chart's default `env`. */
export const CHART_ENV = ['STATEFULSET_REPLICA_INDEX', 'POD_NAME', 'OPENCLAW_GATEWAY_PORT', 'OPENCLAW_STATE_DIR'];
export const DEFAULT_ENV_KEYS = ['CLAUDE_MODEL', 'PORT', 'HOST', 'LOG_LEVEL', 'DATA_DIR', 'MEMORY_ENABLED'];
/** The chart's own volume names (src/layout.ts VOLUMES). */
export const RESERVED_VOLUMES: string[] = Object.values(VOLUMES);

// ---------------------------------------------------------------------------------------------
// Building blocks
// ---------------------------------------------------------------------------------------------

/**
 * fc.record that never makes null-prototype objects: props come from code or JSON.parse, never
 * from Object.create(null) (which cdk8s cannot serialize).
 */
const rec: typeof fc.record = ((model: any, constraints?: any) => fc.record(model, { ...constraints, noNullPrototype: true })) as any;

/** Optional: the key is absent (undefined) a sixth of the time (fast-check's default). */
function opt<T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> {
  return fc.option(arb, { nil: undefined });
}

/** Drops keys whose value is undefined, so a generated object reads like a values file. */
export function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

function chars(pool: string[], min: number, max: number): fc.Arbitrary<string> {
  return fc.string({ unit: fc.constantFrom(...pool), minLength: min, maxLength: max });
}

/**
 * A DNS-1123 label of a length uniformly drawn in [min, max] (so long names are as likely as
 * short ones). `letterStart`: also a DNS-1035 label (starts with a letter).
 */
export function dnsLabel(min = 1, max = 63, letterStart = false): fc.Arbitrary<string> {
  const first = letterStart ? LOWER : ALNUM;
  return fc.integer({ min, max }).chain((len) => {
    if (len === 1) return fc.constantFrom(...first);
    return fc.tuple(fc.constantFrom(...first), chars([...ALNUM, '-'], len - 2, len - 2), fc.constantFrom(...ALNUM))
      .map(([a, middle, z]) => a + middle + z);
  });
}

/** A DNS-1123 subdomain of 1 to 4 labels. */
export function dnsSubdomain(maxLabels = 3, maxLabelLength = 12): fc.Arbitrary<string> {
  return fc.array(dnsLabel(1, maxLabelLength), { minLength: 1, maxLength: maxLabels }).map((l) => l.join('.'));
}

/** A host name as an Ingress accepts it: a DNS subdomain with a letter TLD, maybe a `*.` wildcard. */
export const hostName: fc.Arbitrary<string> = fc.tuple(
  fc.boolean(), fc.array(dnsLabel(1, 20), { minLength: 0, maxLength: 3 }), dnsLabel(2, 6, true),
).map(([wild, labels, tld]) => `${wild ? '*.' : ''}${[...labels, tld].join('.')}`)
  .filter((h) => h.length <= 253);

/** An env var name (upper case and digits, as people write them). */
export const envName: fc.Arbitrary<string> = fc.tuple(
  fc.constantFrom(...UPPER, '_'), chars([...UPPER, ...DIGIT, '_'], 0, 20),
).map(([a, rest]) => a + rest);

/** A plain env var name: neither the chart's, nor a default key, nor secret-looking. */
export const plainEnvName: fc.Arbitrary<string> = envName.filter(
  (n) => !SECRET_LOOKING_NAME.test(n) && !CHART_ENV.includes(n) && !DEFAULT_ENV_KEYS.includes(n),
);

/** A name src/check.ts considers a secret. */
export const secretEnvName: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('ANTHROPIC_API_KEY', 'OPENAI_API_KEY', 'OPENCLAW_GATEWAY_TOKEN', 'OPENCLAW_GATEWAY_PASSWORD',
    'TELEGRAM_BOT_TOKEN', 'DB_PASSWORD', 'CLIENT_SECRET', 'MY_SECRET_SAUCE', 'api_key'),
  fc.tuple(chars([...UPPER, '_'], 1, 8), fc.constantFrom('_API_KEY', '_TOKEN', '_PASSWORD', '_SECRET', 'SECRET_X'))
    .map(([a, b]) => a + b),
).filter((n) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(n) && !CHART_ENV.includes(n));

/** Strings that break naive quoting: shell metacharacters, quotes, newlines, unicode. No NUL. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '', ' ', "'", '"', "'\\''", '$(id)', '`id`', '${HOME}', '$HOME', 'a\nb', '\n', '\\', '\\n', '; rm -rf / #',
    '#!/bin/sh', '*', '?', '~', '!', 'true', 'null', '018789', '0x10', 'key: value', '- item', '{"a":1}', 'é', '🦀',
    'e\u0301', '\t\r', 'export A=B', "exec sh -c 'id'",
  ),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'grapheme-ascii', maxLength: 60 }),
).filter((s) => !s.includes('\0'));

/** A label name: optional DNS prefix, then 1 to 63 characters. */
export const labelKey: fc.Arbitrary<string> = fc.tuple(
  opt(dnsSubdomain(3, 10)),
  fc.integer({ min: 1, max: 63 }).chain((len) => len === 1
    ? fc.constantFrom(...ALNUM, ...UPPER)
    : fc.tuple(fc.constantFrom(...ALNUM, ...UPPER), chars([...ALNUM, ...UPPER, '-', '_', '.'], len - 2, len - 2), fc.constantFrom(...ALNUM))
      .map(([a, m, z]) => a + m + z)),
).map(([prefix, name]) => (prefix ? `${prefix}/${name}` : name))
  // cdk8s cannot render a map with a key named "constructor"; the chart refuses it (see BREAKERS).
  .filter((k) => k !== 'constructor');

/** A label value: empty, or 1 to 63 characters starting and ending alphanumeric. */
export const labelValue: fc.Arbitrary<string> = fc.oneof(
  fc.constant(''),
  fc.integer({ min: 1, max: 63 }).chain((len) => len === 1
    ? fc.constantFrom(...ALNUM, ...UPPER)
    : fc.tuple(fc.constantFrom(...ALNUM), chars([...ALNUM, ...UPPER, '-', '_', '.'], len - 2, len - 2), fc.constantFrom(...ALNUM, ...UPPER))
      .map(([a, m, z]) => a + m + z)),
);

const dictOpts = { noNullPrototype: true } as const;

export const labels = (maxKeys = 4) => fc.dictionary(labelKey, labelValue, { maxKeys, ...dictOpts });

/** Annotations: qualified-name keys, any string values. */
export const annotations = (maxKeys = 3) => fc.dictionary(
  fc.oneof(labelKey, fc.constantFrom('cert-manager.io/cluster-issuer', 'nginx.ingress.kubernetes.io/proxy-body-size',
    'prometheus.io/scrape', 'backup.velero.io/backup-volumes', 'eks.amazonaws.com/role-arn')),
  hostileString, { maxKeys, ...dictOpts },
);

/** An absolute path of simple segments (no `.`/`..`, no `//`), never just `/` unless allowed. */
export const absPath = (minSegments = 1, maxSegments = 4) => fc.array(chars([...ALNUM, '-', '_'], 1, 10), { minLength: minSegments, maxLength: maxSegments })
  .map((s) => `/${s.join('/')}`);

/** An IANA service name (a named port): at most 15 chars, lower case, a letter, no `--`. */
export const portName: fc.Arbitrary<string> = fc.tuple(fc.constantFrom(...LOWER), chars([...ALNUM], 0, 13))
  .map(([a, b]) => a + b);

export const port: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ min: 1, max: 65535 }),
  fc.constantFrom(1, 80, 443, 1024, 8080, 18789, 65535),
);

const quantityCpu = fc.oneof(fc.constantFrom('100m', '250m', '500m', '1', '2', '1.5', '2000m', '0.1'), fc.integer({ min: 1, max: 8 }));
const quantityMemory = fc.oneof(fc.constantFrom('64Mi', '128Mi', '512Mi', '1Gi', '4Gi', '1G', '500M', '1e9'), fc.constant(1073741824));

// ---------------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------------

/**
 * releaseName / nameOverride / fullnameOverride / the construct id, in every combination whose
 * full name fits the 52 characters of a StatefulSet name and starts with a letter (it is also
 * the Service name, a DNS-1035 label): short releases, long releases that already contain the
 * chart name (Helm then does not append it), nameOverride, fullnameOverride up to 52 with any
 * release up to 53 (even starting with a digit) and any nameOverride up to 63, and a release
 * given as the construct id.
 */
export const nameProps: fc.Arbitrary<{ props: Partial<OpenClawChartProps>; release: string }> = fc.oneof(
  // `<release>-openclaw`: release up to 43 characters.
  dnsLabel(1, 43, true).map((r) => ({ props: { releaseName: r }, release: 'my-openclaw' })),
  // A release that contains `openclaw` is used as the full name as is: up to 52 characters.
  fc.tuple(opt(dnsLabel(1, 43, true)), opt(dnsLabel(1, 43))).map(([before, after]) => {
    let r = before ? `${before}-openclaw` : 'openclaw';
    if (after && r.length + 1 + after.length <= 52) r += `-${after}`;
    return { props: { releaseName: r }, release: 'other' };
  }),
  // nameOverride: `<release>-<name>` up to 52.
  dnsLabel(1, 50).chain((n) => dnsLabel(1, Math.max(1, 51 - n.length), true).map((r) => ({ props: { releaseName: r, nameOverride: n }, release: 'x' }))),
  // fullnameOverride (up to 52) wins over any release (up to 53) and nameOverride.
  fc.tuple(dnsLabel(1, 52, true), dnsLabel(1, 53), opt(dnsLabel(1, 63))).map(([f, r, n]) => ({
    props: compact({ fullnameOverride: f, releaseName: r, nameOverride: n }), release: 'ignored',
  })),
  // No releaseName: the construct id is the release.
  dnsLabel(1, 43, true).map((r) => ({ props: {}, release: r })),
);

// ---------------------------------------------------------------------------------------------
// Env, secrets, replicas
// ---------------------------------------------------------------------------------------------

interface EnvPlan {
  allowPlainSecretEnv?: boolean;
  env?: Record<string, string>;
  extraEnv?: ExtraEnvVar[];
  existingSecret?: { name?: string; keys?: Record<string, string> };
  envFromSecret?: Array<{ secretRef: { name: string; optional?: boolean }; prefix?: string }>;
  envFromConfigMap?: Array<{ configMapRef: { name: string; optional?: boolean }; prefix?: string }>;
  secret?: { enabled?: boolean; data?: Record<string, string> };
}

const secretKey = chars([...ALNUM, ...UPPER, '-', '_', '.'], 1, 20).filter((k) => k !== '.' && k !== '..');

const valueFrom = fc.oneof(
  rec({ secretKeyRef: rec({ name: dnsSubdomain(2, 10), key: secretKey, optional: opt(fc.boolean()) }).map(compact) }),
  rec({ configMapKeyRef: rec({ name: dnsSubdomain(2, 10), key: secretKey }) }),
  rec({ fieldRef: rec({ fieldPath: fc.constantFrom('metadata.name', 'metadata.namespace', 'status.podIP', 'spec.nodeName') }) }),
  rec({ resourceFieldRef: rec({ containerName: fc.constant('openclaw'), resource: fc.constantFrom('limits.cpu', 'limits.memory', 'requests.memory') }) }),
);

/**
 * The env sources, with names unique across env, extraEnv and existingSecret.keys (one shuffled
 * pool), secret-looking names only from Secrets or valueFrom unless allowPlainSecretEnv.
 */
export const envPlan = (portValue: number | undefined): fc.Arbitrary<EnvPlan> => rec({
  allowPlainSecretEnv: opt(fc.boolean()),
  plainNames: fc.uniqueArray(plainEnvName, { maxLength: 10 }),
  secretNames: fc.uniqueArray(secretEnvName, { maxLength: 5 }),
  split: fc.tuple(fc.nat(), fc.nat(), fc.nat()),
  values: fc.array(hostileString, { minLength: 16, maxLength: 16 }),
  defaults: rec({
    CLAUDE_MODEL: opt(fc.oneof(fc.constantFrom('claude-3-5-sonnet-20241022', 'claude-sonnet-4-6', 'openai/gpt-5'), hostileString)),
    PORT: opt(fc.constant(String(portValue ?? 18789))),
    HOST: opt(hostileString),
    LOG_LEVEL: opt(fc.constantFrom('debug', 'info', 'warn', 'error')),
    DATA_DIR: opt(fc.oneof(fc.constantFrom('/data', '/var/lib/openclaw', '/srv/openclaw-data', '/home/node/data', '/home/node'), absPath(1, 4))),
    MEMORY_ENABLED: opt(fc.constantFrom('true', 'false')),
  }, { requiredKeys: [] }),
  valueFroms: fc.array(valueFrom, { minLength: 8, maxLength: 8 }),
  existingName: opt(dnsSubdomain(2, 12)),
  envFromSecret: opt(fc.array(rec({
    secretRef: rec({ name: dnsSubdomain(2, 12), optional: opt(fc.boolean()) }).map(compact),
    prefix: opt(fc.constantFrom('APP_', 'X_', 'OPENCLAW_')),
  }).map(compact), { maxLength: 2 })),
  envFromConfigMap: opt(fc.array(rec({
    configMapRef: rec({ name: dnsSubdomain(2, 12), optional: opt(fc.boolean()) }).map(compact),
    prefix: opt(fc.constantFrom('CFG_', 'Y_')),
  }).map(compact), { maxLength: 2 })),
  secret: opt(rec({
    enabled: opt(fc.boolean()),
    data: opt(fc.dictionary(fc.oneof(envName, secretEnvName), hostileString, { maxKeys: 4, ...dictOpts })),
  }, { requiredKeys: [] })),
}).map((g) => {
  const allow = g.allowPlainSecretEnv === true;
  // Plain names go to env / extraEnv (plain or valueFrom) / existingSecret; secret-looking names
  // go to existingSecret or extraEnv valueFrom, or (only with the opt-in) to plain env.
  const [a, b] = [g.split[0] % (g.plainNames.length + 1), g.split[1] % (g.plainNames.length + 1)].sort((x, y) => x - y);
  const envNames = g.plainNames.slice(0, a);
  const extraNames = g.plainNames.slice(a, b);
  const keyNames = g.plainNames.slice(b);
  const secretToPlain = allow ? g.split[2] % (g.secretNames.length + 1) : 0;
  const plainSecretNames = g.secretNames.slice(0, secretToPlain);
  const hiddenSecretNames = g.secretNames.slice(secretToPlain);
  let v = 0;
  const value = () => g.values[v++ % g.values.length];
  const env: Record<string, string> = compact({ ...g.defaults });
  for (const n of envNames) env[n] = value();
  const extraEnv: ExtraEnvVar[] = [];
  extraNames.forEach((n, i) => extraEnv.push(i % 2 ? { name: n, value: value() } : { name: n, valueFrom: g.valueFroms[i % 8] }));
  const keys: Record<string, string> = {};
  for (const n of keyNames) keys[n] = `${n.toLowerCase()}-key`;
  hiddenSecretNames.forEach((n, i) => {
    if (i % 2 === 0 && g.existingName) keys[n] = n;
    else extraEnv.push({ name: n, valueFrom: { secretKeyRef: { name: 'api-keys', key: n } } });
  });
  plainSecretNames.forEach((n, i) => {
    if (i % 2) env[n] = value();
    else extraEnv.push({ name: n, value: value() });
  });
  const plan: EnvPlan = compact({
    allowPlainSecretEnv: g.allowPlainSecretEnv,
    env: Object.keys(env).length || v % 2 ? env : undefined,
    extraEnv: extraEnv.length ? extraEnv : undefined,
    existingSecret: g.existingName && Object.keys(keys).length
      ? { name: g.existingName, keys }
      : g.existingName ? { name: g.existingName } : undefined,
    envFromSecret: g.envFromSecret,
    envFromConfigMap: g.envFromConfigMap,
    secret: g.secret ? compact(g.secret) : undefined,
  });
  return plan;
});

/** Per-replica overrides for random valid indices, with hostile values. */
export const replicaOverrides = (replicas: number, allowPlainSecretEnv: boolean) => fc.subarray([...Array(replicas).keys()])
  .chain((indices) => fc.tuple(...indices.map(() => rec({
    env: opt(fc.dictionary(
      allowPlainSecretEnv ? fc.oneof(plainEnvName, fc.constantFrom(...DEFAULT_ENV_KEYS.filter((k) => k !== 'PORT')), secretEnvName)
        : fc.oneof(plainEnvName, fc.constantFrom(...DEFAULT_ENV_KEYS.filter((k) => k !== 'PORT'))),
      hostileString, { maxKeys: 4, ...dictOpts })),
  }, { requiredKeys: [] }))).map((overrides) => Object.fromEntries(indices.map((i, j) => [String(i), overrides[j]]))));

// ---------------------------------------------------------------------------------------------
// Probes
// ---------------------------------------------------------------------------------------------

const probe = (kind: 'liveness' | 'readiness' | 'startup', gatewayPort: number): fc.Arbitrary<ProbeProps> => {
  const probePort = opt(fc.constantFrom<number | string>('http', gatewayPort));
  return rec({
    enabled: opt(fc.boolean()),
    check: fc.oneof(
      fc.constant({}),
      probePort.map((p) => ({ tcpSocket: compact({ port: p }) })),
      rec({ path: opt(absPath(1, 2)), port: probePort }).map((h) => ({ httpGet: compact(h) })),
    ),
    initialDelaySeconds: opt(fc.integer({ min: 0, max: 600 })),
    periodSeconds: opt(fc.integer({ min: 1, max: 120 })),
    timeoutSeconds: opt(fc.integer({ min: 1, max: 60 })),
    failureThreshold: opt(fc.integer({ min: 1, max: 100 })),
    successThreshold: opt(kind === 'readiness' ? fc.integer({ min: 1, max: 5 }) : fc.constant(1)),
  }).map(({ check, ...rest }) => compact({ ...rest, ...check }));
};

// ---------------------------------------------------------------------------------------------
// Network
// ---------------------------------------------------------------------------------------------

const ingress = rec({
  enabled: fc.boolean(),
  className: opt(fc.oneof(fc.constant('nginx'), fc.constant(''), fc.constantFrom('traefik', 'alb', 'haproxy'), dnsSubdomain(2, 10))),
  annotations: opt(annotations()),
  hosts: opt(fc.uniqueArray(hostName, { minLength: 1, maxLength: 4 })),
  pathSets: fc.array(opt(fc.array(rec({
    path: opt(fc.oneof(fc.constant('/'), absPath(1, 3))),
    pathType: opt(fc.constantFrom<'Prefix' | 'Exact' | 'ImplementationSpecific'>('Prefix', 'Exact', 'ImplementationSpecific')),
  }).map(compact), { maxLength: 3 })), { minLength: 4, maxLength: 4 }),
  tlsPicks: fc.array(rec({ secretName: opt(dnsSubdomain(2, 10)), take: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }) }), { maxLength: 3 }),
}).map((g) => {
  const hosts: IngressHost[] | undefined = g.hosts?.map((host, i) => compact({ host, paths: g.pathSets[i] }));
  const hostNames = g.hosts ?? ['openclaw.local'];
  const tls: IngressTls[] = g.tlsPicks.map((t) => compact({
    secretName: t.secretName,
    hosts: hostNames.filter((_, i) => t.take[i]).length ? hostNames.filter((_, i) => t.take[i]) : undefined,
  }));
  return compact({ enabled: g.enabled, className: g.className, annotations: g.annotations, hosts, tls: tls.length ? tls : undefined });
});

const httpRoute = rec({
  enabled: fc.boolean(),
  annotations: opt(annotations()),
  parentRefs: fc.array(rec({
    name: dnsSubdomain(2, 12),
    namespace: opt(dnsLabel(1, 63)),
    sectionName: opt(dnsLabel(1, 20)),
  }).map(compact), { minLength: 1, maxLength: 3 }),
  hostnames: opt(fc.uniqueArray(hostName, { maxLength: 3 })),
  path: opt(fc.oneof(fc.constant('/'), absPath(1, 3))),
}).map(compact);

const ipv4Cidr = fc.tuple(fc.ipV4(), opt(fc.integer({ min: 0, max: 32 }))).map(([ip, bits]) => (bits === undefined ? ip : `${ip}/${bits}`));
/** A CIDR whose address is the network address (the API server rejects host bits in ipBlock.cidr since 1.33). */
const networkCidr = fc.tuple(fc.ipV4(), fc.integer({ min: 8, max: 32 })).map(([ip, bits]) => {
  const n = ip.split('.').reduce((acc, o) => acc * 256 + Number(o), 0);
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  const net = (n & mask) >>> 0;
  return `${[24, 16, 8, 0].map((s) => (net >>> s) & 255).join('.')}/${bits}`;
});

const policyPort: fc.Arbitrary<NetworkPolicyPortProps> = fc.oneof(
  rec({ protocol: opt(fc.constantFrom<'TCP' | 'UDP' | 'SCTP'>('TCP', 'UDP', 'SCTP')), port: opt(fc.oneof(port, portName)) }).map(compact),
  fc.tuple(opt(fc.constantFrom<'TCP' | 'UDP'>('TCP', 'UDP')), fc.integer({ min: 1, max: 65000 }), fc.integer({ min: 0, max: 535 }))
    .map(([protocol, p, span]) => compact({ protocol, port: p, endPort: p + span })),
);

const labelSelector = fc.oneof(
  rec({ matchLabels: labels(2) }),
  dnsLabel(1, 30).map((ns) => ({ matchLabels: { 'kubernetes.io/metadata.name': ns } })),
  rec({ matchExpressions: fc.array(rec({
    key: labelKey, operator: fc.constantFrom('In', 'NotIn'), values: fc.array(labelValue, { minLength: 1, maxLength: 2 }),
  }), { minLength: 1, maxLength: 2 }) }),
);

const peer = fc.oneof(
  rec({ podSelector: labelSelector }),
  rec({ namespaceSelector: labelSelector }),
  rec({ podSelector: labelSelector, namespaceSelector: labelSelector }),
  rec({ ipBlock: rec({ cidr: networkCidr, except: opt(fc.constant(['10.255.0.0/16'])) }).map(compact) })
    .map((p) => (p.ipBlock.except && !p.ipBlock.cidr.startsWith('10.') ? { ipBlock: { cidr: p.ipBlock.cidr } } : p)),
);

const policyRule = (dir: 'from' | 'to'): fc.Arbitrary<NetworkPolicyRule> => rec({
  peers: opt(fc.array(peer, { minLength: 1, maxLength: 3 })),
  ports: opt(fc.array(policyPort, { minLength: 1, maxLength: 3 })),
}).map((r) => compact({ [dir]: r.peers, ports: r.ports }));

const networkPolicy = rec({
  enabled: fc.boolean(),
  policyTypes: opt(fc.uniqueArray(fc.constantFrom<'Ingress' | 'Egress'>('Ingress', 'Egress'), { minLength: 1, maxLength: 2 })),
  ingress: opt(fc.array(policyRule('from'), { maxLength: 3 })),
  egress: opt(fc.array(policyRule('to'), { maxLength: 3 })),
  allowDNS: opt(fc.boolean()),
  allowSameNamespace: opt(fc.boolean()),
  allowKubeSystem: opt(fc.boolean()),
  allowedNamespaces: opt(fc.array(labelSelector, { maxLength: 2 })),
  allowedPods: opt(fc.array(peer, { maxLength: 2 })),
  customEgressPorts: opt(fc.array(policyPort, { maxLength: 3 })),
}).map(compact);

// ---------------------------------------------------------------------------------------------
// Pod placement, volumes, access
// ---------------------------------------------------------------------------------------------

const toleration = fc.oneof(
  rec({ key: labelKey, operator: fc.constant('Exists'), effect: opt(fc.constantFrom('NoSchedule', 'PreferNoSchedule')) }).map(compact),
  rec({ key: labelKey, operator: fc.constant('Equal'), value: labelValue, effect: fc.constantFrom('NoSchedule', 'PreferNoSchedule') }),
  rec({ key: labelKey, operator: fc.constant('Exists'), effect: fc.constant('NoExecute'), tolerationSeconds: fc.integer({ min: 0, max: 86400 }) }),
);

const affinity = fc.oneof(
  fc.constant({}),
  labelKey.chain((key) => rec({
    nodeAffinity: fc.constant({
      requiredDuringSchedulingIgnoredDuringExecution: {
        nodeSelectorTerms: [{ matchExpressions: [{ key, operator: 'Exists' }] }],
      },
    }),
  })),
  rec({
    podAntiAffinity: rec({
      preferredDuringSchedulingIgnoredDuringExecution: fc.array(rec({
        weight: fc.integer({ min: 1, max: 100 }),
        podAffinityTerm: rec({ labelSelector: labelSelector, topologyKey: fc.constantFrom('kubernetes.io/hostname', 'topology.kubernetes.io/zone') }),
      }), { minLength: 1, maxLength: 2 }),
    }),
  }),
);

const volumeSource = fc.oneof(
  fc.constant({ emptyDir: {} }),
  rec({ emptyDir: rec({ medium: opt(fc.constant('Memory')), sizeLimit: opt(fc.constantFrom('64Mi', '1Gi')) }).map(compact) }),
  rec({ configMap: rec({ name: dnsSubdomain(2, 10), optional: opt(fc.boolean()), defaultMode: opt(fc.constantFrom(0o400, 0o440, 0o644)) }).map(compact) }),
  rec({ secret: rec({ secretName: dnsSubdomain(2, 10), optional: opt(fc.boolean()) }).map(compact) }),
  rec({ persistentVolumeClaim: rec({ claimName: dnsSubdomain(2, 10), readOnly: opt(fc.boolean()) }).map(compact) }),
  rec({ projected: rec({ sources: fc.array(fc.oneof(
    rec({ configMap: rec({ name: dnsSubdomain(2, 10) }) }),
    rec({ secret: rec({ name: dnsSubdomain(2, 10) }) }),
    fc.constant({ downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }] } }),
  ), { minLength: 1, maxLength: 3 }) }) }),
  fc.constant({ downwardAPI: { items: [{ path: 'annotations', fieldRef: { fieldPath: 'metadata.annotations' } }] } }),
);

/** Chart volumes that every pod has (a user may mount them elsewhere). */
const ALWAYS_PRESENT_VOLUMES = ['data', 'tmp', 'cache', 'local'];

const volumes = rec({
  names: fc.uniqueArray(dnsLabel(1, 63).filter((n) => !RESERVED_VOLUMES.includes(n)), { maxLength: 4 }),
  sources: fc.array(volumeSource, { minLength: 4, maxLength: 4 }),
  mounts: fc.array(rec({
    pick: fc.nat(),
    chartVolume: fc.boolean(),
    readOnly: opt(fc.boolean()),
    subPath: opt(chars([...ALNUM, '-', '_'], 1, 10)),
  }), { maxLength: 4 }),
}).map((g) => {
  const extraVolumes: VolumeJson[] = g.names.map((name, i) => ({ name, ...g.sources[i] }));
  const mountable = [...g.names];
  const extraVolumeMounts = g.mounts
    .map((m, i) => {
      const name = m.chartVolume || !mountable.length ? ALWAYS_PRESENT_VOLUMES[m.pick % ALWAYS_PRESENT_VOLUMES.length] : mountable[m.pick % mountable.length];
      return compact({ name, mountPath: `/mnt/extra-${i}/${name}`, readOnly: m.readOnly, subPath: m.subPath });
    });
  return compact({
    extraVolumes: extraVolumes.length ? extraVolumes : undefined,
    extraVolumeMounts: extraVolumeMounts.length ? extraVolumeMounts : undefined,
  });
});

const rbac = rec({
  create: opt(fc.boolean()),
  rules: opt(fc.array(rec({
    apiGroups: fc.constantFrom([''], ['apps'], ['', 'batch']),
    resources: fc.subarray(['pods', 'pods/log', 'configmaps', 'services', 'events', 'jobs'], { minLength: 1 }),
    verbs: fc.subarray(['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection'], { minLength: 1 }),
    resourceNames: opt(fc.array(dnsSubdomain(2, 10), { minLength: 1, maxLength: 2 })),
  }).map(compact), { maxLength: 3 })),
}, { requiredKeys: [] });

const CHANNEL_NAMES = ['telegram', 'discord', 'slack', 'whatsapp', 'signal', 'matrix'];
const channel: fc.Arbitrary<ChannelConfig> = rec({
  enabled: opt(fc.boolean()),
  allowFrom: opt(fc.array(fc.oneof(fc.constantFrom('+15551234567', '@alice', '123456789'), hostileString), { maxLength: 3 })),
  dmPolicy: opt(fc.constantFrom('pairing', 'allowlist', 'open', 'disabled')),
  groups: opt(fc.dictionary(fc.constantFrom('*', '-100123', 'general'), rec({ requireMention: fc.boolean() }), { maxKeys: 2, ...dictOpts })),
  streamMode: opt(fc.constantFrom('partial', 'block', 'off')),
}, { requiredKeys: [] });

// ---------------------------------------------------------------------------------------------
// The whole case
// ---------------------------------------------------------------------------------------------

/** Random valid props and how to synthesize them. */
export const validCase: fc.Arbitrary<ChartCase> = rec({
  names: nameProps,
  namespace: dnsLabel(1, 63),
  namespaceInProps: fc.boolean(),
  port: opt(port),
  replicaCount: opt(fc.integer({ min: 1, max: 5 })),
  tagKind: fc.constantFrom('old', 'new', 'floating', 'random', 'default'),
  tagPick: fc.nat(),
  randomTag: fc.tuple(fc.constantFrom(...ALNUM, ...UPPER, '_'), chars([...ALNUM, ...UPPER, '_', '.', '-'], 0, 127)).map(([a, b]) => a + b),
  seed: rec({
    allowInsecureAuth: opt(fc.boolean()),
    repository: opt(fc.constantFrom('ghcr.io/openclaw/openclaw', 'registry.example.com:5000/team/openclaw', 'openclaw', 'docker.io/library/openclaw-fork')),
    pullPolicy: opt(fc.constantFrom<'Always' | 'IfNotPresent' | 'Never'>('Always', 'IfNotPresent', 'Never')),
    initImage: opt(fc.constantFrom('imega/jq:1.6', 'ghcr.io/jqlang/jq:1.7.1', 'busybox-with-jq@sha256:0123456789abcdef')),
    serviceType: opt(fc.constantFrom<'ClusterIP' | 'NodePort' | 'LoadBalancer'>('ClusterIP', 'NodePort', 'LoadBalancer')),
    targetPortSame: fc.boolean(),
    portInCommand: fc.constantFrom('default', 'custom', 'customNoPort'),
    extraArgs: opt(fc.array(fc.oneof(fc.constantFrom('--verbose', '--allow-unconfigured', '--ws-log=compact'), hostileString), { maxLength: 3 })),
    serviceAnnotations: opt(annotations()),
  }, { requiredKeys: ['targetPortSame', 'portInCommand'] }),
  persistence: opt(rec({
    enabled: opt(fc.boolean()),
    storageClass: opt(fc.oneof(fc.constant(''), fc.constantFrom('fast-ssd', 'gp3', 'standard-rwo', 'longhorn.io'), dnsSubdomain(2, 10))),
    accessMode: opt(fc.constantFrom<'ReadWriteOnce' | 'ReadWriteMany' | 'ReadOnlyMany' | 'ReadWriteOncePod'>('ReadWriteOnce', 'ReadWriteMany', 'ReadOnlyMany', 'ReadWriteOncePod')),
    size: opt(fc.oneof(fc.constantFrom('10Gi', '50Gi', '1Ti', '500Mi', '100G', '1.5Gi', '1e3'), fc.integer({ min: 1, max: 999 }).map((n) => `${n}Gi`))),
    annotations: opt(annotations()),
    retentionPolicy: opt(rec({
      whenDeleted: opt(fc.constantFrom<'Retain' | 'Delete'>('Retain', 'Delete')),
      whenScaled: opt(fc.constantFrom<'Retain' | 'Delete'>('Retain', 'Delete')),
    }).map(compact)),
  }).map(compact)),
  probeSeeds: rec({ liveness: opt(fc.constant(true)), readiness: opt(fc.constant(true)), startup: opt(fc.constant(true)) }),
  ingress: opt(ingress),
  httpRoute: opt(httpRoute),
  networkPolicy: opt(networkPolicy),
  trustedProxies: opt(fc.array(fc.oneof(ipv4Cidr, fc.constantFrom('::1', 'fd00::/8', '2001:db8::/32')), { maxLength: 3 })),
  allowedOrigins: opt(fc.array(fc.tuple(fc.constantFrom('http', 'https'), hostName.filter((h) => !h.startsWith('*')), opt(port))
    .map(([s, h, p]) => `${s}://${h}${p ? `:${p}` : ''}`), { maxLength: 3 })),
  tokenSecret: opt(rec({ name: opt(dnsSubdomain(2, 12)), key: opt(secretKey) }, { requiredKeys: [] })),
  channels: opt(fc.dictionary(fc.constantFrom(...CHANNEL_NAMES), channel, { maxKeys: 3, ...dictOpts })),
  agentModel: opt(fc.tuple(dnsLabel(1, 12), chars([...ALNUM, '-', '.', '/'], 1, 30)).map(([p, m]) => `${p}/${m}`)),
  configMap: opt(rec({
    enabled: opt(fc.boolean()),
    data: opt(fc.dictionary(chars([...ALNUM, '-', '_', '.'], 1, 20).filter((k) => k !== '.' && k !== '..' && k !== 'constructor'), hostileString, { maxKeys: 3, ...dictOpts })),
  }, { requiredKeys: [] })),
  volumes,
  resources: opt(rec({
    limits: opt(rec({ cpu: quantityCpu, memory: quantityMemory, 'ephemeral-storage': opt(fc.constantFrom('1Gi', '10Gi')) }).map(compact)),
    requests: opt(rec({ cpu: quantityCpu, memory: quantityMemory }, { requiredKeys: [] })),
  }, { requiredKeys: [] })),
  podAnnotations: opt(annotations()),
  podLabels: opt(fc.oneof(labels(4), labelValue.map((v) => ({ 'app.kubernetes.io/instance': v || 'x', team: 'a' })))),
  nodeSelector: opt(labels(3)),
  tolerations: opt(fc.array(toleration, { maxLength: 3 })),
  affinity: opt(affinity),
  rbac: opt(rbac),
  serviceAccount: opt(rec({
    create: opt(fc.boolean()),
    name: opt(fc.oneof(fc.constant(''), dnsSubdomain(2, 15))),
    annotations: opt(annotations()),
  }, { requiredKeys: [] })),
  imagePullSecrets: opt(fc.array(rec({ name: dnsSubdomain(2, 12) }), { maxLength: 2 })),
  podSecurityContext: opt(rec({
    runAsUser: opt(fc.integer({ min: 1, max: 65535 })),
    runAsGroup: opt(fc.integer({ min: 1, max: 65535 })),
    fsGroup: opt(fc.integer({ min: 1, max: 65535 })),
    fsGroupChangePolicy: opt(fc.constantFrom('OnRootMismatch', 'Always')),
  }, { requiredKeys: [] })),
  securityContext: opt(rec({ readOnlyRootFilesystem: opt(fc.boolean()), runAsUser: opt(fc.integer({ min: 1000, max: 65535 })) }, { requiredKeys: [] })),
  updateStrategy: opt(fc.oneof(
    rec({
      type: opt(fc.constant<'RollingUpdate'>('RollingUpdate')),
      rollingUpdate: opt(rec({ partition: opt(fc.integer({ min: 0, max: 5 })), maxUnavailable: opt(fc.oneof(fc.integer({ min: 1, max: 3 }), fc.constantFrom('25%', '50%'))) }, { requiredKeys: [] })),
    }, { requiredKeys: [] }),
    fc.constant({ type: 'OnDelete' as const }),
  )),
  podManagementPolicy: opt(fc.constantFrom<'OrderedReady' | 'Parallel'>('OrderedReady', 'Parallel')),
  podDisruptionBudget: opt(fc.oneof(
    rec({ enabled: opt(fc.boolean()), maxUnavailable: opt(fc.oneof(fc.integer({ min: 0, max: 3 }), fc.constantFrom('50%'))) }, { requiredKeys: [] }),
    rec({ enabled: opt(fc.boolean()), minAvailable: fc.oneof(fc.integer({ min: 0, max: 3 }), fc.constantFrom('50%')) }, { requiredKeys: ['minAvailable'] }),
  )),
  nodeModulesWritable: opt(fc.boolean()),
  backup: opt(rec({
    // enabled stays off: the invariant checker knows one claim template (backup rendering: test/chart/backup.test.ts).
    enabled: opt(fc.constant(false)), intervalHours: opt(fc.constantFrom(0.5, 6, 24)), keep: opt(fc.integer({ min: 1, max: 30 })),
    size: opt(fc.constantFrom('1Gi', '5Gi')), storageClass: opt(fc.constantFrom('', 'fast-ssd')),
    resources: opt(rec({ limits: opt(fc.constant({ memory: '512Mi' })), requests: opt(fc.constant({ cpu: '5m' })) }, { requiredKeys: [] })),
  }, { requiredKeys: [] })),
}).chain((g) => {
  const replicas = g.replicaCount ?? 1;
  const tag = g.tagKind === 'default' ? undefined
    : g.tagKind === 'old' ? OLD_TAGS[g.tagPick % OLD_TAGS.length]
      : g.tagKind === 'new' ? NEW_TAGS[g.tagPick % NEW_TAGS.length]
        : g.tagKind === 'floating' ? FLOATING_TAGS[g.tagPick % FLOATING_TAGS.length] : g.randomTag;
  const oldImage = g.tagKind === 'old';
  const gatewayPort = g.port ?? 18789;
  return rec({
    env: envPlan(g.port),
    liveness: g.probeSeeds.liveness ? probe('liveness', gatewayPort) : fc.constant(undefined),
    readiness: g.probeSeeds.readiness ? probe('readiness', gatewayPort) : fc.constant(undefined),
    startup: g.probeSeeds.startup ? probe('startup', gatewayPort) : fc.constant(undefined),
    allowPlainReplicaSecrets: fc.boolean(),
  }).chain((h) => replicaOverrides(replicas, h.env.allowPlainSecretEnv === true && h.allowPlainReplicaSecrets)
    .map((overrides): ChartCase => {
      const s = g.seed;
      const command = s.portInCommand === 'custom'
        ? ['node', 'dist/index.js', 'gateway', '--bind', 'lan', '--port', String(gatewayPort)]
        : s.portInCommand === 'customNoPort' ? ['node', 'dist/index.js', 'gateway', '--bind', 'lan', '--allow-unconfigured'] : undefined;
      const props: OpenClawChartProps = compact({
        ...g.names.props,
        namespace: g.namespaceInProps ? g.namespace : undefined,
        image: g.tagKind === 'default' && !s.repository && !s.pullPolicy ? undefined
          : compact({ repository: s.repository, tag, pullPolicy: s.pullPolicy }),
        imagePullSecrets: g.imagePullSecrets,
        serviceAccount: g.serviceAccount ? compact(g.serviceAccount) : undefined,
        podSecurityContext: g.podSecurityContext ? compact(g.podSecurityContext) : undefined,
        securityContext: g.securityContext ? compact(g.securityContext) : undefined,
        replicaCount: g.replicaCount,
        replicaOverrides: Object.keys(overrides).length ? overrides : undefined,
        service: g.port === undefined && !s.serviceType && !s.serviceAnnotations ? undefined : compact({
          type: s.serviceType,
          port: g.port,
          targetPort: s.targetPortSame && g.port !== undefined ? g.port : undefined,
          annotations: s.serviceAnnotations,
        }),
        ingress: g.ingress,
        httpRoute: g.httpRoute,
        persistence: g.persistence,
        ...h.env,
        agentModel: g.agentModel,
        gateway: compact({
          controlUi: compact({
            allowInsecureAuth: oldImage ? s.allowInsecureAuth : s.allowInsecureAuth === true ? false : s.allowInsecureAuth,
            allowedOrigins: g.allowedOrigins,
          }),
          initImage: s.initImage,
          trustedProxies: g.trustedProxies,
          channels: g.channels,
          tokenSecret: g.tokenSecret ? compact(g.tokenSecret) : undefined,
        }),
        configMap: g.configMap ? compact(g.configMap) : undefined,
        ...g.volumes,
        command,
        extraArgs: s.extraArgs,
        resources: g.resources ? compact(g.resources) : undefined,
        livenessProbe: h.liveness,
        readinessProbe: h.readiness,
        startupProbe: h.startup,
        podAnnotations: g.podAnnotations,
        podLabels: g.podLabels,
        nodeSelector: g.nodeSelector,
        tolerations: g.tolerations,
        affinity: g.affinity,
        rbac: g.rbac ? compact(g.rbac) : undefined,
        networkPolicy: g.networkPolicy,
        updateStrategy: g.updateStrategy ? compact(g.updateStrategy) : undefined,
        podManagementPolicy: g.podManagementPolicy,
        podDisruptionBudget: g.podDisruptionBudget ? compact(g.podDisruptionBudget) : undefined,
        nodeModulesWritable: g.nodeModulesWritable,
        backup: g.backup ? compact(g.backup) : undefined,
      } as OpenClawChartProps);
      return { props, release: g.names.release, namespace: g.namespace };
    }));
});

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
type Patch = Record<string, any>;
type Breaker = (c: ChartCase) => fc.Arbitrary<{ rule: string; path: string; patch: Patch; secretValue?: string; release?: string }>;

/** The paths where the chart mounts volumes itself (src/layout.ts PATHS, the prepare-state seed mount). */
export const CHART_MOUNT_PATHS = ['/home/node/.openclaw', '/home/node/.config/openclaw', '/tmp', '/home/node/.cache', '/home/node/.local', '/home/node/.npm',
  '/usr/local/lib/node_modules', '/etc/openclaw/managed', '/etc/openclaw/config', '/etc/openclaw/replica-env', '/seed/node_modules'];

const gatewayPortOf = (c: ChartCase) => c.props.service?.port ?? 18789;
const replicasOf = (c: ChartCase) => c.props.replicaCount ?? 1;

/** One breaker per rule of src/check.ts; each returns a patch merged over the valid props. */
export const BREAKERS: Record<string, Breaker> = {
  'port out of range': (c) => fc.oneof(fc.integer({ max: 0 }), fc.integer({ min: 65536 }), fc.constantFrom(0.5, 8080.5, NaN, Infinity, -1))
    .map((p) => ({ rule: 'port', path: 'service.port', patch: { service: { ...c.props.service, port: p, targetPort: undefined } } })),
  'replicaCount below 1 or not an integer': () => fc.oneof(fc.integer({ max: 0 }), fc.constantFrom(1.5, NaN, -0.5))
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
  'allowInsecureAuth with a current image': () => fc.constantFrom(...NEW_TAGS, ...FLOATING_TAGS)
    .map((tag) => ({ rule: 'insecure auth', path: 'gateway.controlUi.allowInsecureAuth', patch: { image: { tag }, gateway: { controlUi: { allowInsecureAuth: true } } } })),
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
