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
import { ConfigProblem } from '../errors';
import { prototypeKeyReason } from '../snapshot';
import { RawScalar, ValuesTree, isMap, isPrototypeKey, newMap } from './tree';
import { formatPath } from './validate';

export type ParsedValues = { readonly values: ValuesTree } | { readonly problem: ConfigProblem };

/**
 * The most values one file may expand to (map entries, list items and scalars, aliases counted
 * each time they are used): an alias bomb of a few hundred bytes would otherwise expand to
 * billions. The chart's own values.yaml has about 300.
 */
export const MAX_VALUES_NODES = 200_000;
/** The deepest nesting of maps and lists in a values file (Kubernetes objects nest about 10 deep). */
export const MAX_VALUES_DEPTH = 64;
/**
 * The most YAML tokens (keys, values, punctuation, indentation and line ends) a values file may
 * hold, counted before it is parsed: the yaml library's parse costs about 2.5 KB of memory and
 * 10 to 25 µs per token, so 4 MiB of short lines took 5 s and 550 MB before MAX_VALUES_NODES
 * could refuse it. 400,000 tokens are 57,000 lines of `key: value`; the chart's values.yaml has 1,400.
 */
export const MAX_VALUES_TOKENS = 400_000;

/** Why `text` is refused before it is parsed (too many tokens), or undefined. Stops counting at the bound. */
export function yamlTokensProblem(text: string, noun: string): string | undefined {
  let tokens = 0;
  for (const _ of new YAML.Lexer().lex(text)) {
    if (++tokens > MAX_VALUES_TOKENS) {
      return `holds more than ${MAX_VALUES_TOKENS} YAML tokens (keys, values, punctuation, indentation and line ends); a ${noun} may hold at most ${MAX_VALUES_TOKENS}, about 57,000 lines of "key: value"`;
    }
  }
  return undefined;
}

class RefusedValues extends Error {}

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

/**
 * The bounds of a values file applied to other YAML read as untrusted input (the manifests of
 * `openclaw-cdk8s validate`): at most MAX_VALUES_NODES values in all `docs` together, aliases
 * expanded, and at most MAX_VALUES_DEPTH levels of nesting. Returns why `docs` are refused (the
 * sentence after the file's name, e.g. "is nested too deeply ..."), or undefined.
 */
export function yamlBoundsProblem(docs: readonly YAML.Document.Parsed[], lines: YAML.LineCounter, noun: string): string | undefined {
  let total = 0;
  let aliases = false;
  try {
    for (const doc of docs) {
      const ctx: Context = { doc, lines, sizes: new Map(), resolving: new Set(), noun };
      total += expandedSize(doc.contents, ctx, 0);
      aliases ||= ctx.aliases === true;
      checkSize(total, { ...ctx, aliases });
    }
  } catch (e) {
    if (e instanceof RefusedValues) return e.message;
    return `is not valid YAML: ${(e as Error).message}`;
  }
  return undefined;
}

interface Context {
  readonly doc: YAML.Document.Parsed;
  readonly lines: YAML.LineCounter;
  /** Expanded size of each node, computed once (aliases make the document a graph). */
  readonly sizes: Map<unknown, number>;
  readonly resolving: Set<unknown>;
  /** What the text is, for the problems ('values file'). */
  readonly noun: string;
  aliases?: boolean;
}

function checkSize(size: number, ctx: Context): void {
  if (size > MAX_VALUES_NODES) {
    throw new RefusedValues(`expands to more than ${MAX_VALUES_NODES} values${ctx.aliases ? ' through its aliases (*name)' : ''}; a ${ctx.noun} may hold at most ${MAX_VALUES_NODES}`);
  }
}

/** How many values `node` expands to, aliases followed; linear in the document (memoized), stops past the limit. */
function expandedSize(node: unknown, ctx: Context, depth: number): number {
  if (depth > MAX_VALUES_DEPTH) throw new RefusedValues(`is nested too deeply ${where(node, ctx)}: a ${ctx.noun} may nest at most ${MAX_VALUES_DEPTH} maps and lists`);
  if (YAML.isAlias(node)) {
    ctx.aliases = true;
    const target = node.resolve(ctx.doc);
    if (target === undefined) throw new Error(`the alias *${node.source} has no anchor (${where(node, ctx)})`);
    return expandedSize(target, ctx, depth);
  }
  const known = ctx.sizes.get(node);
  if (known !== undefined) return known;
  if (ctx.resolving.has(node)) throw new Error(`an alias refers to the map or list that holds it (${where(node, ctx)})`);
  let size = 1;
  if (YAML.isMap(node) || YAML.isSeq(node)) {
    ctx.resolving.add(node);
    for (const item of node.items as unknown[]) {
      size += YAML.isPair(item) ? expandedSize(item.value, ctx, depth + 1) : expandedSize(item, ctx, depth + 1);
      if (size > MAX_VALUES_NODES) break;
    }
    ctx.resolving.delete(node);
  }
  ctx.sizes.set(node, size);
  return size;
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
