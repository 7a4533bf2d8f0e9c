/** Warnings: legal but dangerous settings render, are said on stderr with their path, and --strict refuses them. */
import { App, Testing } from 'cdk8s';
import { OpenClawChart } from '../../src';
import { cli, tempDir, writeFile } from './run-cli';

const dir = tempDir();
const WILDCARD = 'rbac:\n  rules:\n    - apiGroups: ["*"]\n      resources: ["pods"]\n      verbs: ["*"]\n';
const SAID_WILDCARD = 'rbac.rules[0]: grants "*" in apiGroups, verbs: the agent runs shell commands on a model\'s instructions; list the groups, resources and verbs it needs';
// A "*" verb on pods also creates them: a privilege escalation path of its own.
const SAID_PODS = 'rbac.rules[0]: grants create, update, patch on pods: the agent can start pods, and a pod can mount any Secret and use any ServiceAccount of the namespace';
const SAID = `Warning: ${SAID_WILDCARD}\nWarning: ${SAID_PODS}\n`;

test('synth renders a wildcard Role and says so on stderr, naming the path', async () => {
  const r = await cli('synth', '--quiet', '-f', writeFile(dir, 'wild.yaml', WILDCARD));
  expect(r.code).toBe(0);
  expect(r.stderr).toBe(SAID);
  expect(r.stdout).toContain('kind: Role\n');
});

test('--strict turns the warning into an error: exit 1, nothing on stdout', async () => {
  const r = await cli('synth', '--strict', '-f', writeFile(dir, 'wild-strict.yaml', WILDCARD));
  expect(r.code).toBe(1);
  expect(r.stdout).toBe('');
  expect(r.stderr).toBe(`Refused with --strict (2 problems):\n  - ${SAID_WILDCARD}\n  - ${SAID_PODS}\n`);
});

test('the chart exposes its warnings and never prints them (the CLI says them once)', () => {
  const writes: string[] = [];
  const spy = jest.spyOn(process.stderr, 'write').mockImplementation((s: any) => (writes.push(String(s)), true));
  try {
    const chart = new OpenClawChart(Testing.app() as App, 'wild', { rbac: { rules: [{ apiGroups: [''], resources: ['*'], verbs: ['get'] }] } });
    expect(chart.warnings.map((w) => w.path)).toEqual(['rbac.rules[0]']);
    expect(writes).toEqual([]);
  } finally {
    spy.mockRestore();
  }
});

test('no warning for the default render', async () => {
  const r = await cli('synth', '--quiet', '--strict');
  expect(r.code).toBe(0);
  expect(r.stderr).toBe('');
});
