/**
 * Builds and packs the package as a release would, without touching the working tree: the
 * sources are copied to a staging directory (like a fresh clone: no lib/, dist/ or
 * node_modules/), built there (by the `prepack` script when package.json has one, else by
 * `npm run build`) and packed with `npm pack`. So the tarball holds exactly what `files` selects
 * from a clean build, and other test files that read lib/ meanwhile are not disturbed.
 */
import { spawnSync, SpawnSyncOptions } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export const REPO = path.resolve(__dirname, '..', '..');

/** Never copied to the staging directory (as in a fresh clone, plus outputs). */
const NOT_STAGED = new Set(['.git', 'node_modules', 'lib', 'dist', 'coverage', 'cdk.out', '.e2e-cache']);

export interface PackResult {
  /** The tarball, named by its content hash (so that npm always sees a new version of it). */
  readonly tarball: string;
  /** Paths inside the package (without the `package/` prefix), sorted. */
  readonly files: string[];
  /** Seconds spent staging, building and packing. */
  readonly seconds: number;
}

/** Runs a command; throws with its output when it fails. */
export function run(command: string, args: string[], opts: SpawnSyncOptions & { cwd: string }): string {
  const r = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...opts });
  if (r.error) throw r.error;
  if (r.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} (in ${opts.cwd}) exited with ${r.status}:\n${r.stdout}\n${r.stderr}`);
  }
  return String(r.stdout);
}

export function packPackage(destination: string): PackResult {
  const started = Date.now();
  const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'openclaw-cdk8s-stage-'));
  try {
    for (const entry of fs.readdirSync(REPO)) {
      if (NOT_STAGED.has(entry) || entry.endsWith('.tgz')) continue;
      fs.cpSync(path.join(REPO, entry), path.join(stage, entry), { recursive: true });
    }
    // The build needs the dev dependencies (tsc, types); they are not packed.
    fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(stage, 'node_modules'), 'dir');
    const pkg = JSON.parse(fs.readFileSync(path.join(stage, 'package.json'), 'utf8'));
    if (!pkg.scripts?.prepack) run('npm', ['run', 'build'], { cwd: stage });
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'openclaw-cdk8s-pack-'));
    const json = run('npm', ['pack', '--json', '--pack-destination', out], { cwd: stage });
    const [info] = JSON.parse(json.slice(json.indexOf('[')));
    const packed = path.join(out, info.filename);
    const hash = createHash('sha256').update(fs.readFileSync(packed)).digest('hex').slice(0, 12);
    fs.mkdirSync(destination, { recursive: true });
    for (const old of fs.readdirSync(destination).filter((f) => f.endsWith('.tgz'))) {
      fs.rmSync(path.join(destination, old), { force: true });
    }
    const tarball = path.join(destination, `${info.name}-${info.version}-${hash}.tgz`);
    fs.renameSync(packed, tarball);
    fs.rmSync(out, { recursive: true, force: true });
    return {
      tarball,
      files: (info.files as Array<{ path: string }>).map((f) => f.path).sort(),
      seconds: (Date.now() - started) / 1000,
    };
  } finally {
    fs.rmSync(stage, { recursive: true, force: true });
  }
}
