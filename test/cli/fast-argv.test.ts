/**
 * `synth` without commander (src/cli/fast-argv.ts): for every command line it takes, the same exit
 * code, stdout and stderr as commander's parse; every other command line is left to commander.
 */
import * as path from 'path';
import { parseSynthFast } from '../../src/cli/fast-argv';
import { cli, tempDir, writeFile } from './run-cli';
import { SCENARIOS_DIR } from '../helpers/fixtures';

const dir = tempDir();
const INGRESS = path.join(SCENARIOS_DIR, '04-ingress-tls.yaml');
const DEFAULTS = { release: 'openclaw', namespace: 'default' };

/** The CLI's result through commander (the fast path turned off). */
async function viaCommander(...args: string[]) {
  process.env.OPENCLAW_CDK8S_NO_FAST_ARGV = '1';
  try {
    return await cli(...args);
  } finally {
    delete process.env.OPENCLAW_CDK8S_NO_FAST_ARGV;
  }
}

test.each([
  [['synth']],
  [['synth', '-q', '-f', INGRESS]],
  [['synth', '--values', INGRESS, '--release', 'my-openclaw', '-n', 'openclaw']],
  [['synth', `--values=${INGRESS}`, '--set', 'replicaCount=2', '--set-string', 'env.PORT=18789', '--namespace=team-a', '--quiet']],
  [['synth', '-f', INGRESS, '--set', 'service.port=0']],
  [['synth', '--strict', '--set', 'rbac.rules[0].apiGroups[0]=*,rbac.rules[0].resources[0]=pods,rbac.rules[0].verbs[0]=get']],
  [['synth', '-f', '/nonexistent/values.yaml']],
  [['synth', '-o', 'OUT', '--release', 'r1', '--release', 'r2']],
])('%j: the same result as through commander', async (args) => {
  const out = path.join(dir, `out-${Math.random().toString(36).slice(2)}`);
  const withOut = args.map((a) => (a === 'OUT' ? out : a));
  expect(parseSynthFast(withOut, DEFAULTS)).toBeDefined();
  const fast = await cli(...withOut);
  const slow = await viaCommander(...withOut);
  expect(fast).toEqual(slow);
});

test('what it reads: repeated options collect in order, the last single one wins, flags, defaults', () => {
  expect(parseSynthFast(['synth', '-f', 'a.yaml', '--values=b.yaml', '-f', '-', '--set', 'x=1', '--release', 'a', '--release=b', '-q', '--strict'], DEFAULTS))
    .toEqual({ values: ['a.yaml', 'b.yaml', '-'], set: ['x=1'], release: 'b', namespace: 'default', quiet: true, strict: true });
  expect(parseSynthFast(['synth'], DEFAULTS)).toEqual({ release: 'openclaw', namespace: 'default' });
});

test.each([
  [['helm', '-o', 'x']], [['synth', '--help']], [['synth', '-h']], [['synth', '-qf', 'a.yaml']], [['synth', '-f']],
  [['synth', '-f', '--release']], [['synth', 'extra']], [['synth', '--unknown']], [['synth', '--']], [['synth', '--quiet=yes']],
  [['synth', '--release=']], [['--version']], [[]],
])('%j is left to commander', (args) => {
  expect(parseSynthFast(args, DEFAULTS)).toBeUndefined();
});

test('commander still answers what the fast path leaves to it', async () => {
  const r = await cli('synth', '-f');
  expect(r.code).toBe(2);
  expect(r.stderr).toContain("error: option '-f, --values <file>' argument missing");
  const v = await cli('synth', writeFile(dir, 'positional.yaml', 'replicaCount: 1\n'));
  expect(v.code).toBe(2);
  expect(v.stderr).toContain('error: too many arguments');
});
