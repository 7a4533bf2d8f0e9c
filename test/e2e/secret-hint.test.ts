/**
 * The summary's Secret hint, followed to the letter: the `kubectl create secret` command the notes
 * print is run by a real shell (its `"$(openssl rand -hex 32)"` and `"$ANTHROPIC_API_KEY"` expanded),
 * the Secret it makes is the only Secret the pod has (the harness has no Secret that was not created),
 * and the pod runs with the real OpenClaw gateway: it becomes ready and enforces the created token.
 * With one required key left out of that Secret, the pod is not created, as the kubelet refuses it
 * (CreateContainerConfigError: couldn't find key ... in Secret ...).
 */
import { OpenClawChartProps } from '../../src';
import { renderNotes } from '../../src/notes/summary';
import { createCommand, runAsPrinted, secretData } from '../helpers/secret-hint';
import { Testing } from 'cdk8s';
import { synthChart } from '../helpers/synth';
import { ensureOpenClaw, OpenClawInstall } from './harness/install';
import { expectHealthy } from './harness/pod-story';
import { runPod } from './harness/pod-runner';

const SECRET = 'openclaw-secrets';
const PROPS: OpenClawChartProps = {
  existingSecret: { name: SECRET, keys: { ANTHROPIC_API_KEY: 'ANTHROPIC_API_KEY', OPENCLAW_GATEWAY_TOKEN: 'OPENCLAW_GATEWAY_TOKEN' } },
};

let install: OpenClawInstall;
let objects: any[];
let created: Record<string, string>;

beforeAll(() => {
  install = ensureOpenClaw();
  const chart = synthChart(PROPS);
  objects = Testing.synth(chart);
  // The hint as printed, run by sh: the Secret it would create.
  const args = runAsPrinted(createCommand(renderNotes(chart)), { ANTHROPIC_API_KEY: 'sk-ant-e2e-not-a-real-key' });
  expect(args.slice(3, 6)).toEqual([SECRET, '-n', 'openclaw']);
  created = secretData(args);
});

test('the Secret created as printed is all the pod needs: it becomes ready and enforces the created token', async () => {
  expect(Object.keys(created).sort()).toEqual(['ANTHROPIC_API_KEY', 'OPENCLAW_GATEWAY_TOKEN']);
  const r = await runPod(objects, { install, namespace: 'openclaw', secretValues: { [SECRET]: created } });
  expectHealthy(r, 'pod with the Secret made from the hint');
  expect(r.mainEnv.OPENCLAW_GATEWAY_TOKEN).toBe(created.OPENCLAW_GATEWAY_TOKEN);
  expect(r.mainEnv.ANTHROPIC_API_KEY).toBe('sk-ant-e2e-not-a-real-key');
  expect(Object.keys(r.secretValues)).toEqual([SECRET]);
});

test('the same Secret without one required key: the pod is not created', async () => {
  const { ANTHROPIC_API_KEY: _left, ...withoutKey } = created;
  const r = await runPod(objects, { install, namespace: 'openclaw', secretValues: { [SECRET]: withoutKey } });
  expect(r.ok).toBe(false);
  expect(r.main.started).toBe(false);
  expect(r.podError).toMatch(/secret openclaw-secrets key ANTHROPIC_API_KEY not found/);
});
