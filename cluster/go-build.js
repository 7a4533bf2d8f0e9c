/**
 * What the Go programs of the tests (cluster.js: the control plane, netpol.js: the NetworkPolicy
 * evaluator, s3.js: MinIO) share about building from Go modules: the cache they build into, the hash
 * of a module's source, and one message for a failed build that says when the Go proxy was the cause.
 */
const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');

const CACHE_ROOT = process.env.OPENCLAW_CDK8S_CACHE || path.join(os.homedir(), '.cache', 'openclaw-cdk8s');

/** The first 12 hex digits of the SHA-256 of a module's go.mod, go.sum and main.go. */
function sourceHash(moduleDir) {
  const h = crypto.createHash('sha256');
  for (const f of ['go.mod', 'go.sum', 'main.go']) h.update(fs.readFileSync(path.join(moduleDir, f)));
  return h.digest('hex').slice(0, 12);
}

/** Why a `go build`/`go install` run failed: the proxy line when downloading `whose` modules failed, else `failed` with the last lines. */
function goFailure(r, whose, failed) {
  const lines = `${r.stderr || ''}${r.error ? r.error.message : ''}`.trim().split('\n');
  const proxy = lines.find((l) => /proxy|dial tcp|no such host|i\/o timeout|connection refused/i.test(l));
  return proxy
    ? `cannot download ${whose} Go modules (is the Go module proxy reachable? GOPROXY=${process.env.GOPROXY || 'default'}): ${proxy.trim()}`
    : `${failed}: ${lines.slice(-5).join(' | ')}`;
}

module.exports = { CACHE_ROOT, sourceHash, goFailure };
