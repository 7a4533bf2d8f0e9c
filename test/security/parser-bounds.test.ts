/**
 * The bound of each hostile values file, measured on the real command in a child process: exit 1
 * with the exact problem, within a CPU time and peak memory (RSS, from /usr/bin/time) far below
 * what the unbounded reader took (16 s and 775 MB for the 370-byte alias bomb, 4 GB for
 * /dev/zero, 28 s for 40,000 keys). The numbers are written to
 * node_modules/.cache/openclaw-security/parser-bounds.json for the record.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { MEASURE_DIR, bundleCli, runMeasured } from './child-cli';
import { HOSTILE_CASES, materialize } from './hostile-values';

/**
 * Generous on a machine shared by many jobs (CPU time grows with contention too): node's start is
 * 0.2 to 0.3 s of it, and the 40,000-key file is mostly the yaml library's own linear parse
 * (1.5 to 2 s of CPU at a load of 10 to 25 on 2 cores). An unbounded parse takes 10 to 100 times more.
 */
const MAX_CPU_SECONDS = 5;
/** Node alone takes about 50 MB; the 4 MiB file is read once. */
const MAX_RSS_MB = 250;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openclaw-bounds-'));
const measured: Array<Record<string, unknown>> = [];
let cli: ReturnType<typeof bundleCli>;

beforeAll(() => {
  cli = bundleCli('cli');
});

afterAll(() => {
  fs.writeFileSync(path.join(MEASURE_DIR, 'parser-bounds.json'), `${JSON.stringify({ load: os.loadavg(), cases: measured }, null, 2)}\n`);
  cli.remove();
  fs.rmSync(dir, { recursive: true, force: true });
});

test.each(HOSTILE_CASES.map((c, i) => [c.name, c, i] as const))('%s: exit 1, the exact problem, bounded time and memory', (_name, c, i) => {
  const { args, file } = materialize(c, dir, i);
  const r = runMeasured(cli.script, ['synth', ...args], c.stdin);
  measured.push({ case: c.name, wallSeconds: r.wallSeconds, cpuSeconds: r.cpuSeconds, peakRssMB: r.peakRssMB });
  expect(r.status).toBe(1);
  expect(r.stdout).toBe('');
  expect(r.stderr).toBe(`Invalid OpenClaw configuration (1 problem):\n  - ${c.problem.replace(/^FILE/, file)}\n`);
  expect(r.cpuSeconds).toBeLessThan(MAX_CPU_SECONDS);
  expect(r.peakRssMB).toBeLessThan(MAX_RSS_MB);
});

test('the baseline: a valid file renders in the same harness (so the bounds above are not of a broken command)', () => {
  const file = path.join(dir, 'ok.yaml');
  fs.writeFileSync(file, 'replicaCount: 1\n');
  const r = runMeasured(cli.script, ['synth', '--quiet', '-f', file]);
  expect(r.status).toBe(0);
  expect(r.stdout).toContain('kind: StatefulSet');
  measured.push({ case: 'valid file (baseline)', wallSeconds: r.wallSeconds, cpuSeconds: r.cpuSeconds, peakRssMB: r.peakRssMB });
});
