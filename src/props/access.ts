/** The props of the pods' identity: ServiceAccount and RBAC. */
import type * as k8s from './kubernetes-types';

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
