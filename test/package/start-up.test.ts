/**
 * The command's start-up paths on the built lib/cli.js: the V8 code cache it writes after a run
 * (in $XDG_CACHE_HOME/openclaw-cdk8s, on every Node version) changes nothing in the output, a
 * broken cache file is ignored, and output written straight to fd 1 reaches a pipe whole (larger
 * than the pipe's buffer) and ends quietly when the reader goes away.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { REPO } from './pack';

const BIN = path.join(REPO, 'bin', 'openclaw-cdk8s.js');
const VALUES = path.join(REPO, 'test', 'fixtures', 'reference', 'scenarios', '04-ingress-tls.yaml');

let cacheHome: string;
beforeAll(() => {
  if (!fs.existsSync(path.join(REPO, 'lib', 'cli.js'))) throw new Error('lib/cli.js is not built: run `npm run build`');
  cacheHome = fs.mkdtempSync(path.join(os.tmpdir(), 'openclaw-start-up-'));
});
afterAll(() => fs.rmSync(cacheHome, { recursive: true, force: true }));

function synth(env: Record<string, string>, args: string[] = ['synth', '-q', '-f', VALUES]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: REPO, encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 });
  expect(r.status).toBe(0);
  return r;
}

test('the code cache is written after the first run and changes nothing; a broken one is ignored', () => {
  const env = { XDG_CACHE_HOME: cacheHome };
  const dir = path.join(cacheHome, 'openclaw-cdk8s');
  const plain = synth({ OPENCLAW_CDK8S_NO_COMPILE_CACHE: '1', XDG_CACHE_HOME: cacheHome });
  expect(fs.existsSync(dir)).toBe(false);
  const first = synth(env);
  const caches = fs.readdirSync(dir).filter((f) => f.endsWith('.v8cache'));
  // Named after the bundle's content (the build's stamp), so a rebuild of the same sources reuses it.
  const stamp = /^\/\*build:([0-9a-f]{16})\*\//.exec(fs.readFileSync(path.join(REPO, 'lib', 'cli.js'), 'latin1'));
  expect(stamp).not.toBeNull();
  expect(caches).toEqual([`cli-${process.version}-${stamp![1]}.v8cache`]);
  expect(fs.statSync(path.join(dir, caches[0])).size).toBeGreaterThan(10_000);
  const second = synth(env);
  for (const r of [first, second]) {
    expect(r.stdout).toBe(plain.stdout);
    expect(r.stderr).toBe(plain.stderr);
  }
  fs.writeFileSync(path.join(dir, caches[0]), 'not a code cache');
  expect(synth(env).stdout).toBe(plain.stdout);
  expect(plain.stdout).toContain('kind: Ingress\n');
});

test('the cache directory stays bounded: older builds\' caches and stray temporary files are removed', () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'openclaw-start-up-prune-'));
  try {
    const dir = path.join(home, 'openclaw-cdk8s');
    fs.mkdirSync(dir);
    // What earlier versions left: one cache per build (size and mtime in the name), and a temporary file of a killed run.
    const old = Array.from({ length: 6 }, (_, i) => path.join(dir, `cli-v20.20.2-59763${i}-179656571842${i}.v8cache`));
    const temp = path.join(dir, 'cli-v20.20.2-1-2.v8cache.4242');
    const other = path.join(dir, 'kubernetes');
    [...old, temp].forEach((f, i) => {
      fs.writeFileSync(f, 'x');
      fs.utimesSync(f, new Date(Date.now() - (i + 2) * 3600_000), new Date(Date.now() - (i + 2) * 3600_000));
    });
    fs.mkdirSync(other);
    synth({ XDG_CACHE_HOME: home });
    const left = fs.readdirSync(dir).sort();
    const caches = left.filter((f) => f.endsWith('.v8cache'));
    expect(caches).toHaveLength(3);
    // This build's cache and the two most recently written others; the rest and the temporary file are gone.
    expect(caches).toEqual(expect.arrayContaining([path.basename(old[0]), path.basename(old[1])]));
    expect(left).toContain('kubernetes');
    expect(left).not.toContain(path.basename(temp));
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
});

test('output larger than a pipe buffer arrives whole; a reader that stops early ends it quietly', () => {
  const lines = Array.from({ length: 20_000 }, (_, i) => `      line ${i} of the notes`).join('\n');
  const values = path.join(cacheHome, 'big.yaml');
  fs.writeFileSync(values, `configMap:\n  enabled: true\n  data:\n    notes.md: |\n${lines}\n`);
  const whole = synth({}, ['synth', '-q', '-f', values]);
  expect(whole.stdout.length).toBeGreaterThan(500_000);
  expect(whole.stdout).toContain('line 19999 of the notes\n');
  const head = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" synth -q -f "${values}" | head -c 100 >/dev/null; echo "exit \${PIPESTATUS[0]}"`], { encoding: 'utf8' });
  expect(head.stdout).toBe('exit 0\n');
  expect(head.stderr).toBe('');
});
