/**
 * Reading one values file the way Helm does: YAML 1.1 scalars (`yes`/`on` are booleans, as in
 * Helm's YAML library), anchors and `<<` merge keys, map keys always strings, an empty file is an
 * empty map. Numbers and booleans keep their source text (RawScalar).
 *
 * Safe by construction for untrusted files: maps have no prototype and the keys `__proto__`,
 * `constructor` and `prototype` are refused; duplicate keys are found with a Set (linear); what
 * the aliases expand to is counted before anything is built (MAX_VALUES_NODES) and nesting is
 * bounded (MAX_VALUES_DEPTH).
 */
import * as YAML from 'yaml';
import { Context, MAX_VALUES_DEPTH, RefusedValues, checkSize, expandedSize, where, yamlTokensProblem } from '../core/yaml-bounds';
import { ConfigProblem } from '../core/errors';
import { prototypeKeyReason } from '../props/snapshot';
import { RawScalar, ValuesTree, isMap, isPrototypeKey, newMap } from './tree';
import { formatPath } from '../schema/validate-values';

export type ParsedValues = { readonly values: ValuesTree } | { readonly problem: ConfigProblem };

export function parseValuesYaml(text: string, name: string): ParsedValues {
  const tooMany = yamlTokensProblem(text, 'values file');
  if (tooMany) return { problem: { path: name, message: tooMany } };
  let docs: YAML.Document.Parsed[];
  const lines = new YAML.LineCounter();
  try {
    // uniqueKeys off: the library's duplicate check is quadratic; toValues does it with a Set.
    docs = YAML.parseAllDocuments(text, { version: '1.1', prettyErrors: true, lineCounter: lines, uniqueKeys: false }) as YAML.Document.Parsed[];
  } catch (e) {
    return { problem: { path: name, message: `is not valid YAML: ${oneLine((e as Error).message)}` } };
  }
  if (!Array.isArray(docs)) docs = [];
  const broken = docs.find((d) => d.errors.length);
  if (broken) return { problem: { path: name, message: `is not valid YAML: ${oneLine(broken.errors[0].message)}` } };
  if (docs.length > 1) {
    return { problem: { path: name, message: `holds ${docs.length} YAML documents; a values file is one map (remove the "---" separators)` } };
  }
  const doc = docs[0];
  if (!doc || doc.contents === null || (YAML.isScalar(doc.contents) && doc.contents.value === null)) return { values: newMap() };
  let value: unknown;
  try {
    const ctx: Context = { doc, lines, sizes: new Map(), resolving: new Set(), noun: 'values file' };
    checkSize(expandedSize(doc.contents, ctx, 0), ctx);
    value = toValues(doc.contents, ctx, []);
  } catch (e) {
    if (e instanceof RefusedValues) return { problem: { path: name, message: e.message } };
    if (e instanceof RangeError) return { problem: { path: name, message: `is nested too deeply (a values file may nest at most ${MAX_VALUES_DEPTH} maps and lists)` } };
    return { problem: { path: name, message: `is not valid YAML: ${(e as Error).message}` } };
  }
  if (!isMap(value)) {
    return { problem: { path: name, message: `must hold a map of values (key: value) at the top, like the chart's values.yaml, not ${kindOf(value)}`, value: plain(value) } };
  }
  return { values: value };
}

function toValues(node: unknown, ctx: Context, at: ReadonlyArray<string | number>): unknown {
  if (YAML.isAlias(node)) return toValues(node.resolve(ctx.doc), ctx, at);
  if (YAML.isMap(node)) {
    const out = newMap();
    const merged: ValuesTree[] = [];
    const first = new Map<string, unknown>();
    for (const pair of node.items) {
      if (isMergeKey(pair.key)) {
        const sources = YAML.isSeq(pair.value) ? pair.value.items : [pair.value];
        for (const s of sources) {
          const m = toValues(s, ctx, at);
          if (!isMap(m)) throw new Error(`a "<<" merge key must point to a map (${where(pair.key, ctx)})`);
          merged.push(m);
        }
        continue;
      }
      const key = keyText(pair.key, ctx);
      if (isPrototypeKey(key)) {
        throw new RefusedValues(`the key "${key}" at ${formatPath([...at, key])} (${where(pair.key, ctx).replace(/^at /, '')}) ${prototypeKeyReason('values')}`);
      }
      if (first.has(key)) {
        throw new Error(`the key "${key}" is given twice in one map, ${where(pair.key, ctx)} (first ${where(first.get(key), ctx)}); keys must be unique`);
      }
      first.set(key, pair.key);
      out[key] = toValues(pair.value, ctx, [...at, key]);
    }
    // Keys written in the map win over merged ones; earlier merge sources win over later ones.
    return merged.length ? Object.assign(newMap(), ...merged.reverse(), out) : out;
  }
  if (YAML.isSeq(node)) return node.items.map((item, i) => toValues(item, ctx, [...at, i]));
  if (YAML.isScalar(node)) {
    const v = node.value;
    if (v === null || v === undefined) return null;
    if (typeof v === 'string') return v;
    const source = node.source ?? String(v);
    if (typeof v === 'number' || typeof v === 'boolean') return new RawScalar(v, source);
    // Timestamps, binary and the like: kept as written.
    return source;
  }
  if (node === null || node === undefined) return null;
  throw new Error(`unsupported YAML node ${String((node as object).constructor?.name)}`);
}

function isMergeKey(key: unknown): boolean {
  return YAML.isScalar(key) && (typeof key.value === 'symbol' || (key.source === '<<' && key.type === 'PLAIN'));
}

/** Map keys are strings, as written (`0:` is "0", `y:` is "y", not true). */
function keyText(key: unknown, ctx: Context): string {
  if (YAML.isScalar(key)) {
    if (typeof key.value === 'string') return key.value;
    if (key.value === null || key.value === undefined) return key.source ?? '';
    return key.source ?? String(key.value);
  }
  throw new Error(`map keys must be plain values, not maps or lists (${where(key, ctx)})`);
}

function oneLine(message: string): string {
  // yaml's messages end with a code excerpt; keep the sentence with its position.
  return message.split('\n')[0].replace(/:$/, '');
}

function kindOf(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value instanceof RawScalar) return `a ${typeof value.value}`;
  return `a ${typeof value}`;
}

/** The plain JSON of a loaded tree (RawScalar -> its value). */
export function plain(value: unknown): unknown {
  if (value instanceof RawScalar) return value.value;
  if (Array.isArray(value)) return value.map(plain);
  if (isMap(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}
