/** Unit, scenario, property and script tests. The real-OpenClaw end-to-end suite has its own config. */
module.exports = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // The real-OpenClaw (test:e2e), packed-tarball (test:package) and jsii-language (test:jsii) suites take minutes: CI runs them after this one.
  testPathIgnorePatterns: ['/node_modules/', '/test/e2e/', '/test/package/', '/test/jsii/'],
  transform: { '^.+\\.ts$': 'ts-jest' },
  // Every core: Jest's default leaves one free, which on a 2-core machine runs the suites one at a
  // time (207 s against 125 s with both; many suites wait on the processes they start).
  maxWorkers: '100%',
  // One temporary directory per run, removed at the end (test/setup/temp-dir.js).
  globalSetup: '<rootDir>/test/setup/global-setup.js',
  globalTeardown: '<rootDir>/test/setup/global-teardown.js',
};
