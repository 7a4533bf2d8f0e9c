/**
 * The closed sets of values a prop may take, each declared once: props.ts derives its types from
 * these arrays, check.ts its checks and messages, and the values schema its `enum`s (through the
 * prop types).
 */

export const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'] as const;
export const SERVICE_TYPES = ['ClusterIP', 'NodePort', 'LoadBalancer'] as const;
export const INGRESS_PATH_TYPES = ['Prefix', 'Exact', 'ImplementationSpecific'] as const;
export const ACCESS_MODES = ['ReadWriteOnce', 'ReadWriteMany', 'ReadOnlyMany', 'ReadWriteOncePod'] as const;
export const RETENTION_POLICIES = ['Retain', 'Delete'] as const;
export const PROTOCOLS = ['TCP', 'UDP', 'SCTP'] as const;
export const POLICY_TYPES = ['Ingress', 'Egress'] as const;
export const UPDATE_STRATEGY_TYPES = ['RollingUpdate', 'OnDelete'] as const;
export const POD_MANAGEMENT_POLICIES = ['OrderedReady', 'Parallel'] as const;
/** Where the backup container keeps its archives: on each replica's state claim, or on a claim of its own. */
export const BACKUP_CLAIMS = ['data', 'own'] as const;
/** The verbs a Role may grant (Kubernetes' own, plus "*"). */
export const RBAC_VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection',
  'impersonate', 'bind', 'escalate', 'use', 'approve', 'sign', '*'] as const;

export type PullPolicy = (typeof PULL_POLICIES)[number];
export type ServiceType = (typeof SERVICE_TYPES)[number];
export type IngressPathType = (typeof INGRESS_PATH_TYPES)[number];
export type AccessMode = (typeof ACCESS_MODES)[number];
export type RetentionPolicy = (typeof RETENTION_POLICIES)[number];
export type Protocol = (typeof PROTOCOLS)[number];
export type PolicyType = (typeof POLICY_TYPES)[number];
export type UpdateStrategyType = (typeof UPDATE_STRATEGY_TYPES)[number];
export type PodManagementPolicy = (typeof POD_MANAGEMENT_POLICIES)[number];
export type BackupClaim = (typeof BACKUP_CLAIMS)[number];

/** Whether `value` is one of `allowed` (narrowing it). */
export function isOneOf<T extends string>(allowed: readonly T[], value: unknown): value is T {
  return (allowed as readonly unknown[]).includes(value);
}

/** "A or B", "A, B or C": the allowed values as a check's message says them. */
export function orList(values: readonly string[]): string {
  return values.length < 2 ? values.join('') : `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`;
}

/** @internal Each enumeration type by name, for the docs generator (scripts/props-table.ts). */
export const ENUMERATION_TYPES: Record<string, readonly string[]> = {
  PullPolicy: PULL_POLICIES,
  ServiceType: SERVICE_TYPES,
  IngressPathType: INGRESS_PATH_TYPES,
  AccessMode: ACCESS_MODES,
  RetentionPolicy: RETENTION_POLICIES,
  Protocol: PROTOCOLS,
  PolicyType: POLICY_TYPES,
  UpdateStrategyType: UPDATE_STRATEGY_TYPES,
  PodManagementPolicy: POD_MANAGEMENT_POLICIES,
  BackupClaim: BACKUP_CLAIMS,
};
