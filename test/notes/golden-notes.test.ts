/**
 * The summary, byte for byte, for every case of golden-cases.ts, every scenario of
 * test/fixtures/reference/scenarios and every example app: the CLI's stderr (synth and the Helm
 * export's NOTES.txt) and renderNotes of the chart or App. The files in test/fixtures/notes/ were
 * written by the summary that parsed the rendered YAML back; the summary written from the model
 * must say exactly the same. After a deliberate change of the text, rewrite them with
 *   WRITE_NOTES_GOLDENS=1 npx jest test/notes/golden-notes.test.ts
 * and review the diff.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdk8s';
import { runCli } from '../../src/cli/main';
import { OpenClawChart, renderNotes, valuesToProps } from '../../src';
import { NOTES_CASES, NotesCase } from './golden-cases';
import { EXAMPLES, runExample } from '../helpers/examples';

const mockApps: any[] = [];
jest.mock('openclaw-cdk8s', () => jest.requireActual('../../src'), { virtual: true });
jest.mock('cdk8s', () => {
  const real = jest.requireActual('cdk8s');
  class RecordedApp extends real.App {
    constructor(...args: any[]) {
      super(...args);
      mockApps.push(this);
    }
  }
  return { ...real, App: RecordedApp };
});

const GOLDEN = path.join(__dirname, '..', 'fixtures', 'notes');
const SCENARIOS = path.join(__dirname, '..', 'fixtures', 'reference', 'scenarios');
const WRITE = process.env.WRITE_NOTES_GOLDENS === '1';

/** Compares `text` with the golden file (or writes it, in write mode). */
function expectGolden(file: string, text: string): void {
  const target = path.join(GOLDEN, file);
  if (WRITE) {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, text);
  }
  expect(text).toBe(fs.readFileSync(target, 'utf8'));
}

async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: { write: (s: string) => void (stdout += s) }, stderr: { write: (s: string) => void (stderr += s) } });
  return { code, stdout, stderr };
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'notes-golden-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function valuesFile(c: NotesCase): string {
  const file = path.join(tmp, `${c.name}.json`);
  fs.writeFileSync(file, JSON.stringify(c.values));
  return file;
}

const where = (c: NotesCase) => ['--release', c.release ?? 'my-openclaw', ...(c.noNamespace ? ['--no-namespace'] : ['-n', c.namespace ?? 'openclaw'])];
/** The summary without the warnings the CLI says before it. */
const summaryOf = (stderr: string) => stderr.slice(stderr.indexOf('OpenClaw: rendered'));

describe.each(NOTES_CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
  test('the CLI\'s stderr is the golden one', async () => {
    const r = await cli('synth', '-f', valuesFile(c), ...where(c));
    expect(r.code).toBe(0);
    expectGolden(`cases/${c.name}.txt`, r.stderr);
  });

  if (!c.noNamespace) {
    test('renderNotes of the chart says the same as the CLI', () => {
      const chart = new OpenClawChart(new App(), c.release ?? 'my-openclaw', { ...valuesToProps(c.values), namespace: c.namespace ?? 'openclaw' });
      expect(renderNotes(chart)).toBe(summaryOf(fs.readFileSync(path.join(GOLDEN, 'cases', `${c.name}.txt`), 'utf8')));
    });
  }
});

test.each(fs.readdirSync(SCENARIOS).filter((f) => f.endsWith('.yaml')).sort())('scenario %s: the CLI\'s stderr is the golden one', async (file) => {
  const r = await cli('synth', '-f', path.join(SCENARIOS, file), '--release', 'my-openclaw', '-n', 'openclaw');
  expect(r.code).toBe(0);
  expectGolden(`scenarios/${file.replace(/\.yaml$/, '.txt')}`, r.stderr);
});

test.each(['default', 'replicas-team', 'ingress-tls', 'existing-secret-many-refs'])('helm export %s: NOTES.txt is the golden one', async (name) => {
  const c = NOTES_CASES.find((x) => x.name === name)!;
  const out = path.join(tmp, `helm-${name}`);
  const r = await cli('helm', '-f', valuesFile(c), '-o', out, ...where(c));
  expect(r.code).toBe(0);
  expectGolden(`helm/${name}.txt`, fs.readFileSync(path.join(out, 'templates', 'NOTES.txt'), 'utf8'));
});

test.each(EXAMPLES)('example %s: renderNotes of its App is the golden one', (name) => {
  const before = mockApps.length;
  runExample(name);
  const apps = mockApps.slice(before);
  expect(apps).toHaveLength(1);
  expectGolden(`examples/${name}.txt`, renderNotes(apps[0]));
});
