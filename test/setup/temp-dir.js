/**
 * jest globalSetup/globalTeardown: every temporary directory of the run (cdk8s' Testing.app makes
 * one `cdk8s.outdir.*` per app, about 2,000 per run) goes under one directory, removed at the end.
 * The workers inherit TMPDIR, so os.tmpdir() is that directory in every test.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');

const VAR = 'OPENCLAW_CDK8S_TEST_TMPDIR';

module.exports.setup = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openclaw-cdk8s-test-'));
  process.env[VAR] = dir;
  process.env.TMPDIR = dir;
};

module.exports.teardown = () => {
  const dir = process.env[VAR];
  if (dir && path.basename(dir).startsWith('openclaw-cdk8s-test-')) fs.rmSync(dir, { recursive: true, force: true });
};
