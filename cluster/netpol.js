#!/usr/bin/env node
/**
 * The NetworkPolicy evaluator of the cluster tests (cluster/netpol: cyclonus' policy engine, a Go
 * module): `ask(request)` answers traffic questions about rendered manifests (the request's shape
 * is in cluster/netpol/main.go). `node cluster/netpol.js build` builds it ahead (CI does, to time it).
 *
 * The binary is built once per source hash, into ~/.cache/openclaw-cdk8s/netpol/ (OPENCLAW_CDK8S_CACHE
 * moves the cache), as cluster/cluster.js builds the control plane.
 */
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const MODULE_DIR = path.join(__dirname, 'netpol');
const { CACHE_ROOT, goFailure, sourceHash } = require('./go-build');

class NetpolError extends Error {}


/** Path of the evaluator binary, built when this source has none in the cache. */
function build(log = (line) => process.stderr.write(`${line}\n`)) {
  const dir = path.join(CACHE_ROOT, 'netpol');
  const binary = path.join(dir, `netpol-${sourceHash(MODULE_DIR)}`);
  if (fs.existsSync(binary)) return binary;
  fs.mkdirSync(dir, { recursive: true });
  const tmp = `${binary}.${process.pid}.tmp`;
  log(`netpol: building the NetworkPolicy evaluator from Go modules (cold: about 6 minutes on 2 cores; cached afterwards in ${dir})`);
  const started = Date.now();
  const r = spawnSync('go', ['build', '-mod=readonly', '-trimpath', '-ldflags', '-s -w', '-o', tmp, '.'], {
    cwd: MODULE_DIR, encoding: 'utf8', env: { ...process.env, CGO_ENABLED: '0' }, maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error || r.status !== 0) {
    fs.rmSync(tmp, { force: true });
    if (r.error && r.error.code === 'ENOENT') throw new NetpolError('Go is needed to build the NetworkPolicy evaluator (go 1.26 or newer on PATH): go: command not found');
    throw new NetpolError(goFailure(r, `the evaluator's`, 'go build failed'));
  }
  fs.renameSync(tmp, binary);
  log(`netpol: built in ${Math.round((Date.now() - started) / 1000)} s`);
  return binary;
}

/** Answers a request (manifests, namespaces, questions) with the engine: { workloads, policies, answers }. */
function ask(request) {
  const r = spawnSync(build(), [], { input: JSON.stringify(request), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error || r.status !== 0) throw new NetpolError(`the evaluator failed: ${(r.stderr || '').trim() || r.error}`);
  return JSON.parse(r.stdout);
}

module.exports = { build, ask, NetpolError };

if (require.main === module) {
  if (process.argv[2] === 'build') {
    try {
      process.stdout.write(`${build()}\n`);
    } catch (e) {
      process.stderr.write(`netpol: ${e instanceof NetpolError ? e.message : e && e.stack || e}\n`);
      process.exitCode = 1;
    }
  } else {
    process.stderr.write('usage: node cluster/netpol.js build\n');
    process.exitCode = 2;
  }
}
