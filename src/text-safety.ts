/**
 * Characters that the YAML readers of a manifest disagree on. Both writers (cdk8s `Yaml.stringify`
 * and src/manifest-yaml.ts, byte for byte the same) write them raw, and Go's YAML reader (kubectl,
 * Helm, Argo CD, kustomize: sigs.k8s.io/yaml) then reads something else than we validated, or
 * refuses the whole file. Measured with the kubectl of the test suite (docs/output-integrity.md):
 *
 * - U+0085, U+2028, U+2029 are line breaks to Go's reader (YAML 1.1), plain text to ours: a
 *   value `x\u2028hostPID: true` becomes a live key. Refused.
 * - U+007F, U+0080..U+009F (C1), U+FFFE, U+FFFF: Go's reader refuses the file ("control
 *   characters are not allowed"). Refused.
 * - Lone UTF-16 surrogates have no UTF-8 encoding (written as `\ud800`, which Go refuses). Refused.
 *
 * Everything else round-trips unchanged and is allowed: C0 controls (U+0000..U+001F, `\r`
 * included) are written escaped in double quotes, tab and newline as plain or block text; U+FEFF,
 * bidi controls, zero-width and private-use characters and emoji are read the same by every reader.
 *
 * The rule is applied to the props at synth time (every string, keys included, on the cdk8s path
 * and the CLI path alike, since cdk8s's writer cannot be changed) and to manifest files by
 * `openclaw-cdk8s validate`.
 */
import { ProblemCollector } from './errors';

/** One unsafe code point (lone surrogates included), global: for scanning. */
const UNSAFE = /[\u007f-\u009f\u2028\u2029\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

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

/**
 * Adds a problem for every string (map keys included) under `value` that holds an unsafe
 * character, naming its path and the code point only: the string may be a secret.
 */
export function checkText(value: unknown, path: string, p: ProblemCollector): void {
  if (typeof value === 'string') {
    const ch = firstUnsafeCharacter(value);
    if (ch !== undefined) p.add(path || '(root)', `contains ${unsafeCharacterReason(ch)}: remove it`);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => checkText(v, `${path}[${i}]`, p));
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const ch = firstUnsafeCharacter(k);
      const at = `${path ? `${path}.` : ''}${ch === undefined ? k : printable(k)}`;
      if (ch !== undefined) p.add(at, `the key contains ${unsafeCharacterReason(ch)}: rename it`);
      checkText(v, at, p);
    }
  }
}
