/**
 * The props are the user's manual: every props interface has a doc of its own, every field a doc,
 * every optional field its `@default`; the Construct, the Chart and the fleet each show an `@example`.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

const SRC = path.join(__dirname, '..', '..', 'src');
/** Files of src/props/ that hold no public props: how the chart reads them. */
const INTERNAL = ['settings.ts', 'snapshot.ts', 'gateway-auth.ts'];
/** Kubernetes' own API types (copied from cdk8s-plus-28 by scripts/k8s-types.ts): Kubernetes documents them and the API server defaults them. */
const KUBERNETES = ['k8s-types.ts', 'k8s.ts'];

function sourceOf(file: string): ts.SourceFile {
  return ts.createSourceFile(file, fs.readFileSync(path.join(SRC, file), 'utf8'), ts.ScriptTarget.ES2020, true);
}

/** The public props interfaces: every interface of src/props/ and the fleet's and construct's props. */
function propsInterfaces(): Array<[string, ts.InterfaceDeclaration]> {
  const files = [...fs.readdirSync(path.join(SRC, 'props')).filter((f) => f.endsWith('.ts') && !INTERNAL.includes(f) && !KUBERNETES.includes(f)).map((f) => `props/${f}`), 'openclaw.ts', 'fleet/fleet.ts'];
  const found: Array<[string, ts.InterfaceDeclaration]> = [];
  for (const file of files) {
    sourceOf(file).forEachChild((n) => {
      if (ts.isInterfaceDeclaration(n) && n.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) && !ts.getJSDocTags(n).some((t) => t.tagName.text === 'internal')) found.push([file, n]);
    });
  }
  return found;
}

const hasDoc = (n: ts.Node) => ts.getJSDocCommentsAndTags(n).some((d) => ts.isJSDoc(d) && (d.comment || d.tags?.length));

test('every props interface has a type-level doc', () => {
  const missing = propsInterfaces().filter(([, i]) => !hasDoc(i)).map(([f, i]) => `${f}: ${i.name.text}`);
  expect(missing).toEqual([]);
});

test('every field is documented, and every optional field says its @default', () => {
  const missing: string[] = [];
  for (const [file, i] of propsInterfaces()) {
    for (const m of i.members) {
      if (!ts.isPropertySignature(m)) continue;
      const at = `${file}: ${i.name.text}.${m.name.getText()}`;
      if (!hasDoc(m)) missing.push(`${at}: no doc`);
      else if (m.questionToken && !ts.getJSDocTags(m).some((t) => t.tagName.text === 'default')) missing.push(`${at}: no @default`);
    }
  }
  expect(missing).toEqual([]);
});

test.each([['openclaw.ts', 'OpenClaw'], ['chart.ts', 'OpenClawChart'], ['fleet/fleet.ts', 'OpenClawFleet']])('%s: %s has an @example', (file, name) => {
  let cls: ts.ClassDeclaration | undefined;
  sourceOf(file).forEachChild((n) => { if (ts.isClassDeclaration(n) && n.name?.text === name) cls = n; });
  expect(cls).toBeDefined();
  expect(ts.getJSDocTags(cls!).filter((t) => t.tagName.text === 'example')).not.toHaveLength(0);
});
