#!/usr/bin/env node
/**
 * A real S3-compatible server for the off-site backup e2e (test/e2e/s3.test.ts): MinIO, built from
 * its own Go module at one pinned version (`go install`, checked against the Go checksum
 * database), never a mock. `npm run s3 -- build` prints the binary's path as its last line.
 *
 * - Built once per version into ~/.cache/openclaw-cdk8s/minio/<version>/minio
 *   (OPENCLAW_CDK8S_CACHE moves the cache), as cluster.js caches the control plane.
 * - The e2e runs it inside the test's pod network only (never on the host's interfaces).
 */
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

/** The MinIO release: the module version `go install` builds (RELEASE.2026-02-12). */
const MINIO_MODULE = 'github.com/minio/minio';
const MINIO_VERSION = 'v0.0.0-20260212201848-7aac2a2c5b7c';
const { CACHE_ROOT, goFailure } = require('./go-build');

class S3BuildError extends Error {}

/** Path of the MinIO binary, built when the cache has none for this version. */
function build(log = (line) => process.stderr.write(`${line}\n`)) {
  const dir = path.join(CACHE_ROOT, 'minio', MINIO_VERSION);
  const binary = path.join(dir, 'minio');
  if (fs.existsSync(binary)) return binary;
  const go = spawnSync('go', ['version'], { encoding: 'utf8' });
  if (go.error) throw new S3BuildError(`Go is needed to build MinIO (go 1.24 or newer on PATH): ${go.error.code === 'ENOENT' ? 'go: command not found' : go.error.message}`);
  const tmp = `${dir}.${process.pid}.tmp`;
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.mkdirSync(tmp, { recursive: true });
  log(`s3: building MinIO ${MINIO_VERSION} from Go modules (cold: about 15 minutes on 2 cores; cached afterwards in ${dir})`);
  const started = Date.now();
  const r = spawnSync('go', ['install', '-trimpath', '-ldflags', '-s -w', `${MINIO_MODULE}@${MINIO_VERSION}`], {
    encoding: 'utf8', env: { ...process.env, CGO_ENABLED: '0', GOBIN: tmp, GOFLAGS: '-modcacherw' }, maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw new S3BuildError(goFailure(r, `MinIO's`, `go install ${MINIO_MODULE}@${MINIO_VERSION} failed`));
  }
  fs.mkdirSync(dir, { recursive: true });
  fs.renameSync(path.join(tmp, 'minio'), binary);
  fs.rmSync(tmp, { recursive: true, force: true });
  log(`s3: built in ${Math.round((Date.now() - started) / 1000)} s`);
  return binary;
}

module.exports = { build, S3BuildError, MINIO_VERSION };

if (require.main === module) {
  const command = process.argv[2];
  try {
    if (command === 'build') process.stdout.write(`${build()}\n`);
    else {
      process.stderr.write('usage: node cluster/s3.js build\n');
      process.exit(2);
    }
  } catch (e) {
    process.stderr.write(`s3: ${e.message}\n`);
    process.exit(1);
  }
}
