/**
 * migrate-config (`openclaw doctor --fix`) runs with the gateway's resources; its measured peak is
 * 662 MiB, so a memory limit below 768Mi renders with a warning (an error with --strict).
 */
import { OpenClawChart } from '../../src';
import { Testing } from 'cdk8s';
import { cli } from '../cli/run-cli';

const warningsOf = (props: object) => new OpenClawChart(Testing.app(), 'openclaw', props).warnings;

test('a 512Mi limit warns, naming the path, the value and the measured peak', () => {
  expect(warningsOf({ resources: { limits: { memory: '512Mi' } } })).toEqual([{
    path: 'resources.limits.memory', value: '512Mi',
    message: 'is below 768Mi, and migrate-config (`openclaw doctor --fix`, run with the gateway\'s resources at every start) peaked at 662 MiB when measured: it would be OOM-killed and the pod would not start. Set at least 1Gi, or upgrade.migrateConfig: false',
  }]);
});

test('the default, 1Gi, 768Mi and 1e9 do not warn; nor does 512Mi with migrate-config off', () => {
  for (const memory of [undefined, '1Gi', '768Mi', '1e9', 2 * 2 ** 30]) expect(warningsOf(memory === undefined ? {} : { resources: { limits: { memory } } })).toEqual([]);
  expect(warningsOf({ resources: { limits: { memory: '512Mi' } }, upgrade: { migrateConfig: false } })).toEqual([]);
});

test('--strict refuses it', async () => {
  const r = await cli('synth', '--strict', '--set', 'resources.limits.memory=512Mi');
  expect(r.code).toBe(1);
  expect(r.stdout).toBe('');
  expect(r.stderr).toContain('resources.limits.memory');
});
