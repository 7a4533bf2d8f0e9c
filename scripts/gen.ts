/**
 * `npm run gen`: regenerates every generated file, in dependency order. Each has a test that
 * fails when the checked-in copy is stale (test/values/schema.test.ts, test/docs/readme.test.ts,
 * test/docs/api-docs.test.ts, test/manifest-check/known-fields.test.ts); after `npm run gen` the tree is clean unless a source changed.
 *
 * Not regenerated here, deliberately: test/fixtures/renders (a golden copy of the output, rewritten
 * only after a reviewed change of behaviour: scripts/scenario-renders.ts --write) and imports/
 * (`npx cdk8s import` of the CRDs in schemas/crds/, listed in cdk8s.yaml; test/chart/http-route.test.ts
 * and test/monitoring/monitoring.test.ts hold the chart's objects to the generated classes).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { VALUES_SCHEMA_FILE, valuesSchemaText } from './values-schema';
import { VALIDATOR_FILE, valuesValidatorSource } from './values-validator';
import { readmeWithTable } from './props-table';
import { SKELETON_FILE, skeletonText } from './k8s-fields';

const REPO = path.resolve(__dirname, '..');

function write(file: string, text: string): void {
  const before = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
  fs.writeFileSync(file, text);
  process.stdout.write(`${before === text ? 'unchanged' : 'wrote    '} ${path.relative(REPO, file)}\n`);
}

// 1. props.ts -> values schema -> precompiled validator (it reads the schema just written).
write(VALUES_SCHEMA_FILE, valuesSchemaText());
write(VALIDATOR_FILE, valuesValidatorSource());
// 2. The Kubernetes definitions -> the fields every render's known-fields walk reads.
write(SKELETON_FILE, skeletonText());
// 3. props.ts -> the README's props table.
const readme = path.join(REPO, 'README.md');
write(readme, readmeWithTable(fs.readFileSync(readme, 'utf8')));
// 4. exported JSDoc -> docs/api (typedoc.json).
const docs = path.join(REPO, 'docs', 'api');
fs.rmSync(docs, { recursive: true, force: true });
const r = spawnSync(process.execPath, [path.join(REPO, 'node_modules', 'typedoc', 'bin', 'typedoc'), '--logLevel', 'Warn'], { cwd: REPO, stdio: 'inherit' });
if (r.status !== 0) process.exit(r.status ?? 1);
process.stdout.write('wrote     docs/api\n');
