/**
 * `--set` and `--set-string`, parsed as Helm parses them (helm.sh/helm/v3/pkg/strvals) and applied
 * onto the merged values files, in order:
 *
 * - `a.b.c=x` nested keys; `a\.b=x` a key with a dot; `a=x,b=y` several assignments; `a=x\,y` a comma
 *   in a value; `a[0].b=x`, `a[1]=x`, `a[0][1]=x` list items (missing items become null, the rest
 *   of an existing list is kept); `a={x,y}` a list.
 * - Typing as Helm's: `true`/`false` (any case) are booleans, `null` removes the key, integers
 *   not starting with 0 (and `0` itself) are numbers; everything else, `1.5` and `010` included,
 *   is a string. `--set-string` makes every value a string. A number or boolean given where the
 *   schema expects a string (`--set env.PORT=18789`) is taken as the text written.
 *
 * Differences from Helm, both on purpose: `a={}` is an empty list (Helm makes `[""]`), and a key
 * path through a value that is not a map or list replaces that value (Helm fails with
 * "interface conversion").
 */
import { ConfigProblem, ValueShape, shapeOf, shownValue } from '../core/errors';
import { prototypeKeyReason } from '../props/snapshot';
import { MAX_VALUES_FILE_BYTES } from '../core/read-file';
import { RawScalar, ValuesTree, isMap, isPrototypeKey, newMap } from './tree';
import { MAX_VALUES_DEPTH, MAX_VALUES_NODES } from '../core/yaml-bounds';

/**
 * The largest list index (Helm allows 65536). An index makes every item before it, so it is an
 * allocation an argument of a few bytes asks for; no list of the chart's values comes near
 * 10,000 items (extraEnv, extraVolumes and ingress hosts hold tens).
 */
export const MAX_INDEX = 10_000;

/**
 * What all `--set` and `--set-string` arguments of one render may make together, as for one
 * values file (yaml-values.ts owns the numbers): at most MAX_VALUES_NODES values (map entries,
 * list items, the null items an index fills in), nested at most MAX_VALUES_DEPTH deep.
 */
export class SetBudget {
  /** Values still allowed. */
  public left = MAX_VALUES_NODES;
}

class SetSyntaxError extends Error {}
/** Past a bound of SetBudget: refused without the syntax hint. */
class SetBoundsError extends Error {}
/** A key that would reach JavaScript's object prototypes (`--set __proto__.x=1`). */
class SetKeyError extends Error {}

/**
 * Applies one `--set` (or `--set-string`) argument to `target` (changed in place). Returns a problem
 * instead of throwing when the argument is not Helm's syntax or is past a bound; `budget` is shared
 * by all arguments of one render.
 */
export function applySetArgument(target: ValuesTree, arg: string, stringValues = false, budget = new SetBudget()): ConfigProblem | undefined {
  const option = stringValues ? '--set-string' : '--set';
  if (arg.length > MAX_VALUES_FILE_BYTES) {
    return { path: option, message: `is too large: an argument may hold at most ${MAX_VALUES_FILE_BYTES / 1024 / 1024} MiB, as a values file`, value: shapeOf(arg) };
  }
  try {
    new SetParser(arg, stringValues, budget).parseInto(target);
    return undefined;
  } catch (e) {
    if (e instanceof SetKeyError) return { path: option, message: e.message, value: arg.split('=')[0] };
    if (e instanceof SetBoundsError) return { path: option, message: e.message, value: shownArgument(arg) };
    if (!(e instanceof SetSyntaxError)) throw e;
    return { path: option, message: `${e.message}; expected path=value, e.g. service.port=8080 or ingress.hosts[0].host=openclaw.example.com`, value: shownArgument(arg) };
  }
}

/**
 * The argument as a problem may show it: each value that may be a secret (shownValue: under a
 * secret-bearing path, or secret-looking) by its shape (`secret.data.T=<string, 7 characters>`).
 * The argument is split as the parser reads it, so `secret.data.T=abc\,def` hides all of its value.
 */
function shownArgument(arg: string): unknown {
  let hidden = false;
  const shown = splitAssignments(arg).map(({ key, value }) => {
    if (value === undefined) {
      const alone = shownValue('', unescape(key));
      if (!(alone instanceof ValueShape)) return key;
      hidden = true;
      return alone.text;
    }
    const parsed = value.startsWith('{') ? splitList(value).map(unescape) : unescape(value);
    const shape = shownValue(unescape(key), parsed);
    if (!(shape instanceof ValueShape)) return `${key}=${value}`;
    hidden = true;
    return `${key}=${shape.text}`;
  });
  return hidden ? new ValueShape(JSON.stringify(shown.join(','))) : arg;
}

/**
 * `a=1,b=x\,y,c={p,q}` as the parser splits it: raw key and raw value texts (escapes kept), a
 * comma ending a value unless escaped or inside `{...}`. A piece without `=` has no value.
 */
export function splitAssignments(arg: string): Array<{ key: string; value?: string }> {
  const out: Array<{ key: string; value?: string }> = [];
  let i = 0;
  // Up to the first unescaped character of `stops` (not included).
  const scan = (stops: string): string => {
    const start = i;
    while (i < arg.length && !stops.includes(arg[i])) i += arg[i] === '\\' ? 2 : 1;
    i = Math.min(i, arg.length);
    return arg.slice(start, i);
  };
  while (i < arg.length) {
    const key = scan('=,');
    if (arg[i] !== '=') {
      out.push({ key });
      i++;
      continue;
    }
    i++;
    let value: string;
    if (arg[i] === '{') {
      value = scan('}');
      if (i < arg.length) value += arg[i++];
    } else {
      value = scan(',');
    }
    out.push({ key, value });
    i++;
  }
  return out;
}

/** The items of a raw `{a,b\,c}` value (escapes kept), split at each unescaped comma. */
function splitList(value: string): string[] {
  const inner = value.slice(1, value.endsWith('}') ? -1 : undefined);
  return inner.split(/(?<!(?:^|[^\\])(?:\\\\)*\\),/);
}

/** A raw text with its backslash escapes taken: `\,` is `,`. */
function unescape(text: string): string {
  return text.replace(/\\(.)/gs, '$1');
}

/** Parses `--set` arguments into a new values tree (for tests and library use). */
export function parseSetArguments(args: readonly string[], stringValues = false): ValuesTree {
  const target: ValuesTree = newMap();
  const budget = new SetBudget();
  for (const arg of args) {
    const problem = applySetArgument(target, arg, stringValues, budget);
    if (problem) throw new SetSyntaxError(`${problem.path} ${JSON.stringify(arg)}: ${problem.message}`);
  }
  return target;
}

/** Helm's typedVal: booleans, null, integers; all else stays text. */
export function typedSetValue(text: string, stringValues: boolean): unknown {
  if (stringValues) return text;
  const lower = text.toLowerCase();
  if (lower === 'true') return new RawScalar(true, text);
  if (lower === 'false') return new RawScalar(false, text);
  if (lower === 'null') return null;
  if (text === '0') return new RawScalar(0, text);
  if (text.length && text[0] !== '0' && /^[+-]?\d+$/.test(text)) {
    const big = BigInt(text);
    // Helm parses int64; beyond that the value stays text.
    if (big >= -(2n ** 63n) && big < 2n ** 63n) return new RawScalar(Number(text), text);
  }
  return text;
}

const EOF = Symbol('eof');
type Stop = string | typeof EOF;

class SetParser {
  private readonly chars: string[];
  private pos = 0;

  constructor(text: string, private readonly stringValues: boolean, private readonly budget: SetBudget) {
    this.chars = Array.from(text);
  }

  /** Counts `n` new values against the budget. */
  private spend(n: number): void {
    this.budget.left -= n;
    if (this.budget.left < 0) {
      throw new SetBoundsError(`the --set and --set-string arguments make more than ${MAX_VALUES_NODES} values (list items up to each index included); they may make at most ${MAX_VALUES_NODES}, as a values file`);
    }
  }

  public parseInto(target: ValuesTree): void {
    if (!this.chars.length) throw new SetSyntaxError('empty argument');
    while (this.pos < this.chars.length) this.assignment(target, 1);
  }

  /** Reads until one of `stops` (not included, but consumed); a backslash takes the next character as it is. */
  private until(stops: string): { text: string; stop: Stop } {
    let text = '';
    while (this.pos < this.chars.length) {
      const c = this.chars[this.pos++];
      if (stops.includes(c)) return { text, stop: c };
      if (c === '\\') {
        if (this.pos >= this.chars.length) return { text, stop: EOF };
        text += this.chars[this.pos++];
      } else {
        text += c;
      }
    }
    return { text, stop: EOF };
  }

  /** One `key...=value` into `data`, the map at nesting `depth` (the top is 1). */
  private assignment(data: ValuesTree, depth: number): void {
    const { text: key, stop } = this.until('=[,.');
    if (stop === EOF) throw new SetSyntaxError(key ? `key "${key}" has no value` : 'missing key');
    if (!key) throw new SetSyntaxError(`empty key before "${stop}"`);
    if (isPrototypeKey(key)) {
      throw new SetKeyError(`the key "${key}" ${prototypeKeyReason('values')}`);
    }
    if (stop !== ',') this.spend(1);
    switch (stop) {
      case ',':
        throw new SetSyntaxError(`key "${key}" has no value (cannot end with ",")`);
      case '.': {
        const inner = isMap(data[key]) ? (data[key] as ValuesTree) : newMap();
        this.assignment(inner, this.deeper(depth));
        data[key] = inner;
        return;
      }
      case '[': {
        const index = this.index();
        // In place (as maps are): copying the list at each assignment made `a[i]=x,...` quadratic.
        const list = Array.isArray(data[key]) ? (data[key] as unknown[]) : [];
        data[key] = this.listItem(list, index, this.deeper(depth));
        return;
      }
      case '=':
        data[key] = this.value();
        return;
    }
  }

  private deeper(depth: number): number {
    if (depth >= MAX_VALUES_DEPTH) {
      throw new SetBoundsError(`nests deeper than ${MAX_VALUES_DEPTH} maps and lists; a --set path may nest at most ${MAX_VALUES_DEPTH}, as a values file`);
    }
    return depth + 1;
  }

  private index(): number {
    const { text, stop } = this.until(']');
    if (stop === EOF) throw new SetSyntaxError(`list index "[${text}" is not closed with "]"`);
    if (!/^[+-]?\d+$/.test(text.trim())) throw new SetSyntaxError(`list index "[${text}]" is not an integer`);
    const i = Number(text.trim());
    if (i < 0) throw new SetSyntaxError(`negative list index ${i} is not allowed`);
    if (i > MAX_INDEX) throw new SetBoundsError(`list index ${i} is greater than the maximum ${MAX_INDEX} (no list of the chart's values holds that many items)`);
    return i;
  }

  /** After `[i]`: `=value`, `.key...` or a nested `[j]`; `list` is at nesting `depth`. */
  private listItem(list: unknown[], i: number, depth: number): unknown[] {
    const { text, stop } = this.until('[.=');
    if (text) throw new SetSyntaxError(`unexpected "${text}" after a list index`);
    // The items up to the index are counted before they are made.
    if (list.length <= i) this.spend(i + 1 - list.length);
    while (list.length <= i) list.push(null);
    switch (stop) {
      case '=':
        list[i] = this.value();
        return list;
      case '[': {
        const next = this.index();
        list[i] = this.listItem(Array.isArray(list[i]) ? (list[i] as unknown[]) : [], next, this.deeper(depth));
        return list;
      }
      case '.': {
        const inner = isMap(list[i]) ? (list[i] as ValuesTree) : newMap();
        this.assignment(inner, this.deeper(depth));
        list[i] = inner;
        return list;
      }
      default:
        throw new SetSyntaxError('a list index must be followed by "=", "." or "["');
    }
  }

  /** After `=`: `{a,b}` or a scalar up to the next unescaped comma. */
  private value(): unknown {
    if (this.chars[this.pos] === '{') {
      this.pos++;
      const items: unknown[] = [];
      for (;;) {
        const { text, stop } = this.until(',}');
        if (stop === EOF) throw new SetSyntaxError('a list must end with "}"');
        if (stop === '}') {
          if (text || items.length) items.push(typedSetValue(text, this.stringValues));
          if (this.chars[this.pos] === ',') this.pos++;
          this.spend(items.length);
          return items;
        }
        items.push(typedSetValue(text, this.stringValues));
      }
    }
    const { text } = this.until(',');
    return typedSetValue(text, this.stringValues);
  }
}
