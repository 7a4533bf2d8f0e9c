/**
 * A fleet with a namespace per tenant, judged by the real API server: every tenant's objects are
 * accepted under Pod Security "restricted" (the namespaces the fleet renders enforce it), the
 * StatefulSet controller's pods are admitted, and RBAC as the API server decides keeps each tenant's
 * ServiceAccount out of every other tenant's Secrets, pods and exec.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { OpenClawFleet } from '../../../src';
import { CLUSTER_START_TIMEOUT_MS, getJson, kubectl, playNode, startCluster } from '../harness/control-plane';

const TENANTS = ['alice', 'bob', 'mallory'];

beforeAll(async () => {
  await startCluster();
}, CLUSTER_START_TIMEOUT_MS);

test('tenants in namespaces of their own: admitted under restricted, and no tenant\'s ServiceAccount reaches another', async () => {
  const prefix = `t${process.pid % 10000}`;
  const fleet = new OpenClawFleet({
    defaults: { rbac: { create: true, rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }] } },
    tenants: TENANTS.map((name) => ({ name })),
    tenancy: { namespaceTemplate: `${prefix}-{tenant}` },
  });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openclaw-fleet-cluster-'));
  const written = fleet.writeTo(dir);
  for (const file of written.files) {
    const applied = kubectl(['apply', '--server-side', '-f', file.path]);
    expect(applied.stderr).not.toMatch(/would violate PodSecurity/);
  }
  const answers: Record<string, string> = {};
  for (const tenant of TENANTS) {
    const ns = `${prefix}-${tenant}`;
    expect(getJson(['namespace', ns]).metadata.labels['pod-security.kubernetes.io/enforce']).toBe('restricted');
    // The StatefulSet controller's pod passes admission in the tenant's restricted namespace.
    await playNode(ns, `app.kubernetes.io/instance=${tenant}`, 1);
    const as = `--as=system:serviceaccount:${ns}:${tenant}-openclaw`;
    for (const other of TENANTS) {
      const otherNs = `${prefix}-${other}`;
      for (const [verb, resource] of [['get', 'secrets'], ['list', 'pods'], ['create', 'pods/exec'], ['get', 'configmaps']]) {
        const r = kubectl(['auth', 'can-i', verb, resource, '-n', otherNs, as], undefined, true);
        answers[`${tenant} ${verb} ${resource} in ${other}`] = r.stdout.trim();
      }
    }
  }
  const expected = Object.fromEntries(Object.keys(answers).map((k) => {
    const [tenant, verb, resource, , other] = k.split(' ');
    // Only the rule the platform granted, and only in the tenant's own namespace.
    return [k, tenant === other && verb === 'get' && resource === 'configmaps' ? 'yes' : 'no'];
  }));
  expect(answers).toEqual(expected);
  process.stdout.write(`fleet RBAC from the API server: ${Object.entries(answers).map(([k, v]) => `${k}: ${v}`).join('; ')}\n`);
  fs.rmSync(dir, { recursive: true, force: true });
});
