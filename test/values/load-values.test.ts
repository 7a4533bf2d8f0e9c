/** `-f` files: read as Helm reads values files and merged as Helm merges several of them. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { OpenClawConfigError } from '../../src/core/errors';
import { loadValuesFiles } from '../../src';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openclaw-values-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
let n = 0;
const file = (yaml: string) => {
  const f = path.join(dir, `v${n++}.yaml`);
  fs.writeFileSync(f, yaml);
  return f;
};
const load = (...yamls: string[]) => loadValuesFiles(yamls.map(file));

function problemsOf(fn: () => unknown): Array<{ path: string; message: string }> {
  try {
    fn();
  } catch (e) {
    if (e instanceof OpenClawConfigError) return e.problems.map((p) => ({ path: p.path, message: p.message }));
    throw e;
  }
  throw new Error('expected an OpenClawConfigError');
}

describe('merging several files', () => {
  test('maps merge deeply, the later file wins', () => {
    expect(load(
      'service:\n  type: NodePort\n  annotations:\n    a: "1"\n    b: "1"\n',
      'service:\n  annotations:\n    b: "2"\n    c: "2"\n',
    )).toEqual({ service: { type: 'NodePort', annotations: { a: '1', b: '2', c: '2' } } });
  });

  test('lists are replaced, not merged', () => {
    expect(load(
      'ingress:\n  hosts:\n    - host: a.example.com\n    - host: b.example.com\n',
      'ingress:\n  hosts:\n    - host: c.example.com\n',
    )).toEqual({ ingress: { hosts: [{ host: 'c.example.com' }] } });
  });

  test('a scalar replaces a map and a map replaces a scalar', () => {
    expect(load('podLabels:\n  a: b\n', 'podLabels: x\n')).toEqual({ podLabels: 'x' });
    expect(load('podLabels: x\n', 'podLabels:\n  a: b\n')).toEqual({ podLabels: { a: 'b' } });
  });

  test('null deletes a key (the chart default applies), at any depth', () => {
    expect(load(
      'resources:\n  limits:\n    cpu: "1"\n    memory: 1Gi\nenv:\n  FOO: bar\n',
      'resources:\n  limits:\n    cpu: null\nenv: ~\n',
    )).toEqual({ resources: { limits: { memory: '1Gi' } } });
  });

  test('a map after a null brings the key back; null inside a list stays', () => {
    expect(load('env: null\n', 'env:\n  A: b\n')).toEqual({ env: { A: 'b' } });
    expect(load('extraArgs: [a, null]\n')).toEqual({ extraArgs: ['a', null] });
  });

  test('no files: no values', () => {
    expect(loadValuesFiles([])).toEqual({});
  });
});

describe('reading one file as Helm does', () => {
  test('an empty file, or only comments, is an empty map', () => {
    expect(load('')).toEqual({});
    expect(load('# nothing here\n')).toEqual({});
    expect(load('{}\n')).toEqual({});
  });

  test('YAML 1.1 booleans (yes/no/on/off) are booleans where the chart wants a boolean', () => {
    expect(load('ingress:\n  enabled: yes\npersistence:\n  enabled: off\n')).toEqual({ ingress: { enabled: true }, persistence: { enabled: false } });
  });

  test('where the chart wants a string, a number or boolean is kept as written', () => {
    expect(load('image:\n  tag: 2026.10\nenv:\n  MEMORY_ENABLED: yes\n  PORT: 18789\n  RATIO: 0.50\npodAnnotations:\n  build: 0042\n')).toEqual({
      image: { tag: '2026.10' }, env: { MEMORY_ENABLED: 'yes', PORT: '18789', RATIO: '0.50' }, podAnnotations: { build: '0042' },
    });
  });

  test('map keys are strings as written: replicaOverrides 0:, and y: is not true', () => {
    expect(load('replicaOverrides:\n  0:\n    env:\n      A: b\npodLabels:\n  y: "1"\n')).toEqual({
      replicaOverrides: { 0: { env: { A: 'b' } } }, podLabels: { y: '1' },
    });
  });

  test('anchors, aliases and << merge keys', () => {
    expect(load([
      'common: &common',
      '  enabled: true',
      '  initialDelaySeconds: 5',
      'livenessProbe:',
      '  <<: *common',
      '  initialDelaySeconds: 40',
      'readinessProbe: *common',
    ].join('\n'))).toMatchObject({
      livenessProbe: { enabled: true, initialDelaySeconds: 40 },
      readinessProbe: { enabled: true, initialDelaySeconds: 5 },
    });
  });

  test('a timestamp-looking string where a string is wanted stays the text', () => {
    expect(load('podAnnotations:\n  since: 2026-01-31\n')).toEqual({ podAnnotations: { since: '2026-01-31' } });
  });
});

describe('files that are not values files: every problem at once, named by file', () => {
  test('not YAML, not a map, several documents, duplicate keys, missing', () => {
    const broken = file('a: [1, 2\n');
    const list = file('- a\n- b\n');
    const scalar = file('42\n');
    const twoDocs = file('a: 1\n---\nb: 2\n');
    const duplicate = file('replicaCount: 1\nreplicaCount: 2\n');
    const missing = path.join(dir, 'missing.yaml');
    expect(problemsOf(() => loadValuesFiles([broken, list, scalar, twoDocs, duplicate, missing]))).toEqual([
      { path: broken, message: expect.stringMatching(/^is not valid YAML: .* at line 2, column 1$/) },
      { path: list, message: 'must hold a map of values (key: value) at the top, like the chart\'s values.yaml, not a list' },
      { path: scalar, message: 'must hold a map of values (key: value) at the top, like the chart\'s values.yaml, not a number' },
      { path: twoDocs, message: 'holds 2 YAML documents; a values file is one map (remove the "---" separators)' },
      { path: duplicate, message: 'is not valid YAML: the key "replicaCount" is given twice in one map, at line 2, column 1 (first at line 1, column 1); keys must be unique' },
      { path: missing, message: 'cannot be read (no such file)' },
    ]);
  });

  test('a directory is not a file', () => {
    expect(problemsOf(() => loadValuesFiles([dir]))).toEqual([{ path: dir, message: 'cannot be read (is a directory)' }]);
  });
});
