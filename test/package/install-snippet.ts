/**
 * The README's install section, as steps a test can run in a fresh app.
 *
 * The section is the text between `<!-- install:start -->` and `<!-- install:end -->` in
 * README.md (or, without those markers, docs/install-snippet.md). In it:
 * - every ```bash / ```sh block is run line by line (a trailing `\` continues a line, `#`
 *   comments are dropped), except `kubectl` lines, which need a cluster;
 * - every ```ts block is written to the file named in backticks on the line before it
 *   (e.g. "`main.ts`:"), or to main.ts when there is none.
 * The only change made to the commands: in `npm install`, the package (its name, or a path to an
 * `openclaw-cdk8s-<version>.tgz` that `npm pack` wrote) is replaced by the tarball under test.
 */
import * as fs from 'fs';
import * as path from 'path';
import { REPO } from './pack';

export const START = '<!-- install:start -->';
export const END = '<!-- install:end -->';

/** One step of the section: a shell command (package name as written) or a file to write. */
export type InstallStep = { readonly run: string } | { readonly file: string; readonly content: string };

export interface InstallSnippet {
  /** Where the section was read from. */
  readonly source: string;
  /** The steps, in the order the section gives them. */
  readonly steps: InstallStep[];
  /** The shell commands alone, in order. */
  readonly commands: string[];
  /** The files alone: path -> content. */
  readonly files: Map<string, string>;
}

/** The install section; OPENCLAW_INSTALL_SNIPPET names another file to read it from (to try a new text). */
export function readInstallSnippet(): InstallSnippet {
  const candidates = process.env.OPENCLAW_INSTALL_SNIPPET
    ? [path.resolve(process.env.OPENCLAW_INSTALL_SNIPPET)]
    : ['README.md', path.join('docs', 'install-snippet.md')];
  for (const file of candidates) {
    const full = path.resolve(REPO, file);
    if (!fs.existsSync(full)) continue;
    const text = fs.readFileSync(full, 'utf8');
    const start = text.indexOf(START);
    const end = text.indexOf(END);
    if (start >= 0 && end > start) return parseSnippet(text.slice(start + START.length, end), file);
  }
  throw new Error(`no install section (${START} ... ${END}) in ${candidates.join(' or ')}`);
}

export function parseSnippet(section: string, source: string): InstallSnippet {
  const steps: InstallStep[] = [];
  const files = new Map<string, string>();
  const fence = /^```(\w*)[^\n]*\n([\s\S]*?)^```[ \t]*$/gm;
  let before = 0;
  for (let m = fence.exec(section); m; m = fence.exec(section)) {
    const [, lang, body] = m;
    const prose = section.slice(before, m.index).trim().split('\n').pop() ?? '';
    before = m.index + m[0].length;
    if (['bash', 'sh', 'shell', 'console'].includes(lang)) {
      steps.push(...shellLines(body).filter((c) => !/^kubectl\s/.test(c)).map((run) => ({ run })));
    } else if (['ts', 'typescript'].includes(lang)) {
      const named = /`([\w./-]+\.ts)`/.exec(prose)?.[1] ?? 'main.ts';
      if (files.has(named)) throw new Error(`${source}: two TypeScript blocks for ${named}; name each file in backticks before its block`);
      files.set(named, body);
      steps.push({ file: named, content: body });
    }
  }
  const commands = steps.flatMap((step) => ('run' in step ? [step.run] : []));
  return { source, steps, commands, files };
}

function shellLines(body: string): string[] {
  return body.replace(/\\\n\s*/g, ' ').split('\n')
    .map((l) => l.replace(/^\$\s+/, '').replace(/\s+#.*$/, '').trim())
    .filter((l) => l && !l.startsWith('#'));
}

/** Whether the command installs npm packages. */
export function isNpmInstall(command: string): boolean {
  return /^npm\s+(install|i|add)\b/.test(command);
}

/** The package as an `npm install` names it: by name (`openclaw-cdk8s`, `openclaw-cdk8s@1`) or as a packed tarball. */
const PACKAGE_WORD = /^openclaw-cdk8s(@\S*)?$|(^|\/)openclaw-cdk8s-[\w.-]+\.tgz$/;

/** The command with the package in an `npm install` replaced by the tarball. */
export function withTarball(command: string, tarball: string): string {
  if (!isNpmInstall(command)) return command;
  return command.split(/\s+/).map((word) => (PACKAGE_WORD.test(word) ? tarball : word)).join(' ');
}
