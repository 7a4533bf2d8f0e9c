/**
 * docs/api/ is generated from the JSDoc by typedoc (typedoc.json) and must match the current
 * sources. Stale? Run: npx typedoc
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const REPO = path.join(__dirname, '..', '..');
const DOCS = path.join(REPO, 'docs', 'api');

function listFiles(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => fs.statSync(path.join(dir, f)).isFile()).sort();
}

test('docs/api is what typedoc generates from the current sources (stale? run: npx typedoc)', () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'openclaw-api-docs-'));
  try {
    const typedoc = path.join(REPO, 'node_modules', 'typedoc', 'bin', 'typedoc');
    const r = spawnSync(process.execPath, [typedoc, '--out', out, '--logLevel', 'Warn'], { cwd: REPO, encoding: 'utf8' });
    if (r.error) throw r.error;
    expect(`${r.stdout}${r.stderr}`.trim()).toBe('');
    expect(r.status).toBe(0);
    expect(listFiles(DOCS)).toEqual(listFiles(out));
    for (const file of listFiles(out)) {
      expect(`${file}:\n${fs.readFileSync(path.join(DOCS, file), 'utf8')}`).toBe(`${file}:\n${fs.readFileSync(path.join(out, file), 'utf8')}`);
    }
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}, 120_000);

test('the reference covers the chart, its props and their documented defaults', () => {
  const api = fs.readFileSync(path.join(DOCS, 'README.md'), 'utf8');
  for (const heading of ['### OpenClawChart', '### OpenClawChartProps', '### IngressProps', '### DEFAULTS']) expect(api).toContain(heading);
  expect(api).toContain('#### Default');
});
