/**
 * Values trees while they are loaded: plain JSON, except that numbers and booleans that came from
 * YAML or `--set` keep the text they were written as (RawScalar), so that one given where the
 * schema expects a string (`env.PORT: 18789`, `--set image.tag=2026.10`) becomes exactly that text.
 */
import { PROTOTYPE_KEYS } from '../props/snapshot';

/** A number or boolean as written in a values file or `--set`. */
export class RawScalar {
  constructor(public readonly value: number | boolean, public readonly source: string) {}
}

export type ValuesTree = { [key: string]: unknown };

/** Keys that reach JavaScript's object prototypes (src/props/snapshot.ts owns the list). */
export function isPrototypeKey(key: string): boolean {
  return PROTOTYPE_KEYS.includes(key);
}

/** A map without a prototype: no inherited `toString`, and `__proto__` is an ordinary key. */
export function newMap(): ValuesTree {
  return Object.create(null) as ValuesTree;
}

export function isMap(value: unknown): value is ValuesTree {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof RawScalar);
}

/**
 * Helm's merge of values files: maps merge deeply, anything else (lists, scalars, null) is
 * replaced by the later value. `null` is kept here and removed by `removeNulls` at the end.
 */
export function mergeValues(base: ValuesTree, overlay: ValuesTree): ValuesTree {
  const out: ValuesTree = Object.assign(newMap(), base);
  for (const [key, value] of Object.entries(overlay)) {
    const current = out[key];
    out[key] = isMap(value) && isMap(current) ? mergeValues(current, value) : value;
  }
  return out;
}

/**
 * `key: null` removes the key, as in Helm (the chart's default then applies). Only map entries
 * reached through maps are removed; lists are taken as they are.
 */
export function removeNulls(tree: ValuesTree): ValuesTree {
  const out: ValuesTree = newMap();
  for (const [key, value] of Object.entries(tree)) {
    if (value === null) continue;
    out[key] = isMap(value) ? removeNulls(value) : value;
  }
  return out;
}
