/**
 * `k8s`: the Kubernetes API types the props use (k8s.Toleration, k8s.Affinity, ...), the package's
 * own (k8s-types.ts, written by scripts/k8s-types.ts from cdk8s-plus-28), so that it needs no
 * cdk8s-plus. One named namespace, imported by name everywhere, so the public API names it once.
 */
import type * as k8s from './k8s-types';

export type { k8s };
