/**
 * The known-fields walk behind every render (src/manifest-check/known-fields.ts) reads every
 * kind's definition name and the definitions the chart's kinds reach, stripped to the keys it
 * uses (schemas/k8s/<version>/_fields.json, written by `npm run gen`): the file must be current,
 * the walk must find on it exactly what it finds on the full definitions, and no render of the
 * chart or the fleet may need the full definitions.
 */
import * as fs from 'fs';
import * as path from 'path';
import { RENDERED_KINDS, skeletonText, SKELETON_FILE } from '../../scripts/k8s-fields';
import { renderObjects } from '../../src/build/render-objects';
import { SCENARIOS_DIR } from '../helpers/fixtures';
import { parse } from 'yaml';

test('the shipped field skeleton is the definitions stripped to the keys the walk reads (else run npm run gen)', () => {
  expect(fs.readFileSync(SKELETON_FILE, 'utf8')).toBe(skeletonText());
});

/** Every object of a render with a stray key added to each of its nested objects, one at a time. */
function strays(): Array<Record<string, unknown>> {
  const objects = renderObjects({
    ingress: { enabled: true, hosts: [{ host: 'a.example.com' }] }, networkPolicy: { enabled: true }, podDisruptionBudget: { enabled: true },
    rbac: { create: true, rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }] },
    backup: { enabled: true }, gateway: { trustedProxies: ['10.42.7.0/28'] },
  }, 'openclaw');
  const out: Array<Record<string, unknown>> = [];
  for (const object of objects) {
    const text = JSON.stringify(object);
    const paths: Array<Array<string | number>> = [];
    const visit = (value: unknown, at: Array<string | number>) => {
      if (value === null || typeof value !== 'object') return;
      if (!Array.isArray(value)) paths.push(at);
      for (const [k, v] of Object.entries(value)) visit(v, [...at, Array.isArray(value) ? Number(k) : k]);
    };
    visit(object, []);
    for (const at of paths) {
      const copy = JSON.parse(text);
      let node = copy;
      for (const k of at) node = node[k];
      node.zzStray = { x: 1 };
      out.push(copy);
    }
  }
  return out;
}

test('on the skeleton and on the full definitions, the walk finds the same fields in every nested object of a render', () => {
  const cases = strays();
  expect(cases.length).toBeGreaterThan(150);
  let fullReads = 0;
  const found = (full: boolean) => {
    let result: string[][] = [];
    jest.isolateModules(() => {
      if (full) {
        // The same walk, reading the full definitions where it reads the skeleton.
        const real = jest.requireActual('fs') as typeof fs;
        jest.doMock('fs', () => ({
          ...real,
          readFileSync: (file: string, ...rest: unknown[]) => {
            const text = (real.readFileSync as any)(file, ...rest);
            if (path.basename(String(file)) === '_definitions.json') fullReads++;
            // The kinds only: every definition comes from the full definitions, unstripped.
            return path.basename(String(file)) === '_fields.json' ? JSON.stringify({ ...JSON.parse(text), definitions: {} }) : text;
          },
        }));
      }
      const { unknownFieldsOfObject } = require('../../src/manifest-check/known-fields');
      result = cases.map((o) => unknownFieldsOfObject(o).map((f: { path: string; type: string }) => `${f.path} (${f.type})`));
      jest.dontMock('fs');
    });
    return result;
  };
  const skeleton = found(false);
  expect(skeleton).toEqual(found(true));
  expect(fullReads).toBe(1);
  // The walk does find them: every stray outside a free-form map (labels, annotations, ConfigMap data, ...).
  expect(skeleton.filter((f) => f.length === 1).length).toBeGreaterThan(cases.length / 2);
});

test('no render of the chart or of a fleet with tenancy needs the full definitions, and the renders cover every kind of the file', () => {
  jest.isolateModules(() => {
    const { renderObjects: render } = require('../../src/build/render-objects');
    const { OpenClawFleet, valuesToProps } = require('../../src');
    const { fullDefinitionsRead } = require('../../src/manifest-check/known-fields');
    const objects: Array<{ apiVersion: string; kind: string }> = [];
    for (const file of fs.readdirSync(SCENARIOS_DIR).filter((f) => f.endsWith('.yaml'))) {
      objects.push(...render(valuesToProps(parse(fs.readFileSync(path.join(SCENARIOS_DIR, file), 'utf8')) ?? {}), 'openclaw'));
    }
    objects.push(...render({
      monitoring: { serviceMonitor: { enabled: true, tokenSecret: { name: 'gw', key: 'OPENCLAW_GATEWAY_TOKEN' } } },
      backup: { enabled: true }, secret: { enabled: true, data: { OPENAI_BASE_URL: 'https://api.example.com' } },
      rbac: { create: true, rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }] },
      podDisruptionBudget: { enabled: true }, networkPolicy: { enabled: true }, httpRoute: { enabled: true, parentRefs: [{ name: 'gw' }] },
    }, 'openclaw'));
    const fleet = new OpenClawFleet({ tenancy: { hostTemplate: '{tenant}.example.com' }, defaults: { ingress: { enabled: true } }, tenants: [{ name: 'alice' }] });
    objects.push(...fleet.synthTenant('alice'));
    expect(fullDefinitionsRead()).toBe(false);
    const kinds = new Set(objects.map((o) => `${o.apiVersion} ${o.kind}`));
    expect(RENDERED_KINDS.filter((k) => !kinds.has(k))).toEqual([]);
  });
});
