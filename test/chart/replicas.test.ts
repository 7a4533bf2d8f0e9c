/**
 * replicaCount > 1: independent gateways, each reachable on its own (a Service per replica
 * selecting its pod by name), a warning when one exposed entry point would mix replicas that each
 * have their own token, and a summary that says how to reach replica i.
 */
import { Testing } from 'cdk8s';
import { OpenClawChart, OpenClawChartProps, formatWarning } from '../../src';
import { renderNotes } from '../../src/notes/summary';
import { expectValidManifests } from '../helpers/k8s-valid';
import { synthObjects, synthChart } from '../helpers/synth';

const warningsOf = (props: OpenClawChartProps) => new OpenClawChart(Testing.app(), 'team', { namespace: 'ai', ...props }).warnings.map(formatWarning);
const services = (objects: any[]) => objects.filter((o) => o.kind === 'Service');
const INGRESS: OpenClawChartProps = { ingress: { enabled: true, hosts: [{ host: 'claw.example.com' }] }, gateway: { trustedProxies: ['10.42.3.17/32'] } };
const MIXED = 'Warning: replicaCount: is 3 behind one entry point (the Ingress), and each replica generates its own gateway token: a client reaches a random replica, so its token works on one in 3 and its sessions land anywhere. Give them one token (existingSecret or gateway.tokenSecret), or reach each replica through its own Service (<fullname>-<i>)';

test('three replicas: one Service per replica, each selecting exactly its pod; the shared and headless Services stay', () => {
  const objects = synthObjects({ replicaCount: 3 }, { release: 'team', namespace: 'ai' });
  expectValidManifests(objects);
  const sts = objects.find((o) => o.kind === 'StatefulSet');
  const podLabels = (i: number) => ({ ...sts.spec.template.metadata.labels, 'statefulset.kubernetes.io/pod-name': `${sts.metadata.name}-${i}` });
  expect(services(objects).map((s) => s.metadata.name)).toEqual(['team-openclaw', 'team-openclaw-headless', 'team-openclaw-0', 'team-openclaw-1', 'team-openclaw-2']);
  for (let i = 0; i < 3; i++) {
    const svc = services(objects).find((s) => s.metadata.name === `team-openclaw-${i}`);
    expect(svc.spec).toEqual({ type: 'ClusterIP', ports: [{ name: 'http', port: 18789, targetPort: 'http', protocol: 'TCP' }], selector: expect.any(Object) });
    // Selects pod i (the labels the controller gives it) and no other replica's pod.
    for (let j = 0; j < 3; j++) {
      const selected = Object.entries(svc.spec.selector).every(([k, v]) => (podLabels(j) as Record<string, string>)[k] === v);
      expect([i, j, selected]).toEqual([i, j, i === j]);
    }
  }
});

test('one replica: no per-replica Service (the shared one is that replica)', () => {
  expect(services(synthObjects({})).map((s) => s.metadata.name)).toEqual(['my-openclaw', 'my-openclaw-headless']);
});

test('the summary says how to reach replica i, and that each has its own token', () => {
  const notes = renderNotes(synthChart({ replicaCount: 3 }, { release: 'team', namespace: 'ai' }));
  expect(notes).toContain(`  Each of the 3 replicas is its own gateway, with its own state and its own token; a shared Service or ingress sends a client to any of them.
  Replica <i> alone: Service team-openclaw-<i> (http://team-openclaw-<i>.ai.svc:18789/ in the cluster),
    from your machine: kubectl port-forward svc/team-openclaw-<i> 18789:18789 -n ai
`);
});

test('an Ingress over three replicas with a token each: a warning; with a shared token (or one replica): none', () => {
  expect(warningsOf({ replicaCount: 3, ...INGRESS })).toEqual([MIXED]);
  expect(warningsOf({ replicaCount: 3, service: { type: 'LoadBalancer' } })).toEqual([MIXED.replace('(the Ingress)', '(the LoadBalancer Service)')]);
  expect(warningsOf({ replicaCount: 3, ...INGRESS, gateway: { ...INGRESS.gateway, tokenSecret: {} } })).toEqual([]);
  expect(warningsOf({ replicaCount: 3, ...INGRESS, existingSecret: { name: 's', keys: { OPENCLAW_GATEWAY_TOKEN: 't' } } })).toEqual([]);
  expect(warningsOf({ replicaCount: 1, ...INGRESS })).toEqual([]);
  // In the cluster only (ClusterIP): the notes send clients to the per-replica Services; no warning.
  expect(warningsOf({ replicaCount: 3 })).toEqual([]);
});

test('reachability: with a token each, replica i is reached by its own Service with its own token; with a shared token the shared Service reaches all three', () => {
  // Each Service's endpoints are the pods its selector matches; each pod's token is its own
  // generated one (gateway-token init container) or the Secret's.
  const endpoints = (objects: any[], svc: any) => {
    const sts = objects.find((o) => o.kind === 'StatefulSet');
    return [0, 1, 2].filter((i) => Object.entries(svc.spec.selector).every(([k, v]) => ({ ...sts.spec.template.metadata.labels, 'statefulset.kubernetes.io/pod-name': `${sts.metadata.name}-${i}` } as Record<string, string>)[k] === v));
  };
  const own = synthObjects({ replicaCount: 3 }, { release: 'team', namespace: 'ai' });
  expect(own.find((o) => o.kind === 'StatefulSet').spec.template.spec.initContainers.map((c: any) => c.name)).toContain('gateway-token');
  for (let i = 0; i < 3; i++) expect(endpoints(own, services(own).find((s) => s.metadata.name === `team-openclaw-${i}`))).toEqual([i]);
  const shared = synthObjects({ replicaCount: 3, gateway: { tokenSecret: {} } }, { release: 'team', namespace: 'ai' });
  const sts = shared.find((o) => o.kind === 'StatefulSet');
  expect(sts.spec.template.spec.initContainers.map((c: any) => c.name)).not.toContain('gateway-token');
  expect(sts.spec.template.spec.containers[0].env).toContainEqual({ name: 'OPENCLAW_GATEWAY_TOKEN', valueFrom: { secretKeyRef: { name: 'team-openclaw-gateway-token', key: 'OPENCLAW_GATEWAY_TOKEN' } } });
  expect(endpoints(shared, services(shared).find((s) => s.metadata.name === 'team-openclaw'))).toEqual([0, 1, 2]);
});
