/**
 * Every example in examples/ is synthesized exactly as `cdk8s synth` runs it (its main.ts, with
 * CDK8S_OUTDIR pointing at a temporary directory), and every manifest it writes must be valid for
 * every supported Kubernetes version. The examples import 'openclaw-cdk8s' like a user's app does;
 * here that name resolves to this repository's src/.
 */
import * as fs from 'fs';
import * as path from 'path';
import { expectValidManifests } from '../helpers/k8s-valid';
import { EXAMPLES, EXAMPLES_DIR, runExample } from '../helpers/examples';

/** Every chart an example makes, to read its warnings (the chart never prints them). */
const mockCharts: Array<{ warnings: readonly { path: string; message: string }[] }> = [];
jest.mock('openclaw-cdk8s', () => {
  const real = jest.requireActual('../../src');
  class RecordedChart extends real.OpenClawChart {
    constructor(...args: any[]) {
      super(...(args as [any, string, any]));
      mockCharts.push(this as any);
    }
  }
  return { ...real, OpenClawChart: RecordedChart };
}, { virtual: true });

const synthesized = new Map<string, Map<string, any[]>>();
const warningsOf = new Map<string, string[]>();

/** Runs examples/<name>/main.ts in-process (once), with the warnings its charts return; returns output file name -> its manifests. */
function synthExample(name: string): Map<string, any[]> {
  if (!synthesized.has(name)) {
    const before = mockCharts.length;
    synthesized.set(name, runExample(name));
    warningsOf.set(name, mockCharts.slice(before).flatMap((c) => c.warnings.map((w) => `${w.path}: ${w.message}`)));
  }
  return synthesized.get(name)!;
}

const all = (files: Map<string, any[]>) => [...files.values()].flat();
const find = (objects: any[], kind: string, name?: string) => {
  const found = objects.filter((o) => o.kind === kind && (name === undefined || o.metadata.name === name));
  expect(found).toHaveLength(1);
  return found[0];
};
const envOf = (sts: any) => Object.fromEntries(
  sts.spec.template.spec.containers.find((c: any) => c.name === 'openclaw').env.map((e: any) => [e.name, e.value ?? e.valueFrom]),
);

test('the four documented examples exist, each a cdk8s app', () => {
  expect(EXAMPLES).toEqual(expect.arrayContaining(['embedded', 'minimal', 'per-replica', 'production']));
  for (const name of EXAMPLES) {
    expect(fs.readFileSync(path.join(EXAMPLES_DIR, name, 'cdk8s.yaml'), 'utf8')).toMatch(/^app: npx ts-node main\.ts$/m);
    // Written as a user writes it: the package name, never a path into this repository.
    const source = fs.readFileSync(path.join(EXAMPLES_DIR, name, 'main.ts'), 'utf8');
    expect(source).toMatch(/from 'openclaw-cdk8s'/);
    expect(source).not.toMatch(/from '\.\.?\//);
  }
});

describe.each(EXAMPLES)('example %s', (name) => {
  let files: Map<string, any[]>;
  beforeAll(() => {
    files = synthExample(name);
  });

  test('synthesizes with no warning, following the README\'s advice (trusted proxies are single addresses, nothing wider than asked)', () => {
    expect(warningsOf.get(name)).toEqual([]);
    const proxies = all(files).filter((o) => o.kind === 'ConfigMap' && o.data?.['openclaw.json'])
      .flatMap((config) => JSON.parse(config.data['openclaw.json']).gateway?.trustedProxies ?? []);
    for (const proxy of proxies) expect(proxy).toMatch(/\/32$/);
    // Behind an Ingress (production's own, embedded's shared one) the proxies are listed.
    expect(proxies.length > 0).toBe(all(files).some((o) => o.kind === 'Ingress'));
  });

  test('synthesizes valid manifests', () => {
    expect(files.size).toBeGreaterThan(0);
    expect(all(files).length).toBeGreaterThan(0);
    expectValidManifests(all(files));
  });
});

test('minimal: the defaults, in namespace openclaw', () => {
  const objects = all(synthExample('minimal'));
  const sts = find(objects, 'StatefulSet', 'openclaw');
  expect(sts.metadata.namespace).toBe('openclaw');
  expect(sts.spec.replicas).toBe(1);
  // No Secret to create: the pod generates its own gateway token.
  expect(envOf(sts).OPENCLAW_GATEWAY_TOKEN).toBeUndefined();
  expect(sts.spec.template.spec.initContainers[0].command).toContain('--token');
  expect(objects.map((o) => o.kind)).not.toContain('Secret');
  expect(objects.map((o) => o.kind)).not.toContain('Ingress');
});

test('production: existing Secret, TLS ingress, NetworkPolicy, pinned image, resources', () => {
  const objects = all(synthExample('production'));
  const sts = find(objects, 'StatefulSet');
  const container = sts.spec.template.spec.containers.find((c: any) => c.name === 'openclaw');
  expect(container.image).toBe('ghcr.io/openclaw/openclaw:2026.9.6');
  expect(container.resources).toEqual({ requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '2', memory: '4Gi' } });
  expect(envOf(sts).OPENCLAW_GATEWAY_TOKEN).toEqual({ secretKeyRef: { name: 'openclaw-credentials', key: 'gateway-token' } });
  expect(envOf(sts).ANTHROPIC_API_KEY).toEqual({ secretKeyRef: { name: 'openclaw-credentials', key: 'anthropic-api-key' } });
  expect(objects.filter((o) => o.kind === 'Secret')).toEqual([]);
  const ingress = find(objects, 'Ingress');
  expect(ingress.spec.tls).toEqual([{ secretName: 'openclaw-tls', hosts: ['openclaw.example.com'] }]);
  const np = find(objects, 'NetworkPolicy');
  expect(np.spec.policyTypes).toEqual(['Ingress', 'Egress']);
  expect(sts.spec.volumeClaimTemplates[0].spec).toMatchObject({ storageClassName: 'standard-rwo', resources: { requests: { storage: '20Gi' } } });
});

test('per-replica: one replica env file per person, pods in parallel, a PDB', () => {
  const objects = all(synthExample('per-replica'));
  const sts = find(objects, 'StatefulSet', 'assistants-openclaw');
  expect(sts.spec.replicas).toBe(3);
  expect(sts.spec.podManagementPolicy).toBe('Parallel');
  const replicaEnv = find(objects, 'ConfigMap', 'assistants-openclaw-replica-env');
  expect(Object.keys(replicaEnv.data)).toHaveLength(3);
  const text = Object.values(replicaEnv.data).join('\n');
  for (const person of ['alice', 'bob', 'carol']) expect(text).toContain(person);
  expect(find(objects, 'PodDisruptionBudget').spec.maxUnavailable).toBe(1);
});

test('embedded: a namespace chart, two gateways and a shared ingress in one app, in dependency order', () => {
  const files = synthExample('embedded');
  const names = [...files.keys()];
  // Charts with dependencies are written with an order prefix; the namespace comes first, the ingress last.
  expect(names[0]).toMatch(/namespace/);
  expect(names[names.length - 1]).toMatch(/ingress/);
  const objects = all(files);
  expect(find(objects, 'Namespace').metadata.name).toBe('assistants');
  const ingress = find(objects, 'Ingress', 'assistants');
  const backends = ingress.spec.rules.map((r: any) => r.http.paths[0].backend.service);
  const services = objects.filter((o) => o.kind === 'Service' && o.spec.clusterIP !== 'None');
  expect(backends).toEqual(services.map((s) => ({ name: s.metadata.name, port: { number: s.spec.ports[0].port } })));
  expect(objects.filter((o) => o.kind === 'StatefulSet').map((s) => s.metadata.name)).toEqual(['platform-openclaw', 'data-openclaw']);
  for (const o of objects.filter((x) => x.kind !== 'Namespace')) expect(o.metadata.namespace).toBe('assistants');
});
