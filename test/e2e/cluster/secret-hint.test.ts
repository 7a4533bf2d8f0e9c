/**
 * The summary's Secret hint on the real API server: the `kubectl create secret` command the notes
 * print, run as printed by sh with the control plane's kubectl, is accepted, and the Secret holds
 * every key the rendered pods require from it, with the values the shell gave (test/e2e/secret-hint
 * runs the pod with that Secret). The release then applies beside it and its pod is admitted.
 */
import * as path from 'path';
import { OpenClawChartProps } from '../../../src';
import { renderNotes } from '../../../src/notes/summary';
import { requiredSecretKeys } from '../../../src/notes/secrets';
import { createCommand, runInShell } from '../../helpers/secret-hint';
import { Testing } from 'cdk8s';
import { synthChart } from '../../helpers/synth';
import { CLUSTER_START_TIMEOUT_MS, ClusterInfo, apply, getJson, playNode, restrictedNamespace, startCluster, tempFile } from '../harness/control-plane';

let info: ClusterInfo;

beforeAll(async () => {
  info = await startCluster();
}, CLUSTER_START_TIMEOUT_MS);

test('the printed kubectl create secret is accepted and the Secret has every key the pods require', async () => {
  const ns = restrictedNamespace('secret-hint');
  const props: OpenClawChartProps = {
    existingSecret: { name: 'openclaw-secrets', keys: { ANTHROPIC_API_KEY: 'ANTHROPIC_API_KEY', OPENCLAW_GATEWAY_TOKEN: 'OPENCLAW_GATEWAY_TOKEN' } },
  };
  const chart = synthChart(props, { namespace: ns });
  const objects = Testing.synth(chart);
  const command = createCommand(renderNotes(chart));
  expect(command).toContain(`kubectl create secret generic openclaw-secrets -n ${ns}`);
  const out = runInShell(command, { KUBECONFIG: info.kubeconfig, ANTHROPIC_API_KEY: 'sk-ant-cluster-test' }, path.dirname(info.kubectl));
  expect(out).toContain('secret/openclaw-secrets created');

  const secret = getJson(['secret', 'openclaw-secrets', '-n', ns]);
  const data = Object.fromEntries(Object.entries<string>(secret.data).map(([k, v]) => [k, Buffer.from(v, 'base64').toString()]));
  // What every container of the rendered StatefulSet requires from the Secret (read from the output, not the model).
  const pod = objects.find((o) => o.kind === 'StatefulSet').spec.template.spec;
  const required = [...new Set(requiredSecretKeys([...pod.initContainers ?? [], ...pod.containers].flatMap((c: any) => c.env ?? []), 'openclaw-secrets').map((r) => r.key))].sort();
  expect(Object.keys(data).sort()).toEqual(required);
  expect(data.ANTHROPIC_API_KEY).toBe('sk-ant-cluster-test');
  expect(data.OPENCLAW_GATEWAY_TOKEN).toMatch(/^[0-9a-f]{64}$/);

  const manifest = tempFile('release.k8s.yaml', objects.map((o) => JSON.stringify(o)).join('\n---\n'));
  expect(apply(manifest, ns).code).toBe(0);
  await playNode(ns, 'app.kubernetes.io/instance=my-openclaw', 1);
});
