/**
 * Strings an attacker puts in a values file: each must be refused with an error naming its path,
 * or reach kubectl unchanged (test/integrity/hostile-props.test.ts runs them on every free-text prop).
 */
import { ProblemCollector } from '../../src/core/errors';
import { checkText } from '../../src/core/text-safety';

/** What src/core/text-safety.ts refuses, one per class, with what its error says. */
export const REFUSED_STRINGS: ReadonlyArray<{ value: string; says: string }> = [
  { value: 'x\u2028      hostPID:\u2028        true', says: 'contains U+2028' },
  { value: 'x\u2029y', says: 'contains U+2029' },
  { value: 'x\u0085y: z', says: 'contains U+0085' },
  { value: 'del\u007f', says: 'contains U+007F' },
  { value: '\u0080c1', says: 'contains U+0080' },
  { value: 'c1\u009f', says: 'contains U+009F' },
  { value: 'non\ufffechar', says: 'contains U+FFFE' },
  { value: 'non\uffffchar', says: 'contains U+FFFF' },
  { value: 'lone\ud800', says: 'contains U+D800' },
  { value: '\udc00lone', says: 'contains U+DC00' },
  // Integers to Go, strings to the YAML 1.1 writer.
  { value: '0o17', says: 'read as a number' },
  { value: '0X1F', says: 'read as a number' },
  { value: '-0B1_0', says: 'read as a number' },
  { value: '-_2', says: 'read as a number' },
  { value: '1_2e1_0', says: 'read as a number' },
];

/** Strings every reader reads the same: they must round-trip through kubectl unchanged. */
export const ROUND_TRIP_STRINGS: readonly string[] = [
  // C0 controls (written escaped in double quotes), tab, newlines, CR.
  ...Array.from({ length: 32 }, (_, c) => `c0 ${String.fromCharCode(c)} ${c}`),
  '\t', '\n', 'a\nb', 'a\r\nb', '\r', 'trailing\n', 'keep\n\n\n', '\nleading', '  indented\nblock', 'x\n  \n',
  // Byte order mark, bidi overrides and isolates, zero-width, NBSP, soft hyphen, private use.
  '\ufeffbom', 'bom\ufeff', '\u202eevil\u202c', '\u202a\u202b\u202d', '\u2066\u2067\u2068\u2069', 'zero\u200bwidth\u200e\u200f',
  'nbsp\u00a0', 'soft\u00adhyphen', '\ue000private', '\ufdd0', '\u{10ffff}', '\u{1fffe}',
  // Quotes, templates, shell.
  "'", '"', `both ' and "`, "'\\''", '\\', '\\n', '{{ .Values.secret }}', '{{- fail "boom" }}', '}}', '$(id)', '`id`', '${HOME}',
  '; rm -rf / #', '#!/bin/sh\nset -eu\nexec "$@"\n',
  // Emoji and combining marks.
  '🦀', '👩‍👩‍👧‍👦', 'e\u0301', '🇺🇳',
  // YAML-special leading characters and indicators.
  '*alias', '&anchor', '!tag', '!!str x', '%YAML 1.1', '@at', '`tick', '- item', '-', '? key', '?', ': value', ':', '# comment',
  '|', '>', '[a]', '{a: b}', 'a, b', 'key: value', 'a #b', '---', '--- a', '...', '<<', '=', '~',
  // Scalars that are not strings to some reader.
  'null', 'Null', 'NULL', '~', 'yes', 'no', 'on', 'off', 'y', 'n', 'true', 'False', '0x1F', '0x_1F', '0b1', '+0b1', '017', '018789', '1e3', '1_000',
  '.inf', '-.Inf', '.nan', '1:20', '2026-01-02', '2026-01-02T03:04:05Z', '3.14', '+1',
  // Whitespace at the ends, and long strings.
  ' ', ' leading', 'trailing ', 'a'.repeat(10_000), `${'long line '.repeat(300)}\n${'second '.repeat(300)}`,
];

/** Whether the chart accepts every string under `value` (src/core/text-safety.ts finds nothing). */
export function hasOnlySafeText(value: unknown): boolean {
  const p = new ProblemCollector();
  checkText(value, '', p);
  return p.problems.length === 0;
}
