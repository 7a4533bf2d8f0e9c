/**
 * Generates the README's props table from the JSDoc in src/props/ (the user's manual), so the
 * two cannot drift: `npx ts-node scripts/props-table.ts --write` rewrites README.md between the
 * markers, and test/docs/readme.test.ts fails when the README is stale.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { ENUMERATION_TYPES } from '../src/props/enumerations';
import { VALUES_SHAPES } from './values-schema';

const PROPS_DIR = path.join(__dirname, '..', 'src', 'props');
export const START = '<!-- props-table:start -->';
export const END = '<!-- props-table:end -->';

interface Row { path: string; type: string; default: string; description: string }

export function propsTable(): string {
  const interfaces = new Map<string, ts.InterfaceDeclaration>();
  // The Kubernetes types (k8s-types.ts) are named, not expanded: Kubernetes' API reference documents them.
  for (const file of fs.readdirSync(PROPS_DIR).filter((f) => f.endsWith('.ts') && f !== 'k8s-types.ts').sort()) {
    const at = path.join(PROPS_DIR, file);
    const source = ts.createSourceFile(at, fs.readFileSync(at, 'utf8'), ts.ScriptTarget.ES2020, true);
    source.forEachChild((n) => { if (ts.isInterfaceDeclaration(n)) interfaces.set(n.name.text, n); });
  }
  const rows: Row[] = [];
  walk(interfaces, interfaces.get('OpenClawChartProps')!, '', rows);
  const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n+/g, ' ');
  return [
    '| Prop (values key) | Type | Default | Description |',
    '| --- | --- | --- | --- |',
    ...rows.map((r) => `| \`${r.path}\` | ${cell(`\`${r.type}\``)} | ${cell(r.default)} | ${cell(r.description)} |`),
  ].join('\n');
}

function walk(interfaces: Map<string, ts.InterfaceDeclaration>, decl: ts.InterfaceDeclaration, prefix: string, rows: Row[]): void {
  for (const member of decl.members) {
    if (!ts.isPropertySignature(member) || !member.type) continue;
    const name = member.name.getText();
    const key = `${prefix}${name.replace(/'/g, '')}`;
    let typeText = spelledOut(member.type.getText().replace(/\s+/g, ' '));
    const doc = jsDoc(member);
    const shape = VALUES_SHAPES[typeText];
    let nested = interfaces.get(shape ?? typeText);
    // A small struct whose fields have no docs of their own (named for jsii): its fields inline.
    if (nested && !shape && nested.members.every((m) => !jsDoc(m).text && !jsDoc(m).default)) {
      typeText = `{ ${nested.members.map((m) => spelledOut(m.getText().replace(/\s+/g, ' ').replace(/;$/, ''))).join('; ')} }`;
      nested = undefined;
    }
    // A nested group whose default is "see X" is described by its own rows.
    if (!(nested && doc.default.startsWith('see '))) rows.push({ path: key, type: typeText, default: doc.default, description: doc.text });
    if (nested) walk(interfaces, nested, `${key}.`, rows);
  }
}

function jsDoc(node: ts.Node): { text: string; default: string } {
  const docs = ts.getJSDocCommentsAndTags(node).filter(ts.isJSDoc);
  const doc = docs[docs.length - 1];
  if (!doc) return { text: '', default: '' };
  const text = typeof doc.comment === 'string' ? doc.comment : ts.getTextOfJSDocComment(doc.comment) ?? '';
  const tag = doc.tags?.find((t) => t.tagName.text === 'default');
  const def = tag ? (typeof tag.comment === 'string' ? tag.comment : ts.getTextOfJSDocComment(tag.comment) ?? '') : '';
  return { text: text.trim(), default: def.trim() };
}

export function readmeWithTable(readme: string): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md needs the markers ${START} and ${END}`);
  return `${readme.slice(0, start + START.length)}\n${propsTable()}\n${readme.slice(end)}`;
}

if (require.main === module && process.argv.includes('--write')) {
  const readmePath = path.join(__dirname, '..', 'README.md');
  fs.writeFileSync(readmePath, readmeWithTable(fs.readFileSync(readmePath, 'utf8')));
}

/** A type as the reader wants it: enumeration aliases (src/props/enumerations.ts) spelled out as their literal unions. */
function spelledOut(typeText: string): string {
  let out = typeText;
  for (const [alias, values] of Object.entries(ENUMERATION_TYPES)) {
    const union = values.map((v) => `'${v}'`).join(' | ');
    out = out.replace(new RegExp(`\\b${alias}\\[\\]`, 'g'), `Array<${union}>`).replace(new RegExp(`\\b${alias}\\b`, 'g'), union);
  }
  return out;
}
