/**
 * The package test (npm pack + a consumer app outside the repository): slow (npm installs, tsc,
 * jest in the consumer), so it runs as its own step: npm run test:package.
 */
const base = require('../../jest.config.js');

module.exports = {
  ...base,
  rootDir: '../..',
  roots: ['<rootDir>/test/package'],
  testPathIgnorePatterns: ['/node_modules/'],
};
