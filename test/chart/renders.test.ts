/**
 * The committed renders of the scenarios (test/fixtures/renders) are what the CLI renders today,
 * byte for byte: a refactor must leave them unchanged, and a deliberate change of the output is
 * made visible by regenerating them (`npx ts-node scripts/scenario-renders.ts --write`) and
 * reviewing the diff. The fields users rely on are asserted in scenarios.test.ts; here the
 * committed files are also read back, so they stay parseable manifests of the scenario.
 */
import * as fs from 'fs';
import { parseAllDocuments } from 'yaml';
import { renderFile, renderScenario, scenarioNames } from '../../scripts/scenario-renders';
import { RENDERS_DIR } from '../helpers/fixtures';

const NAMES = scenarioNames();

test('every scenario has a committed render, and nothing else is there', () => {
  expect(NAMES.length).toBeGreaterThanOrEqual(8);
  expect(fs.readdirSync(RENDERS_DIR).sort()).toEqual(NAMES.map((n) => `${n}.k8s.yaml`).sort());
});

describe.each(NAMES)('scenario %s', (name) => {
  test('renders byte-identical to test/fixtures/renders', async () => {
    const rendered = await renderScenario(name);
    const committed = fs.readFileSync(renderFile(name), 'utf8');
    if (rendered !== committed) {
      const a = rendered.split('\n');
      const b = committed.split('\n');
      const line = a.findIndex((l, i) => l !== b[i]);
      throw new Error(`${name}: the render differs from ${renderFile(name)} from line ${line + 1}:\n  now:       ${a[line]}\n  committed: ${b[line]}\n`
        + 'If the change is deliberate: npx ts-node scripts/scenario-renders.ts --write, and review the diff.');
    }
  });

  test('the committed render is the release my-openclaw in namespace openclaw', () => {
    const objects = parseAllDocuments(fs.readFileSync(renderFile(name), 'utf8')).map((d) => d.toJSON());
    expect(objects.find((o) => o.kind === 'StatefulSet').metadata).toMatchObject({ name: 'my-openclaw', namespace: 'openclaw' });
    for (const o of objects) expect(o.metadata.labels['app.kubernetes.io/instance']).toBe('my-openclaw');
  });
});
