'use strict';
/**
 * One measurement in a fresh process (so peak RSS is this run's alone):
 *
 *   node bench/fleet-child.js fleet|tenancy|plain <tenants> <outdir> [sizes.json]
 *
 * fleet: OpenClawFleet.writeTo(outdir) with tenancy off (the tenants as given, in 50 team namespaces).
 * tenancy: the same charts with tenancy on (a namespace per tenant and its guards, the policy
 * checked, references and hosts owned: bench/tenants.js TENANCY).
 * plain: the naive way, every chart in one cdk8s App, then App.synth() into outdir.
 * Prints one JSON line: render time (module load excluded), peak RSS, CPU time of the whole
 * process, files and bytes written; sizes.json gets each file's name and size (for the I/O floor).
 */
const start = process.hrtime.bigint();
const fs = require('fs');
const path = require('path');

const MODES = ['fleet', 'tenancy', 'plain'];
const [mode, countText, outdir, sizesFile] = process.argv.slice(2);
const count = Number(countText);
if (!MODES.includes(mode) || !(count >= 0) || !outdir) {
  process.stderr.write(`usage: node bench/fleet-child.js ${MODES.join('|')} <tenants> <outdir>\n`);
  process.exit(2);
}
const lib = require('../lib/src');
// The fleet's own merge of defaults and tenant props (internal, not exported), so plain builds the same charts.
const { deepMerge } = require('../lib/src/fleet/validate');
const { App } = require('cdk8s');
const { DEFAULTS, TENANCY, tenants, tenancyTenant } = require('./tenants');

function render(list) {
  if (mode === 'fleet') return new lib.OpenClawFleet({ tenancy: { mode: lib.TenancyMode.OFF }, defaults: DEFAULTS, tenants: list }).writeTo(outdir).objects;
  if (mode === 'tenancy') return new lib.OpenClawFleet({ ...TENANCY, tenants: list }).writeTo(outdir).objects;
  const app = new App({ outdir });
  for (const t of list) {
    new lib.OpenClawChart(app, t.name, { ...deepMerge(DEFAULTS, t.props), releaseName: t.name, namespace: t.namespace });
  }
  app.synth();
  return app.charts.reduce((n, c) => n + c.apiObjects.length, 0);
}

function main() {
  const list = mode === 'tenancy' ? Array.from({ length: count }, (_, i) => tenancyTenant(i)) : tenants(count);
  const loaded = process.hrtime.bigint();
  const objects = render(list);
  const done = process.hrtime.bigint();
  // The fleet's peak, before this script lists and measures the files it wrote.
  const maxRssMB = process.resourceUsage().maxRSS / 1024;
  const files = fs.readdirSync(outdir).filter((f) => f.endsWith('.k8s.yaml'));
  const sizes = files.map((f) => [f, fs.statSync(path.join(outdir, f)).size]);
  const bytes = sizes.reduce((n, [, size]) => n + size, 0);
  // For the I/O floor (bench/floor-child.js): the same files, the same sizes.
  if (sizesFile) fs.writeFileSync(sizesFile, JSON.stringify(sizes));
  const cpu = process.cpuUsage();
  process.stdout.write(`${JSON.stringify({
    mode,
    tenants: count,
    loadSeconds: Number(loaded - start) / 1e9,
    renderSeconds: Number(done - loaded) / 1e9,
    maxRssMB,
    cpu: (cpu.user + cpu.system) / 1e6,
    files: files.length,
    objects,
    bytes,
  })}\n`);
}

main();
