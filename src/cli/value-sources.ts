/**
 * Where a values problem came from: `b.yaml:3: persistance: is not a known key; ...` for a key
 * of a values file (the last file that sets it, as later files win), `--set persistance.enabled: ...`
 * for a `--set` argument (applied after every file). Only the CLI knows the files; the problems
 * themselves (valuesToProps) name values paths.
 */
import * as YAML from 'yaml';
import { ConfigProblem } from '../core/errors';
import { readValuesFile } from '../core/read-file';
import { formatPath } from '../schema/validate-values';

/** The sources of the values, in the order they were applied. */
export interface ValueSources {
  readonly files: readonly string[];
  readonly set: readonly string[];
  readonly setString: readonly string[];
}

type Segments = ReadonlyArray<string | number>;

/** The problems with their source in front of the path, where one is found. */
export function locateProblems(problems: readonly ConfigProblem[], sources: ValueSources): ConfigProblem[] {
  const sets = [
    ...sources.set.map((arg) => ({ option: '--set', arg })),
    ...sources.setString.map((arg) => ({ option: '--set-string', arg })),
  ].reverse();
  const docs = sources.files.map((file) => ({ file, doc: parsed(file) })).reverse();
  return problems.map((p) => {
    const segments = pathSegments(p.path);
    if (!segments) return p;
    for (const { option, arg } of sets) {
      const key = assignedKeys(arg).find((k) => overlaps(k, segments));
      if (key) return { ...p, path: formatPath(key) === p.path ? `${option} ${p.path}` : `${option} ${formatPath(key)}: ${p.path}` };
    }
    // The latest file that has the whole path; else the one that has most of it.
    let best: { file: string; line: number; depth: number } | undefined;
    for (const { file, doc } of docs) {
      if (!doc) continue;
      const found = locate(doc.doc.contents, segments, 0);
      if (!found) continue;
      const line = doc.lines.linePos(found.offset).line;
      if (found.depth === segments.length) return { ...p, path: `${file}:${line}: ${p.path}` };
      if (!best || found.depth > best.depth) best = { file, line, depth: found.depth };
    }
    return best ? { ...p, path: `${best.file}:${best.line}: ${p.path}` } : p;
  });
}

function parsed(file: string): { doc: YAML.Document.Parsed; lines: YAML.LineCounter } | undefined {
  if (file === '-') return undefined; // standard input was read once
  const read = readValuesFile(file);
  if ('problem' in read) return undefined;
  const lines = new YAML.LineCounter();
  try {
    const doc = YAML.parseDocument(read.text, { version: '1.1', lineCounter: lines, uniqueKeys: false });
    return doc.errors.length ? undefined : { doc, lines };
  } catch {
    return undefined;
  }
}

/** `ingress.hosts[0].host` -> ['ingress', 'hosts', 0, 'host']; undefined for option names and file names. */
function pathSegments(path: string): Segments | undefined {
  if (!/^[A-Za-z_]/.test(path) || path.includes(' ')) return undefined;
  const out: Array<string | number> = [];
  for (const part of path.split('.')) {
    const m = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!m) return undefined;
    if (m[1]) out.push(m[1]);
    for (const i of m[2].match(/\d+/g) ?? []) out.push(Number(i));
  }
  return out;
}

/** The deepest node of `segments` in the document: its offset and how many segments matched. */
function locate(node: unknown, segments: Segments, at: number): { offset: number; depth: number } | undefined {
  if (at >= segments.length) return undefined;
  if (YAML.isMap(node) && typeof segments[at] === 'string') {
    // Keys may hold dots (annotations): the longest key that matches wins.
    for (let end = segments.length; end > at; end--) {
      const key = segments.slice(at, end);
      if (key.some((s) => typeof s !== 'string')) continue;
      const pair = keyIndex(node).get(key.join('.'));
      if (!pair) continue;
      const here = { offset: (pair.key as YAML.Scalar).range?.[0] ?? 0, depth: end };
      return locate(pair.value, segments, end) ?? here;
    }
    return undefined;
  }
  if (YAML.isSeq(node) && typeof segments[at] === 'number') {
    const item = node.items[segments[at] as number];
    if (item === undefined) return undefined;
    const here = { offset: (item as { range?: [number] }).range?.[0] ?? 0, depth: at + 1 };
    return locate(item, segments, at + 1) ?? here;
  }
  return undefined;
}

const KEY_INDEXES = new WeakMap<YAML.YAMLMap, Map<string, YAML.Pair>>();

/** A map's pairs by key, made once per map: a file with 40,000 unknown keys is searched in linear time. */
function keyIndex(node: YAML.YAMLMap): Map<string, YAML.Pair> {
  let index = KEY_INDEXES.get(node);
  if (!index) {
    index = new Map();
    // The first pair of a repeated key, as a linear search would find it.
    for (const item of node.items) if (YAML.isScalar(item.key) && !index.has(String(item.key.value))) index.set(String(item.key.value), item as YAML.Pair);
    KEY_INDEXES.set(node, index);
  }
  return index;
}

/** The key paths a `--set` argument assigns (`a.b=1,c[0]=x` -> a.b, c[0]); values are never looked at. */
function assignedKeys(arg: string): Segments[] {
  const keys: Segments[] = [];
  for (const piece of arg.split(/(?<!\\),/)) {
    const eq = piece.search(/(?<!\\)=/);
    if (eq <= 0) continue;
    const segments = pathSegments(piece.slice(0, eq).replace(/\\\./g, '\u0000'));
    if (segments) keys.push(segments.map((s) => (typeof s === 'string' ? s.replace(/\u0000/g, '.') : s)));
  }
  return keys;
}

/** One path is a prefix of the other (the argument set the problem's value, or something inside it). */
function overlaps(a: Segments, b: Segments): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false;
  return true;
}
