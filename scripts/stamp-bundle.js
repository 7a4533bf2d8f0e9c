'use strict';
// Build step after esbuild (npm run build): puts the bundle's content hash in its first line,
// `/*build:<16 hex>*/`. bin/openclaw-cdk8s.js names its V8 code cache after it: one cache per
// Node version and bundle content, so rebuilding the same sources (npm ci, npm pack, a second
// worktree) finds the cache already there, and a changed bundle replaces the old one.
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const file = path.join(__dirname, '..', 'lib', 'cli.js');
const text = fs.readFileSync(file, 'latin1').replace(/^\/\*build:[0-9a-f]{16}\*\/\n/, '');
const hash = crypto.createHash('sha256').update(text, 'latin1').digest('hex').slice(0, 16);
fs.writeFileSync(file, `/*build:${hash}*/\n${text}`, 'latin1');
