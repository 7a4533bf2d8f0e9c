/**
 * The real OpenClaw runs the pod the control plane made: the render is applied, the StatefulSet
 * controller creates pod 0, admission and defaulting shape it, and the e2e pod runner (the real
 * gateway in its own namespaces) runs exactly that pod object, with the ConfigMaps and Secrets read
 * back from the API server. Its readiness is reported to the API server, so `kubectl rollout status`
 * completes as it would on a real node.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cli } from '../../cli/run-cli';
import { ensureOpenClaw } from '../harness/install';
import { runPod } from '../harness/pod-runner';
import { expectHealthy } from '../harness/pod-story';
import { CLUSTER_START_TIMEOUT_MS, ClusterInfo, apply, eventually, getJson, kubectl, reportReady, restrictedNamespace, startCluster, tempFile } from '../harness/control-plane';

const RELEASE = 'my-openclaw';
let info: ClusterInfo;

beforeAll(async () => {
  info = await startCluster();
}, CLUSTER_START_TIMEOUT_MS);

test('the StatefulSet controller\'s pod, after admission, runs the real gateway and rolls out', async () => {
  const ns = restrictedNamespace('real-pod');
  const rendered = await cli('synth', '--quiet', '--release', RELEASE, '-n', ns, '--set', 'gateway.tokenSecret.name=gateway-token');
  expect(rendered.code).toBe(0);
  kubectl(['create', 'secret', 'generic', 'gateway-token', '-n', ns, '--from-literal=OPENCLAW_GATEWAY_TOKEN=cluster-e2e-token']);
  apply(tempFile('render.yaml', rendered.stdout), ns);

  const pod = await eventually('the StatefulSet controller\'s pod', () => getJson(['pods', '-n', ns]).items.find((p: any) => p.metadata.name === `${RELEASE}-0`), 60);
  kubectl(['create', '--raw', `/api/v1/namespaces/${ns}/pods/${pod.metadata.name}/binding`, '-f', '-'], JSON.stringify({
    apiVersion: 'v1', kind: 'Binding', metadata: { name: pod.metadata.name }, target: { apiVersion: 'v1', kind: 'Node', name: info.nodeName },
  }));
  const admitted = getJson(['pod', pod.metadata.name, '-n', ns]);
  // What admission and defaulting added, and the claim the controller substituted for the template.
  expect(admitted.spec.nodeName).toBe(info.nodeName);
  expect(admitted.spec.volumes).toContainEqual({ name: 'data', persistentVolumeClaim: { claimName: `data-${RELEASE}-0` } });
  expect(admitted.metadata.labels['apps.kubernetes.io/pod-index']).toBe('0');

  // The pod object as the kubelet would receive it, in the runner's workload shape (one replica, index 0).
  const sts = getJson(['statefulset', RELEASE, '-n', ns]);
  const fromServer = [
    { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: RELEASE, namespace: ns }, spec: { replicas: 1, volumeClaimTemplates: sts.spec.volumeClaimTemplates, template: { metadata: { labels: admitted.metadata.labels, annotations: admitted.metadata.annotations }, spec: admitted.spec } } },
    ...getJson(['configmaps,secrets', '-n', ns]).items,
  ];
  const install = ensureOpenClaw();
  const pvc = fs.mkdtempSync(path.join(os.tmpdir(), 'openclaw-cluster-pod-'));
  let rollout = '';
  const run = await runPod(fromServer, {
    install, namespace: ns, pvcDir: pvc, timeoutMs: 280000,
    secretValues: { 'gateway-token': { OPENCLAW_GATEWAY_TOKEN: 'cluster-e2e-token' } },
    whileReady: async () => {
      // Every probe passed in the runner: the kubelet would now report the pod Ready.
      reportReady(admitted);
      rollout = kubectl(['rollout', 'status', `statefulset/${RELEASE}`, '-n', ns, '--timeout=60s']).stdout;
    },
  });
  fs.rmSync(pvc, { recursive: true, force: true });
  expectHealthy(run, 'the API server\'s pod');
  expect(rollout).toMatch(/partitioned roll out complete|rolling update complete|1 new pods have been updated/);
  expect(getJson(['statefulset', RELEASE, '-n', ns]).status.readyReplicas).toBe(1);
});
