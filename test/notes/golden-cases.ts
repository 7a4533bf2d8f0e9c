/**
 * The renders whose summary is held byte for byte in test/fixtures/notes/ (golden-notes.test.ts):
 * every branch of the summary (token sources, routes, replicas, state, backups, heap, upgrades),
 * written as values files, so the CLI renders each exactly as a user's `-f values.yaml`.
 */
export interface NotesCase {
  readonly name: string;
  readonly values: Record<string, unknown>;
  readonly release?: string;
  readonly namespace?: string;
  /** `synth --no-namespace`. */
  readonly noNamespace?: boolean;
}

const ingress = { enabled: true, className: 'nginx', hosts: [{ host: 'openclaw.example.com' }] };

export const NOTES_CASES: readonly NotesCase[] = [
  { name: 'default', values: {} },
  { name: 'default-no-namespace', values: {}, noNamespace: true },
  { name: 'team-namespace', values: {}, release: 'claw', namespace: 'ai' },
  { name: 'token-secret', values: { gateway: { tokenSecret: {} } } },
  { name: 'token-secret-named', values: { gateway: { tokenSecret: { name: 'gw', key: 'token' } } }, noNamespace: true },
  { name: 'no-persistence', values: { persistence: { enabled: false } } },
  { name: 'backup-own-claim', values: { backup: { enabled: true, intervalHours: 6, keep: 3, size: '2Gi' }, persistence: { enabled: false } } },
  { name: 'backup-state-claim', values: { backup: { enabled: true } } },
  { name: 'backup-own-with-persistence', values: { backup: { enabled: true, claim: 'own', storageClass: 'slow', intervalHours: 0.5 } } },
  { name: 'existing-secret-port', values: { service: { port: 8080 }, existingSecret: { name: 'creds', keys: { OPENCLAW_GATEWAY_TOKEN: 'gw' } } } },
  { name: 'existing-secret-api-key', values: { existingSecret: { name: 'openclaw-secrets', keys: { ANTHROPIC_API_KEY: 'ANTHROPIC_API_KEY', OPENCLAW_GATEWAY_TOKEN: 'OPENCLAW_GATEWAY_TOKEN' } } } },
  {
    name: 'existing-secret-many-refs',
    values: {
      existingSecret: { name: 'creds', keys: { OPENCLAW_GATEWAY_TOKEN: 'gateway-token', TELEGRAM_BOT_TOKEN: 'telegram' } },
      extraEnv: [
        { name: 'SMTP_PASSWORD', valueFrom: { secretKeyRef: { name: 'creds', key: 'smtp' } } },
        { name: 'MAYBE', valueFrom: { secretKeyRef: { name: 'creds', key: 'maybe', optional: true } } },
        { name: 'ELSEWHERE', valueFrom: { secretKeyRef: { name: 'other', key: 'x' } } },
        { name: 'LIVES_9', valueFrom: { secretKeyRef: { name: 'creds', key: 'lives' } } },
      ],
      backup: { enabled: true },
    },
  },
  { name: 'existing-secret-password', values: { existingSecret: { name: 'pw', keys: { OPENCLAW_GATEWAY_PASSWORD: 'password' } } } },
  { name: 'chart-secret-token', values: { secret: { enabled: true, data: { OPENCLAW_GATEWAY_TOKEN: 'dev-token' } } } },
  { name: 'chart-secret-no-token', values: { secret: { enabled: true, data: { ANTHROPIC_API_KEY: 'k' } } } },
  { name: 'env-from-secret', values: { envFromSecret: [{ secretRef: { name: 'all-env' } }, { secretRef: { name: 'more-env' } }] } },
  { name: 'env-from-secret-and-chart-secret', values: { envFromSecret: [{ secretRef: { name: 'all-env' } }], secret: { enabled: true, data: { OPENCLAW_GATEWAY_TOKEN: 't' } } } },
  { name: 'plain-token', values: { allowPlainSecretEnv: true, extraEnv: [{ name: 'OPENCLAW_GATEWAY_TOKEN', value: 'visible' }] } },
  {
    name: 'ingress-tls',
    values: {
      ingress: { enabled: true, hosts: [{ host: 'secure.example.com' }, { host: 'plain.example.com', paths: [{ path: '/oc' }] }], tls: [{ secretName: 'tls', hosts: ['secure.example.com'] }] },
    },
  },
  { name: 'ingress-trusted-proxies', values: { ingress, gateway: { trustedProxies: ['10.42.3.17/32'] } } },
  { name: 'ingress-no-proxies', values: { ingress } },
  { name: 'http-route', values: { httpRoute: { enabled: true, parentRefs: [{ name: 'gw', namespace: 'infra' }], hostnames: ['oc.example.com', 'b.example.com'], path: '/chat' } } },
  { name: 'http-route-no-hostnames', values: { httpRoute: { enabled: true, parentRefs: [{ name: 'gw' }, { name: 'gw2' }] }, gateway: { trustedProxies: ['10.0.0.1/32'] } } },
  { name: 'replicas-load-balancer', values: { replicaCount: 3, service: { type: 'LoadBalancer' }, persistence: { enabled: false } } },
  { name: 'replicas-team', values: { replicaCount: 3 }, release: 'team', namespace: 'ai' },
  { name: 'replicas-shared-token', values: { replicaCount: 2, gateway: { tokenSecret: {} }, service: { type: 'NodePort' } } },
  { name: 'replicas-no-namespace', values: { replicaCount: 2 }, noNamespace: true },
  { name: 'replicas-long-name', values: { replicaCount: 2 }, release: 'a-release-name-long-enough-to-be-near-max' },
  { name: 'replica-overrides', values: { replicaCount: 2, replicaOverrides: { 1: { env: { TEAM: 'b' } } } } },
  { name: 'paused', values: { replicaCount: 0 } },
  { name: 'storage-class-delete', values: { persistence: { storageClass: 'fast', size: '1Gi', accessMode: 'ReadWriteOncePod', retentionPolicy: { whenDeleted: 'Delete' } } } },
  { name: 'heap-2gi', values: { resources: { limits: { memory: '2Gi' } } } },
  { name: 'no-memory-limit', values: { resources: { limits: { cpu: '1' } } } },
  { name: 'user-node-options-cap', values: { env: { NODE_OPTIONS: '--max-old-space-size=1000' } } },
  { name: 'user-node-options-no-cap', values: { extraEnv: [{ name: 'NODE_OPTIONS', value: '--enable-source-maps' }] } },
  { name: 'heap-explicit', values: { maxOldSpaceSizeMiB: 900, resources: { limits: { memory: '1Gi' } } } },
  { name: 'no-migrate', values: { upgrade: { migrateConfig: false } } },
  { name: 'browser', values: { browser: { enabled: true } } },
  { name: 'monitoring', values: { gateway: { tokenSecret: {} }, monitoring: { prometheusRule: { enabled: true }, serviceMonitor: { enabled: true } } } },
  { name: 'name-overrides', values: { fullnameOverride: 'assistant', service: { type: 'NodePort' } }, release: 'r' },
  { name: 'network-policy', values: { networkPolicy: { enabled: true } } },
  { name: 'old-image', values: { image: { tag: '2026.1.30' } } },
];
