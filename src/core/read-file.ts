/**
 * Reading a values file (or a manifest for `openclaw-cdk8s validate`) as untrusted input: only
 * regular files (or standard input, `-`), at most MAX_VALUES_FILE_BYTES each and
 * MAX_VALUES_TOTAL_BYTES together, UTF-8 only (an invalid byte is an error naming its offset,
 * never silently replaced). A FIFO is opened non-blocking, so naming one never hangs;
 * `/dev/zero` is refused before a byte is read.
 */
import * as fs from 'fs';

/** The largest values file read (the chart's own values.yaml is about 10 KB). */
export const MAX_VALUES_FILE_BYTES = 4 * 1024 * 1024;
/** The most read from all values files and --set arguments of one render together. */
export const MAX_VALUES_TOTAL_BYTES = 8 * 1024 * 1024;

const MIB = (bytes: number) => `${bytes / 1024 / 1024} MiB`;

export type ReadResult = { readonly text: string; readonly bytes: number } | { readonly problem: string };

/**
 * Reads `file` (`-`: standard input), allowing at most `budget` bytes (the rest of the total).
 * `noun` names what the file should be in the problems ('values file', 'manifest file').
 */
export function readValuesFile(file: string, budget: number = MAX_VALUES_TOTAL_BYTES, noun = 'values file'): ReadResult {
  const limit = Math.min(MAX_VALUES_FILE_BYTES, budget);
  const tooLarge = () => (limit < MAX_VALUES_FILE_BYTES
    ? `is too large: all ${noun}s together may hold at most ${MIB(MAX_VALUES_TOTAL_BYTES)}`
    : `is too large: a ${noun} may hold at most ${MIB(MAX_VALUES_FILE_BYTES)} (${MAX_VALUES_FILE_BYTES} bytes)`);
  let bytes: Buffer;
  if (file === '-') {
    const read = readAtMost(0, limit);
    if (read === 'too large') return { problem: tooLarge() };
    bytes = read;
  } else {
    let fd: number;
    try {
      // Non-blocking: opening a FIFO for reading would otherwise wait for a writer forever.
      fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      return { problem: `cannot be read (${code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (e as Error).message})` };
    }
    try {
      const stat = fs.fstatSync(fd);
      const kind = notRegular(stat, noun);
      if (kind) return { problem: `cannot be read (${kind})` };
      if (stat.size > limit) return { problem: tooLarge() };
      const read = readAtMost(fd, limit);
      if (read === 'too large') return { problem: tooLarge() };
      bytes = read;
    } finally {
      fs.closeSync(fd);
    }
  }
  const invalid = firstInvalidUtf8(bytes);
  if (invalid !== undefined) {
    return { problem: `is not UTF-8: the byte 0x${bytes[invalid].toString(16).padStart(2, '0')} at byte offset ${invalid} does not start a valid UTF-8 sequence (${noun}s must be UTF-8; convert it, e.g. with iconv -t UTF-8)` };
  }
  return { text: bytes.toString('utf8'), bytes: bytes.length };
}

function notRegular(stat: fs.Stats, noun: string): string | undefined {
  if (stat.isFile()) return undefined;
  if (stat.isDirectory()) return 'is a directory';
  const kind = stat.isFIFO() ? 'a FIFO (named pipe)' : stat.isCharacterDevice() ? 'a character device' : stat.isBlockDevice() ? 'a block device'
    : stat.isSocket() ? 'a socket' : 'not a regular file';
  return `is ${kind}, not a regular file; give a ${noun}, or "-" to read standard input`;
}

/** Up to `limit` bytes of `fd`, or 'too large' as soon as there are more. */
function readAtMost(fd: number, limit: number): Buffer | 'too large' {
  const chunks: Buffer[] = [];
  let total = 0;
  const chunk = Buffer.alloc(64 * 1024);
  for (;;) {
    let n: number;
    try {
      n = fs.readSync(fd, chunk, 0, chunk.length, null);
    } catch (e) {
      // A non-blocking standard input with nothing yet: wait a little and read again.
      if ((e as NodeJS.ErrnoException).code === 'EAGAIN') {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
        continue;
      }
      if ((e as NodeJS.ErrnoException).code === 'EOF') break;
      throw e;
    }
    if (n === 0) break;
    total += n;
    if (total > limit) return 'too large';
    chunks.push(Buffer.from(chunk.subarray(0, n)));
  }
  return Buffer.concat(chunks, total);
}

/**
 * The offset of the first byte that is not part of well-formed UTF-8 (RFC 3629: no overlong
 * forms, no surrogates, nothing above U+10FFFF), or undefined. Linear, one pass.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number | undefined {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let max = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) need = 2;
    else if (b >= 0xf0 && b <= 0xf4) need = 3;
    else return i;
    // The second byte's range rules out overlong forms, surrogates and code points past U+10FFFF.
    const min = b === 0xe0 ? 0xa0 : b === 0xf0 ? 0x90 : 0x80;
    if (b === 0xed) max = 0x9f;
    if (b === 0xf4) max = 0x8f;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || c < (k === 1 ? min : 0x80) || c > (k === 1 ? max : 0xbf)) return i;
    }
    i += need + 1;
  }
  return undefined;
}
