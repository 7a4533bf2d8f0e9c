/** Unit, scenario, property and script tests. The real-OpenClaw end-to-end suite has its own config. */
module.exports = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // The real-OpenClaw (test:e2e), packed-tarball (test:package) and jsii-language (test:jsii) suites take minutes: CI runs them after this one.
  testPathIgnorePatterns: ['/node_modules/', '/test/e2e/', '/test/package/', '/test/jsii/'],
  transform: { '^.+\\.ts$': 'ts-jest' },
  // One temporary directory per run, removed at the end (test/setup/temp-dir.js).
  globalSetup: '<rootDir>/test/setup/global-setup.js',
  globalTeardown: '<rootDir>/test/setup/global-teardown.js',
};
