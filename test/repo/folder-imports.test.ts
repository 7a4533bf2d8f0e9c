/**
 * The folder list is the pipeline: no folder of src/ imports a folder that imports it back
 * (directly or through others), and the stages only import the stages before them.
 */
import * as fs from 'fs';
import * as path from 'path';

const SRC = path.join(__dirname, '..', '..', 'src');

/** Folder-level import edges of src/: `from` folder -> `to` folder -> one example import. */
function folderEdges(): Map<string, Map<string, string>> {
  const edges = new Map<string, Map<string, string>>();
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, e.name);
      if (e.isDirectory()) walk(file);
      else if (file.endsWith('.ts')) {
        const from = folderOf(file);
        for (const m of fs.readFileSync(file, 'utf8').matchAll(/from\s+'(\.[^']*)'|require\('(\.[^']*)'\)/g)) {
          const target = path.resolve(path.dirname(file), m[1] ?? m[2]);
          if (!target.startsWith(SRC)) continue;
          const to = folderOf(fs.existsSync(target) && fs.statSync(target).isDirectory() ? path.join(target, 'index.ts') : `${target}.ts`);
          if (to === from) continue;
          if (!edges.has(from)) edges.set(from, new Map());
          if (!edges.get(from)!.has(to)) edges.get(from)!.set(to, `${path.relative(SRC, file)} -> ${m[1] ?? m[2]}`);
        }
      }
    }
  };
  walk(SRC);
  return edges;
}

/** `build`, `model`, ... for files in a folder; the top-level files by name (index, openclaw, chart). */
function folderOf(file: string): string {
  const rel = path.relative(SRC, file).split(path.sep);
  return rel.length > 1 ? rel[0] : rel[0].replace(/\.ts$/, '');
}

test('no folder of src/ imports a folder that imports it back', () => {
  const edges = folderEdges();
  const loops: string[] = [];
  const visit = (node: string, stack: string[]) => {
    if (stack.includes(node)) {
      const loop = [...stack.slice(stack.indexOf(node)), node];
      loops.push(loop.map((f, i) => (i < loop.length - 1 ? `${f} (${edges.get(f)!.get(loop[i + 1])})` : f)).join(' -> '));
      return;
    }
    for (const to of edges.get(node)?.keys() ?? []) visit(to, [...stack, node]);
  };
  for (const node of edges.keys()) visit(node, []);
  expect([...new Set(loops)]).toEqual([]);
});

test('the first stages import nothing of the later ones', () => {
  const edges = folderEdges();
  const imports = (folder: string) => [...(edges.get(folder)?.keys() ?? [])].sort();
  expect(imports('core')).toEqual([]);
  expect(imports('props')).toEqual(['core']);
  expect(imports('output')).toEqual(['core']);
  expect(imports('manifest-check')).toEqual(['core']);
  // The model never reaches into the builders, the sinks or the command line.
  for (const later of ['build', 'output', 'notes', 'fleet', 'helm', 'cli']) expect(imports('model')).not.toContain(later);
});
