#!/usr/bin/env node
// The `openclaw-cdk8s` command. Runs the compiled CLI (lib/, built by `npm run build`): no ts-node at run time.
'use strict';

const { runCli } = require('../lib/src/cli/main.js');

runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr }).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`Error: ${error && error.message ? error.message : error}\n`);
    process.exitCode = 1;
  },
);
