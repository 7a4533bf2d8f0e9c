/**
 * The real command: build with tsc -p tsconfig.build.json and run bin/openclaw-cdk8s.js with node,
 * no ts-node. The build goes to a temporary package directory laid out like the installed package
 * (bin/, lib/, package.json, node_modules), so it cannot race other tests that build lib/.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseManifests } from './render-facts';
import { STACK_TRACE } from './run-cli';
import { SCENARIOS_DIR } from '../helpers/fixtures';

const REPO = path.resolve(__dirname, '../..');
const SCENARIOS = SCENARIOS_DIR;

test('the built bin/openclaw-cdk8s.js runs the compiled CLI', () => {
  const pkg = fs.mkdtempSync(path.join(os.tmpdir(), 'openclaw-cdk8s-bin-'));
  try {
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(REPO, 'tsconfig.build.json'), '--outDir', path.join(pkg, 'lib')], {
      cwd: REPO, stdio: 'pipe',
    });
    fs.mkdirSync(path.join(pkg, 'bin'));
    fs.copyFileSync(path.join(REPO, 'bin/openclaw-cdk8s.js'), path.join(pkg, 'bin/openclaw-cdk8s.js'));
    fs.copyFileSync(path.join(REPO, 'package.json'), path.join(pkg, 'package.json'));
    fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(pkg, 'node_modules'), 'dir');
    // Shipped in the package ("files"): every render checks its objects' fields against them.
    fs.symlinkSync(path.join(REPO, 'schemas'), path.join(pkg, 'schemas'), 'dir');
    const manifest = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
    const bin = path.join(pkg, manifest.bin['openclaw-cdk8s']);
    const run = (args: string[], input?: string) => spawnSync(process.execPath, [bin, ...args], { cwd: pkg, input, encoding: 'utf8' });

    // synth from a file
    const ok = run(['synth', '--quiet', '-f', path.join(SCENARIOS, '04-ingress-tls.yaml'), '--release', 'my-openclaw', '-n', 'openclaw']);
    // Those values name no trusted proxy for their Ingress: said, and rendered.
    expect(ok.stderr).toMatch(/^Warning: gateway\.trustedProxies: is empty while ingress is enabled: .*\n$/);
    expect(ok.status).toBe(0);
    const objects = parseManifests(ok.stdout);
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(expect.arrayContaining(['StatefulSet/my-openclaw', 'Ingress/my-openclaw']));
    expect(objects.every((o) => o.metadata.namespace === 'openclaw')).toBe(true);

    // values on standard input, and --version
    const stdin = run(['synth', '-f', '-', '--set', 'replicaCount=2'], 'service:\n  type: NodePort\n');
    expect(stdin.status).toBe(0);
    const fromStdin = parseManifests(stdin.stdout);
    expect(fromStdin.find((o) => o.kind === 'StatefulSet').spec.replicas).toBe(2);
    expect(fromStdin.find((o) => o.kind === 'Service' && o.metadata.name === 'openclaw').spec.type).toBe('NodePort');
    expect(run(['--version']).stdout.trim()).toBe(manifest.version);

    // invalid values: exit code 1, the problems, no stack trace
    const bad = run(['synth', '--set', 'replicaCont=2']);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toBe('Invalid OpenClaw configuration (1 problem):\n  - --set replicaCont: is not a known key; did you mean replicaCount? (got <number>)\n');
    expect(bad.stderr).not.toMatch(STACK_TRACE);

    // the schema is in the build
    expect(JSON.parse(run(['schema']).stdout)).toEqual(JSON.parse(fs.readFileSync(path.join(REPO, 'schemas/values.schema.json'), 'utf8')));
  } finally {
    fs.rmSync(pkg, { recursive: true, force: true });
  }
}, 180_000);

test('an unbuilt bin says in one line what to run, and writes nothing to stdout', () => {
  const pkg = fs.mkdtempSync(path.join(os.tmpdir(), 'openclaw-cdk8s-unbuilt-'));
  try {
    fs.mkdirSync(path.join(pkg, 'bin'));
    fs.copyFileSync(path.join(REPO, 'bin/openclaw-cdk8s.js'), path.join(pkg, 'bin/openclaw-cdk8s.js'));
    const r = spawnSync(process.execPath, [path.join(pkg, 'bin/openclaw-cdk8s.js'), 'synth'], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`openclaw-cdk8s: the command is not built yet: run \`npm run build\` in ${pkg}\n`);
  } finally {
    fs.rmSync(pkg, { recursive: true, force: true });
  }
});
