#!/usr/bin/env node
// The `openclaw-cdk8s` command. Runs the compiled CLI (lib/, built by `npm run build`): no ts-node at run time.
// `npm run build` also bundles it into lib/cli.js (one file: about 0.1 s faster to start than
// resolving a hundred modules); the unbundled lib/src/cli/main.js serves when the bundle is absent.
'use strict';

const fs = require('fs');
const path = require('path');

const bundle = path.join(__dirname, '..', 'lib', 'cli.js');
const { runCli } = require(fs.existsSync(bundle) ? bundle : '../lib/src/cli/main.js');

runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr }).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`Error: ${error && error.message ? error.message : error}\n`);
    process.exitCode = 1;
  },
);
