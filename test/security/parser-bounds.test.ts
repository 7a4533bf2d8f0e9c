/**
 * The bound of each hostile values file, measured on the real command in a child process: exit 1
 * with the exact problem, within a CPU time and peak memory (RSS, from /usr/bin/time) far below
 * what the unbounded reader took (16 s and 775 MB for the 370-byte alias bomb, 4 GB for
 * /dev/zero, 28 s for 40,000 keys). The numbers are written to
 * node_modules/.cache/openclaw-security/parser-bounds.json for the record.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { HOSTILE_CASES, materialize } from './hostile-values';

const REPO = path.resolve(__dirname, '../..');
const OUT = path.join(REPO, 'node_modules/.cache/openclaw-security');
const BUNDLE = path.join(OUT, `cli-${process.pid}.js`);
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

beforeAll(() => {
  fs.mkdirSync(OUT, { recursive: true });
  // The CLI as one bundle, as `npm run build` makes lib/cli.js (externals resolve from the repository).
  require('esbuild').buildSync({
    entryPoints: [path.join(REPO, 'src/cli/main.ts')], bundle: true, platform: 'node', target: 'node18', outfile: BUNDLE,
    external: ['cdk8s', 'constructs', 'ajv'], logLevel: 'warning',
  });
  fs.writeFileSync(`${BUNDLE}.run.js`, `require(${JSON.stringify(BUNDLE)}).runCli(process.argv.slice(2), process).then((c) => { process.exitCode = c; });\n`);
});

afterAll(() => {
  fs.writeFileSync(path.join(OUT, 'parser-bounds.json'), `${JSON.stringify({ load: os.loadavg(), cases: measured }, null, 2)}\n`);
  for (const f of [BUNDLE, `${BUNDLE}.run.js`]) fs.rmSync(f, { force: true });
  fs.rmSync(dir, { recursive: true, force: true });
});

test.each(HOSTILE_CASES.map((c, i) => [c.name, c, i] as const))('%s: exit 1, the exact problem, bounded time and memory', (_name, c, i) => {
  const { args, file } = materialize(c, dir, i);
  const r = spawnSync('/usr/bin/time', ['-f', 'TIME %e %U %S %M', process.execPath, `${BUNDLE}.run.js`, 'synth', ...args], {
    input: c.stdin, encoding: 'utf8', timeout: 60_000, maxBuffer: 64 * 1024 * 1024,
  });
  const timeLine = /TIME ([\d.]+) ([\d.]+) ([\d.]+) (\d+)\n?$/.exec(r.stderr);
  expect(timeLine).not.toBeNull();
  const [wall, user, sys, rssKb] = timeLine!.slice(1).map(Number);
  // /usr/bin/time says the exit status too.
  const stderr = r.stderr.slice(0, timeLine!.index).replace(/^Command exited with non-zero status \d+\n/m, '');
  measured.push({ case: c.name, wallSeconds: wall, cpuSeconds: +(user + sys).toFixed(2), peakRssMB: Math.round(rssKb / 1024) });
  expect(r.status).toBe(1);
  expect(r.stdout).toBe('');
  expect(stderr).toBe(`Invalid OpenClaw configuration (1 problem):\n  - ${c.problem.replace(/^FILE/, file)}\n`);
  expect(user + sys).toBeLessThan(MAX_CPU_SECONDS);
  expect(rssKb / 1024).toBeLessThan(MAX_RSS_MB);
});

test('the baseline: a valid file renders in the same harness (so the bounds above are not of a broken command)', () => {
  const file = path.join(dir, 'ok.yaml');
  fs.writeFileSync(file, 'replicaCount: 1\n');
  const r = spawnSync('/usr/bin/time', ['-f', 'TIME %e %U %S %M', process.execPath, `${BUNDLE}.run.js`, 'synth', '--quiet', '-f', file], { encoding: 'utf8' });
  expect(r.status).toBe(0);
  expect(r.stdout).toContain('kind: StatefulSet');
  const [, wall, user, sys, rss] = /TIME ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(r.stderr)!;
  measured.push({ case: 'valid file (baseline)', wallSeconds: Number(wall), cpuSeconds: +(Number(user) + Number(sys)).toFixed(2), peakRssMB: Math.round(Number(rss) / 1024) });
});
