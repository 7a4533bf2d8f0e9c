/**
 * What kubectl reads is what we validated: every scenario render (the CLI's writer and cdk8s's
 * `app.synthYaml()`), a sample of the property test's random valid prop sets, and `helm template`
 * of the Helm export are read back by kubectl's Go YAML reader and must equal the objects the
 * chart produced, which are the objects the schema and policy tests validate.
 *
 * Each group is one kubectl call. The number of objects compared is printed (ROUND_TRIP_COUNTS=1).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Testing, Yaml } from 'cdk8s';
import * as fc from 'fast-check';
import { OpenClawChart } from '../../src';
import { renderObjects } from '../../src/build/render-objects';
import { exportHelmChart } from '../../src';
import { toManifestYaml } from '../../src/output/manifest-yaml';
import { loadValuesFiles, valuesToProps } from '../../src';
import { validCase } from '../helpers/arbitraries';
import { SCENARIOS_DIR } from '../helpers/fixtures';
import { helmBinary } from '../helm/helm-binary';
import { cli } from '../cli/run-cli';
import { expectKubectlReadsBack } from './kubectl-read-back';

const RANDOM_CASES = Number(process.env.FC_ROUND_TRIP_RUNS ?? 60);
const seed = process.env.FC_SEED === undefined ? {} : { seed: Number(process.env.FC_SEED) };

const SCENARIOS = fs.readdirSync(SCENARIOS_DIR).filter((f) => f.endsWith('.yaml')).sort();
const RELEASE = 'my-openclaw';
const NAMESPACE = 'openclaw';

const counts: Record<string, number> = {};
afterAll(() => {
  if (process.env.ROUND_TRIP_COUNTS) process.stderr.write(`objects read back by kubectl: ${JSON.stringify(counts)}\n`);
});

const propsOf = (scenario: string) => valuesToProps(loadValuesFiles([path.join(SCENARIOS_DIR, scenario)]), { release: RELEASE, namespace: NAMESPACE });

test('every scenario, as `openclaw-cdk8s synth` writes it', async () => {
  let yaml = '';
  const objects: any[] = [];
  for (const scenario of SCENARIOS) {
    const r = await cli('synth', '-f', path.join(SCENARIOS_DIR, scenario), '--release', RELEASE, '--namespace', NAMESPACE, '--quiet');
    // Warnings (e.g. scenario 05's `name` label selectors) are fine; nothing else may be said.
    expect(r.stderr.split('\n').filter((line) => line && !line.startsWith('Warning: '))).toEqual([]);
    expect(r.code).toBe(0);
    yaml += `${yaml ? '---\n' : ''}${r.stdout}`;
    objects.push(...renderObjects(propsOf(scenario), RELEASE));
  }
  counts.cliScenarios = expectKubectlReadsBack(yaml, objects);
  expect(counts.cliScenarios).toBeGreaterThanOrEqual(SCENARIOS.length * 3);
});

test('every scenario, as `cdk8s synth` writes it (app.synthYaml)', () => {
  const app = Testing.app();
  const charts = SCENARIOS.map((scenario, i) => new OpenClawChart(app, `release-${i}`, { ...propsOf(scenario), releaseName: undefined }));
  const objects = charts.flatMap((c) => Testing.synth(c));
  counts.cdk8sScenarios = expectKubectlReadsBack(app.synthYaml(), objects);
});

test(`${RANDOM_CASES} random valid prop sets, through both writers`, () => {
  // validCase can draw U+2028/U+2029 (fast-check graphemes), which the chart now refuses (test/integrity/text-safety.test.ts).
  const cases = fc.sample(validCase, { numRuns: RANDOM_CASES, ...seed });
  const objects = cases.flatMap((c) => Testing.synth(new OpenClawChart(Testing.app(), c.release, { namespace: c.namespace, ...c.props })));
  const cdk8sYaml = objects.map((o) => Yaml.stringify(o)).join('---\n');
  const ourYaml = toManifestYaml(objects);
  expect(ourYaml).toBe(cdk8sYaml);
  counts.randomPropSets = expectKubectlReadsBack(ourYaml, objects);
});

describe('helm template of the Helm export', () => {
  let work: string;
  beforeAll(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'openclaw-round-trip-helm-'));
  });
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  test('every scenario', () => {
    let yaml = '';
    const objects: any[] = [];
    for (const scenario of SCENARIOS) {
      const dir = path.join(work, scenario);
      const result = exportHelmChart(propsOf(scenario), dir, { id: RELEASE });
      const env = { ...process.env, HELM_CACHE_HOME: path.join(work, '.cache'), HELM_CONFIG_HOME: path.join(work, '.config'), HELM_DATA_HOME: path.join(work, '.data') };
      const r = spawnSync(helmBinary(), ['template', RELEASE, dir, '--namespace', NAMESPACE], { encoding: 'utf8', env });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      yaml += `${yaml ? '---\n' : ''}${r.stdout}`;
      objects.push(...result.objects);
    }
    counts.helmTemplateScenarios = expectKubectlReadsBack(yaml, objects, { anyOrder: true });
  });
});

test('the app path writes what the CLI path writes', () => {
  const app = new App();
  const chart = new OpenClawChart(app, RELEASE, { namespace: NAMESPACE });
  expect(toManifestYaml(chart.toJson())).toBe(app.synthYaml());
});
