/**
 * End-to-end suite. test/e2e/cluster: the output judged by a real API server and controller manager
 * (cluster/cluster.js builds them from Kubernetes' Go modules). The rest: runs the synthesized pods with the real OpenClaw gateway (installed from npm into
 * a cache outside the repo) in private mount/network/PID namespaces. Needs root, unshare, nsenter,
 * setpriv, ip and jq; the first run downloads Node 24 and OpenClaw. `npm run test:e2e`.
 */
module.exports = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots: ['<rootDir>/test/e2e'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': 'ts-jest' },
  // A pod run may take up to its 280 s deadline (pod-types.ts) plus teardown.
  testTimeout: 330000,
  maxWorkers: 1,
  // The cluster tests (test/e2e/cluster) share one control plane; it stops when the suite ends.
  globalTeardown: '<rootDir>/test/e2e/harness/cluster-teardown.js',
};
