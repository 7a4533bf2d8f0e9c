/**
 * Fields that Kubernetes does not have never reach a manifest. Go's readers (kubectl, Helm, Argo
 * CD) and the API server treat an unknown field in their own way (dropped, a warning, an error,
 * or, for `<<`, a merge key), so what runs would not be what was checked. This is the strict
 * half of `kubeconform -strict` (closed objects, src/manifest-check/strict.ts) on its own: a walk of the
 * value beside the newest supported Kubernetes definitions, without compiling a validator, cheap
 * enough for every render (measured in docs/output-integrity.md). Types and required fields are
 * left to the full validation (`openclaw-cdk8s validate`, the test suite).
 */
import * as fs from 'fs';
import * as path from 'path';
import { crdSchemas } from './crds';
import { DEFINITIONS_ID } from './k8s-definitions';
import { KubernetesVersion, SUPPORTED_KUBERNETES_VERSIONS, definitionsDirName } from './kubernetes-versions';
import { schemasDir } from './schemas-dir';
import { Schema } from './strict';

/** The version whose fields are known: the newest (a field it lacks exists in no supported version). */
export const KNOWN_FIELDS_VERSION: KubernetesVersion = SUPPORTED_KUBERNETES_VERSIONS[SUPPORTED_KUBERNETES_VERSIONS.length - 1];

/**
 * The definitions' keys the walk reads; `npm run gen` writes the definitions the chart's kinds
 * reach with only these (FIELDS_FILE, scripts/k8s-fields.ts), read on every render.
 */
export const FIELD_KEYS: readonly string[] = [
  '$ref', 'properties', 'items', 'additionalProperties', 'type', 'x-kubernetes-preserve-unknown-fields', 'x-kubernetes-group-version-kind',
];

/** The stripped definitions' file, beside `_definitions.json`. */
export const FIELDS_FILE = '_fields.json';

/** @internal The content of FIELDS_FILE. */
export interface FieldSkeleton {
  /** `<apiVersion> <kind>` of every kind -> the name of its definition. */
  readonly kinds: Record<string, string>;
  /** The definitions the chart's kinds reach, stripped to FIELD_KEYS; any other is in `_definitions.json`. */
  readonly definitions: Record<string, Schema>;
}

/** Deeper than any Kubernetes object: the rest is not walked (the snapshot bounds props already). */
const MAX_DEPTH = 100;

let skeleton: FieldSkeleton | undefined;
let full: Record<string, Schema> | undefined;
let kinds: Map<string, Schema> | undefined;

function definitionsFile(file: string): string {
  return path.join(schemasDir(), 'k8s', definitionsDirName(KNOWN_FIELDS_VERSION), file);
}

/** The skeleton (FIELDS_FILE): every kind, and the definitions the chart's own kinds reach. */
function fields(): FieldSkeleton {
  skeleton ??= JSON.parse(fs.readFileSync(definitionsFile(FIELDS_FILE), 'utf8')) as FieldSkeleton;
  return skeleton;
}

/**
 * A definition: from the skeleton, else (another kind's) from the full definitions, read then.
 * Neither is made strict (closing every object costs as much as parsing): `walk` reads an
 * object schema with properties and no `additionalProperties` as closed, as closeObjects
 * (src/manifest-check/strict.ts) makes it.
 */
function definition(name: string): Schema | undefined {
  const stripped = fields().definitions[name];
  if (stripped) return stripped;
  full ??= JSON.parse(fs.readFileSync(definitionsFile('_definitions.json'), 'utf8')).definitions as Record<string, Schema>;
  return full[name];
}

/** @internal Whether a walk needed the full definitions (a kind the chart does not render): for tests. */
export function fullDefinitionsRead(): boolean {
  return full !== undefined;
}

/** The schema of a rendered object's kind; undefined for a kind not served (full validation says so). */
function kindSchema(apiVersion: unknown, kind: unknown): Schema | undefined {
  if (!kinds) {
    kinds = new Map();
    for (const [key, name] of Object.entries(fields().kinds)) kinds.set(key, { $ref: `#/definitions/${name}` });
  }
  const key = `${apiVersion} ${kind}`;
  // The CRDs (HTTPRoute) are read only when a kind is not built in: parsing them costs more.
  if (!kinds.has(key)) for (const crd of crdSchemas()) kinds.set(`${crd.apiVersion} ${crd.kind}`, crd.schema);
  return kinds.get(key);
}

/** Each `$ref` (the definitions' own, and the CRDs' to ObjectMeta) -> the node it names. */
const resolved = new Map<string, Schema | undefined>();

function deref(schema: Schema): Schema | undefined {
  for (let i = 0; schema?.$ref !== undefined && i < 10; i++) {
    const ref: string = schema.$ref;
    if (!resolved.has(ref)) {
      const at = ref.indexOf('#/definitions/');
      const local = at === 0 || ref.startsWith(`${DEFINITIONS_ID}#`);
      resolved.set(ref, local ? definition(ref.slice(at + '#/definitions/'.length)) : undefined);
    }
    schema = resolved.get(ref)!;
  }
  return schema;
}

/** One field the schema does not have: where, and the Kubernetes type that lacks it. */
export interface UnknownField {
  readonly path: string;
  readonly type: string;
}

/**
 * Every field under `value` that the definition `definition` (e.g. `io.k8s.api.core.v1.Volume`)
 * does not have, with paths under `path` (`extraVolumes[0]`), in the order found.
 */
export function unknownFields(value: unknown, definition: string, path: string): UnknownField[] {
  const w = new Walk(path);
  w.walk(value, { $ref: `#/definitions/${definition}` }, definition, 0);
  return w.found;
}

/** Every field of a rendered object that its kind's schema does not have; paths from the object's root. */
export function unknownFieldsOfObject(object: Record<string, unknown>): UnknownField[] {
  const schema = kindSchema(object.apiVersion, object.kind);
  const w = new Walk('');
  if (schema) w.walk(object, schema, String(object.kind), 0);
  return w.found;
}

/** One walk of a value beside its schema; the path is kept as keys and indexes, made into text only for a find. */
class Walk {
  public readonly found: UnknownField[] = [];
  private readonly at: Array<string | number> = [];

  constructor(private readonly base: string) {}

  /** `type`: the definition name (or kind) of the nearest named schema, for messages. */
  public walk(value: unknown, given: Schema, type: string, depth: number): void {
    if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return;
    const here: string = given.$ref ?? type;
    const schema = deref(given);
    if (!schema) return;
    if (Array.isArray(value)) {
      const items: Schema | undefined = schema.items;
      if (!items || scalarOnly(items)) return;
      for (let i = 0; i < value.length; i++) {
        this.at.push(i);
        this.walk(value[i], items, here, depth + 1);
        this.at.pop();
      }
      return;
    }
    const properties: Record<string, Schema> | undefined = schema.properties;
    const open = schema['x-kubernetes-preserve-unknown-fields'] === true;
    const extra = schema.additionalProperties ?? (properties && !open ? false : undefined);
    // Open maps and maps of scalars (labels, annotations, data) hold no field to check: the common case.
    if (!properties && (extra === undefined || extra === true || scalarOnly(extra))) return;
    for (const key in value) {
      if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
      const v = (value as Record<string, unknown>)[key];
      if (v == null) continue; // never rendered
      const property = properties && Object.prototype.hasOwnProperty.call(properties, key) ? properties[key] : undefined;
      const next = property ?? (extra && typeof extra === 'object' ? extra : undefined);
      if (!next && extra === false) {
        this.at.push(key);
        this.found.push({ path: this.path(), type: typeName(here) });
        this.at.pop();
      } else if (next && typeof v === 'object') {
        this.at.push(key);
        this.walk(v, next, here, depth + 1);
        this.at.pop();
      }
    }
  }

  private path(): string {
    let path = this.base;
    for (const seg of this.at) path += typeof seg === 'number' ? `[${seg}]` : path ? `.${seg}` : seg;
    return path;
  }
}

/** A schema of scalars only (`type: string` and the like, no `$ref`): nothing under it can be a field. */
function scalarOnly(schema: Schema): boolean {
  return schema.$ref === undefined && typeof schema.type === 'string' && schema.type !== 'object' && schema.type !== 'array';
}

/** `#/definitions/io.k8s.api.core.v1.Volume` -> `Volume`; a kind stays as it is. */
function typeName(ref: string): string {
  return ref.slice(Math.max(ref.lastIndexOf('/'), ref.lastIndexOf('.')) + 1);
}
