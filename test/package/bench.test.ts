/**
 * The benchmark does not rot: bench/fleet-child.js runs in both modes on the built lib/ (as
 * `npm run bench` does) with a handful of tenants, the fleet's files are byte for byte those of
 * plain cdk8s App.synth(), and the JSON line it prints for bench/run.js is sane.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { REPO } from './pack';

const TENANTS = 12;

interface ChildResult {
  readonly mode: string;
  readonly tenants: number;
  readonly loadSeconds: number;
  readonly renderSeconds: number;
  readonly maxRssMB: number;
  readonly cpu: number;
  readonly files: number;
  readonly objects: number;
  readonly bytes: number;
}

let work: string;
beforeAll(() => {
  if (!fs.existsSync(path.join(REPO, 'lib', 'src', 'index.js'))) throw new Error('lib/ is not built: run `npm run build`');
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'openclaw-bench-test-'));
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

function child(mode: 'fleet' | 'tenancy' | 'plain'): { result: ChildResult; dir: string } {
  const dir = path.join(work, mode);
  const r = spawnSync(process.execPath, [path.join(REPO, 'bench', 'fleet-child.js'), mode, String(TENANTS), dir], { cwd: REPO, encoding: 'utf8' });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  const lines = r.stdout.trim().split('\n');
  expect(lines).toHaveLength(1);
  return { result: JSON.parse(lines[0]), dir };
}

test('fleet and plain write the same files, byte for byte, and report sane figures', () => {
  const fleet = child('fleet');
  const plain = child('plain');
  // The fleet also records what it owns (.openclaw-fleet.json); the manifests are what is compared.
  const files = fs.readdirSync(fleet.dir).filter((f) => f.endsWith('.k8s.yaml')).sort();
  expect(fs.readdirSync(fleet.dir)).toContain('.openclaw-fleet.json');
  expect(files).toEqual(Array.from({ length: TENANTS }, (_, i) => `user-${String(i).padStart(5, '0')}.k8s.yaml`));
  expect(fs.readdirSync(plain.dir).sort()).toEqual(files);
  for (const f of files) expect(fs.readFileSync(path.join(fleet.dir, f)).equals(fs.readFileSync(path.join(plain.dir, f)))).toBe(true);

  const bytes = files.reduce((n, f) => n + fs.statSync(path.join(fleet.dir, f)).size, 0);
  for (const { result } of [fleet, plain]) {
    // The benchmark's chart: 10 objects per tenant (bench/tenants.js).
    expect(result).toMatchObject({ tenants: TENANTS, files: TENANTS, objects: 10 * TENANTS, bytes });
    for (const key of ['loadSeconds', 'renderSeconds', 'cpu'] as const) {
      expect(result[key]).toBeGreaterThan(0);
      expect(result[key]).toBeLessThan(120);
    }
    expect(result.maxRssMB).toBeGreaterThan(20);
    expect(result.maxRssMB).toBeLessThan(4096);
  }
  expect([fleet.result.mode, plain.result.mode]).toEqual(['fleet', 'plain']);
  // One tenant's manifest as the fleet wrote it holds its own name and host.
  expect(fs.readFileSync(path.join(fleet.dir, files[3]), 'utf8')).toContain('host: user-00003.openclaw.example.com\n');
});

test('tenancy on: the same charts, each after its namespace\'s four guards, in the tenant\'s own namespace and host', () => {
  const { result, dir } = child('tenancy');
  expect(result).toMatchObject({ mode: 'tenancy', tenants: TENANTS, files: TENANTS, objects: 14 * TENANTS });
  const text = fs.readFileSync(path.join(dir, 'user-00003.k8s.yaml'), 'utf8');
  expect(text.startsWith('apiVersion: v1\nkind: Namespace\nmetadata:\n')).toBe(true);
  expect(text).toContain('  name: openclaw-user-00003\n');
  expect(text).toContain('host: user-00003.openclaw.example.com\n');
});

test('the I/O floor writes the fleet\'s files again: the same names and sizes, with a plain loop', () => {
  const dir = path.join(work, 'tenancy-floor');
  const sizes = path.join(work, 'sizes.json');
  const fleet = spawnSync(process.execPath, [path.join(REPO, 'bench', 'fleet-child.js'), 'tenancy', String(TENANTS), dir, sizes], { cwd: REPO, encoding: 'utf8' });
  expect(fleet.status).toBe(0);
  const floorDir = path.join(work, 'floor');
  const r = spawnSync(process.execPath, [path.join(REPO, 'bench', 'floor-child.js'), sizes, floorDir], { cwd: REPO, encoding: 'utf8' });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  const floor = JSON.parse(r.stdout.trim());
  const fleetResult = JSON.parse(fleet.stdout.trim());
  expect(floor).toMatchObject({ files: TENANTS, bytes: fleetResult.bytes });
  for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.k8s.yaml'))) {
    expect(fs.statSync(path.join(floorDir, f)).size).toBe(fs.statSync(path.join(dir, f)).size);
  }
  expect(floor.seconds).toBeGreaterThan(0);
});
