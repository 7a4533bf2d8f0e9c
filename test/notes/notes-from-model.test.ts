/**
 * The summary is written from the model, not parsed back out of the YAML: what a builder chose
 * (container commands, env order, init containers, volumes) can change without changing a word of
 * it, and src/notes/ imports from src/build/ only the helpers both share on purpose.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdk8s';
import { OpenClawChart, OpenClawChartProps } from '../../src';
import { notesOf, renderNotes } from '../../src/notes/summary';
import { NOTES_CASES } from './golden-cases';
import { valuesToProps } from '../../src/values/to-props';

const NOTES_DIR = path.join(__dirname, '..', '..', 'src', 'notes');

/**
 * What the notes may take from src/build/, and why: the command that reads the generated token back
 * lives beside the script that writes it (they change together); shell quoting; the name of the
 * migrate-config container, which the notes' `kubectl logs -c` must match.
 */
const SHARED_BUILD_HELPERS = ['build/shell/gateway-token', 'build/shell/shell-quote', 'build/shell/config-migration'];

test('src/notes/ imports from src/build/ only the shared helpers', () => {
  const found: string[] = [];
  for (const file of fs.readdirSync(NOTES_DIR).filter((f) => f.endsWith('.ts'))) {
    const text = fs.readFileSync(path.join(NOTES_DIR, file), 'utf8');
    for (const m of text.matchAll(/(?:from|require\()\s*'([^']+)'/g)) {
      const target = path.relative(path.join(NOTES_DIR, '..'), path.resolve(NOTES_DIR, m[1]));
      if (target.startsWith('build')) found.push(target);
    }
  }
  expect(found.length).toBeGreaterThan(0);
  expect([...new Set(found)].filter((t) => !SHARED_BUILD_HELPERS.includes(t))).toEqual([]);
});

/** The objects with every builder choice the notes must not read changed: what another builder could render. */
function rebuilt(objects: any[]): any[] {
  const copy = JSON.parse(JSON.stringify(objects));
  for (const sts of copy.filter((o: any) => o.kind === 'StatefulSet')) {
    const spec = sts.spec.template.spec;
    for (const c of [...(spec.initContainers ?? []), ...spec.containers]) {
      c.command = ['sh', '-c', 'exec something-else'];
      c.env = [...(c.env ?? [])].reverse().map((e: any) => (e.name === 'NODE_OPTIONS' ? { ...e, value: '--max-old-space-size=1' } : e));
      c.volumeMounts = (c.volumeMounts ?? []).map((v: any, i: number) => ({ ...v, mountPath: `/elsewhere/${i}` }));
      if (c.name !== 'openclaw') c.name = `renamed-${c.name}`;
    }
    spec.initContainers = [...(spec.initContainers ?? [])].reverse();
    spec.volumes = [];
    for (const t of sts.spec.volumeClaimTemplates ?? []) t.spec = { resources: { requests: { storage: '1Ei' } } };
  }
  for (const cm of copy.filter((o: any) => o.kind === 'ConfigMap')) cm.data = {};
  return copy;
}

test.each(NOTES_CASES.filter((c) => !c.noNamespace).map((c) => [c.name, c] as const))('%s: the same notes from its model, whatever the builders rendered', (_name, c) => {
  const props: OpenClawChartProps = { ...valuesToProps(c.values), namespace: c.namespace ?? 'openclaw' };
  const chart = new OpenClawChart(Testing.app(), c.release ?? 'my-openclaw', props);
  const notes = renderNotes(chart);
  expect(notesOf(rebuilt(chart.toJson()), [chart._model])).toBe(notes);
  // And the builder details did change: bare manifests (no model) no longer give that summary.
  expect(renderNotes(rebuilt(chart.toJson()))).not.toBe(notes);
});
