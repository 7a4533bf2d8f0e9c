/**
 * The Kubernetes types the props use (k8s.Toleration, k8s.Affinity, ...) are the package's own, so
 * it needs no cdk8s-plus: the file is what scripts/k8s-types.ts writes from cdk8s-plus-28, its types
 * and cdk8s-plus-28's are assignable both ways (apps on cdk8s-plus-28 keep working), and
 * cdk8s-plus-33's (what today's `cdk8s init` installs) fit into them.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { K8S_TYPES_FILE, ROOTS, k8sTypes } from '../../scripts/k8s-types';

const ROOT = path.resolve(__dirname, '..', '..');

test('the committed types are what scripts/k8s-types.ts writes (npx ts-node scripts/k8s-types.ts)', () => {
  expect(fs.readFileSync(path.join(ROOT, K8S_TYPES_FILE), 'utf8')).toBe(k8sTypes());
});

test('cdk8s-plus-28\'s types and ours are assignable both ways, and cdk8s-plus-33\'s fit ours', () => {
  const plus33 = path.dirname(require.resolve('cdk8s-plus-33/package.json', { paths: [path.join(ROOT, 'node_modules', 'cdk8s-cli')] }));
  const file = path.join(ROOT, '.k8s-types-check.ts');
  const text = [
    "import type { k8s as k28 } from 'cdk8s-plus-28';",
    "import type { k8s as k33 } from 'cdk8s-plus-33';",
    `import type * as ours from './${K8S_TYPES_FILE.replace(/\.ts$/, '')}';`,
    ...ROOTS.map((n) => [
      `declare const from28${n}: k28.${n}; export const to${n}: ours.${n} = from28${n};`,
      `declare const ours${n}: ours.${n}; export const back${n}: k28.${n} = ours${n};`,
      `declare const from33${n}: k33.${n}; export const to33${n}: ours.${n} = from33${n};`,
    ].join('\n')),
  ].join('\n');
  const options: ts.CompilerOptions = {
    strict: true, noEmit: true, skipLibCheck: true, target: ts.ScriptTarget.ES2020, module: ts.ModuleKind.CommonJS,
    baseUrl: ROOT, paths: { 'cdk8s-plus-33': [path.join(plus33, 'lib', 'index.d.ts')] }, types: [],
  };
  const host = ts.createCompilerHost(options);
  const read = host.readFile.bind(host);
  const exists = host.fileExists.bind(host);
  const getSource = host.getSourceFile.bind(host);
  host.readFile = (f) => (f === file ? text : read(f));
  host.fileExists = (f) => f === file || exists(f);
  host.getSourceFile = (f, lang, ...rest) => (f === file ? ts.createSourceFile(f, text, lang) : getSource(f, lang, ...rest));
  const program = ts.createProgram([file], options, host);
  const problems = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  expect(problems).toEqual([]);
}, 60000);
