/** The jsii packages (`npm run package` first) installed in a fresh app of each language (minutes: registries). */
module.exports = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots: ['<rootDir>/test/jsii'],
  testMatch: ['**/*.test.ts'],
  testTimeout: 600000,
  maxWorkers: 1,
};
