/**
 * A cdk8s app outside the repository, made like `cdk8s init typescript-app` makes one: the
 * cdk8s-cli template's tsconfig.json, jest.config.js and cdk8s.yaml, its dependencies (today's
 * cdk8s-plus-33 among them) and its dev dependencies.
 *
 * Installing its third-party packages is the slow part, so an app is installed once per key
 * (everything that decides what gets installed) under CACHE and reused: each run only installs
 * the new tarball into it. Made in a temporary directory and renamed into place (atomic), and
 * used under a lock, so two test runs on one machine do not share an app at the same time.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { REPO, run } from './pack';

export const MINUTES = 60_000;
export const CACHE = process.env.OPENCLAW_CONSUMER_CACHE ?? path.join(os.tmpdir(), 'openclaw-cdk8s-consumer');
const CLI_DIR = path.join(REPO, 'node_modules', 'cdk8s-cli');
export const CLI_TEMPLATE = path.join(CLI_DIR, 'templates', 'typescript-app');
export const CLI_VERSION: string = JSON.parse(fs.readFileSync(path.join(CLI_DIR, 'package.json'), 'utf8')).version;
/** The files of a new cdk8s TypeScript app, copied as they are. */
const SCAFFOLD = ['tsconfig.json', 'jest.config.js', 'cdk8s.yaml'];

/** npm without questions, from the cache first; only the npm registry is used. */
export const NPM_ENV: NodeJS.ProcessEnv = {
  ...process.env,
  npm_config_prefer_offline: 'true',
  npm_config_audit: 'false',
  npm_config_fund: 'false',
  npm_config_update_notifier: 'false',
  npm_config_loglevel: 'error',
  // cdk8s-cli checks for a newer version of itself over the network after each command.
  CDK8S_CHECK_UPGRADE: 'false',
};

export const CDK8S_SYNTH = 'npx cdk8s synth';

export function sh(command: string, cwd: string, env: NodeJS.ProcessEnv = NPM_ENV): string {
  return run('bash', ['-eo', 'pipefail', '-c', command], { cwd, env });
}

export const timings: Record<string, number> = {};
export function timed<T>(label: string, fn: () => T): T {
  const started = Date.now();
  try {
    return fn();
  } finally {
    timings[label] = (Date.now() - started) / 1000;
  }
}

/** Every object of every `*.k8s.yaml` in `dir`, parsed as kubectl does (YAML 1.1). */
export function readManifests(dir: string): any[] {
  return fs.readdirSync(dir).filter((f) => f.endsWith('.k8s.yaml')).sort().flatMap((f) => parseManifests(fs.readFileSync(path.join(dir, f), 'utf8')));
}

export function parseManifests(yaml: string): any[] {
  return parseAllDocuments(yaml, { version: '1.1' }).map((d) => d.toJS()).filter((o) => o !== null && o !== undefined);
}

/**
 * The dependencies `cdk8s init typescript-app` writes into a new app's package.json: the template's
 * (cdk8s, cdk8s-plus-33, constructs), each at `^` the version this cdk8s-cli resolves, as its init does.
 */
export function initDependencies(): string[] {
  const template = JSON.parse(fs.readFileSync(path.join(CLI_TEMPLATE, 'package.json'), 'utf8'));
  const cli = JSON.parse(fs.readFileSync(path.join(CLI_DIR, 'package.json'), 'utf8'));
  return Object.keys(template.dependencies as Record<string, string>).map((pkg) => {
    const version = pkg === 'constructs' ? String(cli.dependencies.constructs).replace(/^\^/, '')
      : JSON.parse(fs.readFileSync(require.resolve(`${pkg}/package.json`, { paths: [CLI_DIR] }), 'utf8')).version;
    return `${pkg}@^${version}`;
  });
}

/**
 * The installed app for `name`: the scaffold, its dependencies and dev dependencies as `cdk8s init`
 * installs them, then `commands` (which must not install the package under test). Returns its directory.
 */
export function ensureApp(name: string, commands: readonly string[]): string {
  const template = JSON.parse(fs.readFileSync(path.join(CLI_TEMPLATE, 'package.json'), 'utf8'));
  const devDependencies = Object.entries(template.devDependencies as Record<string, string>)
    .map(([pkg, spec]) => `${pkg}@${pkg === 'cdk8s-cli' ? CLI_VERSION : spec}`);
  const dependencies = initDependencies();
  const hash = createHash('sha256');
  for (const f of SCAFFOLD) hash.update(fs.readFileSync(path.join(CLI_TEMPLATE, f)));
  hash.update(JSON.stringify({
    dependencies, devDependencies, commands, node: process.version, npm: run('npm', ['--version'], { cwd: REPO }).trim(),
  }));
  const dir = path.join(CACHE, `${name}-${hash.digest('hex').slice(0, 16)}`);
  if (fs.existsSync(path.join(dir, '.complete'))) return dir;

  const partial = `${dir}.partial-${process.pid}`;
  fs.rmSync(partial, { recursive: true, force: true });
  fs.mkdirSync(partial, { recursive: true });
  for (const f of SCAFFOLD) fs.copyFileSync(path.join(CLI_TEMPLATE, f), path.join(partial, f));
  fs.writeFileSync(path.join(partial, 'package.json'), `${JSON.stringify({
    name: 'my-openclaw-app', version: '1.0.0', private: true, license: 'UNLICENSED',
    scripts: { synth: 'cdk8s synth', test: 'jest' },
  }, null, 2)}\n`);
  sh(`npm install ${dependencies.map((d) => `'${d}'`).join(' ')}`, partial);
  sh(`npm install --save-dev ${devDependencies.map((d) => `'${d}'`).join(' ')}`, partial);
  for (const command of commands) sh(command, partial);
  fs.writeFileSync(path.join(partial, '.complete'), new Date().toISOString());
  try {
    fs.renameSync(partial, dir);
  } catch (e) {
    if (!fs.existsSync(path.join(dir, '.complete'))) throw e;
    fs.rmSync(partial, { recursive: true, force: true }); // another run made it meanwhile
  }
  return dir;
}

/** Takes the lock of `dir` (waiting up to 10 minutes; a dead holder's lock is taken over); returns the release. */
export function lock(dir: string): () => void {
  const lockDir = `${dir}.lock`;
  const deadline = Date.now() + 10 * MINUTES;
  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      fs.writeFileSync(path.join(lockDir, 'pid'), String(process.pid));
      let released = false;
      return () => {
        if (!released) fs.rmSync(lockDir, { recursive: true, force: true });
        released = true;
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pidFile = path.join(lockDir, 'pid');
      const holder = fs.existsSync(pidFile) ? Number(fs.readFileSync(pidFile, 'utf8')) : 0;
      if (holder && !alive(holder)) {
        fs.rmSync(lockDir, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`${lockDir} is still held by process ${holder}`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
    }
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Runs each `examples/<name>/main.ts` of the app in one ts-node process (transpile only: tsc
 * checks the types), as `cdk8s synth` would, with its output in `examples/<name>/dist`.
 */
export function synthExamples(app: string, names: readonly string[]): void {
  const runner = path.join(app, 'synth-examples.js');
  fs.writeFileSync(runner, `const path = require('path');
require('ts-node').register({ transpileOnly: true });
for (const name of process.argv.slice(2)) {
  const dir = path.join(__dirname, 'examples', name);
  process.env.CDK8S_OUTDIR = path.join(dir, 'dist');
  require(path.join(dir, 'main.ts'));
}
`);
  sh(`node synth-examples.js ${names.join(' ')}`, app);
}
