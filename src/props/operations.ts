/** The props of running it: backups, alerts, upgrades. */
import type { BackupClaim } from './enumerations';
import type { ContainerResourcesProps } from './kubernetes';

/**
 * Verified backups of OpenClaw's state by a sidecar (values `backup`), kept on a claim.
 * @example
 * { enabled: true, intervalHours: 6, keep: 14 }
 */
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
  readonly resources?: ContainerResourcesProps;
  /**
   * Copy each verified archive to S3-compatible storage (AWS S3, MinIO, Ceph RGW, R2, ...) as
   * `<prefix><pod name>/<archive>`, verified by the SHA-256 the server reports back; see
   * BackupS3Props. Off-site copies survive the loss of the node and its volumes.
   * @default - none: archives stay on the claim
   * @example { endpoint: 'https://s3.eu-west-1.amazonaws.com', bucket: 'acme-openclaw-backups', region: 'eu-west-1', credentialsSecret: { name: 'openclaw-s3' } }
   */
  readonly s3?: BackupS3Props;
  /**
   * Restore the state from the bucket (`s3`) before the gateway starts: a `restore-state` init
   * container downloads the archive, checks its SHA-256 and `openclaw backup verify`, and puts its
   * state directory in place. It refuses a claim that already holds state (exit 1, the reason in
   * its log) unless `overwrite` is true (the old state is moved to
   * `.openclaw.before-restore.<time>`). Once done it records the source on the claim, so restarts
   * skip it; a new source restores again. Works with `backup.enabled` off too.
   * @default - none
   * @example { s3: { latest: true } }
   */
  readonly restoreFrom?: BackupRestoreProps;
}

/** Where `backup.restoreFrom` takes the archive from. */
export interface BackupRestoreProps {
  /** An archive in `backup.s3`'s bucket: one `key`, or the newest under this pod's prefix (`latest`). */
  readonly s3: BackupRestoreSource;
  /**
   * Restore even when the claim already holds state (it is moved aside, not deleted).
   * @default false
   */
  readonly overwrite?: boolean;
}

/** The archive `backup.restoreFrom` restores: one `key`, or the newest under this pod's prefix (`latest`). */
export interface BackupRestoreSource {
  /**
   * The object key, e.g. `openclaw/my-openclaw-0/2026-12-06T17-10-48.448+00-00-openclaw-backup.tar.gz`.
   * @default - none: set this or `latest`
   */
  readonly key?: string;
  /**
   * The newest archive under `<prefix><pod name>/`.
   * @default false
   */
  readonly latest?: boolean;
}

/** S3-compatible storage for the archives (`backup.s3`). */
export interface BackupS3Props {
  /**
   * The S3 API endpoint: `https://host[:port]` (or `http://` inside the cluster), no path.
   * @example 'https://s3.eu-west-1.amazonaws.com'
   */
  readonly endpoint: string;
  /** The bucket (3 to 63 lower-case letters, digits, dots and hyphens). It must exist. */
  readonly bucket: string;
  /**
   * Key prefix for this release, empty or ending in `/`; each replica writes under
   * `<prefix><pod name>/`.
   * @default ''
   * @example 'openclaw/prod/'
   */
  readonly prefix?: string;
  /**
   * Region used in the request signatures.
   * @default 'us-east-1'
   */
  readonly region?: string;
  /**
   * Address the bucket in the path (`endpoint/bucket/key`, MinIO and most self-hosted servers)
   * rather than the host name (`bucket.endpoint/key`).
   * @default true
   */
  readonly forcePathStyle?: boolean;
  /**
   * How many archives to keep in the bucket per replica; older ones are deleted after each upload.
   * Pre-upgrade archives (`<prefix><pod name>/pre-upgrade/`) are never deleted by it.
   * @default - backup.keep
   */
  readonly keep?: number;
  /**
   * An existing Secret with the access key (env `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`).
   * Leave it out for workload identity: annotate the ServiceAccount (`serviceAccount.annotations`,
   * e.g. `eks.amazonaws.com/role-arn`), whose web identity (`AWS_ROLE_ARN`,
   * `AWS_WEB_IDENTITY_TOKEN_FILE`) is exchanged at STS.
   * @default - none: workload identity
   */
  readonly credentialsSecret?: BackupS3CredentialsSecret;
}

/** The Secret with the S3 access key ({@link BackupS3Props.credentialsSecret}). */
export interface BackupS3CredentialsSecret {
  /** The Secret's name (in the release's namespace). */
  readonly name: string;
  /** @default 'AWS_ACCESS_KEY_ID' */
  readonly accessKeyIdKey?: string;
  /** @default 'AWS_SECRET_ACCESS_KEY' */
  readonly secretAccessKeyKey?: string;
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
  readonly tokenSecret?: SecretKeyRef;
}

/** One key of one Secret ({@link ServiceMonitorProps.tokenSecret}). */
export interface SecretKeyRef {
  /** The Secret's name (in the release's namespace). */
  readonly name: string;
  /** The key in the Secret. */
  readonly key: string;
}

/**
 * Alerts and metrics for the Prometheus Operator (values `monitoring`).
 * @example
 * { prometheusRule: { enabled: true } }
 */
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
  /**
   * On a release change (the state was last written by another OpenClaw release than the image's),
   * migrate-config first archives the state at rest (a checked `tar.gz` of `.openclaw`: the new
   * release's `openclaw backup create` refuses state it has not migrated yet) into `pre-upgrade/`
   * beside the backups (`backup.claim`; on the state claim when backups are off), and uploads it to
   * `backup.s3` when set, before OpenClaw touches the state. If the archive cannot be made, the
   * gateway is not started. The newest 3 are kept on the claim. See "Undoing an upgrade" in
   * docs/day-two.md.
   * @default true
   */
  readonly backupFirst?: boolean;
  /**
   * Start an image older than the release that last wrote the state. Off: migrate-config refuses
   * (exit 1, both releases named): an older OpenClaw may not read what a newer one wrote. To roll
   * back, restore the pre-upgrade archive instead (docs/day-two.md).
   * @default false
   */
  readonly allowDowngrade?: boolean;
}
