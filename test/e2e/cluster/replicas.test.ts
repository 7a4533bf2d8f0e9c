/**
 * Replicas that make sense, judged by Kubernetes: three replicas applied to the control plane, the
 * pods reported ready with an address each, and the controller manager's EndpointSlice controller
 * decides where every Service sends its callers. With a generated token each, replica i's Service
 * reaches exactly pod i (so a client holding replica i's token reaches the gateway that has it);
 * with a shared token the shared Service reaches all three, and the summary says which to use.
 */
import { cli } from '../../cli/run-cli';
import { CLUSTER_START_TIMEOUT_MS, ClusterInfo, eventually, getJson, kubectl, playNode, restrictedNamespace, startCluster, tempFile } from '../harness/control-plane';

const RELEASE = 'team';
const SELECTOR = `app.kubernetes.io/instance=${RELEASE}`;
let info: ClusterInfo;

beforeAll(async () => {
  info = await startCluster();
}, CLUSTER_START_TIMEOUT_MS);

/** Renders three replicas into a restricted namespace, applies them and plays the kubelet. */
async function deploy(prefix: string, ...sets: string[]): Promise<{ ns: string; pods: Map<string, string>; summary: string }> {
  const ns = restrictedNamespace(prefix);
  const r = await cli('synth', '--release', RELEASE, '-n', ns, '--set', 'replicaCount=3', '--set', 'persistence.enabled=false', ...sets.flatMap((s) => ['--set', s]));
  expect(r.code).toBe(0);
  const applied = kubectl(['apply', '--server-side', '-n', ns, '-f', tempFile(`${prefix}.yaml`, r.stdout)]);
  expect(applied.code).toBe(0);
  const ready = await playNode(ns, SELECTOR, 3, 90);
  return { ns, pods: new Map(ready.map((p) => [p.status.podIP, p.metadata.name])), summary: r.stderr };
}

/** The pods a Service sends callers to, as the EndpointSlice controller wrote them (ready endpoints). */
async function endpointsOf(ns: string, service: string, pods: Map<string, string>, expected: number): Promise<string[]> {
  return eventually(`${expected} ready endpoints of Service ${service}`, () => {
    const slices = getJson(['endpointslices', '-n', ns, '-l', `kubernetes.io/service-name=${service}`]).items as any[];
    const names = slices.flatMap((s) => (s.endpoints ?? []).filter((e: any) => e.conditions?.ready).flatMap((e: any) => e.addresses.map((a: string) => pods.get(a) ?? a)));
    return names.length === expected ? names.sort() : undefined;
  }, 60);
}

test('a token each: replica i\'s Service reaches exactly pod i, and the summary says so', async () => {
  const { ns, pods, summary } = await deploy('replicas-own');
  expect(pods.size).toBe(3);
  for (let i = 0; i < 3; i++) {
    expect(await endpointsOf(ns, `${RELEASE}-openclaw-${i}`, pods, 1)).toEqual([`${RELEASE}-openclaw-${i}`]);
    expect(summary).toContain(`${RELEASE}-openclaw-${i}`);
  }
  // The shared Service still lists all three: the summary warns against using it with a token each.
  expect(await endpointsOf(ns, `${RELEASE}-openclaw`, pods, 3)).toEqual([0, 1, 2].map((i) => `${RELEASE}-openclaw-${i}`));
  const sts = getJson(['statefulset', `${RELEASE}-openclaw`, '-n', ns]);
  expect(sts.spec.template.spec.initContainers.map((c: any) => c.name).join(' ')).toMatch(/gateway-token|prepare-state/);
  process.stdout.write(`replicas (Kubernetes ${info.version}): token each -> ${RELEASE}-openclaw-i reaches pod i only\n`);
});

test('a shared token: the shared Service reaches all three replicas, each pod reads the one Secret', async () => {
  const { ns, pods } = await deploy('replicas-shared', 'gateway.tokenSecret.name=shared-token');
  expect(await endpointsOf(ns, `${RELEASE}-openclaw`, pods, 3)).toEqual([0, 1, 2].map((i) => `${RELEASE}-openclaw-${i}`));
  const env = getJson(['statefulset', `${RELEASE}-openclaw`, '-n', ns]).spec.template.spec.containers[0].env;
  expect(env).toContainEqual({ name: 'OPENCLAW_GATEWAY_TOKEN', valueFrom: { secretKeyRef: { name: 'shared-token', key: 'OPENCLAW_GATEWAY_TOKEN' } } });
  process.stdout.write(`replicas (Kubernetes ${info.version}): shared token -> ${RELEASE}-openclaw reaches pods 0, 1, 2\n`);
});
