'use strict';
/**
 * The cold render's steps, in a fresh process, from the unbundled lib/src (the shipped command
 * runs the bundle lib/cli.js from a V8 code cache, so its module load is smaller than here):
 *
 *   node bench/cold-steps.js <values.yaml>
 *
 * Prints one JSON line of milliseconds: Node's start (process start to this script's first
 * line), module load, values read and checked, props, render (objects), YAML, and the whole.
 */
const { performance } = require('perf_hooks');

const boot = performance.now();
const marks = {};
let last = boot;
const mark = (step) => {
  const now = performance.now();
  marks[step] = now - last;
  last = now;
};
const { loadValuesFiles, valuesToProps } = require('../lib/src/values/to-props');
const { renderRelease } = require('../lib/src/build/render-objects');
const { toManifestYaml } = require('../lib/src/output/manifest-yaml');
mark('moduleLoad');
const values = loadValuesFiles([process.argv[2]]);
mark('values');
const props = valuesToProps(values, { release: 'openclaw', namespace: 'default' });
mark('props');
const { objects } = renderRelease(props, 'openclaw');
mark('render');
const yaml = toManifestYaml(objects);
mark('yaml');
if (!yaml.length) throw new Error('no YAML');
require('fs').writeSync(1, `${JSON.stringify({ nodeStart: boot, ...marks, total: performance.now() })}\n`);
