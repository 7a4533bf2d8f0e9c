/**
 * YamlSink (what a fleet writes to disk) writes exactly what JsonSink's objects give through
 * toManifestYaml (and so what `cdk8s synth` writes), on the chart's own objects and on manifests
 * made to hit every case where it must hand over to the general path.
 */
import * as fc from 'fast-check';
import { renderRelease, renderReleaseYaml } from '../../src/build/render-objects';
import { JsonSink } from '../../src/output/manifest-sink';
import { toManifestYaml } from '../../src/output/manifest-yaml';
import { YamlSink } from '../../src/output/yaml-sink';
import { validCase } from '../helpers/arbitraries';

/** Both sinks on the same manifests: the YAML text, or the error message. */
function both(manifests: Array<Record<string, any>>, namespace = 'team-a'): { direct: string; general: string } {
  const run = (f: () => string) => {
    try {
      return f();
    } catch (e) {
      return `error: ${(e as Error).message}`;
    }
  };
  const direct = run(() => {
    const sink = new YamlSink(namespace);
    manifests.forEach((m, i) => sink.add(`o${i}`, m));
    return sink.text;
  });
  const general = run(() => {
    const sink = new JsonSink(namespace);
    manifests.forEach((m, i) => sink.add(`o${i}`, m));
    return toManifestYaml(sink.objects);
  });
  return { direct, general };
}

test('the chart\'s manifest for 200 random valid props: the same bytes and object count as JsonSink + toManifestYaml', () => {
  fc.assert(fc.property(validCase, (c) => {
    const props = { namespace: c.namespace, ...c.props };
    const json = renderRelease(props, c.release);
    const yaml = renderReleaseYaml(props, c.release);
    expect(yaml.text).toBe(toManifestYaml(json.objects));
    expect(yaml.objects).toBe(json.objects.length);
    expect(yaml.warnings).toEqual(json.warnings);
  }), { numRuns: 200 });
});

class Quantity {
  constructor(public readonly value: string) {}
}

const CASES: Record<string, Array<Record<string, any>>> = {
  'unsorted keys, nulls and undefined dropped, empty maps and lists kept': [{
    kind: 'ConfigMap', apiVersion: 'v1', metadata: { name: 'a', labels: {} },
    data: { z: 'last', a: 'first', gone: null, also: undefined }, spec: { empty: {}, none: [], onlyNull: { x: null } },
  }],
  'a list item that is null (the general path)': [{ apiVersion: 'v1', kind: 'List', metadata: { name: 'a' }, items: [1, null, 2] }],
  'keys a JavaScript object puts first (integer-like)': [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', labels: { 10: 'x', 9: 'y', b: 'z' } }, data: { 2: 'two', 10: 'ten', a: 'a' } }],
  'numbers the library writes its own way': [{ apiVersion: 'v1', kind: 'X', metadata: { name: 'a' }, spec: { negZero: -0, nan: NaN, inf: Infinity, ninf: -Infinity, big: 1e21, small: 1e-7, list: [-0, NaN] } }],
  '0 then -0 under the same key (a Map takes -0 for 0)': [
    { apiVersion: 'v1', kind: 'X', metadata: { name: 'a' }, spec: { n: 0, list: [0] } },
    { apiVersion: 'v1', kind: 'X', metadata: { name: 'b' }, spec: { n: -0, list: [-0] } },
  ],
  'strings that need quotes or blocks': [{
    apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', annotations: { 'x': 'yes', 'y': '0x1F', 'z': '' } },
    data: { 'multi': 'line one\nline two\n', 'colon': 'a: b', 'hash': '# not a comment', 'lead': ' space', '<<': 'merge', 'on': 'off', '~': null, 'tilde': '~' },
  }],
  'a key longer than 1024 characters': [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' }, data: { ['k'.repeat(1100)]: 'v' } }],
  'no metadata, metadata null, metadata with a namespace of its own': [
    { apiVersion: 'v1', kind: 'A', spec: {} },
    { apiVersion: 'v1', kind: 'B', metadata: null, spec: { a: 1 } },
    { apiVersion: 'v1', kind: 'C', metadata: { name: 'c', namespace: 'other', labels: { a: '' } } },
  ],
  'no apiVersion or a null kind (the general path)': [{ kind: 'A', metadata: { name: 'a' } }, { apiVersion: 'v1', kind: null, metadata: { name: 'b' } }],
  'a class instance (cdk8s refuses it: the same error)': [{ apiVersion: 'v1', kind: 'A', metadata: { name: 'a' }, spec: { q: new Quantity('1Gi') } }],
  'a map with a key named constructor': [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' }, data: { constructor: 'x' } }],
  'a repeated object (written twice, never as an alias)': (() => {
    const labels = { app: 'x' };
    return [{ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'a', labels }, spec: { selector: { matchLabels: labels }, template: { metadata: { labels } } } }];
  })(),
  'deep nesting': [{ apiVersion: 'v1', kind: 'A', metadata: { name: 'a' }, spec: Array.from({ length: 300 }).reduce((inner: object) => ({ n: inner }), { leaf: true }) }],
  'top-level keys before and after apiVersion, kind and metadata': [{ zeta: 1, metadata: { name: 'a' }, kind: 'A', alpha: { b: [{}] }, apiVersion: 'v1' }],
};

describe('hand-made manifests: the same text or the same error as JsonSink + toManifestYaml', () => {
  test.each(Object.keys(CASES))('%s', (name) => {
    const { direct, general } = both(CASES[name]);
    expect(direct).toBe(general);
  });

  test('the cases above do reach the general path where they should, and the fast one elsewhere', () => {
    // The class instance's error proves the general path ran; the plain case's `{}` proves the fast one kept empty maps.
    expect(both(CASES['a class instance (cdk8s refuses it: the same error)']).direct).toMatch(/^error: can't render non-simple object of type 'Quantity'/);
    expect(both(CASES['unsorted keys, nulls and undefined dropped, empty maps and lists kept']).direct).toContain('  onlyNull: {}\n');
  });
});

/** JSON-like values with the awkward ones mixed in. */
const awkwardValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom(null, undefined, -0, 0, NaN, Infinity, true, 'yes', '', '~', '- a', '10', 'a\nb', '<<'),
    fc.string(), fc.integer(), fc.double(),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('1', '01', 'constructor', 'a b', 'on')), tie('value'), { maxKeys: 4 }),
  ),
})).value;

test('500 random manifests of awkward JSON: the same text or the same error', () => {
  fc.assert(fc.property(
    fc.array(fc.record({
      apiVersion: fc.oneof(fc.constant('v1'), awkwardValue), kind: fc.oneof(fc.constant('A'), awkwardValue),
      metadata: awkwardValue, spec: awkwardValue, data: awkwardValue,
    }, { requiredKeys: ['spec'] }), { minLength: 1, maxLength: 3 }),
    (manifests) => {
      const { direct, general } = both(manifests as Array<Record<string, any>>);
      expect(direct).toBe(general);
    },
  ), { numRuns: 500 });
});
