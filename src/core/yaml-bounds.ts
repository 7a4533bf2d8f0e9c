/**
 * The bounds of untrusted YAML (a values file, or the manifests `openclaw-cdk8s validate` reads):
 * tokens counted before parsing, values counted with aliases expanded (an alias bomb of a few
 * hundred bytes would otherwise expand to billions), and the nesting depth. One owner for the
 * values reader (src/values/yaml-values.ts) and the manifest reader (src/manifest-check/yaml-files.ts).
 */
import * as YAML from 'yaml';

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

/** @internal A text refused by a bound; the message is the sentence after the file's name. */
export class RefusedValues extends Error {}

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

/** @internal What the walk over one document carries. */
export interface Context {
  readonly doc: YAML.Document.Parsed;
  readonly lines: YAML.LineCounter;
  /** Expanded size of each node, computed once (aliases make the document a graph). */
  readonly sizes: Map<unknown, number>;
  readonly resolving: Set<unknown>;
  /** What the text is, for the problems ('values file'). */
  readonly noun: string;
  aliases?: boolean;
}

/** @internal */
export function checkSize(size: number, ctx: Context): void {
  if (size > MAX_VALUES_NODES) {
    throw new RefusedValues(`expands to more than ${MAX_VALUES_NODES} values${ctx.aliases ? ' through its aliases (*name)' : ''}; a ${ctx.noun} may hold at most ${MAX_VALUES_NODES}`);
  }
}

/** How many values `node` expands to, aliases followed; linear in the document (memoized), stops past the limit. */
export function expandedSize(node: unknown, ctx: Context, depth: number): number {
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

/** @internal The line and column of a node, for messages. */
export function where(node: unknown, ctx: Context): string {
  const range = (node as { range?: [number, number, number] } | null)?.range;
  if (!range) return 'position unknown';
  const pos = ctx.lines.linePos(range[0]);
  return `at line ${pos.line}, column ${pos.col}`;
}
