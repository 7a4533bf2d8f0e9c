'use strict';
/**
 * The I/O floor of a fleet run, in a fresh process:
 *
 *   node bench/floor-child.js <sizes.json> <outdir>
 *
 * Writes the same number of files with the same names and sizes as the fleet run that wrote
 * sizes.json ([[file name, bytes], ...]), with a plain loop of fs.writeFileSync into a new
 * directory on the same disk: what writing the fleet's bytes costs at the least. Prints one JSON
 * line: the loop's seconds, peak RSS, files and bytes.
 */
const fs = require('fs');
const path = require('path');

const [sizesFile, outdir] = process.argv.slice(2);
const sizes = JSON.parse(fs.readFileSync(sizesFile, 'utf8'));
const largest = sizes.reduce((n, [, b]) => Math.max(n, b), 0);
// YAML-like text, so nothing (a file system that compresses) favours the floor.
const text = Buffer.from('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: floor-0123456789\n'.repeat(Math.ceil(largest / 64) + 1));
const t0 = process.hrtime.bigint();
fs.mkdirSync(outdir, { recursive: true });
let bytes = 0;
for (const [name, size] of sizes) {
  fs.writeFileSync(path.join(outdir, name), text.subarray(0, size));
  bytes += size;
}
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
const cpu = process.cpuUsage();
process.stdout.write(`${JSON.stringify({ seconds, maxRssMB: process.resourceUsage().maxRSS / 1024, cpu: (cpu.user + cpu.system) / 1e6, files: sizes.length, bytes })}\n`);
