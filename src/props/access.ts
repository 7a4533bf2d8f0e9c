/** The props of the pods' identity: ServiceAccount and RBAC. */
import type { PolicyRule } from './k8s-types';

/**
 * The pods' ServiceAccount (values `serviceAccount`). Its token is mounted only when `rbac.rules` grant something to use it with.
 * @example
 * { create: true, annotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/openclaw' } }
 */
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

/**
 * A namespaced Role and RoleBinding for the ServiceAccount (values `rbac`). No rules by default: OpenClaw needs no Kubernetes API access.
 * @example
 * { create: true, rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }] }
 */
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
  readonly rules?: PolicyRule[];
}
