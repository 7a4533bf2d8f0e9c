/** The packed tarball installed into a consumer cdk8s app outside the repo (minutes: npm install). */
module.exports = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots: ['<rootDir>/test/package'],
  testMatch: ['**/*.test.ts'],
  testTimeout: 600000,
  maxWorkers: 1,
};
