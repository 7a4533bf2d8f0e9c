'use strict';
// The default chart to YAML on stdout in a fresh process: the cold render when the CLI is not built.
const { App } = require('cdk8s');
const { OpenClawChart } = require('../lib/src');
const { toManifestYaml } = require('../lib/src/output/manifest-yaml');

process.stdout.write(toManifestYaml(new OpenClawChart(new App(), 'openclaw').toJson()));
