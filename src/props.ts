/**
 * The props of `OpenClawChart`: the user's manual.
 *
 * Every key mirrors the OpenClaw Helm chart's values.yaml (same nesting, camelCase), so a
 * values file converts one-to-one. Defaults are those of the Helm chart unless the JSDoc says
 * why they differ. Kubernetes fragments (affinity, tolerations, volumes, ...) are plain
 * Kubernetes JSON, exactly as in a manifest or a values file.
 */
import type { k8s } from 'cdk8s-plus-28';
import type {
  AccessMode, BackupClaim, IngressPathType, PodManagementPolicy, PolicyType, Protocol, PullPolicy, RetentionPolicy, ServiceType, UpdateStrategyType,
} from './enumerations';
import { DEFAULT_OPENCLAW_VERSION } from './versions';

/** A quantity such as `500m`, `2`, `1Gi`. Numbers are accepted as in a values file. */
export type Quantity = string | number;

/** Plain Kubernetes JSON (an object written as in a manifest). */
export interface KubernetesJson {
  readonly [key: string]: unknown;
}

export interface ImageProps {
  /**
   * Container image repository.
   * @default 'ghcr.io/openclaw/openclaw'
   */
  readonly repository?: string;
  /**
   * Container image tag. Pinned to a release (the Helm chart uses `latest`, which lets the pods
   * of one StatefulSet run different versions). The tag also decides which probes and config
   * keys the image supports.
   * @default DEFAULT_OPENCLAW_VERSION ('2026.9.6')
   */
  readonly tag?: string;
  /**
   * Image pull policy: `Always`, `IfNotPresent` or `Never`.
   * @default 'IfNotPresent'
   */
  readonly pullPolicy?: PullPolicy;
}

export interface ServiceAccountProps {
  /**
   * Create a ServiceAccount for the pods.
   * @default true
   */
  readonly create?: boolean;
  /**
   * Annotations on the ServiceAccount (e.g. for workload identity).
   * @default {}
   */
  readonly annotations?: Record<string, string>;
  /**
   * Name of the ServiceAccount. Empty: the full name when `create` is true, `default` otherwise.
   * @default ''
   */
  readonly name?: string;
}

export interface ServiceProps {
  /**
   * Service type: `ClusterIP`, `NodePort` or `LoadBalancer`.
   * @default 'ClusterIP'
   */
  readonly type?: ServiceType;
  /**
   * The gateway port. This one value drives the gateway `--port` flag, `OPENCLAW_GATEWAY_PORT`,
   * the containerPort, the probes, both Services, the Ingress/HTTPRoute backend and the
   * NetworkPolicy.
   * @default 18789
   */
  readonly port?: number;
  /**
   * Accepted for values-file compatibility. The Helm chart ignored it; here it must be absent or
   * equal to `port` (the Service targets the container's named port `http`).
   * @default - same as port
   */
  readonly targetPort?: number;
  /**
   * Annotations on the Service.
   * @default {}
   */
  readonly annotations?: Record<string, string>;
}

export interface IngressPath {
  /** @default '/' */
  readonly path?: string;
  /** @default 'Prefix' */
  readonly pathType?: IngressPathType;
}

export interface IngressHost {
  /** Host name (lower case DNS name, no scheme). */
  readonly host: string;
  /** @default [{ path: '/', pathType: 'Prefix' }] */
  readonly paths?: IngressPath[];
}

export interface IngressTls {
  /** Secret with the certificate (e.g. made by cert-manager). */
  readonly secretName?: string;
  /** Hosts the certificate covers; each must be one of the ingress hosts. */
  readonly hosts?: string[];
}

export interface IngressProps {
  /**
   * Create an Ingress.
   * @default false
   */
  readonly enabled?: boolean;
  /**
   * Ingress class name. With `nginx`, WebSocket-friendly timeouts are added (see `annotations`).
   * @default ''
   */
  readonly className?: string;
  /**
   * Annotations on the Ingress. With class `nginx`, `nginx.ingress.kubernetes.io/proxy-read-timeout`
   * and `proxy-send-timeout` default to 3600 (the gateway keeps WebSockets open); yours win.
   * @default {}
   */
  readonly annotations?: Record<string, string>;
  /**
   * Hosts and paths.
   * @default [{ host: 'openclaw.local', paths: [{ path: '/', pathType: 'Prefix' }] }]
   */
  readonly hosts?: IngressHost[];
  /**
   * TLS entries.
   * @default []
   */
  readonly tls?: IngressTls[];
}

export interface HttpRouteParentRef {
  /** Name of the Gateway. */
  readonly name: string;
  /** Namespace of the Gateway. @default - the route's namespace */
  readonly namespace?: string;
  /** Listener section of the Gateway. @default - all listeners */
  readonly sectionName?: string;
}

export interface HttpRouteProps {
  /**
   * Create a Gateway API HTTPRoute (an alternative to the Ingress).
   * @default false
   */
  readonly enabled?: boolean;
  /**
   * Annotations on the HTTPRoute.
   * @default {}
   */
  readonly annotations?: Record<string, string>;
  /** Gateways the route attaches to (at least one when enabled). @default [] */
  readonly parentRefs?: HttpRouteParentRef[];
  /** Host names the route answers. @default [] (all of the Gateway's) */
  readonly hostnames?: string[];
  /** Path prefix routed to the gateway. @default '/' */
  readonly path?: string;
}

export interface PersistenceProps {
  /**
   * Keep OpenClaw's state on a PersistentVolumeClaim per replica. Off: an emptyDir (data is
   * lost when the pod goes).
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * StorageClass of the claims. Empty: the cluster default.
   * @default ''
   */
  readonly storageClass?: string;
  /**
   * Access mode: `ReadWriteOnce`, `ReadWriteMany`, `ReadOnlyMany` or `ReadWriteOncePod`.
   * @default 'ReadWriteOnce'
   */
  readonly accessMode?: AccessMode;
  /**
   * Size of each claim.
   * @default '10Gi'
   */
  readonly size?: string;
  /**
   * Annotations on the claims.
   * @default {}
   */
  readonly annotations?: Record<string, string>;
  /**
   * What happens to the claims when the StatefulSet is deleted or scaled down.
   * `Retain` keeps user data: uninstalling never deletes it by surprise.
   * @default { whenDeleted: 'Retain', whenScaled: 'Retain' }
   */
  readonly retentionPolicy?: {
    readonly whenDeleted?: RetentionPolicy;
    readonly whenScaled?: RetentionPolicy;
  };
}

/**
 * Plain environment variables. The six keys below are the Helm chart's; OpenClaw itself does not
 * read them (they are passed on for compatibility). Other keys are added as they are. Values
 * that look like secrets (`*_API_KEY`, `*_TOKEN`, `*_PASSWORD`, `*SECRET*`) are refused: use
 * `existingSecret`, or set `allowPlainSecretEnv`.
 */
export interface EnvProps {
  /**
   * Inert in OpenClaw. When set by you (and `agentModel` is not), it is mapped to
   * `agents.defaults.model.primary` in openclaw.json (`anthropic/<value>`).
   * @default 'claude-3-5-sonnet-20241022'
   */
  readonly CLAUDE_MODEL?: string;
  /**
   * Inert in OpenClaw; always equals the gateway port. A different value is an error: set
   * `service.port` to change the port.
   * @default - the gateway port, as a string
   */
  readonly PORT?: string;
  /** Inert in OpenClaw (the gateway binds with `--bind lan`). @default '0.0.0.0' */
  readonly HOST?: string;
  /** Inert in OpenClaw (it reads `OPENCLAW_LOG_LEVEL`). One of debug, info, warn, error. @default 'info' */
  readonly LOG_LEVEL?: string;
  /**
   * Where the data volume is mounted in the containers. OpenClaw's state lives in
   * `<DATA_DIR>/.openclaw` (also mounted at `/home/node/.openclaw`).
   * @default '/data'
   */
  readonly DATA_DIR?: string;
  /** Inert in OpenClaw. @default 'true' */
  readonly MEMORY_ENABLED?: string;
  readonly [name: string]: string | undefined;
}

/** An extra environment variable: a plain value or a `valueFrom` reference. */
export interface ExtraEnvVar {
  readonly name: string;
  readonly value?: string;
  readonly valueFrom?: KubernetesJson;
}

export interface ControlUiProps {
  /**
   * Token-in-URL auth for the Control UI. Retired by OpenClaw with the 2026.8 line
   * (`ALLOW_INSECURE_AUTH_RETIRED_IN`, 2026.8.1; the extended-stable 2026.7.33-35 still accept it):
   * with a newer image (or `latest`) `true` does nothing, so it is dropped with a warning (an error
   * with `--strict`). With an older image it is written to openclaw.json by the config init
   * container, on or off.
   * @default false
   */
  readonly allowInsecureAuth?: boolean;
  /**
   * Origins allowed to open the Control UI (`gateway.controlUi.allowedOrigins`).
   * @default - derived from the ingress / HTTPRoute hosts (`https://` when TLS covers the host); with
   * neither on an image from 2026.2.26 to 2026.4.24, which exits without origins, the port-forward
   * origins `http://localhost:<port>` and `http://127.0.0.1:<port>` (later images seed those themselves)
   */
  readonly allowedOrigins?: string[];
}

/** A chat channel's config, merged into openclaw.json under `channels.<name>`. */
export interface ChannelConfig {
  /** @default - OpenClaw's default */
  readonly enabled?: boolean;
  /** Users, numbers or IDs allowed to talk to the assistant. */
  readonly allowFrom?: string[];
  /** Other channel settings, as OpenClaw documents them. Never put tokens here. */
  readonly [key: string]: unknown;
}

export interface ChannelsProps {
  readonly telegram?: ChannelConfig;
  readonly discord?: ChannelConfig;
  readonly slack?: ChannelConfig;
  readonly whatsapp?: ChannelConfig;
  readonly [name: string]: ChannelConfig | undefined;
}

export interface GatewayProps {
  readonly controlUi?: ControlUiProps;
  /**
   * Image of the config init container; it must have `sh` and `jq` (on PATH or at `/jq`).
   * @default 'imega/jq:1.6'
   */
  readonly initImage?: string;
  /**
   * IPs/CIDRs of the reverse proxies in front of the gateway (`gateway.trustedProxies`).
   * Behind an ingress OpenClaw refuses authenticated requests from unlisted proxies (403
   * `proxy_attribution_required`), and believes the `X-Forwarded-For` of listed ones: list the
   * ingress controller's pod addresses (`kubectl get pods -n ingress-nginx -o wide`), never a
   * wide range such as the pod CIDR or 10.0.0.0/8 (every pod in it could forge its address, and
   * pods calling the gateway directly would be refused). A range wider than a /24 (IPv4) or a
   * /64 (IPv6), and any list that trusts every address, renders with a warning.
   * @default - none; with an Ingress or HTTPRoute the chart writes an empty list and warns
   */
  readonly trustedProxies?: string[];
  /**
   * Chat channels (telegram, discord, slack, whatsapp, ...), merged into openclaw.json under
   * `channels`. Tokens come only from Secrets (e.g. `TELEGRAM_BOT_TOKEN` in `existingSecret`).
   * @default {}
   */
  readonly channels?: ChannelsProps;
  /**
   * A Secret holding the gateway token, for those who want one. Used only when set and when
   * nothing else provides `OPENCLAW_GATEWAY_TOKEN` or `OPENCLAW_GATEWAY_PASSWORD`
   * (existingSecret.keys, secret.data, extraEnv, env or envFromSecret); the pod waits for it:
   * `kubectl create secret generic <name> -n <namespace> --from-literal=OPENCLAW_GATEWAY_TOKEN=$(openssl rand -hex 32)`.
   * Unset (and no other source): each pod generates its own token on first start, a random
   * 32-byte value in `gateway.auth.token` of openclaw.json on its state volume (mode 0600), kept
   * across restarts; never in a manifest. A `key` without a `name` uses `<fullname>-gateway-token`.
   * @default - none: the pod generates its token
   */
  readonly tokenSecret?: { readonly name?: string; readonly key?: string };
  /**
   * OpenClaw's operator terminal (`gateway.terminal` in openclaw.json): a shell in the agent's
   * workspace with the gateway's environment (its provider keys and token), for admin-scoped
   * operators. Written only when set; fleets with tenancy set `enabled: false`. The key is known
   * to the OpenClaw 2026.9 line (`openclaw config validate` of 2026.9.6 accepts it).
   * @default - OpenClaw's default (on)
   */
  readonly terminal?: { readonly enabled?: boolean };
}

export interface EnvFromConfigMap {
  readonly configMapRef: { readonly name: string; readonly optional?: boolean };
  readonly prefix?: string;
}

export interface EnvFromSecret {
  readonly secretRef: { readonly name: string; readonly optional?: boolean };
  readonly prefix?: string;
}

export interface ExistingSecretProps {
  /**
   * Name of a pre-created Secret.
   * @default ''
   */
  readonly name?: string;
  /**
   * Env var name to key in that Secret (`envVarName: secretKeyName`).
   * @default {}
   */
  readonly keys?: Record<string, string>;
}

export interface ConfigMapProps {
  /**
   * Create a ConfigMap from `data` (only when `data` is not empty).
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * Files, mounted read-only at `/etc/openclaw/config/<key>` (the Helm chart created this
   * ConfigMap and mounted it nowhere).
   * @default {}
   */
  readonly data?: Record<string, string>;
}

export interface SecretProps {
  /**
   * Create a Secret from `data` (development only; use `existingSecret` in production).
   * @default false
   */
  readonly enabled?: boolean;
  /**
   * Env var name to plain-text value. Written once, correctly encoded (give plain strings, not
   * base64). Every key is loaded as an env var from the Secret.
   * @default {}
   */
  readonly data?: Record<string, string>;
}

export interface ResourceList {
  readonly cpu?: Quantity;
  readonly memory?: Quantity;
  readonly 'ephemeral-storage'?: Quantity;
  readonly [name: string]: Quantity | undefined;
}

export interface ResourcesProps {
  /** @default { cpu: '2000m', memory: '4Gi' } */
  readonly limits?: ResourceList;
  /** @default { cpu: '500m', memory: '1Gi' } */
  readonly requests?: ResourceList;
}

export interface ProbeProps {
  /** @default true */
  readonly enabled?: boolean;
  /**
   * Check by TCP connect. The port, if given, must be the gateway port.
   * @default - chosen by image version (TCP before 2026.3.1, HTTP since)
   */
  readonly tcpSocket?: { readonly port?: number | string };
  /**
   * Check by HTTP GET. The port, if given, must be the gateway port.
   * @default - `/healthz` (liveness), `/readyz` (readiness), `/startupz` (startup) on images that serve them
   */
  readonly httpGet?: { readonly path?: string; readonly port?: number | string };
  /** @default 30 (liveness), 10 (readiness), 0 (startup) */
  readonly initialDelaySeconds?: number;
  /** @default 10 (liveness), 5 (readiness), 5 (startup) */
  readonly periodSeconds?: number;
  /** @default 5 (liveness), 3 (readiness), 3 (startup) */
  readonly timeoutSeconds?: number;
  /** @default 3 (liveness), 3 (readiness), 60 (startup) */
  readonly failureThreshold?: number;
  /** @default 1 */
  readonly successThreshold?: number;
}

export interface RbacProps {
  /**
   * Create a Role and RoleBinding for the ServiceAccount (only when `rules` is not empty).
   * @default true
   */
  readonly create?: boolean;
  /**
   * Rules of the Role. Empty by default: the agent gets no API access and no token is mounted.
   * (The Helm chart granted read on every Secret in the namespace.)
   * @default []
   */
  readonly rules?: k8s.PolicyRule[];
}

export interface NetworkPolicyPortProps {
  /** @default 'TCP' */
  readonly protocol?: Protocol;
  readonly port?: number | string;
  readonly endPort?: number;
}

export interface NetworkPolicyRule {
  readonly from?: k8s.NetworkPolicyPeer[];
  readonly to?: k8s.NetworkPolicyPeer[];
  readonly ports?: NetworkPolicyPortProps[];
}

export interface NetworkPolicyProps {
  /** @default false */
  readonly enabled?: boolean;
  /** @default ['Ingress', 'Egress'] */
  readonly policyTypes?: PolicyType[];
  /** Extra ingress rules, as in a NetworkPolicy. @default [] */
  readonly ingress?: NetworkPolicyRule[];
  /** Extra egress rules, as in a NetworkPolicy. @default [] */
  readonly egress?: NetworkPolicyRule[];
  /**
   * Allow DNS to the cluster DNS pods (kube-system, `k8s-app: kube-dns`) on UDP and TCP 53.
   * @default true
   */
  readonly allowDNS?: boolean;
  /**
   * Allow traffic to and from pods of the release namespace: a peer with only `podSelector: {}`,
   * which means the policy's own namespace without naming it, so the render keeps its meaning when
   * applied into or moved to another namespace.
   * @default false
   */
  readonly allowSameNamespace?: boolean;
  /**
   * Allow traffic to kube-system (metrics, API proxies) and from it to the gateway port.
   * @default false
   */
  readonly allowKubeSystem?: boolean;
  /**
   * More namespaces (label selectors) allowed to reach the gateway port and to be reached.
   * @default []
   */
  readonly allowedNamespaces?: k8s.LabelSelector[];
  /**
   * More peers (pod and/or namespace selectors) allowed both ways.
   * @default []
   */
  readonly allowedPods?: k8s.NetworkPolicyPeer[];
  /**
   * Egress to any address on these ports, the cluster's own pods and API server among them
   * (rendered with a warning). To reach only the internet, list an `egress` rule to `0.0.0.0/0`
   * except the cluster's private ranges.
   * @default []
   */
  readonly customEgressPorts?: NetworkPolicyPortProps[];
}

export interface BackupProps {
  /**
   * Run a `backup` container beside the gateway: a verified archive
   * (`openclaw backup create --verify`) about 30 s after the pod starts, then every
   * `intervalHours`, into `/backups` (see `claim`). Turning it on or off for a running release
   * changes only the pod template (with the default `claim`), so `kubectl apply` takes it.
   * @default false
   */
  readonly enabled?: boolean;
  /**
   * Where the archives are kept.
   * - `data`: a `backups` directory on each replica's state claim (`data-<statefulset>-<i>`). Turning
   *   backups on or off changes only the pod template. The archives survive a broken upgrade or
   *   lost state, not the loss of the volume: copy them off the node too.
   * - `own`: a claim of its own per replica (`backups-<statefulset>-<i>`, `size`, `storageClass`).
   *   It survives the loss of the state claim, but it is a volumeClaimTemplate, which the API server
   *   refuses to add to or remove from an existing StatefulSet: choose it when you create the
   *   release, or follow "Changing claim templates" in docs/day-two.md.
   * @default 'data' when `persistence.enabled`, else 'own' (an emptyDir dies with the pod)
   */
  readonly claim?: BackupClaim;
  /**
   * Hours between two archives (fractions allowed, at least one minute). The container's liveness
   * check restarts it when no archive was verified for this long plus 30 minutes, which
   * `monitoring.prometheusRule`'s `OpenClawBackupFailing` alert sees.
   * @default 24
   */
  readonly intervalHours?: number;
  /**
   * How many archives to keep; older ones are deleted after each successful backup (a failed
   * backup deletes nothing).
   * @default 7
   */
  readonly keep?: number;
  /**
   * Size of each replica's backups claim (`claim: own`). Allow about `keep` times the state's size.
   * @default '5Gi'
   */
  readonly size?: string;
  /**
   * StorageClass of the backups claims (`claim: own`). Empty: the cluster default.
   * @default ''
   */
  readonly storageClass?: string;
  /**
   * Resources of the backup container (it is idle between archives; an archive takes a few
   * seconds of one CPU). `limits` and `requests` default separately.
   * @default { limits: { cpu: '500m', memory: '1Gi' }, requests: { cpu: '10m', memory: '128Mi' } }
   */
  readonly resources?: { readonly limits?: ResourceList; readonly requests?: ResourceList };
}

/**
 * Alerts for the release: a Prometheus Operator `PrometheusRule` (monitoring.coreos.com/v1) written
 * against kube-state-metrics and the kubelet's volume stats (see "Alerts" in the README).
 */
export interface PrometheusRuleProps {
  /**
   * Render a `PrometheusRule` named after the release with its alerts: crash loop, OOM kill,
   * claim nearly full, gateway down or not ready, release paused, migrate-config failing and (with
   * `backup.enabled`) backups failing or stale. Every expression selects this release's objects
   * only (its namespace, StatefulSet, pods and claims), so each release in a cluster gets its own.
   * Needs the Prometheus Operator's CRDs in the cluster.
   * @default false
   */
  readonly enabled?: boolean;
  /**
   * Labels on the PrometheusRule besides the chart's, for your Prometheus's `ruleSelector`.
   * @default {}
   * @example { release: 'kube-prometheus-stack' }
   */
  readonly labels?: Record<string, string>;
  /**
   * `OpenClawClaimNearlyFull` fires when a state or backups claim is more than this percent full
   * for 15 minutes (1 to 99).
   * @default 85
   */
  readonly claimFullPercent?: number;
  /**
   * `OpenClawReplicasNotReady` fires when some (not all) replicas have not been ready for this
   * many minutes; `OpenClawGatewayDown` (none ready) after 5 minutes.
   * @default 15
   */
  readonly notReadyMinutes?: number;
  /**
   * `OpenClawReleasePaused` (severity info) fires when the StatefulSet has had 0 replicas for this
   * many hours: `replicaCount: 0` left on, or a scale-down nobody undid.
   * @default 24
   */
  readonly pausedHours?: number;
}

/**
 * A Prometheus Operator `ServiceMonitor` for the gateway's own metrics, which come from OpenClaw's
 * `diagnostics-prometheus` plugin (installed from ClawHub: `openclaw plugins install
 * clawhub:@openclaw/diagnostics-prometheus`, then enabled in openclaw.json). Without the plugin
 * the scrape finds no route: render it only once the plugin runs.
 */
export interface ServiceMonitorProps {
  /**
   * Render a `ServiceMonitor` that scrapes `/api/diagnostics/prometheus` on each replica (through
   * the ClusterIP Service's endpoints) with the gateway token as a Bearer token.
   * @default false
   */
  readonly enabled?: boolean;
  /**
   * Labels on the ServiceMonitor besides the chart's, for your Prometheus's `serviceMonitorSelector`.
   * @default {}
   * @example { release: 'kube-prometheus-stack' }
   */
  readonly labels?: Record<string, string>;
  /**
   * Scrape interval (a Prometheus duration such as `30s`, `1m`).
   * @default '30s'
   */
  readonly interval?: string;
  /**
   * The Secret key holding the gateway token Prometheus sends (in the release's namespace). The
   * route needs the gateway's operator auth, and a token each pod generates for itself is in no
   * Secret, so without `existingSecret` or `gateway.tokenSecret` providing `OPENCLAW_GATEWAY_TOKEN`
   * this must be set.
   * @default - the Secret key the gateway reads OPENCLAW_GATEWAY_TOKEN from
   * @example { name: 'openclaw-secrets', key: 'OPENCLAW_GATEWAY_TOKEN' }
   */
  readonly tokenSecret?: { readonly name: string; readonly key: string };
}

export interface MonitoringProps {
  /** @default see PrometheusRuleProps */
  readonly prometheusRule?: PrometheusRuleProps;
  /** @default see ServiceMonitorProps */
  readonly serviceMonitor?: ServiceMonitorProps;
}

/** What the pod does when it starts on state an older (or another) OpenClaw release wrote. */
export interface UpgradeProps {
  /**
   * Run a `migrate-config` init container (the OpenClaw image, the gateway's env, mounts and
   * resources) before the gateway. When the config on the volume was last written by another
   * release (`meta.lastTouchedVersion`), it runs `openclaw config validate`; if that fails,
   * `openclaw doctor --fix --non-interactive` (OpenClaw's safe migrations, keeping
   * `openclaw.json.bak`) and validate again. If the config still does not validate, the gateway is
   * not started: the container exits 1 with a message naming both releases, shown by
   * `kubectl describe pod`. On a restart with the same release it exits at once.
   * @default true
   */
  readonly migrateConfig?: boolean;
}

export interface UpdateStrategyProps {
  /** @default 'RollingUpdate' */
  readonly type?: UpdateStrategyType;
  /** Only with `RollingUpdate`. @default { partition: 0 } */
  readonly rollingUpdate?: { readonly partition?: number; readonly maxUnavailable?: number | string };
}

export interface PodDisruptionBudgetProps {
  /**
   * Create a PodDisruptionBudget.
   * @default - true when replicaCount > 1
   */
  readonly enabled?: boolean;
  /** @default - 1 */
  readonly maxUnavailable?: number | string;
  /** Instead of `maxUnavailable`. @default - unset */
  readonly minAvailable?: number | string;
}

export interface ReplicaOverride {
  /** Env vars for this replica only. */
  readonly env?: Record<string, string>;
}

/** A container volume; plain Kubernetes JSON with a name. */
export interface VolumeJson extends KubernetesJson {
  readonly name: string;
}

export interface OpenClawChartProps {
  /**
   * The release name, as in `helm install <release>`: the prefix of every object name and the
   * `app.kubernetes.io/instance` label.
   * @default - the chart's construct id
   */
  readonly releaseName?: string;
  /**
   * Namespace set on every namespaced object (also used by the NetworkPolicy and RoleBinding).
   * @default 'default'
   */
  readonly namespace?: string;
  /** Replaces the chart name `openclaw` in object names and `app.kubernetes.io/name`. @default '' */
  readonly nameOverride?: string;
  /** Replaces the whole object name prefix. @default '' */
  readonly fullnameOverride?: string;

  /** @default see ImageProps */
  readonly image?: ImageProps;
  /** Secrets for pulling the image. @default [] */
  readonly imagePullSecrets?: k8s.LocalObjectReference[];
  /** @default see ServiceAccountProps */
  readonly serviceAccount?: ServiceAccountProps;
  /**
   * Pod security context. Merged over the restricted default.
   * @default { fsGroup: 1000, runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000, fsGroupChangePolicy: 'OnRootMismatch', seccompProfile: { type: 'RuntimeDefault' } }
   */
  readonly podSecurityContext?: k8s.PodSecurityContext;
  /**
   * Security context of every container (init containers too). Merged over the restricted default.
   * @default { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, readOnlyRootFilesystem: true, runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } }
   */
  readonly securityContext?: k8s.SecurityContext;
  /**
   * Number of gateway replicas (each with its own state claim). `0` pauses the release: no pod
   * runs, the claims are kept, and scaling back up finds the state where it was. With more than
   * one, each replica is an independent gateway and also gets a Service of its own,
   * `<fullname>-<i>`; an Ingress, HTTPRoute or LoadBalancer/NodePort Service over several
   * replicas with a token each (generated) renders with a warning.
   * @default 1
   */
  readonly replicaCount?: number;
  /**
   * Per-replica settings, keyed by the 0-based replica index as a string. Each replica sees
   * its own env values and no other replica's.
   * @default {}
   */
  readonly replicaOverrides?: Record<string, ReplicaOverride>;
  /** @default see ServiceProps */
  readonly service?: ServiceProps;
  /** @default see IngressProps */
  readonly ingress?: IngressProps;
  /** Gateway API route (alternative to `ingress`). @default see HttpRouteProps */
  readonly httpRoute?: HttpRouteProps;
  /** @default see PersistenceProps */
  readonly persistence?: PersistenceProps;
  /** @default see EnvProps */
  readonly env?: EnvProps;
  /**
   * Allow secret-looking names (`*_API_KEY`, `*_TOKEN`, `*_PASSWORD`, `*SECRET*`) as plain `env`
   * values, and secret-looking values (`sk-ant-...`, `ghp_...`, JWTs, long hex, ...) in env,
   * extraEnv, replicaOverrides, configMap.data and the channels config. Off: they are refused,
   * because plain values are visible to anyone who can read the StatefulSet or the ConfigMaps.
   * On: rendered, with a warning.
   * @default false
   */
  readonly allowPlainSecretEnv?: boolean;
  /** Extra env vars (plain or `valueFrom`). @default [] */
  readonly extraEnv?: ExtraEnvVar[];
  /**
   * The default model of OpenClaw's agents, written to `agents.defaults.model.primary` in
   * openclaw.json, e.g. `anthropic/claude-sonnet-4-6`.
   * @default - from env.CLAUDE_MODEL when you set it, else OpenClaw's own default
   */
  readonly agentModel?: string;
  /** @default see GatewayProps */
  readonly gateway?: GatewayProps;
  /** @default [] */
  readonly envFromConfigMap?: EnvFromConfigMap[];
  /** @default [] */
  readonly envFromSecret?: EnvFromSecret[];
  /** @default see ExistingSecretProps */
  readonly existingSecret?: ExistingSecretProps;
  /** @default see ConfigMapProps */
  readonly configMap?: ConfigMapProps;
  /** @default see SecretProps */
  readonly secret?: SecretProps;
  /** Extra pod volumes. @default [] */
  readonly extraVolumes?: VolumeJson[];
  /** Extra mounts in the OpenClaw container. @default [] */
  readonly extraVolumeMounts?: k8s.VolumeMount[];
  /**
   * The container command. A `--port` in it must be the gateway port.
   * @default ['node', 'dist/index.js', 'gateway', '--bind', 'lan', '--port', '<port>', '--allow-unconfigured']
   */
  readonly command?: string[];
  /** Arguments appended after the command. @default [] */
  readonly extraArgs?: string[];
  /** @default see ResourcesProps */
  readonly resources?: ResourcesProps;
  /**
   * V8 heap cap of the gateway's Node process in MiB, set as `NODE_OPTIONS=--max-old-space-size=<n>`.
   * Without one Node sizes its heap from the machine, not from the memory limit, and the kernel
   * OOM-kills the pod. `0`: no cap. Your own `NODE_OPTIONS` in `env`, `extraEnv` or `secret.data`
   * wins; set `0` when yours comes through `envFromConfigMap`/`envFromSecret` (explicit env beats envFrom).
   * @default - 75% of resources.limits.memory (1536 under 2Gi, 3072 under the default 4Gi); none without a memory limit
   */
  readonly maxOldSpaceSizeMiB?: number;
  /** @default see ProbeProps */
  readonly livenessProbe?: ProbeProps;
  /** @default see ProbeProps */
  readonly readinessProbe?: ProbeProps;
  /**
   * Startup probe (`/startupz` on images that serve it, else the liveness check), so a slow
   * first start is not killed by the liveness probe.
   * @default see ProbeProps
   */
  readonly startupProbe?: ProbeProps;
  /** @default {} */
  readonly podAnnotations?: Record<string, string>;
  /** @default {} */
  readonly podLabels?: Record<string, string>;
  /** @default {} */
  readonly nodeSelector?: Record<string, string>;
  /** @default [] */
  readonly tolerations?: k8s.Toleration[];
  /** @default {} */
  readonly affinity?: k8s.Affinity;
  /**
   * RuntimeClass of the pods (`spec.runtimeClassName`), e.g. `gvisor` or `kata`: a sandboxed
   * kernel between the agent's shell commands and the node. The RuntimeClass must exist in the cluster.
   * @default - the cluster's default runtime
   */
  readonly runtimeClassName?: string;
  /** @default see RbacProps */
  readonly rbac?: RbacProps;
  /** @default see NetworkPolicyProps */
  readonly networkPolicy?: NetworkPolicyProps;
  /** @default see UpdateStrategyProps */
  readonly updateStrategy?: UpdateStrategyProps;
  /** @default 'OrderedReady' */
  readonly podManagementPolicy?: PodManagementPolicy;
  /** @default see PodDisruptionBudgetProps */
  readonly podDisruptionBudget?: PodDisruptionBudgetProps;
  /**
   * Make `/usr/local/lib/node_modules` writable (an emptyDir) so OpenClaw can install plugins.
   * @default true
   */
  readonly nodeModulesWritable?: boolean;
  /** Scheduled, verified backups of each replica's state. @default see BackupProps */
  readonly backup?: BackupProps;
  /** Config migration when the image's OpenClaw release changes. @default see UpgradeProps */
  readonly upgrade?: UpgradeProps;
  /** Alerts and the gateway's metrics for the Prometheus Operator. @default see MonitoringProps */
  readonly monitoring?: MonitoringProps;
}

/**
 * The defaults, as values. They equal the Helm chart's values.yaml except where the JSDoc above
 * says why (pinned image tag, restricted security contexts, no RBAC rules, allowInsecureAuth off,
 * probes chosen by image version). Kept next to the types so the two are read together.
 */
export const DEFAULTS = {
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
  upgrade: { migrateConfig: true },
  monitoring: {
    prometheusRule: { enabled: false, labels: {}, claimFullPercent: 85, notReadyMinutes: 15, pausedHours: 24 },
    serviceMonitor: { enabled: false, labels: {}, interval: '30s' },
  },
  /** Resources of the chart's small init containers (policy: every container has requests and limits). */
  initContainerResources: { limits: { cpu: '200m', memory: '128Mi' }, requests: { cpu: '10m', memory: '32Mi' } },
} satisfies DefaultValues;

/** @internal What DEFAULTS must be: values of the props (checked by `satisfies`, so DEFAULTS keeps its literal types). */
type DefaultValues = OpenClawChartProps & {
  readonly image: Required<ImageProps>;
  readonly ingress: Required<IngressProps>;
  readonly persistence: Required<PersistenceProps>;
  readonly initContainerResources: ResourcesProps;
};
