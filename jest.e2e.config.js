/**
 * End-to-end suite: runs the synthesized pods with the real OpenClaw gateway (installed from npm into
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
};
