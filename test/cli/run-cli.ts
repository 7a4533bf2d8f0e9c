import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCli } from '../../src/cli/main';

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `openclaw-cdk8s ARGS` in-process. */
export async function cli(...args: string[]): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } });
  return { code, stdout, stderr };
}

/** A fresh temporary directory, removed after the test file. */
export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openclaw-cdk8s-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Writes `content` to `<dir>/<name>` and returns the path. */
export function writeFile(dir: string, name: string, content: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

/** What a stack trace looks like: the CLI must never print one. */
export const STACK_TRACE = /^\s+at .+\(.*:\d+:\d+\)$|^\s+at .+:\d+:\d+$/m;

/**
 * A problem line without the source the CLI puts in front (`values.yaml:3: `, `--set a.b: `), for
 * tests about the problem itself; test/cli/value-sources.test.ts holds the sources.
 */
export function withoutSource(line: string): string {
  return line
    .replace(/^(?:\S+\.ya?ml):\d+: /, '')
    .replace(/^--set(?:-string)? (?:[^\s:]+: (?=[^\s:]+: )|(?=[^\s:]+: ))/, '');
}
