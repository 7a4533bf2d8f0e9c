/** The props of OpenClaw and OpenClawChart: the Helm chart's values.yaml, key for key. */
import type { Affinity, LocalObjectReference, PodSecurityContext, SecurityContext, Toleration, VolumeMount } from './k8s-types';
import type { PodManagementPolicy } from './enumerations';
import type { ResourcesProps, VolumeJson } from './kubernetes';
import type { ImageProps, PersistenceProps, PodDisruptionBudgetProps, ProbeProps, ReplicaOverride, UpdateStrategyProps } from './workload';
import type { HttpRouteProps, IngressProps, NetworkPolicyProps, ServiceProps } from './network';
import type { RbacProps, ServiceAccountProps } from './access';
import type { ConfigMapProps, EnvFromConfigMap, EnvFromSecret, EnvProps, ExistingSecretProps, ExtraEnvVar, GatewayProps, SecretProps } from './config';
import type { BackupProps, MonitoringProps, UpgradeProps } from './operations';
import type { BrowserProps } from './browser';

/**
 * The props of `OpenClawChart`: the user's manual.
 *
 * Every key mirrors the OpenClaw Helm chart's values.yaml (same nesting, camelCase), so a
 * values file converts one-to-one. Defaults are those of the Helm chart unless the JSDoc says
 * why they differ. Kubernetes fragments (affinity, tolerations, volumes, ...) are plain
 * Kubernetes JSON, exactly as in a manifest or a values file.
 *
 * @example
 * {
 *   image: { tag: '2026.9.6' },
 *   existingSecret: { name: 'openclaw-secrets' },
 *   ingress: { enabled: true, className: 'nginx', hosts: [{ host: 'openclaw.example.com' }] },
 *   gateway: { trustedProxies: ['10.42.3.17/32'] },
 * }
 */
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
   * @jsii suppress JSII5018 (the Kubernetes field name; the bindings escape it where it is reserved)
   */
  readonly namespace?: string;
  /** Replaces the chart name `openclaw` in object names and `app.kubernetes.io/name`. @default '' */
  readonly nameOverride?: string;
  /** Replaces the whole object name prefix. @default '' */
  readonly fullnameOverride?: string;

  /** @default see ImageProps */
  readonly image?: ImageProps;
  /** Secrets for pulling the image. @default [] */
  readonly imagePullSecrets?: LocalObjectReference[];
  /** @default see ServiceAccountProps */
  readonly serviceAccount?: ServiceAccountProps;
  /**
   * Pod security context. Merged over the restricted default.
   * @default { fsGroup: 1000, runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000, fsGroupChangePolicy: 'OnRootMismatch', seccompProfile: { type: 'RuntimeDefault' } }
   */
  readonly podSecurityContext?: PodSecurityContext;
  /**
   * Security context of every container (init containers too). Merged over the restricted default.
   * @default { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, readOnlyRootFilesystem: true, runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } }
   */
  readonly securityContext?: SecurityContext;
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
  readonly extraVolumeMounts?: VolumeMount[];
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
  readonly tolerations?: Toleration[];
  /** @default {} */
  readonly affinity?: Affinity;
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
  /** A headless Chromium sidecar for the agent's browser tool. @default see BrowserProps */
  readonly browser?: BrowserProps;
}
