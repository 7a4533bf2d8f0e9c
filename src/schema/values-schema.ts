/**
 * The values JSON schema (schemas/values.schema.json, generated from src/props/) and the few
 * walks over it that loading and validation need.
 */
import schemaJson from '../../schemas/values.schema.json';

/**
 * A JSON schema node (draft-07), as far as this package reads it. TypeScript only (a JSON schema
 * has free keys, which jsii cannot publish); other languages read schemas/values.schema.json.
 * @jsii ignore
 */
export interface SchemaNode {
  readonly $ref?: string;
  readonly type?: string | readonly string[];
  readonly enum?: readonly unknown[];
  readonly description?: string;
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly additionalProperties?: boolean | SchemaNode;
  readonly propertyNames?: SchemaNode;
  readonly items?: SchemaNode;
  readonly required?: readonly string[];
  readonly [keyword: string]: unknown;
}

/** The JSON schema of the values files (draft-07). `openclaw-cdk8s schema` prints it. */
export const VALUES_SCHEMA: SchemaNode & { readonly definitions: Readonly<Record<string, SchemaNode>> } = schemaJson as any;

/** Follows a `#/definitions/...` reference. */
export function deref(node: SchemaNode | undefined): SchemaNode | undefined {
  if (!node?.$ref) return node;
  const name = /^#\/definitions\/(.+)$/.exec(node.$ref)?.[1];
  const target = name ? VALUES_SCHEMA.definitions[name] : undefined;
  if (!target) throw new Error(`unknown schema reference ${node.$ref}`);
  return deref(target);
}

/** The schema of the value under `key` of a map, or undefined when the map is free-form. */
export function childSchema(node: SchemaNode | undefined, key: string): SchemaNode | undefined {
  const n = deref(node);
  if (!n) return undefined;
  const named = n.properties && Object.prototype.hasOwnProperty.call(n.properties, key) ? n.properties[key] : undefined;
  if (named) return named;
  return typeof n.additionalProperties === 'object' ? n.additionalProperties : undefined;
}

/** The schema of a list's items. */
export function itemSchema(node: SchemaNode | undefined): SchemaNode | undefined {
  return deref(node)?.items;
}

/** True when the node accepts strings and nothing else (so a number or boolean given there is meant as text). */
export function expectsOnlyString(node: SchemaNode | undefined): boolean {
  const n = deref(node);
  if (!n) return false;
  return n.type === 'string' || (Array.isArray(n.type) && n.type.length === 1 && n.type[0] === 'string');
}

/** Every named key path of the schema (`persistence.storageClass`, `ingress.hosts[].host`), for suggestions. */
export function namedPaths(node: SchemaNode = VALUES_SCHEMA, at = ''): string[] {
  const n = deref(node);
  if (!n) return [];
  const out: string[] = [];
  for (const [key, child] of Object.entries(n.properties ?? {})) {
    const path = at ? `${at}.${key}` : key;
    out.push(path, ...namedPaths(child, path));
  }
  if (n.items) out.push(...namedPaths(n.items, `${at}[]`));
  return out;
}
