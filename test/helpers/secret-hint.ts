/**
 * The summary's `kubectl create secret` hint, run as a reader runs it: the `Create:` command taken
 * from the notes and handed to a real shell (`sh`), which expands `"$(openssl rand -hex 32)"` and
 * `"$ANTHROPIC_API_KEY"`. With a stand-in kubectl that records its arguments, `secretData` says what
 * the Secret would hold; with the real kubectl on the PATH, the Secret is made.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** The `Create:` command of the notes, its continuation lines kept, without the hint lines after it. */
export function createCommand(notes: string): string {
  const lines = notes.split('\n');
  const start = lines.findIndex((l) => l.trimStart().startsWith('Create: '));
  if (start < 0) throw new Error(`the notes print no "Create:" command:\n${notes}`);
  const parts = [lines[start].trimStart().slice('Create: '.length)];
  for (let i = start; lines[i].endsWith('\\'); i++) parts.push(lines[i + 1].trim());
  return parts.join('\n');
}

/** Runs `command` in sh with `PATH` first and `env`; returns stdout. */
export function runInShell(command: string, env: Record<string, string>, pathFirst: string): string {
  return execFileSync('sh', ['-euc', command], { env: { PATH: `${pathFirst}:${process.env.PATH}`, ...env }, encoding: 'utf8' });
}

/** Runs `command` in sh with a kubectl that prints its arguments, one per line; returns them. */
export function runAsPrinted(command: string, env: Record<string, string>): string[] {
  const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'fake-kubectl-'));
  fs.writeFileSync(path.join(bin, 'kubectl'), '#!/bin/sh\nfor a in "$@"; do printf "%s\\n" "$a"; done\n', { mode: 0o755 });
  try {
    return runInShell(command, env, bin).trimEnd().split('\n');
  } finally {
    fs.rmSync(bin, { recursive: true, force: true });
  }
}

/** What `kubectl create secret generic NAME --from-literal=K=V...` stores: key -> value. */
export function secretData(args: string[]): Record<string, string> {
  if (args.slice(0, 3).join(' ') !== 'create secret generic') throw new Error(`not kubectl create secret generic: ${args.join(' ')}`);
  return Object.fromEntries(args.filter((a) => a.startsWith('--from-literal=')).map((a) => {
    const kv = a.slice('--from-literal='.length);
    return [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)];
  }));
}
