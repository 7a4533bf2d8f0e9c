/**
 * The Kubernetes definitions as the known-fields walk (src/manifest-check/known-fields.ts) reads
 * them on every render: every kind's definition name, and the definitions the chart's own kinds
 * reach, stripped to the keys the walk reads. Written by `npm run gen` beside the definitions and
 * checked against them by test/manifest-check/known-fields.test.ts. Parsing the full definitions
 * (1.5 MB, mostly descriptions) took 8 of a cold render's 60 ms; this file is 70 KB. A definition
 * it lacks (another kind's) is read from the full definitions: never a field unchecked.
 */
import * as fs from 'fs';
import * as path from 'path';
import { FIELD_KEYS, FIELDS_FILE, FieldSkeleton, KNOWN_FIELDS_VERSION } from '../src/manifest-check/known-fields';
import { apiVersionOf, groupVersionKinds } from '../src/manifest-check/k8s-definitions';
import { definitionsDirName } from '../src/manifest-check/kubernetes-versions';

const K8S = path.join(__dirname, '..', 'schemas', 'k8s', definitionsDirName(KNOWN_FIELDS_VERSION));

/** Where the skeleton is written. */
export const SKELETON_FILE = path.join(K8S, FIELDS_FILE);

type Schema = Record<string, unknown>;

/** The built-in kinds the chart and the fleet render (the CRDs' schemas are read apart). */
export const RENDERED_KINDS = [
  'apps/v1 StatefulSet', 'v1 Service', 'v1 ConfigMap', 'v1 Secret', 'v1 ServiceAccount', 'v1 Namespace', 'v1 ResourceQuota', 'v1 LimitRange',
  'rbac.authorization.k8s.io/v1 Role', 'rbac.authorization.k8s.io/v1 RoleBinding', 'networking.k8s.io/v1 Ingress',
  'networking.k8s.io/v1 NetworkPolicy', 'policy/v1 PodDisruptionBudget',
];

/** `schema` with only FIELD_KEYS, at every level the walk descends (properties, items, additionalProperties). */
function strip(schema: Schema): Schema {
  const out: Schema = {};
  for (const key of Object.keys(schema)) {
    if (!FIELD_KEYS.includes(key)) continue;
    const value = schema[key];
    if (key === 'properties') {
      out[key] = Object.fromEntries(Object.entries(value as Record<string, Schema>).map(([name, s]) => [name, strip(s)]));
    } else if ((key === 'items' || key === 'additionalProperties') && value !== null && typeof value === 'object') {
      out[key] = strip(value as Schema);
    } else {
      out[key] = value;
    }
  }
  return out;
}

/** The names of the definitions `roots` reach through `$ref`, themselves included. */
function reachable(definitions: Record<string, Schema>, roots: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const queue = [...roots];
  while (queue.length) {
    const name = queue.pop()!;
    if (seen.has(name) || !definitions[name]) continue;
    seen.add(name);
    JSON.stringify(definitions[name], (key, value) => {
      if (key === '$ref' && typeof value === 'string') queue.push(value.slice(value.lastIndexOf('/') + 1));
      return value;
    });
  }
  return seen;
}

/** The skeleton's text, from the shipped definitions. */
export function skeletonText(): string {
  const { definitions } = JSON.parse(fs.readFileSync(path.join(K8S, '_definitions.json'), 'utf8')) as { definitions: Record<string, Schema> };
  const kinds: Record<string, string> = {};
  for (const [name, definition] of Object.entries(definitions)) {
    for (const gvk of groupVersionKinds(definition)) kinds[`${apiVersionOf(gvk)} ${gvk.kind}`] = name;
  }
  const missing = RENDERED_KINDS.filter((k) => !kinds[k]);
  if (missing.length) throw new Error(`not in the Kubernetes definitions: ${missing.join(', ')}`);
  const names = [...reachable(definitions, RENDERED_KINDS.map((k) => kinds[k]))].sort();
  const skeleton: FieldSkeleton = { kinds, definitions: Object.fromEntries(names.map((name) => [name, strip(definitions[name])])) };
  return `${JSON.stringify(skeleton)}\n`;
}
