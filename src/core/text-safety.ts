/**
 * Characters that the YAML readers of a manifest disagree on. Both writers (cdk8s `Yaml.stringify`
 * and src/output/manifest-yaml.ts, byte for byte the same) write them raw, and Go's YAML reader (kubectl,
 * Helm, Argo CD, kustomize: sigs.k8s.io/yaml) then reads something else than we validated, or
 * refuses the whole file. Measured with the kubectl of the test suite (docs/output-integrity.md):
 *
 * - U+0085, U+2028, U+2029 are line breaks to Go's reader (YAML 1.1), plain text to ours: a
 *   value `x\u2028hostPID: true` becomes a live key. Refused.
 * - U+007F, U+0080..U+009F (C1), U+FFFE, U+FFFF: Go's reader refuses the file ("control
 *   characters are not allowed"). Refused.
 * - Lone UTF-16 surrogates have no UTF-8 encoding (written as `\ud800`, which Go refuses). Refused.
 * - Strings such as `0o17`, `0X1F`, `0B1`, `-_2` are numbers to Go's reader (it drops every `_`
 *   and takes Go's own base prefixes), plain strings to the YAML 1.1 writer, which leaves them
 *   unquoted: kubectl reads a number (and refuses it in a string field). Refused.
 *
 * - A map key `<<` is a merge key to Go's YAML reader (YAML 1.1): the map under it becomes fields of
 *   the parent (`extraVolumes[0].<<.hostPath`) that no check saw as such. Refused, in props and
 *   values; the writers quote it anyway (src/output/manifest-yaml.ts) and `validate` refuses merge keys.
 *
 * Everything else round-trips unchanged and is allowed: C0 controls (U+0000..U+001F, `\r`
 * included) are written escaped in double quotes, tab and newline as plain or block text; U+FEFF,
 * bidi controls, zero-width and private-use characters and emoji are read the same by every reader.
 *
 * The rule is applied to the props at synth time (every string, keys included, on the cdk8s path
 * and the CLI path alike, since cdk8s's writer cannot be changed) and to manifest files by
 * `openclaw-cdk8s validate`.
 */
import { stringify } from 'yaml';
import { ProblemCollector } from './errors';

/** One unsafe code point (lone surrogates included), global: for scanning. */
const UNSAFE = /[\u007f-\u009f\u2028\u2029\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** A number to Go's YAML reader (yaml.v2 resolve: `_` removed, then strconv with base prefixes, or a YAML-style float). */
const GO_NUMBER = /^[-+]?(?:0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?)$/;

/** Whether Go's YAML reader takes the plain scalar `s` for a number. */
export function goReadsNumber(s: string): boolean {
  return /^[-+0-9]/.test(s) && GO_NUMBER.test(s.replace(/_/g, ''));
}

/** Whether the YAML 1.1 writer (cdk8s's options) leaves `s` unquoted. */
function writtenPlain(s: string): boolean {
  // Decimal digits are an int to YAML 1.1 (the yaml library's `[-+]?[0-9][0-9_]*`), so always quoted:
  // the common case (a CPU count such as "1") without making a YAML document.
  if (/^[-+]?[0-9]+$/.test(s)) return false;
  return !/^["'|>]/.test(stringify(s, { version: '1.1', lineWidth: 0 }));
}

/** Why `s` cannot be written as it is, or undefined when every reader reads it the same. */
export function unsafeTextReason(s: string): string | undefined {
  const ch = firstUnsafeCharacter(s);
  if (ch !== undefined) return `contains ${unsafeCharacterReason(ch)}`;
  if (goReadsNumber(s) && writtenPlain(s)) {
    return 'is written unquoted by cdk8s but read as a number by kubectl, Helm and every Go YAML reader (which drop "_" and know Go\'s 0o, 0B and 0X prefixes)';
  }
  return undefined;
}

/** The YAML 1.1 merge key. */
export const MERGE_KEY = '<<';

/** Why a map key `<<` is refused (props, values, and `validate` input). */
export const MERGE_KEY_REASON = 'is "<<", a YAML merge key to kubectl, Helm, Argo CD and every Go YAML reader: they merge the map under it into its parent, as fields that were never checked as such';

/** `U+2028`. */
export function codePointName(ch: string): string {
  return `U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Why one unsafe character cannot be written: what Go's YAML reader does with it. */
export function unsafeCharacterReason(ch: string): string {
  const code = ch.charCodeAt(0);
  const name = codePointName(ch);
  if (code === 0x85 || code === 0x2028 || code === 0x2029) {
    const what = code === 0x85 ? 'next line' : code === 0x2028 ? 'line separator' : 'paragraph separator';
    return `${name} (${what}), which kubectl, Helm and every Go YAML reader take for a line break, so the manifest would mean something else than was validated`;
  }
  if (code >= 0xd800 && code <= 0xdfff) return `${name}, a lone UTF-16 surrogate, which has no UTF-8 encoding`;
  return `${name}, a control character that kubectl, Helm and every Go YAML reader refuse ("control characters are not allowed")`;
}

/** The first character of `s` that no manifest may carry, or undefined. */
export function firstUnsafeCharacter(s: string): string | undefined {
  UNSAFE.lastIndex = 0;
  const m = UNSAFE.exec(s);
  return m ? m[0] : undefined;
}

/** Every unsafe character of `text` with its 1-based line (lines as `\n` ends them). */
export function unsafeCharacters(text: string): Array<{ line: number; ch: string }> {
  const found: Array<{ line: number; ch: string }> = [];
  text.split('\n').forEach((line, i) => {
    for (const m of line.matchAll(UNSAFE)) found.push({ line: i + 1, ch: m[0] });
  });
  return found;
}

/** `s` with each unsafe character written `\u2028`, so that an error message can show it. */
export function printable(s: string): string {
  return s.replace(UNSAFE, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** UNSAFE without the global flag: `test` keeps no state. */
const HAS_UNSAFE = new RegExp(UNSAFE.source);

/**
 * Whether a string under `value` (map keys included) may be unsafe: a first look that makes no
 * paths, true for every string unsafeTextReason refuses (and for some it then allows).
 */
function mayHoldUnsafeText(value: unknown, depth: number): boolean {
  if (typeof value === 'string') return HAS_UNSAFE.test(value) || goReadsNumber(value);
  if (value === null || typeof value !== 'object') return false;
  // Absurd depth: the full walk, which goes as deep as before.
  if (depth > 256) return true;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (mayHoldUnsafeText(value[i], depth + 1)) return true;
    return false;
  }
  for (const k of Object.keys(value)) {
    if (k === MERGE_KEY || HAS_UNSAFE.test(k) || goReadsNumber(k) || mayHoldUnsafeText((value as Record<string, unknown>)[k], depth + 1)) return true;
  }
  return false;
}

/**
 * Adds a problem for every string (map keys included) under `value` that holds an unsafe
 * character, naming its path and the code point only: the string may be a secret.
 */
export function checkText(value: unknown, path: string, p: ProblemCollector): void {
  // Paths are made only under a value that may hold unsafe text: most props hold none.
  if (!mayHoldUnsafeText(value, 0)) return;
  if (typeof value === 'string') {
    const reason = unsafeTextReason(value);
    if (reason !== undefined) p.add(path || '(root)', `${reason}: remove it or write it another way`);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => checkText(v, `${path}[${i}]`, p));
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const at = `${path ? `${path}.` : ''}${printable(k)}`;
      if (k === MERGE_KEY) p.add(at, `the key ${MERGE_KEY_REASON}: remove it`);
      const reason = unsafeTextReason(k);
      if (reason !== undefined) p.add(at, `the key ${reason}: rename it`);
      checkText(v, at, p);
    }
  }
}

/**
 * Terminal control characters: C0 but tab and newline (ESC starts the sequences that move the
 * cursor, clear the screen or rewrite a line; CR overwrites one), DEL, and C1 (U+009B is a
 * one-character CSI to many terminals).
 */
const TERMINAL_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/**
 * `text` as it may reach a terminal or a file meant for people (stderr, NOTES.txt, the Helm
 * export's README and values.yaml): every terminal control character written as `\x1b`, so that
 * a value cannot clear the screen or erase the warning printed before it. Tab and newline stay.
 * The one owner of that rule: the CLI passes everything it prints through it.
 */
export function forPeople(text: string): string {
  TERMINAL_CONTROL.lastIndex = 0;
  if (!TERMINAL_CONTROL.test(text)) return text;
  return text.replace(TERMINAL_CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
