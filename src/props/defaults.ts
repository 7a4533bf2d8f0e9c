/** The defaults, frozen: what every optional prop is when it is not set. */
import { DEFAULT_OPENCLAW_VERSION } from '../core/versions';
import type { ResourcesProps } from './kubernetes';
import type { ImageProps, PersistenceProps } from './workload';
import type { IngressProps } from './network';
import type { OpenClawChartProps } from './openclaw-props';

/**
 * The defaults, as values, frozen all the way down. They equal the Helm chart's values.yaml except
 * where the props' JSDoc says why (pinned image tag, restricted security contexts, no RBAC rules,
 * allowInsecureAuth off, probes chosen by image version).
 *
 * @example
 * DEFAULTS.service.port; // 18789
 */
export const DEFAULTS = deepFreeze({
  image: { repository: 'ghcr.io/openclaw/openclaw', tag: DEFAULT_OPENCLAW_VERSION, pullPolicy: 'IfNotPresent' },
  imagePullSecrets: [],
  serviceAccount: { create: true, annotations: {}, name: '' },
  podSecurityContext: {
    fsGroup: 1000, runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000,
    fsGroupChangePolicy: 'OnRootMismatch', seccompProfile: { type: 'RuntimeDefault' },
  },
  securityContext: {
    allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, readOnlyRootFilesystem: true,
    runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' },
  },
  replicaCount: 1,
  service: { type: 'ClusterIP', port: 18789, annotations: {} },
  ingress: {
    enabled: false, className: '', annotations: {},
    hosts: [{ host: 'openclaw.local', paths: [{ path: '/', pathType: 'Prefix' }] }], tls: [],
  },
  persistence: {
    enabled: true, storageClass: '', accessMode: 'ReadWriteOnce', size: '10Gi', annotations: {},
    retentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
  },
  env: {
    CLAUDE_MODEL: 'claude-3-5-sonnet-20241022', HOST: '0.0.0.0', LOG_LEVEL: 'info', DATA_DIR: '/data', MEMORY_ENABLED: 'true',
  },
  gateway: { controlUi: { allowInsecureAuth: false }, initImage: 'imega/jq:1.6', channels: {} },
  configMap: { enabled: true, data: {} },
  secret: { enabled: false, data: {} },
  resources: { limits: { cpu: '2000m', memory: '4Gi' }, requests: { cpu: '500m', memory: '1Gi' } },
  livenessProbe: { enabled: true, initialDelaySeconds: 30, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3, successThreshold: 1 },
  readinessProbe: { enabled: true, initialDelaySeconds: 10, periodSeconds: 5, timeoutSeconds: 3, failureThreshold: 3, successThreshold: 1 },
  startupProbe: { enabled: true, initialDelaySeconds: 0, periodSeconds: 5, timeoutSeconds: 3, failureThreshold: 60, successThreshold: 1 },
  rbac: { create: true, rules: [] },
  networkPolicy: {
    enabled: false, policyTypes: ['Ingress', 'Egress'], ingress: [], egress: [],
    allowDNS: true, allowSameNamespace: false, allowKubeSystem: false, allowedNamespaces: [], allowedPods: [], customEgressPorts: [],
  },
  updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
  podManagementPolicy: 'OrderedReady',
  nodeModulesWritable: true,
  backup: {
    enabled: false, intervalHours: 24, keep: 7, size: '5Gi', storageClass: '',
    resources: { limits: { cpu: '500m', memory: '1Gi' }, requests: { cpu: '10m', memory: '128Mi' } },
  },
  upgrade: { migrateConfig: true, backupFirst: true, allowDowngrade: false },
  monitoring: {
    prometheusRule: { enabled: false, labels: {}, claimFullPercent: 85, notReadyMinutes: 15, pausedHours: 24 },
    serviceMonitor: { enabled: false, labels: {}, interval: '30s' },
  },
  browser: {
    enabled: false,
    image: { repository: 'chromedp/headless-shell', tag: '136.0.7052.2', pullPolicy: 'IfNotPresent' },
    command: ['/headless-shell/headless-shell'],
    port: 9222,
    extraArgs: [],
    allowedHostnames: [],
    shmSize: '256Mi',
    tmpSize: '1Gi',
    resources: { limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '100m', memory: '256Mi' } },
  },
  /** Resources of the chart's small init containers (policy: every container has requests and limits). */
  initContainerResources: { limits: { cpu: '200m', memory: '128Mi' }, requests: { cpu: '10m', memory: '32Mi' } },
} satisfies DefaultValues);

/** @internal What DEFAULTS must be: values of the props (checked by `satisfies`, so DEFAULTS keeps its literal types). */
type DefaultValues = OpenClawChartProps & {
  readonly image: Required<ImageProps>;
  readonly ingress: Required<IngressProps>;
  readonly persistence: Required<PersistenceProps>;
  readonly initContainerResources: ResourcesProps;
};

/** Freezes every object and array reachable from `value`: a user's code cannot change the defaults of every render. */
function deepFreeze<T>(value: T): DeepReadonly<T> {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value as DeepReadonly<T>;
}

/**
 * `T` with every nested field readonly (the type of DEFAULTS). Arrays keep their type (they are props values,
 * which are plain arrays), and are frozen at run time like everything else.
 */
export type DeepReadonly<T> = T extends readonly unknown[] ? T : T extends object ? { readonly [K in keyof T]: DeepReadonly<T[K]> } : T;
