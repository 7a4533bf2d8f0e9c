/**
 * schemas/values.schema.json is generated from the props types (scripts/values-schema.ts),
 * so it cannot drift from src/props/: regenerating must give the checked-in file.
 */
import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv';
import * as YAML from 'yaml';
import { DEFAULTS } from '../../src/props';
import { VALUES_SCHEMA } from '../../src';
import { SchemaNode, childSchema, deref, itemSchema } from '../../src/schema/values-schema';
import { NOT_VALUES, VALUES_SCHEMA_FILE, generateValuesSchema } from '../../scripts/values-schema';
import { VALIDATOR_FILE, valuesValidatorSource } from '../../scripts/values-validator';
import { REFERENCE_DIR } from '../helpers/fixtures';

const REFERENCE = REFERENCE_DIR;

/** Every object node of the schema, by values path, with whether it is a closed map. */
function objectNodes(node: SchemaNode = VALUES_SCHEMA, at = ''): Array<{ path: string; node: SchemaNode }> {
  const n = deref(node);
  if (!n) return [];
  const out: Array<{ path: string; node: SchemaNode }> = [];
  if (n.type === 'object') out.push({ path: at || '(root)', node: n });
  for (const [k, v] of Object.entries(n.properties ?? {})) out.push(...objectNodes(v, at ? `${at}.${k}` : k));
  if (typeof n.additionalProperties === 'object') out.push(...objectNodes(n.additionalProperties, `${at}.*`));
  if (n.items) out.push(...objectNodes(n.items, `${at}[]`));
  return out;
}

test('the checked-in schema is what the generator makes from src/props/ (regenerate: npx ts-node scripts/values-schema.ts --write)', () => {
  const checkedIn = JSON.parse(fs.readFileSync(VALUES_SCHEMA_FILE, 'utf8'));
  expect(generateValuesSchema()).toEqual(checkedIn);
  expect(VALUES_SCHEMA).toEqual(checkedIn);
}, 60_000);

test('the precompiled validator is what ajv makes from the checked-in schema (regenerate: npx ts-node scripts/values-validator.ts --write)', () => {
  expect(fs.readFileSync(VALIDATOR_FILE, 'utf8')).toBe(valuesValidatorSource());
}, 60_000);

test('no values at all are valid (validateValues skips the validator for them)', () => {
  expect(VALUES_SCHEMA.required).toBeUndefined();
  expect(require('../../src/schema/values-validator.generated').validate({})).toBe(true);
});

test('the schema is valid draft-07 and compiles strictly', () => {
  const ajv = new Ajv({ strict: true, allowUnionTypes: true, strictRequired: false });
  expect(ajv.validateSchema(VALUES_SCHEMA)).toBe(true);
  expect(() => ajv.compile(VALUES_SCHEMA)).not.toThrow();
});

test('every values key is a prop and every prop but releaseName and namespace is a values key', () => {
  const props = Object.keys(VALUES_SCHEMA.properties!).filter((k) => k !== 'global');
  expect(NOT_VALUES.every((k) => !props.includes(k))).toBe(true);
  // DEFAULTS holds the chart's defaults by prop name (plus internal ones that are not props).
  const internal = ['initContainerResources'];
  for (const key of Object.keys(DEFAULTS).filter((k) => !internal.includes(k))) expect(props).toContain(key);
});

test('maps are closed (additionalProperties: false) except the free-form ones', () => {
  const open = objectNodes().filter(({ node }) => node.additionalProperties !== false).map(({ path }) => path).sort();
  expect(open).toEqual([
    // Kubernetes fragments, written as in a manifest and passed through
    'affinity', 'extraEnv[].valueFrom', 'extraVolumeMounts[]', 'extraVolumes[]', 'imagePullSecrets[]',
    'networkPolicy.allowedNamespaces[]', 'networkPolicy.allowedPods[]',
    'networkPolicy.egress[].from[]', 'networkPolicy.egress[].to[]', 'networkPolicy.ingress[].from[]', 'networkPolicy.ingress[].to[]',
    'podSecurityContext', 'rbac.rules[]', 'securityContext', 'tolerations[]',
    // free-form maps: env, annotations, labels, files, secrets, channels, replica overrides, resources
    'backup.resources.limits', 'backup.resources.requests', 'browser.resources.limits', 'browser.resources.requests', 'configMap.data', 'env', 'existingSecret.keys',
    'gateway.channels', 'gateway.channels.*', 'gateway.channels.discord', 'gateway.channels.slack', 'gateway.channels.telegram', 'gateway.channels.whatsapp',
    'global',
    'httpRoute.annotations', 'ingress.annotations', 'monitoring.prometheusRule.labels', 'monitoring.serviceMonitor.labels',
    'nodeSelector', 'persistence.annotations', 'podAnnotations', 'podLabels',
    'replicaOverrides', 'replicaOverrides.*.env', 'resources.limits', 'resources.requests',
    'secret.data', 'service.annotations', 'serviceAccount.annotations',
  ].sort());
});

describe("the Helm chart's values map one to one", () => {
  /** Every key path of a values file that the schema does not know. */
  function unknownPaths(values: unknown, schema: SchemaNode | undefined = VALUES_SCHEMA, at = ''): string[] {
    const n = deref(schema);
    if (!n) return [];
    if (Array.isArray(values)) return values.flatMap((v, i) => unknownPaths(v, itemSchema(n), `${at}[${i}]`));
    if (!values || typeof values !== 'object') return [];
    return Object.entries(values).flatMap(([k, v]) => {
      const path = at ? `${at}.${k}` : k;
      const child = childSchema(n, k);
      if (child) return unknownPaths(v, child, path);
      return n.additionalProperties === false ? [path] : [];
    });
  }

  test.each(['reference-values.yaml', 'reference-values.newest.yaml'])('every key of %s is in the schema', (file) => {
    const values = YAML.parse(fs.readFileSync(path.join(REFERENCE, file), 'utf8'));
    expect(Object.keys(values).length).toBeGreaterThan(30);
    expect(unknownPaths(values)).toEqual([]);
  });

  test("every property of the Helm chart's values.schema.json is in the schema, with a compatible type and enum", () => {
    const helm = JSON.parse(fs.readFileSync(path.join(REFERENCE, 'reference-values.schema.json'), 'utf8'));
    const typesOf = (n: SchemaNode | undefined): string[] => {
      const t = deref(n)?.type;
      return t === undefined ? [] : Array.isArray(t) ? [...t] : [t as string];
    };
    const mismatches: string[] = [];
    const walk = (theirs: SchemaNode, ours: SchemaNode | undefined, at: string) => {
      for (const [k, v] of Object.entries(theirs.properties ?? {})) {
        const p = at ? `${at}.${k}` : k;
        const mine = childSchema(ours, k);
        if (!mine) {
          mismatches.push(`${p}: missing`);
          continue;
        }
        const theirType = v.type as string | undefined;
        const mineTypes = typesOf(mine);
        // Ours may accept more (quantities are strings or numbers), never less.
        if (theirType && !mineTypes.includes(theirType)) mismatches.push(`${p}: type ${theirType}, ours ${mineTypes.join('|')}`);
        const mineEnum = deref(mine)?.enum;
        if (v.enum && mineEnum && !(v.enum as unknown[]).every((e) => mineEnum.includes(e))) mismatches.push(`${p}: enum ${v.enum}`);
        walk(v, mine, p);
        if (v.items) walk(v.items as SchemaNode, itemSchema(mine), `${p}[]`);
      }
    };
    walk(helm, VALUES_SCHEMA, '');
    expect(mismatches).toEqual([]);
  });
});

test('descriptions and defaults come from the props JSDoc and DEFAULTS', () => {
  const port = VALUES_SCHEMA.properties!.service.properties!.port;
  expect(port.description).toMatch(/^The gateway port\. This one value drives/);
  expect(port.default).toBe(18789);
  expect(VALUES_SCHEMA.properties!.image.properties!.tag.default).toBe(DEFAULTS.image.tag);
});
