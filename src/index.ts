/**
 * The public API of openclaw-cdk8s, listed name by name: the Construct and the Chart with their
 * props and enumerations, the fleet, Helm values files, Helm export, the summary, and strict
 * manifest validation. Everything else in src/ is internal and may change in any release.
 * The committed API report (etc/openclaw-cdk8s.api.md) is checked by test/repo/api-report.test.ts.
 */

// The Kubernetes API types the props use (k8s.Toleration, ...): the package's own, so it needs no cdk8s-plus.
// A namespace (`export * as`), which jsii publishes as the submodule `k8s` (openclaw_cdk8s.k8s,
// io.github.openclaw.cdk8s.k8s). The props import the types by name from props/k8s-types.ts.
export * as k8s from './props/k8s-types';

// The Construct for any Chart, and the Chart around it.
export { OpenClaw } from './openclaw';
export type { OpenClawProps, OpenClawChartInfo } from './openclaw';
export { OpenClawChart } from './chart';

// The props (the Helm chart's values.yaml, key for key), their enumerations and frozen defaults.
export type {
  OpenClawChartProps,
  Quantity, KubernetesJson, VolumeJson, ResourceList, ResourcesProps, ContainerResourcesProps,
  ImageProps, PersistenceProps, RetentionPolicyProps, ProbeProps, TcpSocketCheck, HttpGetCheck,
  UpdateStrategyProps, RollingUpdateProps, PodDisruptionBudgetProps, ReplicaOverride,
  ServiceProps, IngressProps, IngressHost, IngressPath, IngressTls, HttpRouteProps, HttpRouteParentRef,
  NetworkPolicyProps, NetworkPolicyRule, NetworkPolicyPortProps,
  ServiceAccountProps, RbacProps,
  EnvProps, ExtraEnvVar, EnvFromConfigMap, EnvFromSecret, EnvSourceRef, ExistingSecretProps, ConfigMapProps, SecretProps,
  GatewayProps, GatewayTokenSecret, GatewayTerminalProps, ControlUiProps, ChannelsProps, ChannelConfig,
  BackupProps, BackupRestoreProps, BackupRestoreSource, BackupS3Props, BackupS3CredentialsSecret, MonitoringProps, PrometheusRuleProps, ServiceMonitorProps, SecretKeyRef, UpgradeProps,
  BrowserProps, BrowserImageProps,
} from './props';
export { DEFAULTS } from './props';
export type { DeepReadonly } from './props';
export type {
  AccessMode, BackupClaim, IngressPathType, PodManagementPolicy, PolicyType, Protocol, PullPolicy, RetentionPolicy, ServiceType, UpdateStrategyType,
} from './props/enumerations';
export {
  ACCESS_MODES, BACKUP_CLAIMS, INGRESS_PATH_TYPES, POD_MANAGEMENT_POLICIES, POLICY_TYPES, PROTOCOLS, PULL_POLICIES,
  RETENTION_POLICIES, SERVICE_TYPES, UPDATE_STRATEGY_TYPES,
} from './props/enumerations';

// Problems and warnings: one type and one format for props, values files and fleets.
export { OpenClawConfigError, formatProblem, formatWarning } from './core/errors';
export type { ConfigProblem } from './core/errors';

// Which OpenClaw the chart pins, and what an image tag supports.
export { DEFAULT_OPENCLAW_VERSION, imageFeatures } from './core/versions';
export type { ImageFeatures } from './core/versions';

// One OpenClaw per person.
export { OpenClawFleet } from './fleet/fleet';
export type { OpenClawFleetProps, FleetTenant, FleetTenantObjects, FleetTenantYaml } from './fleet/fleet-props';
export { OpenClawFleetError } from './fleet/errors';
export type { FleetProblem } from './fleet/errors';
export type { FleetWarning } from './fleet/warnings';
export { FLEET_MANIFEST, FleetLayout } from './fleet/outdir';
export type { FleetFile, FleetWriteOptions, FleetWriteResult } from './fleet/outdir';
export { TENANT_LIMITS, TENANT_QUOTA, TenancyMode } from './fleet/tenancy';
export type { FleetTenancy, IngressControllerPeer } from './fleet/tenancy';
export { TENANT_SAFE_PROPS } from './fleet/policy';
export type { FleetPolicy } from './fleet/policy';

// Helm values files -> props, and the values JSON schema.
export { valuesToProps, loadValuesFiles } from './values/to-props';
export type { ValuesToPropsOptions } from './values/to-props';
export { VALUES_SCHEMA } from './schema/values-schema';
export type { SchemaNode } from './schema/values-schema';

// A Helm chart from props, for teams that deploy with Helm.
export { exportHelmChart, GENERATED_ANNOTATION } from './helm/export';
export type { HelmExportInput, HelmExportOptions, HelmExportResult } from './helm/export';

// The summary the CLI prints: what was rendered and how to reach it.
export { renderNotes, DEFAULT_LOCAL_PORT } from './notes/summary';
export type { NotesOptions, NotesSource, ChartLike, AppLike } from './notes/summary';

// Strict Kubernetes schema validation of any manifest (`kubeconform -strict` semantics).
export { SUPPORTED_KUBERNETES_VERSIONS } from './manifest-check/kubernetes-versions';
export type { KubernetesVersion } from './manifest-check/kubernetes-versions';
export { formatProblems } from './manifest-check/problems';
export type { ManifestProblem } from './manifest-check/problems';
export { validateManifests, assertValidManifests } from './manifest-check/validate';
export { validateYamlFiles } from './manifest-check/yaml-files';

// Rendering without a Chart of your own, and output that moves between namespaces.
export { renderObjects } from './build/render-objects';
export { withoutNamespace } from './output/portable';
