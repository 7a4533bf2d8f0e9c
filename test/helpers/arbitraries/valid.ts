/**
 * `validCase`: RANDOM VALID props: every prop of OpenClawChartProps, in random combinations, with
 * the cross-field rules of src/check/ respected (one gateway port everywhere, override indices
 * below replicaCount, TLS hosts among the ingress hosts, mounts naming existing volumes, unique env
 * names, secret-looking names only from Secrets unless allowPlainSecretEnv, allowInsecureAuth true
 * only on images before 2026.8.1, where it is not a warning, ...). Values are hostile where the chart must carry them verbatim
 * (env values: quotes, `$(...)`, backticks, newlines, unicode).
 */
import * as fc from 'fast-check';
import { hasOnlySafeText } from '../hostile-strings';
import type { ChannelConfig, ExtraEnvVar, IngressHost, IngressTls, NetworkPolicyPortProps, NetworkPolicyRule, OpenClawChartProps, ProbeProps, VolumeJson } from '../../../src';
import {
  ALNUM, ChartCase, DEFAULT_ENV_KEYS, FLOATING_TAGS, NEW_TAGS, OLD_TAGS, RESERVED_VOLUMES, UPPER, absPath, annotations, chars, compact, dictOpts, dnsLabel, dnsSubdomain, envName, hostName, hostileString, labelKey, labelValue, labels, opt, plainEnvName, port, portName, quantityCpu, quantityMemory, rec, secretEnvName,
} from './primitives';

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

export interface EnvPlan {
  allowPlainSecretEnv?: boolean;
  env?: Record<string, string>;
  extraEnv?: ExtraEnvVar[];
  existingSecret?: { name?: string; keys?: Record<string, string> };
  envFromSecret?: Array<{ secretRef: { name: string; optional?: boolean }; prefix?: string }>;
  envFromConfigMap?: Array<{ configMapRef: { name: string; optional?: boolean }; prefix?: string }>;
  secret?: { enabled?: boolean; data?: Record<string, string> };
}

export const secretKey = chars([...ALNUM, ...UPPER, '-', '_', '.'], 1, 20).filter((k) => k !== '.' && !k.startsWith('..'));

export const valueFrom = fc.oneof(
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

export const probe = (kind: 'liveness' | 'readiness' | 'startup', gatewayPort: number): fc.Arbitrary<ProbeProps> => {
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

export const ingress = rec({
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

export const httpRoute = rec({
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

export const ipv4Cidr = fc.tuple(fc.ipV4(), opt(fc.integer({ min: 0, max: 32 }))).map(([ip, bits]) => (bits === undefined ? ip : `${ip}/${bits}`));
/** A CIDR whose address is the network address (the API server rejects host bits in ipBlock.cidr since 1.33). */
export const networkCidr = fc.tuple(fc.ipV4(), fc.integer({ min: 8, max: 32 })).map(([ip, bits]) => {
  const n = ip.split('.').reduce((acc, o) => acc * 256 + Number(o), 0);
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  const net = (n & mask) >>> 0;
  return `${[24, 16, 8, 0].map((s) => (net >>> s) & 255).join('.')}/${bits}`;
});

export const policyPort: fc.Arbitrary<NetworkPolicyPortProps> = fc.oneof(
  rec({ protocol: opt(fc.constantFrom<'TCP' | 'UDP' | 'SCTP'>('TCP', 'UDP', 'SCTP')), port: opt(fc.oneof(port, portName)) }).map(compact),
  fc.tuple(opt(fc.constantFrom<'TCP' | 'UDP'>('TCP', 'UDP')), fc.integer({ min: 1, max: 65000 }), fc.integer({ min: 0, max: 535 }))
    .map(([protocol, p, span]) => compact({ protocol, port: p, endPort: p + span })),
);

/** Labels without the chart's own keys (app.kubernetes.io/*), which monitoring.*.labels may not set. */
const withoutChartLabels = (l: Record<string, string>) => Object.fromEntries(Object.entries(l).filter(([k]) => !k.startsWith('app.kubernetes.io/')));

export const labelSelector = fc.oneof(
  rec({ matchLabels: labels(2) }),
  dnsLabel(1, 30).map((ns) => ({ matchLabels: { 'kubernetes.io/metadata.name': ns } })),
  rec({ matchExpressions: fc.array(rec({
    key: labelKey, operator: fc.constantFrom('In', 'NotIn'), values: fc.array(labelValue, { minLength: 1, maxLength: 2 }),
  }), { minLength: 1, maxLength: 2 }) }),
);

export const peer = fc.oneof(
  rec({ podSelector: labelSelector }),
  rec({ namespaceSelector: labelSelector }),
  rec({ podSelector: labelSelector, namespaceSelector: labelSelector }),
  rec({ ipBlock: rec({ cidr: networkCidr, except: opt(fc.constant(['10.255.0.0/16'])) }).map(compact) })
    .map((p) => (p.ipBlock.except && !p.ipBlock.cidr.startsWith('10.') ? { ipBlock: { cidr: p.ipBlock.cidr } } : p)),
);

export const policyRule = (dir: 'from' | 'to'): fc.Arbitrary<NetworkPolicyRule> => rec({
  peers: opt(fc.array(peer, { minLength: 1, maxLength: 3 })),
  ports: opt(fc.array(policyPort, { minLength: 1, maxLength: 3 })),
}).map((r) => compact({ [dir]: r.peers, ports: r.ports }));

export const networkPolicy = rec({
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

export const toleration = fc.oneof(
  rec({ key: labelKey, operator: fc.constant('Exists'), effect: opt(fc.constantFrom('NoSchedule', 'PreferNoSchedule')) }).map(compact),
  rec({ key: labelKey, operator: fc.constant('Equal'), value: labelValue, effect: fc.constantFrom('NoSchedule', 'PreferNoSchedule') }),
  rec({ key: labelKey, operator: fc.constant('Exists'), effect: fc.constant('NoExecute'), tolerationSeconds: fc.integer({ min: 0, max: 86400 }) }),
);

export const affinity = fc.oneof(
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

export const volumeSource = fc.oneof(
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
export const ALWAYS_PRESENT_VOLUMES = ['data', 'tmp', 'cache', 'local'];

export const volumes = rec({
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

export const rbac = rec({
  create: opt(fc.boolean()),
  rules: opt(fc.array(rec({
    apiGroups: fc.constantFrom([''], ['apps'], ['', 'batch']),
    resources: fc.subarray(['pods', 'pods/log', 'configmaps', 'services', 'events', 'jobs'], { minLength: 1 }),
    verbs: fc.subarray(['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection'], { minLength: 1 }),
    resourceNames: opt(fc.array(dnsSubdomain(2, 10), { minLength: 1, maxLength: 2 })),
  }).map(compact), { maxLength: 3 })),
}, { requiredKeys: [] });

export const CHANNEL_NAMES = ['telegram', 'discord', 'slack', 'whatsapp', 'signal', 'matrix'];
export const channel: fc.Arbitrary<ChannelConfig> = rec({
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
  maxOldSpaceSizeMiB: opt(fc.integer({ min: 0, max: 8192 })),
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
  terminal: opt(rec({ enabled: opt(fc.boolean()) }, { requiredKeys: [] })),
  runtimeClassName: opt(dnsSubdomain(2, 12)),
  channels: opt(fc.dictionary(fc.constantFrom(...CHANNEL_NAMES), channel, { maxKeys: 3, ...dictOpts })),
  agentModel: opt(fc.tuple(dnsLabel(1, 12), chars([...ALNUM, '-', '.', '/'], 1, 30)).map(([p, m]) => `${p}/${m}`)),
  configMap: opt(rec({
    enabled: opt(fc.boolean()),
    data: opt(fc.dictionary(chars([...ALNUM, '-', '_', '.'], 1, 20).filter((k) => k !== '.' && !k.startsWith('..') && !['__proto__', 'constructor', 'prototype'].includes(k)), hostileString, { maxKeys: 3, ...dictOpts })),
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
  upgrade: opt(rec({ migrateConfig: opt(fc.boolean()) }, { requiredKeys: [] })),
  browser: opt(rec({
    enabled: opt(fc.boolean()), port: opt(fc.constantFrom(9222, 9333)), extraArgs: opt(fc.constantFrom([], ['--lang=en-US'])),
    allowedHostnames: opt(fc.constantFrom([], ['wiki.internal', '10.0.0.12'])), shmSize: opt(fc.constantFrom('128Mi', '512Mi')),
    tmpSize: opt(fc.constantFrom('1Gi')), command: opt(fc.constantFrom(['chromium'])),
    image: opt(rec({ repository: opt(fc.constantFrom('chromedp/headless-shell')), tag: opt(fc.constantFrom('136.0.7052.2')) }, { requiredKeys: [] })),
    resources: opt(rec({ limits: opt(fc.constant({ memory: '2Gi' })), requests: opt(fc.constant({ cpu: '50m' })) }, { requiredKeys: [] })),
  }, { requiredKeys: [] })),
  // Label keys the chart sets itself are refused (test/monitoring/monitoring.test.ts): filtered out here.
  monitoring: opt(rec({
    prometheusRule: opt(rec({
      enabled: opt(fc.boolean()), labels: opt(labels(2).map(withoutChartLabels)),
      claimFullPercent: opt(fc.integer({ min: 1, max: 99 })), notReadyMinutes: opt(fc.integer({ min: 1, max: 120 })), pausedHours: opt(fc.integer({ min: 1, max: 72 })),
    }, { requiredKeys: [] })),
    serviceMonitor: opt(rec({
      enabled: opt(fc.boolean()), labels: opt(labels(2).map(withoutChartLabels)), interval: opt(fc.constantFrom('15s', '1m', '1m30s')),
      tokenSecret: fc.record({ name: dnsSubdomain(), key: fc.constantFrom('OPENCLAW_GATEWAY_TOKEN', 'token') }),
    }, { requiredKeys: ['tokenSecret'] })),
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
          terminal: g.terminal ? compact(g.terminal) : undefined,
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
        runtimeClassName: g.runtimeClassName,
        rbac: g.rbac ? compact(g.rbac) : undefined,
        networkPolicy: g.networkPolicy,
        updateStrategy: g.updateStrategy ? compact(g.updateStrategy) : undefined,
        podManagementPolicy: g.podManagementPolicy,
        podDisruptionBudget: g.podDisruptionBudget ? compact(g.podDisruptionBudget) : undefined,
        nodeModulesWritable: g.nodeModulesWritable,
        maxOldSpaceSizeMiB: g.maxOldSpaceSizeMiB,
        backup: g.backup ? compact(g.backup) : undefined,
        upgrade: g.upgrade ? compact(g.upgrade) : undefined,
        // CDP may not take the gateway's port or OpenClaw's browser-control port (gateway + 2): refused, not valid.
        browser: g.browser ? compact({ ...g.browser, port: [gatewayPort, gatewayPort + 2].includes(g.browser.port as number) ? undefined : g.browser.port }) : undefined,
        monitoring: g.monitoring ? compact(g.monitoring) : undefined,
      } as OpenClawChartProps);
      return { props, release: g.names.release, namespace: g.namespace };
    }));
})
  // Text kubectl would read differently (U+2028 from graphemes, Go number look-alikes such as -_2) is
  // refused by the chart (src/core/text-safety.ts): such cases are invalid, the hostile-string tests cover them.
  .filter((c) => hasOnlySafeText(c.props));
