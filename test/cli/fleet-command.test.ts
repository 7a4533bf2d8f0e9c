/**
 * `openclaw-cdk8s fleet -f tenants.yaml -o DIR` and `openclaw-cdk8s schema --fleet` (issue 25):
 * the library's files byte for byte, refused tenants listed, nothing written unless --partial.
 */
import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv';
import { OpenClawFleet } from '../../src';
import { FLEET_MANIFEST } from '../../src/fleet/outdir';
import { STACK_TRACE, cli, tempDir, writeFile } from './run-cli';
import { fleetCommand } from '../../src/cli/fleet-command';

const dir = tempDir();

const TENANTS = `# the platform's part
tenancy:
  hostTemplate: "{tenant}.claw.example.com"
defaults:
  ingress: { enabled: true, className: nginx }
  gateway: { trustedProxies: [10.42.7.3] }
policy:
  maxPersistenceSize: 10Gi
tenants:
  - name: alice
    props: { agentModel: anthropic/claude-sonnet-4-6, persistence: { size: 5Gi } }
  - name: bob
`;
const MALLORY = `  - name: mallory
    props:
      serviceAccount: { create: false, name: alice-openclaw }
      persistance: { size: 1Gi }
`;
const REFUSED = [
  'refused tenant mallory (3 problems):',
  '  - mallory: persistance: is not a known key; did you mean persistence? (got <map, 1 key>)',
  '  - mallory: serviceAccount.name: names "alice-openclaw", which is not this tenant\'s: a tenant\'s references must name its own objects, "mallory-openclaw" or "mallory-openclaw-..."',
  '  - mallory: serviceAccount: is not among the props a tenant may set (policy.allow: agentModel, gateway.channels, persistence.size, resources, env)',
].join('\n');

const filesOf = (out: string) => Object.fromEntries(fs.readdirSync(out).sort().map((f) => [f, fs.readFileSync(path.join(out, f), 'utf8')]));

test('the files are byte for byte those of the library\'s writeTo, manifest included', async () => {
  const file = writeFile(dir, 'tenants.yaml', TENANTS);
  const out = path.join(dir, 'cli');
  const r = await cli('fleet', '-f', file, '-o', out);
  // Progress lines appear only when the run takes seconds (a loaded machine); nothing else may.
  expect(r.stderr.replace(/^written \d+ of 2 tenants\n/gm, '')).toBe('');
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/^wrote 2 tenants to .*cli \(\d+ objects, \d+ bytes, [\d.]+ s\)\n$/);
  const lib = path.join(dir, 'lib');
  new OpenClawFleet({
    tenancy: { hostTemplate: '{tenant}.claw.example.com' },
    defaults: { ingress: { enabled: true, className: 'nginx' }, gateway: { trustedProxies: ['10.42.7.3'] } },
    policy: { maxPersistenceSize: '10Gi' },
    tenants: [{ name: 'alice', props: { agentModel: 'anthropic/claude-sonnet-4-6', persistence: { size: '5Gi' } } }, { name: 'bob' }],
  }).writeTo(lib);
  expect(Object.keys(filesOf(out))).toEqual([FLEET_MANIFEST, 'alice.k8s.yaml', 'bob.k8s.yaml']);
  expect(filesOf(out)).toEqual(filesOf(lib));
});

test('a refused tenant: listed with every problem, exit 1, nothing written', async () => {
  const file = writeFile(dir, 'hostile.yaml', TENANTS + MALLORY);
  const out = path.join(dir, 'refused');
  const r = await cli('fleet', '-f', file, '-o', out);
  expect(r.code).toBe(1);
  expect(r.stderr).toBe(`${REFUSED}\n1 of 3 tenants refused: nothing was written (--partial writes the others)\n`);
  expect(r.stderr).not.toMatch(STACK_TRACE);
  expect(fs.existsSync(out)).toBe(false);
});

test('--partial writes the others, keeps the refused tenant\'s earlier file, and still exits 1', async () => {
  const out = path.join(dir, 'partial');
  // mallory was fine last time: its file is deployed.
  const before = writeFile(dir, 'before.yaml', `${TENANTS}  - name: mallory\n`);
  expect((await cli('fleet', '-f', before, '-o', out)).code).toBe(0);
  const malloryBefore = fs.readFileSync(path.join(out, 'mallory.k8s.yaml'), 'utf8');
  const file = writeFile(dir, 'hostile2.yaml', TENANTS + MALLORY);
  const r = await cli('fleet', '-f', file, '-o', out, '--partial');
  expect(r.code).toBe(1);
  expect(r.stderr).toBe(`${REFUSED}\n1 of 3 tenants refused: their files were not written (an earlier one is kept)\n`);
  expect(r.stdout).toMatch(/^wrote 2 tenants/);
  expect(fs.readFileSync(path.join(out, 'mallory.k8s.yaml'), 'utf8')).toBe(malloryBefore);
  expect(JSON.parse(fs.readFileSync(path.join(out, FLEET_MANIFEST), 'utf8')).files).toEqual(['alice.k8s.yaml', 'bob.k8s.yaml', 'mallory.k8s.yaml']);
  // Once mallory leaves the file, its manifest goes.
  expect((await cli('fleet', '-f', writeFile(dir, 'after.yaml', TENANTS), '-o', out)).code).toBe(0);
  expect(fs.existsSync(path.join(out, 'mallory.k8s.yaml'))).toBe(false);
});

test('a problem of the platform\'s part refuses the whole file', async () => {
  const file = writeFile(dir, 'bad-defaults.yaml', 'defaults: { persistance: { size: 1Gi } }\ntenants: [{ name: alice }]\n');
  const r = await cli('fleet', '-f', file, '-o', path.join(dir, 'none'));
  expect(r.code).toBe(1);
  expect(r.stderr).toBe('Invalid OpenClaw fleet (1 problem):\n  - defaults.persistance: is not a known key; did you mean persistence? (got <map, 1 key>)\nnothing was written\n');
  const bad = await cli('fleet', '-f', writeFile(dir, 'bad.yaml', 'tenant: []\n'), '-o', path.join(dir, 'none'));
  expect(bad.stderr).toBe(`${path.join(dir, 'bad.yaml')}: has unknown keys "tenant": a tenants file holds tenancy, defaults, policy, tenants\n`);
});

test('progress on stderr for long runs, none with --quiet; per-tenant warnings said once', async () => {
  const many = `defaults:\n  ingress: { enabled: true }\ntenancy:\n  hostTemplate: "{tenant}.example.com"\ntenants:\n${Array.from({ length: 1000 }, (_, i) => `  - name: t${i}\n`).join('')}`;
  let stderr = '';
  const io = { stdout: { write: () => true }, stderr: { write: (s: string) => (stderr += s) } };
  // Said every 2 s in a real run; here after every file.
  const code = fleetCommand({ file: writeFile(dir, 'many.yaml', many), output: path.join(dir, 'many'), workers: '0', progressEveryMs: 0 }, io);
  expect(code).toBe(0);
  const lines = stderr.split('\n');
  expect(lines[0]).toBe('checking 1000 tenants...');
  expect(lines.filter((l) => /^written \d+ of 1000 tenants$/.test(l))).toHaveLength(999);
  const r = { stderr };
  expect(r.stderr).toMatch(/^Warning: gateway\.trustedProxies: .*\(1000 tenants: t0, t1, t2, t3, t4 and 995 more\)$/m);
  expect(fs.readdirSync(path.join(dir, 'many'))).toHaveLength(1001);
  const quiet = await cli('fleet', '-f', writeFile(dir, 'two.yaml', TENANTS), '-o', path.join(dir, 'quiet'), '-q');
  expect(quiet.stderr).toBe('');
}, 120_000);

test('schema --fleet describes a tenants file; the example validates, a misspelt key does not', async () => {
  const r = await cli('schema', '--fleet');
  expect(r.code).toBe(0);
  const schema = JSON.parse(r.stdout);
  expect(Object.keys(schema.properties)).toEqual(['tenancy', 'defaults', 'policy', 'tenants']);
  const validate = new Ajv({ strict: false }).compile(schema);
  const YAML = require('yaml');
  expect(validate(YAML.parse(TENANTS))).toBe(true);
  expect(validate(YAML.parse(TENANTS + MALLORY))).toBe(false);
  expect(validate({ tenants: [{ name: 'alice', props: { persistence: { size: '5Gi' } } }], policy: { allow: ['agentModel'] } })).toBe(true);
});
