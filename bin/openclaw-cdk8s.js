#!/usr/bin/env node
// The `openclaw-cdk8s` command. Runs the compiled CLI in lib/ (built by `npm run build`, which the
// package's `prepare` script runs on `npm ci`, `npm install <git url>` and `npm pack`): no ts-node at
// run time. lib/cli.js is the one-file bundle (faster to start than resolving a hundred modules);
// the unbundled lib/src/cli/main.js serves when the bundle is absent.
//
// Start-up: V8 compiles the bundle on every run unless its compiled code is cached. On every Node
// version the bundle runs from a V8 code cache (vm.Script cachedData) written after a run, so it
// holds the functions the command compiled lazily too: above all the values validator, whose
// compilation alone is ~35 ms (Node's own module.enableCompileCache, Node >= 22.1, caches only
// what is compiled when the file loads, and gained nothing; it still serves the unbundled
// lib/src). The caches live in the user's cache directory ($XDG_CACHE_HOME or ~/.cache,
// /openclaw-cdk8s), never in a directory other users can write. One file per Node version and
// bundle content (the build stamps the bundle's hash on its first line, scripts/stamp-bundle.js),
// and at most MAX_CACHES of them: writing one removes the least recently written others, so
// rebuilds and upgrades do not leave a file each behind.
// OPENCLAW_CDK8S_NO_COMPILE_CACHE=1 turns them off.
'use strict';

const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const bundle = path.join(root, 'lib', 'cli.js');
const entry = [bundle, path.join(root, 'lib', 'src', 'cli', 'main.js')].find((file) => fs.existsSync(file));
if (!entry) {
  process.stderr.write(`openclaw-cdk8s: the command is not built yet: run \`npm run build\` in ${root}\n`);
  process.exit(1);
}

function cacheDir() {
  const base = process.env.XDG_CACHE_HOME || (process.env.HOME && path.join(process.env.HOME, '.cache'));
  return base ? path.join(base, 'openclaw-cdk8s') : undefined;
}

/**
 * The bundle's text. esbuild writes ASCII (non-ASCII characters escaped), which decodes as latin1
 * into the same string about twice as fast as UTF-8 decoding (a one-byte string).
 */
function readSource(file) {
  const data = fs.readFileSync(file);
  const { isAscii } = require('buffer');
  return typeof isAscii === 'function' && isAscii(data) ? data.latin1Slice(0, data.length) : data.toString('utf8');
}

/** Code caches kept in the cache directory, for all Node versions and builds together. */
const MAX_CACHES = 3;
const CACHE_NAME = /^cli-v[0-9.]+-[0-9a-f-]+\.v8cache$/;

/**
 * The cache file of this Node and this bundle: named after the build's content hash (the stamp
 * on the bundle's first line), else (an unstamped bundle) after its size and modification time.
 */
function cacheFileOf(file, source, dir) {
  const stamp = /^\/\*build:([0-9a-f]{16})\*\//.exec(source.slice(0, 32));
  let build = stamp && stamp[1];
  if (!build) {
    const stat = fs.statSync(file);
    build = `${stat.size}-${Math.floor(stat.mtimeMs)}`;
  }
  return path.join(dir, `cli-${process.version}-${build}.v8cache`);
}

/** Removes the code caches beyond MAX_CACHES, the least recently written first, and stray temporary files. */
function pruneCaches(dir, keep) {
  const now = Date.now();
  const caches = [];
  for (const name of fs.readdirSync(dir)) {
    const file = path.join(dir, name);
    try {
      if (CACHE_NAME.test(name)) {
        if (file !== keep) caches.push({ file, time: fs.statSync(file).mtimeMs });
      } else if (/^cli-.*\.v8cache\.\d+$/.test(name) && now - fs.statSync(file).mtimeMs > 60_000) {
        fs.rmSync(file, { force: true }); // a temporary file a killed run left behind
      }
    } catch {
      // Gone meanwhile (another run pruned it).
    }
  }
  caches.sort((a, b) => b.time - a.time);
  for (const { file } of caches.slice(MAX_CACHES - 1)) fs.rmSync(file, { force: true });
}

/** The bundle run from a V8 code cache, or undefined to load it the usual way. */
function loadWithCodeCache(file, dir) {
  const Module = require('module');
  const vm = require('vm');
  const source = readSource(file);
  const cacheFile = cacheFileOf(file, source, dir);
  let cachedData;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  const mod = new Module(file, module);
  mod.filename = file;
  mod.paths = Module._nodeModulePaths(path.dirname(file));
  script.runInThisContext()(mod.exports, (id) => mod.require(id), mod, file, path.dirname(file));
  mod.loaded = true;
  if (!cachedData || script.cachedDataRejected) {
    // After the run, so the cache holds the functions this command compiled too.
    process.once('beforeExit', () => {
      try {
        fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
        const tmp = `${cacheFile}.${process.pid}`;
        fs.writeFileSync(tmp, script.createCachedData());
        fs.renameSync(tmp, cacheFile);
        pruneCaches(dir, cacheFile);
      } catch {
        // No cache: the next start compiles again.
      }
    });
  }
  return mod.exports;
}

function load() {
  const dir = process.env.OPENCLAW_CDK8S_NO_COMPILE_CACHE ? undefined : cacheDir();
  if (!dir) return require(entry);
  if (entry !== bundle) {
    const Module = require('module');
    try {
      if (typeof Module.enableCompileCache === 'function') Module.enableCompileCache(path.join(dir, 'node-compile-cache'));
    } catch {
      // Start without the cache.
    }
    return require(entry);
  }
  try {
    return loadWithCodeCache(entry, dir);
  } catch {
    return require(entry);
  }
}

/**
 * Writes straight to a file descriptor, as process.stdout does for a file or a terminal: touching
 * process.stdout or process.stderr loads Node's stream machinery, about 10 ms of a cold start. A
 * reader that went away (`| head`) ends the output quietly, as for any Unix filter.
 */
function fdWriter(fd) {
  let closed = false;
  return {
    write(text) {
      const data = Buffer.from(String(text));
      for (let at = 0; at < data.length && !closed;) {
        try {
          at += fs.writeSync(fd, data, at);
        } catch (error) {
          if (error.code === 'EPIPE') closed = true;
          // A non-blocking pipe that is full: wait for the reader.
          else if (error.code === 'EAGAIN') Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2);
          else throw error;
        }
      }
      return true;
    },
  };
}

const { runCli } = load();

runCli(process.argv.slice(2), { stdout: fdWriter(1), stderr: fdWriter(2) }).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    fdWriter(2).write(`Error: ${error && error.message ? error.message : error}\n`);
    process.exitCode = 1;
  },
);
