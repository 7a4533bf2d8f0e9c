/**
 * The code a newcomer reads: fenced blocks and inline `kubectl`/`helm` spans of README.md, docs/*.md
 * and examples/README.md, with where each one is. One owner for the doc tests
 * (test/docs/doc-blocks.test.ts) and the cluster test that runs the commands
 * (test/e2e/cluster/doc-commands.test.ts).
 */
import * as fs from 'fs';
import * as path from 'path';

export const ROOT = path.resolve(__dirname, '..', '..');
export const SOURCES = ['README.md', 'examples/README.md', ...fs.readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
const SKIP = /<!--\s*doc-test:\s*skip\s+(.+?)\s*-->\s*$/;

export interface Block { readonly file: string; readonly line: number; readonly lang: string; readonly text: string; readonly skip?: string }

export function blocksOf(file: string): Block[] {
  const lines = fs.readFileSync(path.join(ROOT, file), 'utf8').split('\n');
  const out: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\w*)\s*$/.exec(lines[i]);
    if (!open) continue;
    const end = lines.indexOf('```', i + 1);
    out.push({ file, line: i + 1, lang: open[1], text: lines.slice(i + 1, end).join('\n'), skip: SKIP.exec(lines[i - 1] ?? '')?.[1] });
    i = end;
  }
  return out;
}

export const isShell = (b: Block): boolean => ['bash', 'sh', 'shell'].includes(b.lang);

/** Shell commands of a block: continuation lines joined, comments and here-documents dropped, split at && and |. */
export function commandsOf(text: string): string[] {
  const joined = text.replace(/\\\n\s*/g, ' ').replace(/<<'?(\w+)'?\n[\s\S]*?\n\1(\n|$)/g, '\n');
  return joined.split('\n').map((l) => l.replace(/(^|\s)#.*$/, '').trim()).filter(Boolean)
    .flatMap((l) => l.split(/\s*(?:&&|\|)\s*/)).map((c) => c.replace(/^[A-Z_]+=\S+\s+/g, '').trim()).filter(Boolean);
}

/**
 * Whole shell statements of a block, as a shell reads them: continuation lines, a here-document, a
 * single-quoted string over several lines and a `for ... done` loop each stay in one statement;
 * comment lines and trailing comments are dropped.
 */
export function statementsOf(text: string): string[] {
  const out: string[] = [];
  let cur: string[] = [];
  let heredoc: string | undefined;
  for (const line of text.split('\n')) {
    if (!cur.length && /^\s*(#|$)/.test(line)) continue;
    cur.push(line);
    if (heredoc) {
      if (line.trim() === heredoc) heredoc = undefined;
      else continue;
    } else {
      const open = /<<-?'?(\w+)'?/.exec(line);
      if (open) {
        heredoc = open[1];
        continue;
      }
    }
    const joined = cur.join('\n');
    if (/^\s*(for|while|until)\b/.test(cur[0]) && !/^\s*done\b/.test(line)) continue;
    if (line.endsWith('\\')) continue;
    if (((joined.replace(/"[^"]*"/g, '').match(/'/g) ?? []).length % 2) === 1) continue;
    out.push(cur.length === 1 ? joined.replace(/\s+#\s.*$/, '').trim() : joined);
    cur = [];
  }
  if (cur.length) out.push(cur.join('\n'));
  return out;
}

/** Inline code spans of the prose (fenced blocks removed) that hold a `kubectl` or `helm` command, table pipes unescaped. */
export function inlineCommands(file: string, tools = /\b(?:kubectl|helm) /): Array<{ line: number; text: string }> {
  const source = fs.readFileSync(path.join(ROOT, file), 'utf8');
  const prose = source.replace(/```[\s\S]*?```/g, (b) => b.replace(/[^\n]/g, ''));
  const out: Array<{ line: number; text: string }> = [];
  for (const m of prose.matchAll(/`([^`\n]+)`/g)) {
    const text = m[1].replace(/\\\|/g, '|');
    if (!new RegExp(`^(?:${tools.source})|\\| *(?:${tools.source})`).test(text)) continue;
    out.push({ line: prose.slice(0, m.index).split('\n').length, text });
  }
  return out;
}
