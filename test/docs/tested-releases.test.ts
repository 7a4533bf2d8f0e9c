/** README "Tested releases" and the version-gate table say what the e2e release matrix really runs. */
import * as fs from 'fs';
import * as path from 'path';
import * as versions from '../../src/core/versions';
import { MATRIX_RELEASES, UPGRADE_JUMPS } from '../e2e/harness/releases';

const root = path.join(__dirname, '..', '..');
const read = (f: string) => fs.readFileSync(path.join(root, f), 'utf8');

test('README lists exactly the releases of the matrix, in order', () => {
  const section = read('README.md').split('### Tested releases')[1].split('\n## ')[0].split('\n### ')[0];
  const listed = [...new Set(section.match(/\b\d{4}\.\d{1,2}\.\d{1,2}\b/g))];
  expect(listed).toEqual(MATRIX_RELEASES.map((r) => r.version));
});

test('README lists exactly the upgrades the e2e suite runs, in order', () => {
  const section = read('README.md').split('### Tested upgrades')[1].split('\n## ')[0].split('\n### ')[0];
  const listed = [...new Set(section.match(/\b\d{4}\.\d{1,2}\.\d{1,2}\b/g))];
  expect(listed).toEqual(UPGRADE_JUMPS.map((j) => j.from));
});

test('docs/openclaw-runtime.md has a row, with evidence, for every gate in src/core/versions.ts', () => {
  const table = read('docs/openclaw-runtime.md').split('## Version gates')[1];
  for (const gate of ['HEALTH_ENDPOINTS_SINCE', 'STARTUP_ENDPOINT_SINCE', 'ALLOW_INSECURE_AUTH_RETIRED_IN', 'ALLOWED_ORIGINS_REQUIRED_SINCE', 'ALLOWED_ORIGINS_SEEDED_SINCE'] as const) {
    const row = table.split('\n').find((l) => l.startsWith(`| \`${gate}\``));
    expect({ gate, row }).toEqual({ gate, row: expect.stringContaining(`| ${(versions as Record<string, unknown>)[gate]} |`) });
  }
});
