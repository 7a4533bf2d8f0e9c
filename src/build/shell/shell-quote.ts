/**
 * POSIX single-quote quoting: returns one shell word whose value is exactly `value`
 * (spaces, quotes, `$`, backticks, backslashes and newlines included).
 * Every generated shell line that carries a value goes through this helper.
 */
export function shellQuote(value: string): string {
  if (value.includes('\0')) {
    throw new Error('a shell word cannot contain a NUL byte');
  }
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
