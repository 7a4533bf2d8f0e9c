/**
 * Values trees while they are loaded: plain JSON, except that numbers and booleans that came from
 * YAML or `--set` keep the text they were written as (RawScalar), so that one given where the
 * schema expects a string (`env.PORT: 18789`, `--set image.tag=2026.10`) becomes exactly that text.
 */

/** A number or boolean as written in a values file or `--set`. */
export class RawScalar {
  constructor(public readonly value: number | boolean, public readonly source: string) {}
}

export type ValuesTree = { [key: string]: unknown };

/** Keys that reach JavaScript's object prototypes: refused in values files, --set and valuesToProps. */
export const PROTOTYPE_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype'];

export function isPrototypeKey(key: string): boolean {
  return PROTOTYPE_KEYS.includes(key);
}

/** A map without a prototype: no inherited `toString`, and `__proto__` is an ordinary key. */
export function newMap(): ValuesTree {
  return Object.create(null) as ValuesTree;
}

/** The first prototype key in a JSON value, as a path, or undefined. */
export function prototypeKeyPath(value: unknown, at: ReadonlyArray<string | number> = [], depth = 0): Array<string | number> | undefined {
  if (depth > 200 || value === null || typeof value !== 'object') return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = prototypeKeyPath(value[i], [...at, i], depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  for (const key of Object.keys(value)) {
    if (isPrototypeKey(key)) return [...at, key];
    const found = prototypeKeyPath((value as ValuesTree)[key], [...at, key], depth + 1);
    if (found) return found;
  }
  return undefined;
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
