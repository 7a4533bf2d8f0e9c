/** The props of the pods: image, state claims, probes, update strategy, disruption budget, per-replica settings. */
import type { AccessMode, PullPolicy, RetentionPolicy, UpdateStrategyType } from './enumerations';

/**
 * The OpenClaw image (values `image`). Its tag also decides which probes and config keys the chart writes.
 * @example
 * { repository: 'ghcr.io/openclaw/openclaw', tag: '2026.9.6' }
 */
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

/**
 * OpenClaw's state: one PersistentVolumeClaim per replica (values `persistence`).
 * @example
 * { enabled: true, size: '20Gi', storageClass: 'fast' }
 */
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
  readonly retentionPolicy?: RetentionPolicyProps;
}

/** What happens to the claims when the StatefulSet is deleted or scaled down ({@link PersistenceProps.retentionPolicy}). */
export interface RetentionPolicyProps {
  /**
   * When the StatefulSet is deleted.
   * @default 'Retain'
   */
  readonly whenDeleted?: RetentionPolicy;
  /**
   * When the StatefulSet is scaled down.
   * @default 'Retain'
   */
  readonly whenScaled?: RetentionPolicy;
}

/** A TCP connect check ({@link ProbeProps.tcpSocket}). */
export interface TcpSocketCheck {
  /**
   * The gateway port, as its number or its name `http`.
   * @default - the gateway port
   */
  readonly port?: number | string;
}

/** An HTTP GET check ({@link ProbeProps.httpGet}). */
export interface HttpGetCheck {
  /**
   * The path to GET.
   * @default - by probe: `/healthz`, `/readyz` or `/startupz`
   */
  readonly path?: string;
  /**
   * The gateway port, as its number or its name `http`.
   * @default - the gateway port
   */
  readonly port?: number | string;
}

/** The StatefulSet's rolling update ({@link UpdateStrategyProps.rollingUpdate}). */
export interface RollingUpdateProps {
  /**
   * Only pods with an ordinal at or above it are updated.
   * @default 0
   */
  readonly partition?: number;
  /**
   * Pods that may be unavailable during the update: a number or a percentage of the replicas.
   * @default - Kubernetes' default (1)
   */
  readonly maxUnavailable?: number | string;
}

/**
 * A probe of the gateway container (values `livenessProbe`, `readinessProbe`, `startupProbe`). The chart picks the endpoint the image supports.
 */
export interface ProbeProps {
  /** @default true */
  readonly enabled?: boolean;
  /**
   * Check by TCP connect. The port, if given, must be the gateway port.
   * @default - chosen by image version (TCP before 2026.3.1, HTTP since)
   */
  readonly tcpSocket?: TcpSocketCheck;
  /**
   * Check by HTTP GET. The port, if given, must be the gateway port.
   * @default - `/healthz` (liveness), `/readyz` (readiness), `/startupz` (startup) on images that serve them
   */
  readonly httpGet?: HttpGetCheck;
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

/**
 * How the StatefulSet rolls out changes (values `updateStrategy`).
 */
export interface UpdateStrategyProps {
  /**
   * @default 'RollingUpdate'
   * @jsii suppress JSII5018 (the Kubernetes field name; the bindings escape it where it is reserved)
   */
  readonly type?: UpdateStrategyType;
  /** Only with `RollingUpdate`. @default { partition: 0 } */
  readonly rollingUpdate?: RollingUpdateProps;
}

/**
 * A PodDisruptionBudget for the pods (values `podDisruptionBudget`).
 */
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

/**
 * Settings of one replica (a value of `replicaOverrides`).
 */
export interface ReplicaOverride {
  /**
   * Env vars for this replica only.
   * @default {}
   */
  readonly env?: Record<string, string>;
}
