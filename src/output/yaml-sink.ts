/**
 * Builders' objects straight to YAML: the bytes `toManifestYaml` writes for JsonSink's objects,
 * without making them. JsonSink's sanitizing copy (sorted keys, nulls dropped) is what a fleet
 * paid most for after the YAML itself; here the emitter reads the builder's JSON and skips and
 * sorts as it goes. Any document outside the common case (null list items, class instances, keys
 * that a JavaScript object would reorder, absurd depth) takes JsonSink and `toManifestYaml`, so the
 * output is theirs by construction; `test/output/yaml-sink.test.ts` compares both on random props.
 */
import { JsonSink, ManifestSink, sanitize, sorted } from './manifest-sink';
import { FALLBACK, YamlEmitter, getEmitter, indentOf, renderScalar, renderString, toManifestYaml } from './manifest-yaml';

/** Collects the manifest's YAML documents, in the order the builders add them. */
export class YamlSink implements ManifestSink {
  /** The multi-document YAML so far. */
  public text = '';
  /** How many objects were added. */
  public count = 0;

  constructor(private readonly namespace: string) {}

  public add(id: string, manifest: Record<string, any>): void {
    let doc = documentYaml(manifest, this.namespace);
    if (doc === undefined) {
      const json = new JsonSink(this.namespace);
      json.add(id, manifest);
      doc = toManifestYaml(json.objects);
    }
    this.text += this.count++ ? `---\n${doc}` : doc;
  }
}

/** Deeper than any manifest: a cycle or absurd nesting takes the general path. */
const MAX_DEPTH = 256;

/**
 * One object's YAML document as `toManifestYaml` writes JsonSink's object for it (apiVersion, kind,
 * metadata with the namespace, then the other keys sorted), or undefined for the general path.
 */
function documentYaml(manifest: Record<string, any>, namespace: string): string | undefined {
  if (Object.getPrototypeOf(manifest) !== Object.prototype) return undefined;
  const { apiVersion, kind, metadata } = manifest as Record<string, any>;
  if (apiVersion == null || kind == null) return undefined;
  const meta = sanitize({ ...metadata, namespace: metadata?.namespace ?? namespace }, true);
  if (meta === undefined) return undefined;
  const keys = Object.keys(manifest);
  if (!sorted(keys)) keys.sort();
  const e = getEmitter();
  const w = { out: '' };
  try {
    pair(e, 'apiVersion', apiVersion, 0, false, w);
    pair(e, 'kind', kind, 0, true, w);
    pair(e, 'metadata', meta, 0, true, w);
    for (const key of keys) {
      if (key === 'apiVersion' || key === 'kind' || key === 'metadata') continue;
      // As in map(): an own `constructor` makes sanitize throw; integer-like keys reorder.
      if (key === 'constructor' || reordered(key)) return undefined;
      const value = manifest[key];
      if (value != null) pair(e, key, value, 0, true, w);
    }
  } catch (err) {
    if (err === FALLBACK) return undefined;
    throw err;
  }
  return `${w.out}\n`;
}

/**
 * Whether a JavaScript object would list `key` before the others (integer-like keys come first,
 * in numeric order), so the sanitized copy's order is not the sorted one.
 */
function reordered(key: string): boolean {
  const c = key.charCodeAt(0);
  return c >= 48 && c <= 57;
}

/** One `key: value` of a map at `depth`, as the emitter writes the sanitized map's entry. */
function pair(e: YamlEmitter, key: string, value: unknown, depth: number, after: boolean, w: { out: string }): void {
  const inner = indentOf(depth + 1);
  if (after) w.out += `\n${indentOf(depth)}`;
  w.out += renderString(e, key, inner, true);
  if (value === null || typeof value !== 'object') {
    const body = renderScalar(e, value, inner);
    w.out += body === '' || body[0] === '\n' ? `:${body}` : `: ${body}`;
  } else if (Array.isArray(value)) {
    // Empty collections stay on the key's line as `{}` / `[]`.
    w.out += value.length ? `:\n${inner}` : ': ';
    list(e, value, depth + 1, w);
  } else {
    const keys = mapKeys(value);
    w.out += keptValue(value, keys) ? `:\n${inner}` : ': ';
    map(e, value as Record<string, unknown>, keys, depth + 1, w);
  }
}

/**
 * The keys of map `v` in the order its sanitized copy lists them; FALLBACK when sanitize would do
 * anything but copy it (not a plain object, an own `constructor`, an integer-like key).
 */
function mapKeys(v: object): string[] {
  if (Object.getPrototypeOf(v) !== Object.prototype) throw FALLBACK;
  const keys = Object.keys(v);
  if (!sorted(keys)) keys.sort();
  return keys;
}

/** Whether the sanitized copy of map `o` has a key: one whose value is not null or undefined. */
function keptValue(o: object, keys: readonly string[]): boolean {
  for (let i = 0; i < keys.length; i++) if ((o as any)[keys[i]] != null) return true;
  return false;
}

/** A collection or scalar at `depth`, as the emitter writes its sanitized copy. */
function node(e: YamlEmitter, v: unknown, depth: number, w: { out: string }): void {
  if (v === null || typeof v !== 'object') w.out += renderScalar(e, v, indentOf(depth));
  else if (Array.isArray(v)) list(e, v, depth, w);
  else map(e, v as Record<string, unknown>, mapKeys(v), depth, w);
}

function list(e: YamlEmitter, v: readonly unknown[], depth: number, w: { out: string }): void {
  if (depth > MAX_DEPTH) throw FALLBACK;
  if (!v.length) {
    w.out += '[]';
    return;
  }
  const itemSep = `\n${indentOf(depth)}- `;
  for (let i = 0; i < v.length; i++) {
    // A null item stays in the sanitized list as undefined: the general path.
    if (v[i] == null) throw FALLBACK;
    w.out += i ? itemSep : '- ';
    node(e, v[i], depth + 1, w);
  }
}

function map(e: YamlEmitter, v: Record<string, unknown>, keys: readonly string[], depth: number, w: { out: string }): void {
  if (depth > MAX_DEPTH) throw FALLBACK;
  let written = 0;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    // sanitize reads `constructor` to tell a plain object: an own one makes it throw.
    if (key === 'constructor') throw FALLBACK;
    const value = v[key];
    if (value == null) continue;
    if (reordered(key)) throw FALLBACK;
    pair(e, key, value, depth, written++ > 0, w);
  }
  if (!written) w.out += '{}';
}
