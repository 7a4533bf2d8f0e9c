/**
 * What the NetworkPolicies mean, as a NetworkPolicy engine decides it (cluster/netpol: cyclonus'
 * matcher, the engine of sigs.k8s.io/network-policy-api's policy-assistant): the manifests a fleet
 * writes, read back from YAML, with the pods their StatefulSets make, asked who reaches whom. Each
 * question's answer is compared with the intent (docs/fleet-tenancy.md), so a policy that admits
 * one port too many, or misses the ingress controller, fails here. The policies are also applied to
 * the real API server: what it stores is what was judged.
 */
import { OpenClawFleet, TenancyMode } from '../../../src';
import { synthObjects } from '../../helpers/synth';
import { CLUSTER_START_TIMEOUT_MS, getJson, kubectl, startCluster } from '../harness/control-plane';
import { Answer, EVALUATOR_BUILD_TIMEOUT_MS, OUTSIDE, PROBE_PORTS, Peer, Question, ask, buildEvaluator, key, manifestObjects, onPorts, table } from '../harness/traffic';

const GATEWAY_PORT = 18789;
/** A platform that widens egress: its model gateway in the cluster, TCP 8080. */
const MODEL_GATEWAY_EGRESS = { to: [{ ipBlock: { cidr: '10.50.0.0/16' } }], ports: [{ protocol: 'TCP', port: 8080 }] };

beforeAll(buildEvaluator, EVALUATOR_BUILD_TIMEOUT_MS);

interface Rendered {
  readonly manifests: any[];
  readonly alice: Peer;
  readonly bob: Peer;
}

/** `widened`: the platform's egress to its model gateway; `browser`: the Chromium sidecar (CDP on 9222); `prefix`: of the namespaces. */
function renderFleet(mode: TenancyMode, { widened = false, browser = false } = {}, prefix = 'openclaw'): Rendered {
  const shared = mode === TenancyMode.SHARED_NAMESPACE;
  const fleet = new OpenClawFleet({
    defaults: { ...(shared ? { namespace: `${prefix}-shared` } : {}), ...(browser ? { browser: { enabled: true } } : {}) },
    tenants: [{ name: 'alice' }, { name: 'bob' }],
    tenancy: { mode, namespaceTemplate: `${prefix}-{tenant}`, ...(widened ? { egress: [MODEL_GATEWAY_EGRESS] } : {}) },
  });
  const manifests = fleet.tenants().flatMap((t) => manifestObjects(fleet.synthYaml(t)));
  const ns = (t: string) => (shared ? `${prefix}-shared` : `${prefix}-${t}`);
  return {
    manifests,
    alice: { workload: `StatefulSet/${ns('alice')}/alice-openclaw`, ip: '10.244.1.10', label: 'alice' },
    bob: { workload: `StatefulSet/${ns('bob')}/bob-openclaw`, ip: '10.244.2.10', label: 'bob' },
  };
}

/** Every question the tenancy tests ask of a fleet with tenants alice and bob. */
function fleetQuestions({ alice, bob }: Rendered): Question[] {
  const o = OUTSIDE;
  return [
    // Neither tenant reaches the other, on any port, in either direction.
    ...onPorts(bob, alice, PROBE_PORTS), ...onPorts(alice, bob, PROBE_PORTS),
    // The ingress controller reaches each gateway, on the gateway port only.
    ...onPorts(o.ingressController, alice, PROBE_PORTS), ...onPorts(o.ingressController, bob, [GATEWAY_PORT, 22]),
    // Both selectors of the controller's peer must match.
    ...onPorts(o.ingressNamespaceOther, alice, [GATEWAY_PORT]), ...onPorts(o.ingressLookalike, alice, [GATEWAY_PORT]),
    // The gateway also serves its metrics: Prometheus is not the ingress controller.
    ...onPorts(o.prometheus, alice, [GATEWAY_PORT]),
    // Egress: the cluster DNS on 53, TCP 443 to public addresses, what the platform widened.
    ...onPorts(alice, o.kubeDns, [[53, 'UDP'], [53, 'TCP'], 80, 443]), ...onPorts(alice, o.kubeSystemOther, [[53, 'UDP'], 443]),
    ...onPorts(alice, o.internet, [443, [443, 'UDP'], 80, 22, 8080]),
    ...onPorts(alice, o.apiServer, [443, 6443]), ...onPorts(alice, o.metadata, [80, 443]), ...onPorts(alice, o.node, [443, 10250]),
    ...onPorts(alice, o.modelGateway, [8080, 9090]), ...onPorts(bob, o.modelGateway, [8080]),
  ];
}

/** What the platform means: docs/fleet-tenancy.md. */
function fleetIntent(r: Rendered, widened: boolean): (q: Question) => boolean {
  const tenants = [r.alice, r.bob];
  return (q) => {
    const tcp = (q.protocol ?? 'TCP') === 'TCP';
    if (tenants.includes(q.to)) return q.from === OUTSIDE.ingressController && q.port === GATEWAY_PORT && tcp;
    if (!tenants.includes(q.from)) return false;
    if (q.to === OUTSIDE.kubeDns) return q.port === 53;
    if (q.to === OUTSIDE.internet) return q.port === 443 && tcp;
    if (q.to === OUTSIDE.modelGateway) return widened && q.port === 8080 && tcp;
    return false;
  };
}

function check(title: string, manifests: any[], questions: Question[], intent: (q: Question) => boolean, defaultNamespace?: string): Record<string, Answer> {
  const { answers } = ask(manifests, questions, defaultNamespace);
  process.stdout.write(`${table(title, answers)}\n`);
  const got = Object.fromEntries(Object.entries(answers).map(([k, a]) => [k, a.allowed ? 'yes' : 'no']));
  const expected = Object.fromEntries(questions.map((q) => [key(q), intent(q) ? 'yes' : 'no']));
  expect(got).toEqual(expected);
  return answers;
}

describe.each([TenancyMode.NAMESPACE_PER_TENANT, TenancyMode.SHARED_NAMESPACE])('a fleet in mode %s', (mode) => {
  test.each([
    { widened: false, browser: false }, { widened: true, browser: false }, { widened: false, browser: true },
  ])('no tenant reaches another; the ingress controller reaches the gateway port only; egress DNS and 443 (%p)', ({ widened, browser }) => {
    const r = renderFleet(mode, { widened, browser });
    const { policies } = ask(r.manifests, []);
    expect(policies.length).toBeGreaterThan(0);
    if (browser) expect(r.manifests.find((o) => o.kind === 'StatefulSet').spec.template.spec.containers.map((c: any) => c.name)).toContain('browser');
    // With the browser, 9222 (CDP, on the pod's loopback) stays closed to every other pod: among PROBE_PORTS.
    const title = `${mode}${widened ? ', egress widened to 10.50.0.0/16:8080' : ''}${browser ? ', Chromium sidecar' : ''}`;
    const answers = check(title, r.manifests, fleetQuestions(r), fleetIntent(r, widened));
    // Denied by both ends, even on 443, the port alice may use outward: alice's egress (bob's pod
    // address is private) and bob's ingress each refuse. Two walls, not one.
    const crossing = answers['alice -> bob 443/TCP'];
    expect([crossing.ingress, crossing.egress]).toEqual([false, false]);
  });
});

describe('as the API server stores them', () => {
  beforeAll(async () => {
    await startCluster();
  }, CLUSTER_START_TIMEOUT_MS);

  test.each([TenancyMode.NAMESPACE_PER_TENANT, TenancyMode.SHARED_NAMESPACE])('%s: the NetworkPolicies read back from a real API server are the rendered ones, and get the same answers', (mode) => {
    const prefix = `np${process.pid % 10000}${mode === TenancyMode.SHARED_NAMESPACE ? 's' : 'n'}`;
    const r = renderFleet(mode, { widened: true }, prefix);
    const namespaces = mode === TenancyMode.SHARED_NAMESPACE
      ? [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: `${prefix}-shared` } }]
      : r.manifests.filter((o) => o.kind === 'Namespace');
    const policies = r.manifests.filter((o) => o.kind === 'NetworkPolicy');
    kubectl(['apply', '--server-side', '-f', '-'], JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [...namespaces, ...policies] }));
    const stored = policies.map((p) => getJson(['networkpolicy', p.metadata.name, '-n', p.metadata.namespace]));
    expect(stored.map((p) => p.spec)).toEqual(policies.map((p) => p.spec));
    const questions = fleetQuestions(r);
    const fromServer = ask([...r.manifests.filter((o) => o.kind !== 'NetworkPolicy'), ...stored], questions).answers;
    expect(fromServer).toEqual(ask(r.manifests, questions).answers);
  });
});

describe('a single release (no fleet)', () => {
  const release: Peer = { workload: 'StatefulSet/openclaw/my-openclaw', ip: '10.244.3.10', label: 'release' };
  const neighbour: Peer = { namespace: 'openclaw', labels: { app: 'neighbour' }, ip: '10.244.3.20', label: 'pod in the same namespace' };
  const elsewhere: Peer = { namespace: 'other', labels: { app: 'x' }, ip: '10.244.4.20', label: 'pod in another namespace' };
  const questions = (): Question[] => [
    ...onPorts(OUTSIDE.ingressController, release, [GATEWAY_PORT, 22]), ...onPorts(neighbour, release, [GATEWAY_PORT, 22]),
    ...onPorts(elsewhere, release, [GATEWAY_PORT]),
    ...onPorts(release, OUTSIDE.kubeDns, [[53, 'UDP'], [53, 'TCP']]), ...onPorts(release, neighbour, [8080]),
    ...onPorts(release, OUTSIDE.internet, [443, 80]), ...onPorts(release, OUTSIDE.metadata, [80, 443]),
  ];
  const render = (props: object) => synthObjects({ namespace: 'openclaw', ...props });

  test('by default no NetworkPolicy: everything is admitted, as in the Helm chart', () => {
    check('single release, defaults', render({}), questions(), () => true);
  });

  test('networkPolicy.enabled alone: nothing comes in, only DNS goes out', () => {
    check('single release, networkPolicy.enabled', render({ networkPolicy: { enabled: true } }), questions(),
      (q) => q.from === release && q.to === OUTSIDE.kubeDns);
  });

  test('allowSameNamespace and customEgressPorts: the namespace reaches the gateway port, 443 goes anywhere', () => {
    const props = { networkPolicy: { enabled: true, allowSameNamespace: true, customEgressPorts: [{ port: 443 }] } };
    check('single release, allowSameNamespace, customEgressPorts 443', render(props), questions(), (q) => {
      if (q.to === release) return q.from === neighbour && q.port === GATEWAY_PORT;
      // As the Helm chart: customEgressPorts is any destination on the port, cloud metadata included.
      return q.to === OUTSIDE.kubeDns || q.to === neighbour || (q.port === 443 && (q.protocol ?? 'TCP') === 'TCP');
    });
  });
});
