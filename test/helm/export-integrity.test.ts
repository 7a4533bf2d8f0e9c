/**
 * The Helm export as a trust boundary, with the real helm: values.yaml carries no secret value
 * and no live YAML, and the chart refuses another release name, as it refuses another namespace.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { exportHelmChart } from '../../src';
import { runCli } from '../../src/cli/main';
import { kubectlRead } from '../integrity/kubectl-read-back';
import { helmBinary } from './helm-binary';

let work: string;
beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'openclaw-helm-integrity-'));
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

function helm(...args: string[]) {
  const env = { ...process.env, HELM_CACHE_HOME: path.join(work, '.cache'), HELM_CONFIG_HOME: path.join(work, '.config'), HELM_DATA_HOME: path.join(work, '.data') };
  const r = spawnSync(helmBinary(), args, { encoding: 'utf8', env });
  if (r.error) throw r.error;
  return r;
}

const SECRET = 'sk-ant-api03-do-not-print-me';

test('another release name is refused with a clear message; the rendered one installs', () => {
  const dir = path.join(work, 'release');
  exportHelmChart({ namespace: 'openclaw' }, dir, { id: 'my-openclaw' });
  const other = helm('template', 'other', dir, '--namespace', 'openclaw');
  expect(other.status).not.toBe(0);
  expect(other.stdout).toBe('');
  expect(other.stderr).toContain('this chart was rendered for the release name my-openclaw: install it as my-openclaw (not other), or export it again with --release other');
  const same = helm('template', 'my-openclaw', dir, '--namespace', 'openclaw');
  expect(same.stderr).toBe('');
  expect(same.status).toBe(0);
  expect(same.stdout).toContain('name: my-openclaw\n');
});

test('values.yaml: secret values redacted, from props and from the CLI alike', async () => {
  const props = {
    namespace: 'openclaw',
    secret: { enabled: true, data: { ANTHROPIC_API_KEY: SECRET, OPENCLAW_GATEWAY_TOKEN: `${SECRET}-2` } },
    allowPlainSecretEnv: true,
    env: { DB_PASSWORD: `${SECRET}-3`, MODE: 'plain' },
    extraEnv: [{ name: 'GITHUB_TOKEN', value: `${SECRET}-4` }, { name: 'REGION', value: 'eu' }],
  };
  const dir = path.join(work, 'secrets');
  const result = exportHelmChart(props, dir);
  const values = fs.readFileSync(path.join(dir, 'values.yaml'), 'utf8');
  expect(values).not.toContain(SECRET);
  expect(values).toContain('#     ANTHROPIC_API_KEY: <redacted>\n');
  expect(values).toContain('#   DB_PASSWORD: <redacted>\n#   MODE: plain\n');
  expect(values).toContain('#   - name: GITHUB_TOKEN\n#     value: <redacted>\n#   - name: REGION\n#     value: eu\n');
  // The Secret itself still holds them (that is where they belong).
  const secret = result.objects.find((o) => o.kind === 'Secret');
  expect(Buffer.from(secret.data.ANTHROPIC_API_KEY, 'base64').toString()).toBe(SECRET);

  const file = path.join(work, 'secret-values.yaml');
  fs.writeFileSync(file, `secret:\n  enabled: true\n  data:\n    ANTHROPIC_API_KEY: ${SECRET}\n`);
  let stderr = '';
  const code = await runCli(['helm', '-f', file, '-o', path.join(work, 'cli-export'), '--release', 'r', '-n', 'openclaw'],
    { stdout: { write: () => true }, stderr: { write: (s: string) => (stderr += s) } });
  expect(stderr).toBe('');
  expect(code).toBe(0);
  const cliValues = fs.readFileSync(path.join(work, 'cli-export', 'values.yaml'), 'utf8');
  expect(cliValues).toContain('#     ANTHROPIC_API_KEY: <redacted>\n');
  expect(cliValues).not.toContain(SECRET);
});

test('values.yaml comments cannot become live YAML: U+2028, U+2029, U+0085, CR and controls are escaped', () => {
  const dir = path.join(work, 'comments');
  const valuesText = 'note: "a\u2028hostPID: true"\nother: "b\u2029x: 1\u0085y: 2\rz: 3\u0001"\n';
  exportHelmChart({ namespace: 'openclaw' }, dir, { valuesText });
  const text = fs.readFileSync(path.join(dir, 'values.yaml'), 'utf8');
  expect(text).toContain('# note: "a\\u2028hostPID: true"\n');
  expect(text).not.toMatch(/[\r\u0085\u2028\u2029\u0001]/);
  // Every line, for Go's reader too, is a comment: helm sees no values at all.
  for (const line of text.split(/\r\n|[\n\r\u0085\u2028\u2029]/)) if (line) expect(line.startsWith('#')).toBe(true);
  // Helm's Go reader sees no values: the guard (which fails on any value) lets the chart render.
  const r = helm('template', 'openclaw', dir, '--namespace', 'openclaw');
  expect(r.stderr).toBe('');
  expect(kubectlRead(r.stdout).length).toBeGreaterThan(0);
  // A comment with a raw U+2028, as the export wrote it before, is a live value to Helm.
  fs.writeFileSync(path.join(dir, 'values.yaml'), '# note: a\u2028hostPID: true\n');
  const live = helm('template', 'openclaw', dir, '--namespace', 'openclaw');
  expect(live.status).not.toBe(0);
  expect(live.stderr).toContain('this chart is pre-rendered and takes no values');
});
