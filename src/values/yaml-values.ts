/**
 * Reading one values file the way Helm does: YAML 1.1 scalars (`yes`/`on` are booleans, as in
 * Helm's YAML library), anchors and `<<` merge keys, map keys always strings, an empty file is an
 * empty map. Numbers and booleans keep their source text (RawScalar).
 */
import * as YAML from 'yaml';
import { ConfigProblem } from '../errors';
import { RawScalar, ValuesTree, isMap } from './tree';

export type ParsedValues = { readonly values: ValuesTree } | { readonly problem: ConfigProblem };

export function parseValuesYaml(text: string, name: string): ParsedValues {
  let docs: YAML.Document.Parsed[];
  const lines = new YAML.LineCounter();
  try {
    docs = YAML.parseAllDocuments(text, { version: '1.1', prettyErrors: true, lineCounter: lines }) as YAML.Document.Parsed[];
  } catch (e) {
    return { problem: { path: name, message: `is not valid YAML: ${(e as Error).message}` } };
  }
  if (!Array.isArray(docs)) docs = [];
  const broken = docs.find((d) => d.errors.length);
  if (broken) return { problem: { path: name, message: `is not valid YAML: ${oneLine(broken.errors[0].message)}` } };
  if (docs.length > 1) {
    return { problem: { path: name, message: `holds ${docs.length} YAML documents; a values file is one map (remove the "---" separators)` } };
  }
  const doc = docs[0];
  if (!doc || doc.contents === null || (YAML.isScalar(doc.contents) && doc.contents.value === null)) return { values: {} };
  let value: unknown;
  try {
    value = toValues(doc.contents, { doc, lines });
  } catch (e) {
    return { problem: { path: name, message: `is not valid YAML: ${(e as Error).message}` } };
  }
  if (!isMap(value)) {
    return { problem: { path: name, message: `must hold a map of values (key: value) at the top, like the chart's values.yaml, not ${kindOf(value)}`, value: plain(value) } };
  }
  return { values: value };
}

interface Context {
  readonly doc: YAML.Document.Parsed;
  readonly lines: YAML.LineCounter;
}

function toValues(node: unknown, ctx: Context): unknown {
  if (YAML.isAlias(node)) return toValues(node.resolve(ctx.doc), ctx);
  if (YAML.isMap(node)) {
    const out: ValuesTree = {};
    const merged: ValuesTree[] = [];
    for (const pair of node.items) {
      if (isMergeKey(pair.key)) {
        const sources = YAML.isSeq(pair.value) ? pair.value.items : [pair.value];
        for (const s of sources) {
          const m = toValues(s, ctx);
          if (!isMap(m)) throw new Error(`a "<<" merge key must point to a map (${where(pair.key, ctx)})`);
          merged.push(m);
        }
        continue;
      }
      out[keyText(pair.key, ctx)] = toValues(pair.value, ctx);
    }
    // Keys written in the map win over merged ones; earlier merge sources win over later ones.
    return merged.length ? Object.assign({}, ...merged.reverse(), out) : out;
  }
  if (YAML.isSeq(node)) return node.items.map((item) => toValues(item, ctx));
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

function where(node: unknown, ctx: Context): string {
  const range = (node as { range?: [number, number, number] } | null)?.range;
  if (!range) return 'position unknown';
  const pos = ctx.lines.linePos(range[0]);
  return `at line ${pos.line}, column ${pos.col}`;
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
