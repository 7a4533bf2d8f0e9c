/**
 * Kubernetes objects as multi-document YAML, byte for byte what `cdk8s synth` writes
 * (cdk8s `Yaml.stringify`), about 45x faster: it walks the JSON itself and lets the same `yaml`
 * library, schema and options render every scalar. cdk8s is loaded only for the rare document
 * that needs the library's general path.
 */
import * as path from 'path';
import { MERGE_KEY } from '../core/text-safety';

/** A plain JSON map (not an array, class instance or null). */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** The options cdk8s `Yaml.stringify` passes to the `yaml` library (cdk8s/lib/yaml.js). */
const CDK8S_YAML_OPTIONS = { keepUndefined: true, lineWidth: 0, version: '1.1' } as const;

/** @internal Thrown inside the emitter when a document needs the library's general path. */
export const FALLBACK = Symbol('fallback');

/** A map key `<<` as every reader reads a string key (src/core/text-safety.ts says why it matters). */
const QUOTED_MERGE_KEY = `"${MERGE_KEY}"`;

/** Cache bound per (kind, indent) table; cleared when exceeded. */
const MAX_CACHE = 2_000;

/** @internal */
export interface YamlEmitter {
  /** Library stringify context (options, schema) captured from a real `yaml` stringify call. */
  readonly ctx: Record<string, any>;
  /** The schema's tag for plain strings. */
  readonly stringTag: { stringify(item: object, ctx: object): string };
  readonly tags: ReadonlyArray<{ identify?: (v: unknown) => boolean; test?: RegExp; format?: string }>;
  /** [implicitKey ? 1 : 0][indent length] -> string -> rendering. */
  readonly strings: Array<Array<Map<string, string>>>;
  readonly scalars: Map<unknown, string>;
  readonly yaml: { stringify(value: unknown, options: object): string };
}

let emitter: YamlEmitter | undefined;

/**
 * The `yaml` library cdk8s itself uses (cdk8s bundles its own copy), so the output matches
 * `cdk8s synth` even if the project's `yaml` differs. When both are the same version the
 * project's copy is used: it is usually loaded already (values files), and loading a second copy
 * costs about 50 ms of a cold start.
 */
function loadYamlLibrary(): any {
  try {
    const cdk8sDir = path.dirname(require.resolve('cdk8s/package.json'));
    const bundled = require.resolve('yaml/package.json', { paths: [cdk8sDir] });
    const own = require.resolve('yaml/package.json');
    if (bundled === own || require(bundled).version === require(own).version) return require('yaml');
    return require(path.dirname(bundled));
  } catch {
    return require('yaml');
  }
}

/** @internal */
export function getEmitter(): YamlEmitter {
  if (emitter) return emitter;
  const yaml = loadYamlLibrary();
  // Capture the library's own stringify context through its public custom-tag API.
  class Probe {}
  let ctx: Record<string, any> | undefined;
  const probeTag = {
    identify: (v: unknown) => v instanceof Probe,
    tag: 'tag:openclaw-cdk8s,probe',
    stringify: (_item: unknown, c: Record<string, any>) => {
      ctx = c;
      return 'probe';
    },
  };
  yaml.stringify(new Probe(), { ...CDK8S_YAML_OPTIONS, customTags: [probeTag] });
  if (!ctx?.doc?.schema?.tags || !ctx.options) throw new Error('yaml: could not capture the stringify context');
  const tags = (ctx.doc.schema.tags as any[]).filter((t) => t !== probeTag);
  const stringTag = tagFor(tags, 'openclaw');
  if (!stringTag || typeof stringTag.stringify !== 'function') throw new Error('yaml: no string tag in the schema');
  emitter = {
    ctx: { ...ctx, indent: '', implicitKey: false, inFlow: null, forceBlockIndent: false },
    stringTag, tags, strings: [[], []], scalars: new Map(), yaml,
  };
  return emitter;
}

/** The tag the library's stringify picks for a scalar value (stringify.js getTagObject). */
function tagFor(tags: readonly any[], value: unknown): any {
  let match = tags.filter((t) => t.identify?.(value));
  if (match.length > 1) {
    const tested = match.filter((t) => t.test);
    if (tested.length) match = tested;
  }
  return match.find((t) => t.format === undefined) ?? match.find((t) => !t.format);
}

/** @internal A string as the library writes it at `indent` (a map key when `implicitKey`). */
export function renderString(e: YamlEmitter, s: string, indent: string, implicitKey: boolean): string {
  const byIndent = e.strings[implicitKey ? 1 : 0];
  let table = byIndent[indent.length];
  if (!table) table = byIndent[indent.length] = new Map();
  const cached = table.get(s);
  if (cached !== undefined) return cached;
  // The library writes a key `<<` plain: a merge key to Go's YAML 1.1 reader. Quoted, it is a key.
  // As a value it is a string to every reader, written plain as the library (its merge tag) does.
  if (s === MERGE_KEY) return implicitKey ? QUOTED_MERGE_KEY : MERGE_KEY;
  // Only strings that are nothing but strings to the schema.
  for (const tag of e.tags) if (tag !== e.stringTag && tag.identify?.(s)) throw FALLBACK;
  const ctx = { ...e.ctx, indent, implicitKey };
  const out = e.stringTag.stringify({ value: s }, ctx);
  // Keys longer than 1024 characters become explicit keys (`? key`): the library's general path.
  if (implicitKey && out.length > 1024) throw FALLBACK;
  if (table.size >= MAX_CACHE) table.clear();
  table.set(s, out);
  return out;
}

/** @internal A number, boolean or string as the library writes it at `indent`. */
export function renderScalar(e: YamlEmitter, v: unknown, indent: string): string {
  switch (typeof v) {
    case 'string':
      return renderString(e, v, indent, false);
    case 'number':
    case 'boolean': {
      // A Map treats -0 as 0, which the library writes differently.
      let out = Object.is(v, -0) ? undefined : e.scalars.get(v);
      if (out === undefined) {
        // Numbers and booleans render the same anywhere: ask the library once per value.
        out = e.yaml.stringify(v, CDK8S_YAML_OPTIONS).replace(/\n$/, '');
        if (out.includes('\n')) throw FALLBACK;
        if (e.scalars.size >= MAX_CACHE) e.scalars.clear();
        if (!Object.is(v, -0)) e.scalars.set(v, out);
      }
      return out;
    }
    default:
      // null and undefined (only possible in lists after cdk8s sanitizes), bigint, symbol, ...
      throw FALLBACK;
  }
}

/** Indentation strings by depth (2 spaces a level). */
const INDENTS: string[] = [''];
/** @internal */
export function indentOf(depth: number): string {
  while (INDENTS.length <= depth) INDENTS.push(`${INDENTS[INDENTS.length - 1]}  `);
  return INDENTS[depth];
}

/**
 * Appends a block collection or scalar at `depth` (the library's `ctx.indent` is 2 x depth
 * spaces) to `w.out`, mirroring yaml's stringifyCollection / stringifyPair for plain JSON without
 * comments, anchors or tags. Empty collections are written `{}` / `[]`.
 */
function emitNode(e: YamlEmitter, v: unknown, depth: number, w: { out: string; seen: Set<object> }): void {
  if (v === null || typeof v !== 'object') {
    w.out += renderScalar(e, v, indentOf(depth));
    return;
  }
  if (w.seen.has(v)) throw FALLBACK; // a repeated object becomes an anchor and alias
  w.seen.add(v);
  const indent = indentOf(depth);
  if (Array.isArray(v)) {
    if (!v.length) {
      w.out += '[]';
      return;
    }
    const itemSep = `\n${indent}- `;
    for (let i = 0; i < v.length; i++) {
      w.out += i ? itemSep : '- ';
      emitNode(e, v[i], depth + 1, w);
    }
    return;
  }
  if (!isPlainObject(v)) throw FALLBACK;
  const keys = Object.keys(v);
  if (!keys.length) {
    w.out += '{}';
    return;
  }
  const inner = indentOf(depth + 1);
  for (let i = 0; i < keys.length; i++) {
    const value = v[keys[i]];
    if (i) w.out += `\n${indent}`;
    w.out += renderString(e, keys[i], inner, true);
    if (value !== null && typeof value === 'object') {
      // Empty collections stay on the key's line as `{}` / `[]`.
      const empty = Array.isArray(value) ? value.length === 0 : !hasOwnKeys(value);
      w.out += empty ? ': ' : `:\n${inner}`;
      emitNode(e, value, depth + 1, w);
    } else {
      const body = renderScalar(e, value, inner);
      w.out += body === '' || body[0] === '\n' ? `:${body}` : `: ${body}`;
    }
  }
}

/** `Object.keys(o).length > 0` without the array. */
function hasOwnKeys(o: object): boolean {
  for (const k in o) if (Object.prototype.hasOwnProperty.call(o, k)) return true;
  return false;
}

/**
 * Kubernetes objects as multi-document YAML, byte for byte what cdk8s `Yaml.stringify(...objects)`
 * (and so `cdk8s synth`) writes, several times faster. Every scalar is rendered by the same
 * `yaml` library, schema and options cdk8s uses; the layout of maps and lists mirrors the
 * library's. Anything outside plain JSON as `chart.toJson()` returns it (null, repeated object
 * references, class instances, keys over 1024 characters) goes through cdk8s `Yaml.stringify`.
 */
export function toManifestYaml(objects: readonly unknown[]): string {
  const e = getEmitter();
  let out = '';
  for (let i = 0; i < objects.length; i++) {
    if (i) out += '---\n';
    const doc = objects[i];
    if (doc === undefined) {
      out += '\n';
      continue;
    }
    let text: string | undefined;
    if (isPlainObject(doc) && Object.keys(doc).length) {
      try {
        const w = { out: '', seen: new Set<object>() };
        emitNode(e, doc, 0, w);
        text = `${w.out}\n`;
      } catch (err) {
        if (err !== FALLBACK) throw err;
      }
    }
    out += text ?? generalYaml(e, doc);
  }
  return out;
}

/**
 * cdk8s `Yaml.stringify` of one document; where a map has a key `<<` (which that writes plain, a
 * merge key to Go's reader) the library's document, with each such key tagged as a string.
 */
function generalYaml(e: YamlEmitter, doc: unknown): string {
  if (!hasMergeKey(doc, new Set())) return (require('cdk8s') as typeof import('cdk8s')).Yaml.stringify(doc);
  const yaml = e.yaml as typeof import('yaml');
  const document = new yaml.Document(doc, CDK8S_YAML_OPTIONS);
  yaml.visit(document, {
    Pair(_key, pair) {
      if (yaml.isScalar(pair.key) && pair.key.value === MERGE_KEY) {
        pair.key.tag = 'tag:yaml.org,2002:str';
        pair.key.type = 'QUOTE_DOUBLE';
      }
    },
  });
  return document.toString(CDK8S_YAML_OPTIONS);
}

/** Whether a map under `v` has a key `<<` (each object looked at once: repeats and cycles end). */
function hasMergeKey(v: unknown, seen: Set<object>): boolean {
  if (v === null || typeof v !== 'object' || seen.has(v)) return false;
  seen.add(v);
  if (Array.isArray(v)) return v.some((x) => hasMergeKey(x, seen));
  return Object.keys(v).some((k) => k === MERGE_KEY || hasMergeKey((v as Record<string, unknown>)[k], seen));
}
