/**
 * A render that names no namespace (`openclaw-cdk8s synth --no-namespace`): the objects take the
 * namespace they are applied to (`kubectl apply -n`, a Kustomize overlay's `namespace:`), and
 * nothing in them points back at the one they were rendered for.
 */

/**
 * Copies of `objects` (rendered for `namespace`) without it: no `metadata.namespace`, and
 * RoleBinding subjects for a ServiceAccount of that namespace without theirs (a RoleBinding's
 * ServiceAccount subject with no namespace is in the binding's own). References to other
 * namespaces (kube-system, a Gateway's namespace) are kept.
 */
export function withoutNamespace(objects: readonly any[], namespace: string): any[] {
  return objects.map((o) => {
    const { namespace: ns, ...metadata } = o.metadata ?? {};
    const copy = { ...o, metadata: ns === namespace ? metadata : o.metadata };
    if (o.kind === 'RoleBinding' && Array.isArray(o.subjects)) {
      copy.subjects = o.subjects.map((s: any) => {
        if (s.kind !== 'ServiceAccount' || s.namespace !== namespace) return s;
        const { namespace: _, ...rest } = s;
        return rest;
      });
    }
    return copy;
  });
}
