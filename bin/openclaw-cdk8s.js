#!/usr/bin/env node
// The `openclaw-cdk8s` command. Runs the compiled CLI in lib/ (built by `npm run build`, which the
// package's `prepare` script runs on `npm ci`, `npm install <git url>` and `npm pack`): no ts-node at
// run time. lib/cli.js is the one-file bundle (faster to start than resolving a hundred modules);
// the unbundled lib/src/cli/main.js serves when the bundle is absent.
'use strict';

const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const entry = [path.join(root, 'lib', 'cli.js'), path.join(root, 'lib', 'src', 'cli', 'main.js')].find((file) => fs.existsSync(file));
if (!entry) {
  process.stderr.write(`openclaw-cdk8s: the command is not built yet: run \`npm run build\` in ${root}\n`);
  process.exit(1);
}
const { runCli } = require(entry);

runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr }).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`Error: ${error && error.message ? error.message : error}\n`);
    process.exitCode = 1;
  },
);
