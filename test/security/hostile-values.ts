/**
 * Values files an attacker would write, each with the exact error the reader must give. Shared by
 * the in-process tests (values-reader.test.ts) and the child-process measurement of time and
 * peak memory (parser-bounds.test.ts).
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

/** A "billion laughs" document of `levels` lists of `width` aliases, padded with a comment to exactly `bytes`. */
export function aliasBomb(levels: number, width: number, bytes: number): string {
  const names = 'abcdefghijklmnopqrstuvwxyz';
  const lines = [`a: &a [${new Array(width).fill('"lol"').join(',')}]`];
  for (let i = 1; i < levels; i++) lines.push(`${names[i]}: &${names[i]} [${new Array(width).fill(`*${names[i - 1]}`).join(',')}]`);
  const text = `${lines.join('\n')}\n`;
  if (text.length > bytes - 3) throw new Error(`an alias bomb of ${levels}x${width} needs ${text.length} bytes`);
  return `${text}#${'.'.repeat(bytes - text.length - 2)}\n`;
}

/** `count` distinct keys under configMap.data (`dupe`: the last one repeats the first). */
export function manyKeys(count: number, dupe: boolean): string {
  const keys = Array.from({ length: count }, (_, i) => `    k${i}: v\n`);
  if (dupe) keys[count - 1] = '    k0: v\n';
  return `configMap:\n  data:\n${keys.join('')}`;
}

export interface HostileCase {
  readonly name: string;
  /** Arguments after `synth`, with FILE for the case's file. */
  readonly args: readonly string[];
  /** The file's content (bytes); absent when `file` names an existing path. */
  readonly content?: string | Buffer;
  /** An existing path (/dev/zero), or 'fifo' / 'dir' to make one. */
  readonly special?: '/dev/zero' | 'fifo' | 'dir';
  /** Standard input for `-f -`. */
  readonly stdin?: string | Buffer;
  /** The exact problem line after `  - ` (FILE stands for the file's path). */
  readonly problem: string;
}

const INVALID_UTF8 = Buffer.concat([Buffer.from('podLabels:\n  team: caf'), Buffer.from([0xe9]), Buffer.from('\n')]);

export const HOSTILE_CASES: readonly HostileCase[] = [
  { name: 'a 370-byte alias bomb', args: ['-f', 'FILE'], content: aliasBomb(9, 9, 370),
    problem: 'FILE: expands to more than 200000 values through its aliases (*name); a values file may hold at most 200000' },
  { name: 'a 520-byte alias bomb', args: ['-f', 'FILE'], content: aliasBomb(10, 10, 520),
    problem: 'FILE: expands to more than 200000 values through its aliases (*name); a values file may hold at most 200000' },
  { name: '-f /dev/zero', args: ['-f', 'FILE'], special: '/dev/zero',
    problem: 'FILE: cannot be read (is a character device, not a regular file; give a values file, or "-" to read standard input)' },
  { name: '-f a FIFO (no writer: must not hang)', args: ['-f', 'FILE'], special: 'fifo',
    problem: 'FILE: cannot be read (is a FIFO (named pipe), not a regular file; give a values file, or "-" to read standard input)' },
  { name: '-f a directory', args: ['-f', 'FILE'], special: 'dir', problem: 'FILE: cannot be read (is a directory)' },
  { name: 'a file over 4 MiB', args: ['-f', 'FILE'], content: `# ${'x'.repeat(4 * 1024 * 1024)}\n`,
    problem: 'FILE: is too large: a values file may hold at most 4 MiB (4194304 bytes)' },
  { name: 'standard input over 4 MiB', args: ['-f', '-'], stdin: `# ${'x'.repeat(4 * 1024 * 1024)}\n`,
    problem: '-: is too large: a values file may hold at most 4 MiB (4194304 bytes)' },
  { name: '40,000 keys with one duplicate', args: ['-f', 'FILE'], content: manyKeys(40_000, true),
    problem: 'FILE: is not valid YAML: the key "k0" is given twice in one map, at line 40002, column 5 (first at line 3, column 5); keys must be unique' },
  { name: 'invalid UTF-8 (Latin-1 "é")', args: ['-f', 'FILE'], content: INVALID_UTF8,
    problem: 'FILE: is not UTF-8: the byte 0xe9 at byte offset 22 does not start a valid UTF-8 sequence (values files must be UTF-8; convert it, e.g. with iconv -t UTF-8)' },
  { name: 'a __proto__ key in a file', args: ['-f', 'FILE'], content: 'podDisruptionBudget:\n  __proto__:\n    enabled: true\n',
    problem: 'FILE: the key "__proto__" at podDisruptionBudget.__proto__ (line 2, column 3) is refused: __proto__, constructor, prototype are never values keys (they would reach JavaScript\'s object prototypes)' },
  { name: 'a constructor key in a file', args: ['-f', 'FILE'], content: 'configMap:\n  data:\n    constructor: x\n',
    problem: 'FILE: the key "constructor" at configMap.data.constructor (line 3, column 5) is refused: __proto__, constructor, prototype are never values keys (they would reach JavaScript\'s object prototypes)' },
  { name: '--set __proto__.enabled=true', args: ['--set', '__proto__.enabled=true'],
    problem: '--set: the key "__proto__" is refused: __proto__, constructor, prototype are never values keys (they would reach JavaScript\'s object prototypes) (got "__proto__.enabled")' },
  { name: '--set-string __proto__.nodeSelector.pwned=yes', args: ['--set-string', '__proto__.nodeSelector.pwned=yes'],
    problem: '--set-string: the key "__proto__" is refused: __proto__, constructor, prototype are never values keys (they would reach JavaScript\'s object prototypes) (got "__proto__.nodeSelector.pwned")' },
  { name: '--set podLabels.prototype.x=1', args: ['--set', 'podLabels.prototype.x=1'],
    problem: '--set: the key "prototype" is refused: __proto__, constructor, prototype are never values keys (they would reach JavaScript\'s object prototypes) (got "podLabels.prototype.x")' },
  { name: 'nesting 100 lists deep', args: ['-f', 'FILE'], content: `extraArgs: ${'['.repeat(100)}${']'.repeat(100)}\n`,
    problem: 'FILE: is nested too deeply at line 1, column 76: a values file may nest at most 64 maps and lists' },
];

/** Makes the case's file in `dir` and returns the arguments with FILE replaced, and the path. */
export function materialize(c: HostileCase, dir: string, index: number): { args: string[]; file: string } {
  let file = '-';
  if (c.special === '/dev/zero') file = '/dev/zero';
  else if (c.special === 'fifo') {
    file = path.join(dir, `fifo-${index}`);
    if (!fs.existsSync(file)) execFileSync('mkfifo', [file]);
  } else if (c.special === 'dir') {
    file = path.join(dir, `dir-${index}`);
    fs.mkdirSync(file, { recursive: true });
  } else if (c.content !== undefined) {
    file = path.join(dir, `case-${index}.yaml`);
    fs.writeFileSync(file, c.content);
  }
  return { args: c.args.map((a) => (a === 'FILE' ? file : a)), file };
}
