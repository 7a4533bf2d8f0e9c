/** What the jsii language tests share: running a tool, and reading a cdk8s outdir. */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

export const REPO = path.resolve(__dirname, '..', '..');
export const PKG = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));

/** Runs a command; its output, and how long it took. Throws with both streams when it fails. */
export function run(command: string, args: string[], cwd: string): { out: string; seconds: number } {
  const started = Date.now();
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${r.status}:\n${r.stdout}\n${r.stderr}`);
  return { out: r.stdout, seconds: (Date.now() - started) / 1000 };
}

/** The files of a cdk8s outdir, name -> bytes. */
export function manifests(dir: string): Map<string, Buffer> {
  return new Map(fs.readdirSync(dir).sort().map((f) => [f, fs.readFileSync(path.join(dir, f))]));
}

/** Every manifest of `other` equals the TypeScript app's, byte for byte (compared as text first, for a readable diff). */
export function expectSameManifests(other: Map<string, Buffer>, typescript: Map<string, Buffer>): void {
  expect([...other.keys()]).toEqual([...typescript.keys()]);
  expect(other.size).toBe(8);
  for (const [file, bytes] of typescript) {
    expect({ file, yaml: other.get(file)!.toString('utf8') }).toEqual({ file, yaml: bytes.toString('utf8') });
    expect(Buffer.compare(other.get(file)!, bytes)).toBe(0);
  }
}

/** The first `lang` code block of the README's jsii section (the main file it shows for that language). */
export function readmeMainFile(lang: 'python' | 'java'): string {
  const readme = fs.readFileSync(path.join(REPO, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### Python, Java (jsii)'));
  const block = new RegExp('```' + lang + '\\n([\\s\\S]*?)\\n```').exec(section);
  if (!block) throw new Error(`no ${lang} block in the README's jsii section`);
  return `${block[1]}\n`;
}
