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
import { ConfigProblem, ValueShape, shownValue } from '../errors';
import { prototypeKeyReason } from '../snapshot';
import { RawScalar, ValuesTree, isMap, isPrototypeKey, newMap } from './tree';

/** Helm's limit on list indices. */
export const MAX_INDEX = 65536;

class SetSyntaxError extends Error {}
/** A key that would reach JavaScript's object prototypes (`--set __proto__.x=1`). */
class SetKeyError extends Error {}

/**
 * Applies one `--set` (or `--set-string`) argument to `target` (changed in place). Returns a problem
 * instead of throwing when the argument is not Helm's syntax.
 */
export function applySetArgument(target: ValuesTree, arg: string, stringValues = false): ConfigProblem | undefined {
  try {
    new SetParser(arg, stringValues).parseInto(target);
    return undefined;
  } catch (e) {
    const option = stringValues ? '--set-string' : '--set';
    if (e instanceof SetKeyError) return { path: option, message: e.message, value: arg.split('=')[0] };
    if (!(e instanceof SetSyntaxError)) throw e;
    return { path: option, message: `${e.message}; expected path=value, e.g. service.port=8080 or ingress.hosts[0].host=openclaw.example.com`, value: shownArgument(arg) };
  }
}

/** The argument as a problem may show it: each value under a secret-bearing path by its shape (`secret.data.T=<string, 4 characters>`). */
function shownArgument(arg: string): unknown {
  let hidden = false;
  const pieces = arg.split(',').map((piece) => {
    const eq = piece.indexOf('=');
    if (eq < 0) return piece;
    const shown = shownValue(piece.slice(0, eq), piece.slice(eq + 1));
    if (!(shown instanceof ValueShape)) return piece;
    hidden = true;
    return `${piece.slice(0, eq)}=${shown.text}`;
  });
  return hidden ? new ValueShape(JSON.stringify(pieces.join(','))) : arg;
}

/** Parses `--set` arguments into a new values tree (for tests and library use). */
export function parseSetArguments(args: readonly string[], stringValues = false): ValuesTree {
  const target: ValuesTree = newMap();
  for (const arg of args) {
    const problem = applySetArgument(target, arg, stringValues);
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

  constructor(text: string, private readonly stringValues: boolean) {
    this.chars = Array.from(text);
  }

  public parseInto(target: ValuesTree): void {
    if (!this.chars.length) throw new SetSyntaxError('empty argument');
    while (this.pos < this.chars.length) this.assignment(target);
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

  /** One `key...=value` into `data`. */
  private assignment(data: ValuesTree): void {
    const { text: key, stop } = this.until('=[,.');
    if (stop === EOF) throw new SetSyntaxError(key ? `key "${key}" has no value` : 'missing key');
    if (!key) throw new SetSyntaxError(`empty key before "${stop}"`);
    if (isPrototypeKey(key)) {
      throw new SetKeyError(`the key "${key}" ${prototypeKeyReason('values')}`);
    }
    switch (stop) {
      case ',':
        throw new SetSyntaxError(`key "${key}" has no value (cannot end with ",")`);
      case '.': {
        const inner = isMap(data[key]) ? (data[key] as ValuesTree) : newMap();
        this.assignment(inner);
        data[key] = inner;
        return;
      }
      case '[': {
        const index = this.index();
        const list = Array.isArray(data[key]) ? [...(data[key] as unknown[])] : [];
        data[key] = this.listItem(list, index);
        return;
      }
      case '=':
        data[key] = this.value();
        return;
    }
  }

  private index(): number {
    const { text, stop } = this.until(']');
    if (stop === EOF) throw new SetSyntaxError(`list index "[${text}" is not closed with "]"`);
    if (!/^[+-]?\d+$/.test(text.trim())) throw new SetSyntaxError(`list index "[${text}]" is not an integer`);
    const i = Number(text.trim());
    if (i < 0) throw new SetSyntaxError(`negative list index ${i} is not allowed`);
    if (i > MAX_INDEX) throw new SetSyntaxError(`list index ${i} is greater than the maximum ${MAX_INDEX}`);
    return i;
  }

  /** After `[i]`: `=value`, `.key...` or a nested `[j]`. */
  private listItem(list: unknown[], i: number): unknown[] {
    const { text, stop } = this.until('[.=');
    if (text) throw new SetSyntaxError(`unexpected "${text}" after a list index`);
    while (list.length <= i) list.push(null);
    switch (stop) {
      case '=':
        list[i] = this.value();
        return list;
      case '[': {
        const next = this.index();
        list[i] = this.listItem(Array.isArray(list[i]) ? [...(list[i] as unknown[])] : [], next);
        return list;
      }
      case '.': {
        const inner = isMap(list[i]) ? (list[i] as ValuesTree) : newMap();
        this.assignment(inner);
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
          return items;
        }
        items.push(typedSetValue(text, this.stringValues));
      }
    }
    const { text } = this.until(',');
    return typedSetValue(text, this.stringValues);
  }
}
