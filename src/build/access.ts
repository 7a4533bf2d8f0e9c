/**
 * ServiceAccount, Role and RoleBinding. Least privilege: no Role unless rbac.rules grant
 * something, and then the token is mounted; otherwise it is not (see Model.automountToken).
 */
import { ManifestSink } from '../output/manifest-sink';
import { Model } from '../model/model';

export function addAccess(sink: ManifestSink, model: Model): void {
  const meta = (name: string) => ({ name, labels: model.labels.common });
  if (model.createServiceAccount) {
    const annotations = model.serviceAccountAnnotations;
    sink.add('serviceaccount', {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { ...meta(model.names.serviceAccount), ...(Object.keys(annotations).length ? { annotations } : {}) },
      automountServiceAccountToken: model.automountToken,
    });
  }
  if (!model.rbacRules.length) return;
  sink.add('role', {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'Role',
    metadata: meta(model.names.role),
    rules: model.rbacRules,
  });
  sink.add('rolebinding', {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: meta(model.names.role),
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: model.names.role },
    subjects: [{ kind: 'ServiceAccount', name: model.names.serviceAccount, namespace: model.namespace }],
  });
}
