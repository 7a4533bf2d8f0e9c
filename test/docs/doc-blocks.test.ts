/**
 * What a newcomer reads is true: every fenced code block and command in README.md, docs/ and
 * examples/README.md is checked.
 *
 * - TypeScript blocks compile (the TypeScript compiler, `openclaw-cdk8s` resolved to src/). A block
 *   without imports is a fragment of an app: it gets `app`, `OpenClawChart` and `OpenClawFleet`.
 * - `openclaw-cdk8s` commands run (in-process, in a temporary directory; a values file they name
 *   that the reader brings is an empty one) and must succeed; `npm run X` / `npm test` name scripts
 *   that exist; `cdk8s synth` is run without the upgrade check (it prints a stack trace offline).
 * - kubectl commands (in blocks and in inline code) name objects the documented render has: the
 *   README's release `my-openclaw` in namespace `openclaw` (with backups, so the backups claim exists).
 *   test/e2e/cluster/doc-commands.test.ts runs them against the real control plane.
 *
 * A block that cannot be checked is marked on the line before its fence with
 * `<!-- doc-test: skip <reason> -->`; the test lists them, so they stay few.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';
import { runCli } from '../../src/cli/main';
import { ROOT, SOURCES, blocksOf, commandsOf, inlineCommands, isShell } from '../helpers/doc-sources';
import { synthObjects } from '../helpers/synth';

const BLOCKS = SOURCES.flatMap(blocksOf);
const TS_BLOCKS = BLOCKS.filter((b) => (b.lang === 'ts' || b.lang === 'typescript') && !b.skip);
const SHELL_BLOCKS = BLOCKS.filter((b) => isShell(b) && !b.skip);

/** The index of the pod argument of `kubectl exec|logs|cp`: the first word after the verb that is no flag or flag value. */
function podArg(words: string[]): number {
  for (let i = 2; i < words.length; i++) {
    if (['-n', '-c', '--namespace', '--container'].includes(words[i])) i++;
    else if (!words[i].startsWith('-')) return i;
  }
  return -1;
}

test('the doc blocks are found, and the skipped ones are few and say why', () => {
  expect(TS_BLOCKS.length).toBeGreaterThanOrEqual(7);
  expect(SHELL_BLOCKS.length).toBeGreaterThanOrEqual(10);
  const skipped = BLOCKS.filter((b) => b.skip);
  expect(skipped.length).toBeLessThanOrEqual(3);
});

test('every TypeScript block compiles against src/', () => {
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2020, module: ts.ModuleKind.CommonJS, strict: true, esModuleInterop: true, skipLibCheck: true,
    noEmit: true, baseUrl: ROOT, paths: { 'openclaw-cdk8s': ['./src/index.ts'] }, types: ['node', 'jest'], typeRoots: [path.join(ROOT, 'node_modules', '@types')],
  };
  const virtual = new Map<string, string>();
  TS_BLOCKS.forEach((b, i) => {
    const fragment = !/^import /m.test(b.text);
    const preamble = fragment ? "import { App } from 'cdk8s';\nimport { OpenClawChart, OpenClawFleet } from 'openclaw-cdk8s';\nconst app = new App();\nvoid app; void OpenClawChart; void OpenClawFleet;\n" : '';
    virtual.set(path.join(ROOT, `.doc-snippet-${i}.ts`), `${preamble}${b.text}\nexport {};\n`);
  });
  const host = ts.createCompilerHost(options);
  const read = host.readFile.bind(host);
  const exists = host.fileExists.bind(host);
  const getSource = host.getSourceFile.bind(host);
  host.readFile = (f) => virtual.get(f) ?? read(f);
  host.fileExists = (f) => virtual.has(f) || exists(f);
  host.getSourceFile = (f, lang, ...rest) => (virtual.has(f) ? ts.createSourceFile(f, virtual.get(f)!, lang) : getSource(f, lang, ...rest));
  const program = ts.createProgram([...virtual.keys()], options, host);
  const problems = ts.getPreEmitDiagnostics(program).filter((d) => d.file && virtual.has(d.file.fileName)).map((d) => {
    const block = TS_BLOCKS[Number(/doc-snippet-(\d+)/.exec(d.file!.fileName)![1])];
    return `${block.file}:${block.line}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
  expect(problems).toEqual([]);
  if (process.env.DOC_TEST_COUNTS) process.stdout.write(`doc-test: ${TS_BLOCKS.length} TypeScript blocks compiled\n`);
}, 120000);

describe('shell commands', () => {
  const commands = SHELL_BLOCKS.flatMap((b) => commandsOf(b.text).map((c) => ({ where: `${b.file}:${b.line}`, command: c })));
  const packageJson = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

  test('openclaw-cdk8s commands run and succeed', async () => {
    const cliCommands = commands.filter((c) => /^(npx )?openclaw-cdk8s /.test(c.command));
    expect(cliCommands.length).toBeGreaterThanOrEqual(3);
    if (process.env.DOC_TEST_COUNTS) process.stdout.write(`doc-test: ${cliCommands.length} openclaw-cdk8s commands run\n`);
    for (const { where, command } of cliCommands) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'doc-cli-'));
      const args = command.replace(/^npx /, '').replace(/\s*>\s*\S+$/, '').split(/\s+/).slice(1).map((a, i, all) => {
        if (all[i - 1] === '-f' || all[i - 1] === '-o') {
          const file = path.join(dir, a);
          // A values file, or for `fleet` a tenants file with one tenant.
          if (all[i - 1] === '-f' && !fs.existsSync(file)) fs.writeFileSync(file, all[0] === 'fleet' ? 'tenants:\n  - name: alice\n' : '{}\n');
          return file;
        }
        return a;
      });
      let stderr = '';
      const code = await runCli(args, { stdout: { write: () => true }, stderr: { write: (s: string) => { stderr += s; } } });
      expect({ where, command, code, stderr: code ? stderr : '' }).toEqual({ where, command, code: 0, stderr: '' });
    }
  });

  test('npm commands name scripts that exist; cdk8s synth skips the upgrade check', () => {
    for (const { where, command } of commands) {
      const run = /^npm (?:run )?(\S+)/.exec(command);
      if (run && !['ci', 'install', 'pack'].includes(run[1])) expect([where, command, packageJson.scripts[run[1]] !== undefined]).toEqual([where, command, true]);
      if (/(?:^|\s)cdk8s synth/.test(command)) expect([where, command]).toEqual([where, expect.stringContaining('--no-check-upgrade')]);
    }
  });

  test('kubectl commands name objects of the documented render', () => {
    // With a managed config, backups, a Role and a NetworkPolicy, so that every kind of object the docs name exists.
    const objects = synthObjects({
      agentModel: 'anthropic/claude-sonnet-4-6', backup: { enabled: true }, rbac: { rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }] }, networkPolicy: { enabled: true },
    });
    const sts = objects.find((o) => o.kind === 'StatefulSet');
    const names = new Set<string>([
      ...objects.map((o) => `${o.kind.toLowerCase()}/${o.metadata.name}`),
      ...objects.filter((o) => o.kind === 'Service').map((o) => `svc/${o.metadata.name}`),
      `pod/${sts.metadata.name}-0`,
      ...sts.spec.volumeClaimTemplates.map((t: any) => `pvc/${t.metadata.name}-${sts.metadata.name}-0`),
    ]);
    // Claims named in the docs' manifests (the restore pod) are the chart's claims.
    const claims = SOURCES.flatMap((f) => [...fs.readFileSync(path.join(ROOT, f), 'utf8').matchAll(/claimName: ([a-z0-9-]+)/g)].map((m) => ({ where: f, command: `kubectl get pvc/${m[1]}` })));
    const kubectl = [
      ...claims,
      ...commands.filter((c) => c.command.startsWith('kubectl ')),
      ...SOURCES.flatMap((f) => inlineCommands(f, /kubectl /).filter((c) => c.text.startsWith('kubectl ')).map((c) => ({ where: f, command: c.text }))),
    ];
    let checked = 0;
    for (const { where, command } of kubectl) {
      const words = command.split(/\s+/);
      const refs: string[] = [];
      words.forEach((w, i) => {
        if (/^(statefulset|sts|svc|service|pod|pvc|secret)\/[a-z0-9-]+$/.test(w)) refs.push(w.replace(/^sts\//, 'statefulset/').replace(/^service\//, 'svc/'));
        if (['exec', 'logs', 'cp'].includes(words[1]) && i === podArg(words) && /^[a-z0-9-]+(\/[a-z0-9-]+)?(:|$)/.test(w)) refs.push(`pod/${w.split(':')[0].replace(/^[a-z0-9-]+\//, '')}`);
        // kubectl get|delete|describe KIND[,KIND] NAME
        if (['get', 'delete', 'describe'].includes(words[1]) && i === 3 && /^[a-z,]+$/.test(words[2]) && /^[a-z0-9-]+$/.test(w)) {
          for (const kind of words[2].split(',')) refs.push(`${{ sts: 'statefulset', service: 'svc' }[kind] ?? kind}/${w}`);
        }
        if (words[1] === 'scale' && words[2] === 'statefulset' && i === 3) refs.push(`statefulset/${w}`);
        if (w.startsWith('claimName:')) refs.push(`pvc/${words[i + 1]?.replace(/[^a-z0-9-]/g, '')}`);
      });
      // Only the chart's own objects (the release's): other objects the docs make themselves (a restore pod) are theirs.
      for (const ref of refs.filter((r) => /\/my-openclaw/.test(r))) {
        checked++;
        expect([where, command, ref, names.has(ref)]).toEqual([where, command, ref, true]);
      }
      const ns = words[words.indexOf('-n') + 1];
      if (refs.some((r) => /\/my-openclaw/.test(r)) && words.includes('-n')) expect([where, command, ns]).toEqual([where, command, 'openclaw']);
    }
    expect(checked).toBeGreaterThanOrEqual(11);
    if (process.env.DOC_TEST_COUNTS) process.stdout.write(`doc-test: ${kubectl.length} kubectl commands, ${checked} object names checked\n`);
  });
});
