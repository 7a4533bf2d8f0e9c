/**
 * The README's install section, as steps a test can run in a fresh app.
 *
 * The section is the text between `<!-- install:start -->` and `<!-- install:end -->` in
 * README.md (or, without those markers, docs/install-snippet.md). In it:
 * - every ```bash / ```sh block is run line by line (a trailing `\` continues a line, `#`
 *   comments are dropped), except `kubectl` lines, which need a cluster;
 * - every ```ts block is written to the file named in backticks on the line before it
 *   (e.g. "`main.ts`:"), or to main.ts when there is none.
 * The only change made to the commands: in `npm install`, the package name `openclaw-cdk8s` is
 * replaced by the tarball under test (the README installs it from the registry).
 */
import * as fs from 'fs';
import * as path from 'path';
import { REPO } from './pack';

export const START = '<!-- install:start -->';
export const END = '<!-- install:end -->';

export interface InstallSnippet {
  /** Where the section was read from. */
  readonly source: string;
  /** Shell commands, in order, with the package name still as written. */
  readonly commands: string[];
  /** Files to write: path -> content. */
  readonly files: Map<string, string>;
}

export function readInstallSnippet(): InstallSnippet {
  for (const file of ['README.md', path.join('docs', 'install-snippet.md')]) {
    const full = path.join(REPO, file);
    if (!fs.existsSync(full)) continue;
    const text = fs.readFileSync(full, 'utf8');
    const start = text.indexOf(START);
    const end = text.indexOf(END);
    if (start >= 0 && end > start) return parseSnippet(text.slice(start + START.length, end), file);
  }
  throw new Error(`no install section (${START} ... ${END}) in README.md or docs/install-snippet.md`);
}

export function parseSnippet(section: string, source: string): InstallSnippet {
  const commands: string[] = [];
  const files = new Map<string, string>();
  const fence = /^```(\w*)[^\n]*\n([\s\S]*?)^```[ \t]*$/gm;
  let before = 0;
  for (let m = fence.exec(section); m; m = fence.exec(section)) {
    const [, lang, body] = m;
    const prose = section.slice(before, m.index).trim().split('\n').pop() ?? '';
    before = m.index + m[0].length;
    if (['bash', 'sh', 'shell', 'console'].includes(lang)) {
      commands.push(...shellLines(body).filter((c) => !/^kubectl\s/.test(c)));
    } else if (['ts', 'typescript'].includes(lang)) {
      const named = /`([\w./-]+\.ts)`/.exec(prose)?.[1] ?? 'main.ts';
      if (files.has(named)) throw new Error(`${source}: two TypeScript blocks for ${named}; name each file in backticks before its block`);
      files.set(named, body);
    }
  }
  return { source, commands, files };
}

function shellLines(body: string): string[] {
  return body.replace(/\\\n\s*/g, ' ').split('\n')
    .map((l) => l.replace(/^\$\s+/, '').replace(/\s+#.*$/, '').trim())
    .filter((l) => l && !l.startsWith('#'));
}

/** The command with `openclaw-cdk8s` in an `npm install` replaced by the tarball. */
export function withTarball(command: string, tarball: string): string {
  if (!/^npm\s+(install|i|add)\b/.test(command)) return command;
  return command.split(/\s+/).map((word) => (word === 'openclaw-cdk8s' || word.startsWith('openclaw-cdk8s@') ? tarball : word)).join(' ');
}
