/**
 * props -> Model: every default and every derived value, computed once. Builders read the model
 * and never re-default or recompute anything.
 */
import { ResolvedBackup, resolveBackup } from './backup';
import { ResolvedBrowser, browserConfig, resolveBrowser } from './browser';
import { ResolvedBackupS3, ResolvedRestore, resolveBackupS3, resolveRestore, s3Egress } from './backup-s3';
import { checkProps } from '../check';
import { ConfigProblem, ProblemCollector } from '../core/errors';
import { gatewayAuthProvided } from '../props/gateway-auth';
import { PATHS } from '../core/pod-layout';
import { heapLimitMiB } from './heap';
import { managedGatewayConfig } from './managed-config';
import { ResolvedMonitoring, resolveMonitoring } from './monitoring';
import { CHART_NAME, ChartLabels, chartLabels, fullName, suffixedName } from '../core/names';
import { DEFAULTS, ExtraEnvVar, KubernetesJson, OpenClawChartProps, PersistenceProps, ProbeProps, VolumeJson } from '../props';
import {
  ResolvedHttpRoute, ResolvedIngress, ResolvedNetworkPolicy, ResolvedService, resolveHttpRoute, resolveIngress, resolveNetworkPolicy, resolveService,
} from './network';
import { ResolvedWorkload, resolveWorkload } from './workload';
import { basicSettings } from '../props/settings';
import { ImageFeatures, imageFeatures } from '../core/versions';

/**
 * @internal Whether props were checked before they reach the model: `false` (check them now),
 * `true` (checked, their warnings already said), or the warnings the checks gave.
 */
export type Checked = boolean | { readonly warnings: readonly ConfigProblem[] };

/** @internal The construct id is the release name when releaseName is absent: the checks see it like one. */
export function withReleaseName(props: OpenClawChartProps, defaultRelease: string): OpenClawChartProps {
  return props.releaseName === undefined ? { ...props, releaseName: defaultRelease } : props;
}

export interface ResolvedProbe {
  readonly kind: 'http' | 'tcp';
  readonly path?: string;
  readonly initialDelaySeconds: number;
  readonly periodSeconds: number;
  readonly timeoutSeconds: number;
  readonly failureThreshold: number;
  readonly successThreshold: number;
}

export interface Model {
  readonly release: string;
  readonly namespace: string;
  readonly name: string;
  readonly fullName: string;
  readonly labels: ChartLabels;
  readonly names: {
    readonly statefulSet: string;
    readonly service: string;
    readonly headlessService: string;
    readonly serviceAccount: string;
    readonly role: string;
    readonly managedConfigMap: string;
    readonly configFilesConfigMap: string;
    readonly replicaEnvConfigMap: string;
    readonly secret: string;
  };
  readonly image: { readonly ref: string; readonly tag: string; readonly pullPolicy: string };
  readonly initImage: string;
  readonly features: ImageFeatures;
  /** The one gateway port. */
  readonly port: number;
  readonly replicas: number;
  readonly dataDir: string;
  /** The openclaw.json the init container merges into, as the init container sees it. */
  readonly configFile: string;
  /** JSON merged into openclaw.json; undefined when there is nothing to manage. */
  readonly managedConfig?: Record<string, unknown>;
  readonly persistence: Required<PersistenceProps>;
  readonly env: readonly KubernetesJson[];
  readonly envFrom: readonly object[];
  /** The V8 heap cap set through NODE_OPTIONS (heap.ts); undefined for none. */
  readonly heapLimitMiB?: number;
  readonly command: readonly string[];
  readonly args: readonly string[];
  readonly probes: { readonly liveness?: ResolvedProbe; readonly readiness?: ResolvedProbe; readonly startup?: ResolvedProbe };
  readonly securityContext: KubernetesJson;
  readonly podSecurityContext: KubernetesJson;
  readonly resources: KubernetesJson;
  readonly rbacRules: readonly object[];
  readonly createServiceAccount: boolean;
  readonly serviceAccountAnnotations: Record<string, string>;
  /** Mount the ServiceAccount token only when the Role grants something. */
  readonly automountToken: boolean;
  readonly replicaEnv: ReadonlyMap<number, Record<string, string>>;
  readonly configFiles: Record<string, string>;
  readonly secretData: Record<string, string>;
  readonly extraVolumes: readonly VolumeJson[];
  /**
   * Nothing provides gateway auth (no env, Secret or tokenSecret): the gateway-token init
   * container generates the pod's own token on its state volume.
   */
  readonly generateToken: boolean;
  /** The migrate-config init container runs before the gateway (`upgrade.migrateConfig`). */
  readonly migrateConfig: boolean;
  /** Scheduled backups (`backup.enabled`); undefined when off. */
  readonly backup?: ResolvedBackup;
  /** S3-compatible storage for the archives (`backup.s3`); undefined when not set. */
  readonly backupS3?: ResolvedBackupS3;
  /** The restore-state init container (`backup.restoreFrom`); undefined when not set. */
  readonly restore?: ResolvedRestore;
  /** `upgrade.backupFirst` and `upgrade.allowDowngrade`. */
  readonly upgrade: { readonly backupFirst: boolean; readonly allowDowngrade: boolean };
  /** The agent's browser sidecar (`browser.enabled`); undefined when off. */
  readonly browser?: ResolvedBrowser;
  /** The PrometheusRule and ServiceMonitor (`monitoring.*`); undefined when neither is on. */
  readonly monitoring?: ResolvedMonitoring;
  /** Legal but dangerous or ineffective settings, each naming its path: said on stderr, errors with `--strict`. */
  readonly warnings: readonly ConfigProblem[];
  /** The StatefulSet, pod and PodDisruptionBudget settings. */
  readonly workload: ResolvedWorkload;
  /** The Service (its port is `port`). */
  readonly service: ResolvedService;
  /** Each undefined when not enabled. */
  readonly ingress?: ResolvedIngress;
  readonly httpRoute?: ResolvedHttpRoute;
  readonly networkPolicy?: ResolvedNetworkPolicy;
}

/**
 * @internal props -> Model for props that have the declared shape (src/model/resolve-model.ts's resolveModel
 * adds the values-schema diagnosis for props of the wrong shape from JavaScript). `props`: their
 * snapshot (src/props/snapshot.ts: plain data, no undefined values, read once). `checked`: these
 * exact props already passed checkProps (the fleet's first pass: `true`; the values path: the
 * warnings those checks gave), so the checks are not made again; everything that resolving itself
 * can refuse still throws.
 */
export function resolveCheckedModel(props: OpenClawChartProps, defaultRelease: string, checked: Checked = false): Model {
  const problems = new ProblemCollector();
  if (checked === false) checkProps(withReleaseName(props, defaultRelease), problems);
  const settings = basicSettings(props);
  const backup = resolveBackup(props, settings.persistence.enabled, problems);
  const browser = resolveBrowser(props, settings.port, problems);
  const backupS3 = resolveBackupS3(props, problems);
  const restore = resolveRestore(props, backupS3, problems);
  for (const k of ['backupFirst', 'allowDowngrade'] as const) {
    const v = props.upgrade?.[k];
    if (v !== undefined && typeof v !== 'boolean') problems.add(`upgrade.${k}`, 'must be true or false', v);
  }
  const basePolicy = resolveNetworkPolicy(props);
  // The backups reach the bucket through a policy that restricts egress.
  const networkPolicy = basePolicy && backupS3?.host && (backup || restore || (props.upgrade?.backupFirst ?? DEFAULTS.upgrade.backupFirst)) && basePolicy.policyTypes.includes('Egress')
    ? { ...basePolicy, egress: [...basePolicy.egress, s3Egress(backupS3, basePolicy.allowDNS, problems)] }
    : basePolicy;
  problems.throwIfAny();

  const release = props.releaseName ?? defaultRelease;
  const name = props.nameOverride || CHART_NAME;
  const full = fullName(release, props.nameOverride, props.fullnameOverride);
  const tokenEnv = fallbackTokenEnv(props, full);
  const image = { ...DEFAULTS.image, ...props.image };
  const features = imageFeatures(image.tag);
  const port = settings.port;
  const env: Record<string, string | undefined> = { ...settings.env, PORT: String(port) };
  const dataDir = settings.dataDir;
  const rbacRules = (props.rbac?.create ?? DEFAULTS.rbac.create) ? props.rbac?.rules ?? [] : [];
  const createServiceAccount = props.serviceAccount?.create ?? DEFAULTS.serviceAccount.create;
  const secretEnabled = props.secret?.enabled ?? DEFAULTS.secret.enabled;
  const configMapEnabled = props.configMap?.enabled ?? DEFAULTS.configMap.enabled;
  const names = {
    statefulSet: full,
    service: full,
    headlessService: suffixedName(full, 'headless'),
    serviceAccount: props.serviceAccount?.name || (createServiceAccount ? full : 'default'),
    role: full,
    managedConfigMap: suffixedName(full, 'gateway-config'),
    configFilesConfigMap: suffixedName(full, 'config'),
    replicaEnvConfigMap: suffixedName(full, 'replica-env'),
    secret: suffixedName(full, 'secret'),
  };
  const secretData = secretEnabled ? { ...props.secret?.data } : {};
  const replicas = settings.replicas;
  const resources = {
    limits: props.resources?.limits ?? DEFAULTS.resources.limits,
    requests: props.resources?.requests ?? DEFAULTS.resources.requests,
  } as KubernetesJson;
  const heapLimit = heapLimitMiB(props, resources.limits as KubernetesJson);
  const labels = chartLabels(release, name, image.tag);
  const containerEnvs = [...containerEnv(env, props.existingSecret, props.extraEnv ?? [], heapEnv(heapLimit)), ...(tokenEnv ?? [])];
  const monitoring = resolveMonitoring(props, { env: containerEnvs, chartSecret: { name: names.secret, data: secretData }, chartLabels: labels.common }, problems);
  problems.throwIfAny();

  return {
    release,
    namespace: props.namespace ?? 'default',
    name,
    fullName: full,
    labels,
    names,
    image: { ref: `${image.repository}:${image.tag}`, tag: image.tag, pullPolicy: image.pullPolicy },
    initImage: props.gateway?.initImage ?? DEFAULTS.gateway.initImage,
    features,
    port,
    replicas,
    dataDir,
    configFile: `${dataDir}/.openclaw/openclaw.json`,
    managedConfig: withBrowser(managedGatewayConfig(props, settings, features), browser),
    persistence: settings.persistence,
    env: containerEnvs,
    heapLimitMiB: heapLimit,
    envFrom: [
      ...(props.envFromConfigMap ?? []),
      ...(props.envFromSecret ?? []),
      ...(Object.keys(secretData).length ? [{ secretRef: { name: names.secret } }] : []),
    ],
    command: props.command ?? ['node', 'dist/index.js', 'gateway', '--bind', 'lan', '--port', String(port), '--allow-unconfigured'],
    args: props.extraArgs ?? [],
    probes: {
      liveness: resolveProbe(props.livenessProbe, DEFAULTS.livenessProbe, features.healthEndpoints ? '/healthz' : undefined),
      readiness: resolveProbe(props.readinessProbe, DEFAULTS.readinessProbe, features.healthEndpoints ? '/readyz' : undefined),
      startup: resolveProbe(props.startupProbe, DEFAULTS.startupProbe,
        features.startupEndpoint ? '/startupz' : features.healthEndpoints ? '/healthz' : undefined),
    },
    securityContext: settings.securityContext,
    podSecurityContext: settings.podSecurityContext,
    // limits and requests default separately (as documented, and as Helm merges values).
    resources,
    rbacRules,
    createServiceAccount,
    serviceAccountAnnotations: props.serviceAccount?.annotations ?? DEFAULTS.serviceAccount.annotations,
    automountToken: rbacRules.length > 0,
    replicaEnv: new Map(Object.entries(props.replicaOverrides ?? {})
      .filter(([, o]) => o.env && Object.keys(o.env).length)
      .map(([i, o]) => [Number(i), o.env!])),
    configFiles: configMapEnabled ? { ...props.configMap?.data } : {},
    secretData,
    extraVolumes: props.extraVolumes ?? [],
    generateToken: tokenEnv === undefined,
    migrateConfig: props.upgrade?.migrateConfig ?? DEFAULTS.upgrade.migrateConfig,
    backup,
    backupS3,
    restore,
    upgrade: {
      backupFirst: props.upgrade?.backupFirst ?? DEFAULTS.upgrade.backupFirst,
      allowDowngrade: props.upgrade?.allowDowngrade ?? DEFAULTS.upgrade.allowDowngrade,
    },
    browser,
    monitoring,
    warnings: typeof checked === 'object' ? [...checked.warnings, ...problems.warnings] : problems.warnings,
    workload: resolveWorkload(props, replicas),
    service: resolveService(props),
    ingress: resolveIngress(settings),
    httpRoute: resolveHttpRoute(props),
    networkPolicy,
  };
}

/** The browser sidecar's openclaw.json block joins the managed settings (the chart owns `browser` then). */
function withBrowser(managed: Record<string, unknown> | undefined, browser: ResolvedBrowser | undefined): Record<string, unknown> | undefined {
  return browser ? { ...managed, browser: browserConfig(browser) } : managed;
}

function containerEnv(
  env: Record<string, string | undefined>,
  existingSecret: OpenClawChartProps['existingSecret'],
  extraEnv: readonly ExtraEnvVar[],
  heap: readonly KubernetesJson[],
): KubernetesJson[] {
  const port = env.PORT!;
  const plain = Object.keys(env).sort().filter((k) => env[k] !== undefined).map((k) => ({ name: k, value: env[k] }));
  const fromSecret = existingSecret?.name
    ? Object.keys(existingSecret.keys ?? {}).sort().map((k) => ({
      name: k, valueFrom: { secretKeyRef: { name: existingSecret.name, key: existingSecret.keys![k] } },
    }))
    : [];
  return [
    // The ordinal, from the label every StatefulSet pod carries since Kubernetes 1.28.
    { name: 'STATEFULSET_REPLICA_INDEX', valueFrom: { fieldRef: { fieldPath: "metadata.labels['apps.kubernetes.io/pod-index']" } } },
    { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
    ...plain,
    { name: 'OPENCLAW_GATEWAY_PORT', value: port },
    { name: 'OPENCLAW_STATE_DIR', value: PATHS.stateDir },
    ...heap,
    ...fromSecret,
    ...extraEnv.map((e) => ({ ...e })),
  ];
}

function heapEnv(mib: number | undefined): KubernetesJson[] {
  return mib === undefined ? [] : [{ name: 'NODE_OPTIONS', value: `--max-old-space-size=${mib}` }];
}

/**
 * The gateway token env: `[]` when another source already provides gateway auth, the tokenSecret
 * when one is set (opt-in), else undefined: the pod generates its own token.
 */
function fallbackTokenEnv(props: OpenClawChartProps, full: string): KubernetesJson[] | undefined {
  if (gatewayAuthProvided(props)) return [];
  const secret = props.gateway?.tokenSecret;
  if (!secret) return undefined;
  return [{
    name: 'OPENCLAW_GATEWAY_TOKEN',
    valueFrom: { secretKeyRef: { name: secret?.name ?? suffixedName(full, 'gateway-token'), key: secret?.key ?? 'OPENCLAW_GATEWAY_TOKEN' } },
  }];
}

function resolveProbe(
  given: ProbeProps | undefined,
  defaults: Omit<Required<ProbeProps>, 'tcpSocket' | 'httpGet'>,
  defaultPath: string | undefined,
): ResolvedProbe | undefined {
  const p = { ...defaults, ...given };
  if (!p.enabled) return undefined;
  const timing = {
    initialDelaySeconds: p.initialDelaySeconds,
    periodSeconds: p.periodSeconds,
    timeoutSeconds: p.timeoutSeconds,
    failureThreshold: p.failureThreshold,
    successThreshold: p.successThreshold,
  };
  // An explicit check wins; otherwise the image version decides (HTTP where the endpoint exists).
  if (given?.httpGet) return { kind: 'http', path: given.httpGet.path ?? defaultPath ?? '/healthz', ...timing };
  if (given?.tcpSocket || !defaultPath) return { kind: 'tcp', ...timing };
  return { kind: 'http', path: defaultPath, ...timing };
}
