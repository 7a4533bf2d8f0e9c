/**
 * The README's scenarios, written as props, against what the Helm chart rendered for them
 * (test/fixtures/reference/rendered-by-reference-chart). Fields are compared explicitly; where the
 * reference is wrong (docs/helm-chart-defects.md) the test says what we do instead.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { OpenClawChartProps } from '../../src';
import { expectValidManifests } from '../helpers/k8s-valid';
import { envOf, findObject, mainContainer, podSpecOf, synthObjects } from '../helpers/synth';
import { RENDERED_DIR, SCENARIOS_DIR } from '../helpers/fixtures';

const REFERENCE = RENDERED_DIR;

function reference(file: string): any[] {
  return parseAllDocuments(fs.readFileSync(path.join(REFERENCE, file), 'utf8')).map((d) => d.toJSON()).filter(Boolean);
}

const refStatefulSet = (objs: any[]) => objs.find((o) => o.kind === 'StatefulSet');
const refMain = (objs: any[]) => refStatefulSet(objs).spec.template.spec.containers[0];
const refEnv = (objs: any[]) => Object.fromEntries(refMain(objs).env.map((e: any) => [e.name, e.value ?? e.valueFrom]));
const kindsAndNames = (objs: any[]) => objs.map((o) => `${o.kind}/${o.metadata.name}`).sort();

/** Objects the Helm chart renders that we deliberately do not (Helm chart defect 14, 15, 4). */
const NOT_RENDERED_BY_US = new Set([
  'ConfigMap/my-openclaw-gateway-config', // only when a setting is managed (defect 14)
  'Role/my-openclaw', 'RoleBinding/my-openclaw', // no RBAC unless rbac.rules grant something (defect 15)
  'ConfigMap/my-openclaw-replica-0-config', 'ConfigMap/my-openclaw-replica-1-config', 'ConfigMap/my-openclaw-replica-2-config', // one replica-env ConfigMap (defect 4)
]);

/** The six inert env vars the Helm chart sets, which we keep for compatibility. */
const HELM_ENV = ['CLAUDE_MODEL', 'DATA_DIR', 'HOST', 'LOG_LEVEL', 'MEMORY_ENABLED', 'PORT'];

function load(scenario: string): OpenClawChartProps {
  const { parse } = require('yaml');
  const file = path.join(SCENARIOS_DIR, scenario);
  return parse(fs.readFileSync(file, 'utf8')) ?? {};
}

describe.each([
  ['01-default.yaml', '01-default.k8s.yaml'],
  ['02-existing-secret.yaml', '02-existing-secret.k8s.yaml'],
  ['03-env-from-secret.yaml', '03-env-from-secret.k8s.yaml'],
  ['04-ingress-tls.yaml', '04-ingress-tls.k8s.yaml'],
  ['05-network-policy-custom.yaml', '05-network-policy-custom.without-customEgressPorts.k8s.yaml'],
  ['06-per-replica.yaml', '06-per-replica.k8s.yaml'],
  ['07-no-persistence.yaml', '07-no-persistence.k8s.yaml'],
  ['08-custom-storage.yaml', '08-custom-storage.k8s.yaml'],
])('scenario %s', (scenario, rendered) => {
  const ours = synthObjects(load(scenario));
  const ref = reference(rendered);

  test('is valid Kubernetes 1.28 and 1.36', () => expectValidManifests(ours));

  test('renders the reference kinds and names, minus the objects the reference should not have', () => {
    const expected = kindsAndNames(ref).filter((k) => !NOT_RENDERED_BY_US.has(k));
    const extra = kindsAndNames(ours).filter((k) => !expected.includes(k));
    expect(kindsAndNames(ours).filter((k) => expected.includes(k))).toEqual(expected);
    // What we add instead: managed-config and per-replica ConfigMaps, the PDB and a Service per replica for several replicas.
    for (const k of extra) expect(k).toMatch(/^(ConfigMap\/my-openclaw-(gateway-config|replica-env)|PodDisruptionBudget\/my-openclaw|Service\/my-openclaw-\d+)$/);
  });

  test('uses the same selector labels on every workload object and Service', () => {
    const selector = refStatefulSet(ref).spec.selector.matchLabels;
    expect(findObject(ours, 'StatefulSet').spec.selector.matchLabels).toEqual(selector);
    // The per-replica Services add the pod-name label the StatefulSet controller sets.
    for (const svc of ours.filter((o) => o.kind === 'Service')) {
      const { 'statefulset.kubernetes.io/pod-name': pod, ...rest } = svc.spec.selector;
      expect(rest).toEqual(selector);
      expect(pod === undefined || svc.metadata.name === pod).toBe(true);
    }
    expect(findObject(ours, 'StatefulSet').spec.template.metadata.labels).toMatchObject(selector);
  });

  test('runs the same image (the reference chart tag, except our pinned default)', () => {
    const refImage: string = refMain(ref).image;
    const expected = refImage.endsWith(':latest') ? 'ghcr.io/openclaw/openclaw:2026.9.6' : refImage;
    expect(mainContainer(ours).image).toBe(expected);
  });

  test('keeps the Helm chart env values and secret references', () => {
    const want = refEnv(ref);
    const have = envOf(ours);
    for (const name of Object.keys(want)) {
      if (name === 'STATEFULSET_REPLICA_INDEX') {
        // defect 3: the ordinal, not the pod name
        expect(have[name]).toEqual({ fieldRef: { fieldPath: "metadata.labels['apps.kubernetes.io/pod-index']" } });
      } else {
        expect([name, have[name]]).toEqual([name, want[name]]);
      }
    }
    expect(Object.keys(have)).toEqual(expect.arrayContaining(HELM_ENV));
    // Not the per-replica ConfigMaps: loading all of them into every pod was defect 4.
    const refEnvFrom = (refMain(ref).envFrom ?? []).filter((e: any) => !/replica-\d+-config$/.test(e.configMapRef?.name ?? ''));
    expect(mainContainer(ours).envFrom ?? []).toEqual(expect.arrayContaining(refEnvFrom));
  });

  test('mounts the data volume where the reference does, plus the auth-profile key and writable dirs', () => {
    const mounts = mainContainer(ours).volumeMounts.map((m: any) => `${m.name}:${m.mountPath}:${m.subPath ?? ''}`);
    const refMounts = refMain(ref).volumeMounts.map((m: any) => m.mountPath);
    expect(mounts).toContain('data:/home/node/.openclaw:.openclaw');
    expect(mounts).toContain('data:/home/node/.config:.config');
    expect(mounts).toContain('data:/data:');
    expect(mounts).toContain('tmp:/tmp:');
    for (const p of refMounts) expect(mainContainer(ours).volumeMounts.map((m: any) => m.mountPath)).toContain(p);
  });

  test('exposes the same ports and resources', () => {
    expect(mainContainer(ours).ports).toEqual(refMain(ref).ports);
    expect(mainContainer(ours).resources).toEqual(refMain(ref).resources);
    const refSvc = ref.filter((o) => o.kind === 'Service').map((s) => s.spec.ports);
    const shared = ours.filter((o) => o.kind === 'Service' && !o.spec.selector['statefulset.kubernetes.io/pod-name']);
    expect(shared.map((s) => s.spec.ports)).toEqual(refSvc);
  });

  test('probes the gateway with the same timings (HTTP health endpoints where the image has them)', () => {
    for (const probe of ['livenessProbe', 'readinessProbe'] as const) {
      const want = refMain(ref)[probe];
      const have = mainContainer(ours)[probe];
      for (const k of ['initialDelaySeconds', 'periodSeconds', 'timeoutSeconds', 'failureThreshold']) expect(have[k]).toBe(want[k]);
      const image = mainContainer(ours).image as string;
      if (image.endsWith(':2026.2.1')) expect(have.tcpSocket).toEqual({ port: 'http' }); // before /healthz existed (defect 16)
      else expect(have.httpGet.path).toBe(probe === 'livenessProbe' ? '/healthz' : '/readyz');
    }
  });
});

describe('scenario-specific fields', () => {
  test('02: existing secret keys become secretKeyRef env vars', () => {
    const env = envOf(synthObjects(load('02-existing-secret.yaml')));
    expect(env.ANTHROPIC_API_KEY).toEqual({ secretKeyRef: { name: 'openclaw-secrets', key: 'ANTHROPIC_API_KEY' } });
    expect(env.OPENCLAW_GATEWAY_TOKEN).toEqual({ secretKeyRef: { name: 'openclaw-secrets', key: 'OPENCLAW_GATEWAY_TOKEN' } });
  });

  test('04: the ingress rules, TLS and annotations match the reference', () => {
    const ours = findObject(synthObjects(load('04-ingress-tls.yaml')), 'Ingress');
    const ref = reference('04-ingress-tls.k8s.yaml').find((o) => o.kind === 'Ingress');
    expect(ours.spec.rules).toEqual(ref.spec.rules);
    expect(ours.spec.tls).toEqual(ref.spec.tls);
    expect(ours.spec.ingressClassName).toBe('nginx');
    expect(ours.metadata.annotations).toMatchObject(ref.metadata.annotations);
  });

  test('05: the network rules match the reference, other namespaces selected by kubernetes.io/metadata.name, its own by a podSelector-only peer', () => {
    const ours = findObject(synthObjects(load('05-network-policy-custom.yaml')), 'NetworkPolicy');
    expect(ours.spec.podSelector).toEqual({ matchLabels: { 'app.kubernetes.io/name': 'openclaw', 'app.kubernetes.io/instance': 'my-openclaw' } });
    expect(ours.spec.policyTypes).toEqual(['Ingress', 'Egress']);
    const ns = (name: string) => ({ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': name } } });
    expect(ours.spec.ingress).toEqual([
      // The release's own namespace, whichever it is applied in (the name is never written).
      { from: [{ podSelector: {} }], ports: [{ protocol: 'TCP', port: 18789 }] },
      { from: [{ namespaceSelector: { matchLabels: { name: 'ingress-nginx' } } }], ports: [{ protocol: 'TCP', port: 18789 }] },
    ]);
    expect(ours.spec.egress).toEqual([
      { to: [{ ...ns('kube-system'), podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }], ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }] },
      { to: [ns('kube-system')], ports: [{ protocol: 'TCP', port: 443 }] },
      { to: [{ podSelector: {} }] },
      { to: [{ namespaceSelector: { matchLabels: { name: 'monitoring' } } }] },
      { ports: [{ protocol: 'TCP', port: 443 }, { protocol: 'TCP', port: 80 }] },
      {
        to: [{ namespaceSelector: { matchLabels: { name: 'monitoring' } } }, { podSelector: { matchLabels: { app: 'prometheus' } } }],
        ports: [{ protocol: 'TCP', port: 9090 }],
      },
    ]);
  });

  test('07: without persistence the data volume is an emptyDir and the old image gets its flag through the config merge', () => {
    const objs = synthObjects(load('07-no-persistence.yaml'));
    expect(findObject(objs, 'StatefulSet').spec.volumeClaimTemplates).toBeUndefined();
    expect(podSpecOf(objs).volumes).toContainEqual({ name: 'data', emptyDir: {} });
    const managed = JSON.parse(findObject(objs, 'ConfigMap', 'my-openclaw-gateway-config').data['openclaw.json']);
    expect(managed).toEqual({ gateway: { controlUi: { allowInsecureAuth: true } } });
    const [prepare, ...rest] = podSpecOf(objs).initContainers;
    expect([prepare.name, ...rest.map((c: any) => c.name)]).toEqual(['prepare-state', 'migrate-config']);
    // One step merges the settings and generates the token, with node in the OpenClaw image.
    expect(prepare.image).toBe(mainContainer(objs).image);
    expect(prepare.command).toEqual(expect.arrayContaining(['node', '--managed', '/etc/openclaw/managed/openclaw.json', '--token']));
  });

  test('08: the claim template has the storage class, size and annotations', () => {
    const [claim] = findObject(synthObjects(load('08-custom-storage.yaml')), 'StatefulSet').spec.volumeClaimTemplates;
    const [ref] = refStatefulSet(reference('08-custom-storage.k8s.yaml')).spec.volumeClaimTemplates;
    expect(claim.spec).toEqual(ref.spec);
    expect(claim.metadata).toEqual(ref.metadata);
  });
});

/**
 * Object names as the Helm chart 0.1.0 makes them, so that adopting a release finds the same
 * objects. The renders above show most; the Secret (`openclaw.secretName`: `<fullname>-secret`) and
 * the configMap.data ConfigMap (`openclaw.configMapName`: `<fullname>-config`) come from the chart's
 * _helpers.tpl, since no README example renders them. The per-replica ConfigMaps differ on purpose
 * (one `-replica-env` ConfigMap instead of one per replica that every pod loaded: Helm chart defect 4).
 */
test('every object the chart can render has the Helm chart\'s name', () => {
  const objs = synthObjects({
    replicaCount: 2,
    replicaOverrides: { 1: { env: { ROLE: 'secondary' } } },
    secret: { enabled: true, data: { ANTHROPIC_API_KEY: 'sk-ant-x' } },
    configMap: { enabled: true, data: { 'extra.json': '{}' } },
    ingress: { enabled: true, hosts: [{ host: 'claw.example.com', paths: [{ path: '/', pathType: 'Prefix' }] }] },
    networkPolicy: { enabled: true },
    rbac: { rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }] },
  });
  expect(kindsAndNames(objs)).toEqual([
    'ConfigMap/my-openclaw-config',
    'ConfigMap/my-openclaw-gateway-config',
    'ConfigMap/my-openclaw-replica-env',
    'Ingress/my-openclaw',
    'NetworkPolicy/my-openclaw',
    'PodDisruptionBudget/my-openclaw',
    'Role/my-openclaw',
    'RoleBinding/my-openclaw',
    'Secret/my-openclaw-secret',
    'Service/my-openclaw',
    'Service/my-openclaw-0',
    'Service/my-openclaw-1',
    'Service/my-openclaw-headless',
    'ServiceAccount/my-openclaw',
    'StatefulSet/my-openclaw',
  ]);
  // Names the Helm renders have are ours too (the per-replica ConfigMaps aside, on purpose).
  const helmNames = fs.readdirSync(REFERENCE).flatMap((file) => kindsAndNames(reference(file)));
  for (const name of new Set(helmNames)) {
    if (/^ConfigMap\/my-openclaw-replica-\d-config$/.test(name)) continue;
    expect(kindsAndNames(objs)).toContain(name);
  }
});
