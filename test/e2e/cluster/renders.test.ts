/**
 * Every scenario render and every example, judged by a real API server: applied server-side into a
 * namespace that enforces Pod Security "restricted", accepted, read back equal to what we rendered
 * (after the server's defaults), and the StatefulSet controller makes the pods and claims under the
 * names the summary prints.
 */
import * as fs from 'fs';
import * as path from 'path';
import { cli } from '../../cli/run-cli';
import { SCENARIOS_DIR } from '../../helpers/fixtures';
import { EXAMPLES, runExample } from '../../helpers/examples';
import { apply, CLUSTER_START_TIMEOUT_MS, deleteNamespaces, getJson, kubectl, playNode, restrictedNamespace, startCluster, tempFile } from '../harness/control-plane';
import { notKeptByServer } from '../harness/server-objects';
import { parseAllDocuments } from 'yaml';

jest.mock('openclaw-cdk8s', () => jest.requireActual('../../../src'), { virtual: true });

const SCENARIOS = fs.readdirSync(SCENARIOS_DIR).filter((f) => f.endsWith('.yaml')).sort();
const RELEASE = 'my-openclaw';

beforeAll(async () => {
  await startCluster();
  // The Gateway API's HTTPRoute, as a cluster with a Gateway controller has it.
  kubectl(['apply', '--server-side', '-f', path.join(__dirname, '..', '..', '..', 'schemas', 'crds', 'gateway.networking.k8s.io_httproutes.yaml')]);
}, CLUSTER_START_TIMEOUT_MS);

function objectsOf(yamlText: string): any[] {
  return parseAllDocuments(yamlText).map((d) => d.toJS()).filter((o) => o && typeof o === 'object');
}

/** Pod Security admission speaks through warnings on apply (the namespace warns at "restricted" too). */
const POD_SECURITY_WARNING = /would violate PodSecurity/;

describe.each(SCENARIOS)('scenario %s on a real API server', (scenario) => {
  test('is accepted under "restricted", read back as rendered, and its pods and claims are the ones the summary names', async () => {
    const ns = restrictedNamespace(`scn-${scenario.slice(0, 2)}`);
    const rendered = await cli('synth', '-f', path.join(SCENARIOS_DIR, scenario), '--release', RELEASE, '-n', ns);
    expect(rendered.code).toBe(0);
    const objects = objectsOf(rendered.stdout);
    const applied = apply(tempFile('render.yaml', rendered.stdout), ns);
    expect(applied.stderr).not.toMatch(POD_SECURITY_WARNING);
    expect(notKeptByServer(objects, ns)).toEqual([]);

    const sts = objects.find((o) => o.kind === 'StatefulSet');
    const replicas = sts.spec.replicas;
    const pods = await playNode(ns, `app.kubernetes.io/instance=${RELEASE}`, replicas);
    // The summary's names: `pod/<statefulset>-<i>` and `PersistentVolumeClaim <claim>-<i>`.
    // The summary's pod: every `kubectl exec|logs` line names replica 0 (`-n NS NAME-0`).
    const podPattern = new RegExp(`kubectl (?:exec|logs) -n ${ns} (\\S+)-0 `).exec(rendered.stderr)?.[1];
    expect(pods.map((p) => p.metadata.name).sort()).toEqual([...Array(replicas).keys()].map((i) => `${podPattern}-${i}`));
    for (const pod of pods) {
      const i = pod.metadata.labels['apps.kubernetes.io/pod-index'];
      expect(pod.metadata.name).toBe(`${sts.metadata.name}-${i}`);
      expect(pod.metadata.ownerReferences).toEqual([expect.objectContaining({ kind: 'StatefulSet', name: sts.metadata.name, controller: true })]);
    }
    const claimPattern = /PersistentVolumeClaim (\S+)-<i>/.exec(rendered.stderr)?.[1];
    const claims = getJson(['pvc', '-n', ns]).items.map((c: any) => c.metadata.name).sort();
    expect(claims).toEqual(claimPattern ? [...Array(replicas).keys()].map((i) => `${claimPattern}-${i}`) : []);
    kubectl(['delete', 'namespace', ns, '--wait=false']);
  });
});

describe.each(EXAMPLES)('example %s on a real API server', (example) => {
  test('is accepted under "restricted" and read back as rendered', () => {
    const objects = [...runExample(example).values()].flat();
    const namespaces = [...new Set(objects.map((o) => o.metadata.namespace).filter(Boolean))] as string[];
    // Examples share namespace and release names: each starts from empty namespaces, as a new user would.
    deleteNamespaces(namespaces);
    // The example's namespaces as a careful platform makes them (an example's own Namespace object adds to it).
    for (const n of namespaces) {
      kubectl(['apply', '--server-side', '--field-manager=platform', '-f', '-'], JSON.stringify({
        apiVersion: 'v1', kind: 'Namespace', metadata: { name: n, labels: { 'pod-security.kubernetes.io/enforce': 'restricted', 'pod-security.kubernetes.io/warn': 'restricted' } },
      }));
    }
    const text = objects.map((o) => JSON.stringify(o)).join('\n---\n');
    const applied = kubectl(['apply', '--server-side', '-f', tempFile(`${example}.yaml`, text)]);
    expect(applied.stderr).not.toMatch(POD_SECURITY_WARNING);
    expect(notKeptByServer(objects, 'default')).toEqual([]);
  });
});
