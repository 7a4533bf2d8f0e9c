/**
 * A fleet's output directory is exactly the fleet: a tenant removed from the fleet loses its file
 * at the next writeTo (a GitOps tool syncing the directory stops deploying it), and files the
 * fleet did not write are never touched.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { FLEET_MANIFEST, FleetLayout, OpenClawFleet } from '../../src';
import { TenancyMode } from '../../src';

/** These tests are about the fleet as a bulk renderer: tenancy (test/fleet/tenancy.test.ts) is off. */
const OFF = { mode: TenancyMode.OFF };

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-outdir-'));
const fleetOf = (...names: string[]) => new OpenClawFleet({ tenancy: OFF, tenants: names.map((name) => ({ name })), workers: 0 });
const listing = (dir: string) => (fs.readdirSync(dir, { recursive: true }) as string[]).map((f) => f.split(path.sep).join('/')).sort();

test('alice, bob, carol then bob, carol: alice.k8s.yaml is gone, an unrelated file is untouched', () => {
  const dir = tmp();
  fs.writeFileSync(path.join(dir, 'kustomization.yaml'), 'resources: []\n');
  fleetOf('alice', 'bob', 'carol').writeTo(dir);
  expect(listing(dir)).toEqual([FLEET_MANIFEST, 'alice.k8s.yaml', 'bob.k8s.yaml', 'carol.k8s.yaml', 'kustomization.yaml']);

  const result = fleetOf('bob', 'carol').writeTo(dir);
  expect(result.removed).toEqual([path.join(dir, 'alice.k8s.yaml')]);
  expect(listing(dir)).toEqual([FLEET_MANIFEST, 'bob.k8s.yaml', 'carol.k8s.yaml', 'kustomization.yaml']);
  expect(fs.readFileSync(path.join(dir, 'kustomization.yaml'), 'utf8')).toBe('resources: []\n');
  expect(JSON.parse(fs.readFileSync(path.join(dir, FLEET_MANIFEST), 'utf8'))).toEqual({ generator: 'openclaw-cdk8s fleet', files: ['bob.k8s.yaml', 'carol.k8s.yaml'] });
});

test('a file the fleet did not write is kept even when it looks like a tenant\'s, and one already deleted by hand is no error', () => {
  const dir = tmp();
  fs.writeFileSync(path.join(dir, 'dave.k8s.yaml'), '# mine\n');
  fleetOf('alice', 'bob').writeTo(dir);
  fs.unlinkSync(path.join(dir, 'bob.k8s.yaml'));
  expect(fleetOf('carol').writeTo(dir).removed).toEqual([path.join(dir, 'alice.k8s.yaml')]);
  expect(listing(dir)).toEqual([FLEET_MANIFEST, 'carol.k8s.yaml', 'dave.k8s.yaml']);
  expect(fs.readFileSync(path.join(dir, 'dave.k8s.yaml'), 'utf8')).toBe('# mine\n');
});

test('by namespace: a tenant moved to another namespace leaves no copy behind; an emptied namespace folder goes', () => {
  const dir = tmp();
  new OpenClawFleet({ tenancy: OFF, tenants: [{ name: 'alice', namespace: 'a' }, { name: 'bob', namespace: 'b' }] }).writeTo(dir, { layout: FleetLayout.BY_NAMESPACE });
  fs.writeFileSync(path.join(dir, 'a', 'notes.txt'), 'x');
  new OpenClawFleet({ tenancy: OFF, tenants: [{ name: 'alice', namespace: 'b' }] }).writeTo(dir, { layout: FleetLayout.BY_NAMESPACE });
  expect(listing(dir)).toEqual([FLEET_MANIFEST, 'a', 'a/notes.txt', 'b', 'b/alice.k8s.yaml']);
});

test('threaded and inline writes keep the same manifest', () => {
  const dir = tmp();
  const names = Array.from({ length: 40 }, (_, i) => `user-${i}`);
  new OpenClawFleet({ tenancy: OFF, tenants: names.map((name) => ({ name })) }).writeTo(dir, { workers: 2 });
  const result = new OpenClawFleet({ tenancy: OFF, tenants: names.slice(10).map((name) => ({ name })) }).writeTo(dir, { workers: 2 });
  expect(result.removed).toHaveLength(10);
  expect(listing(dir)).toEqual([FLEET_MANIFEST, ...names.slice(10).map((n) => `${n}.k8s.yaml`)].sort());
});

test('a manifest that is not the fleet\'s stops the write before anything is written or removed', () => {
  const dir = tmp();
  fs.writeFileSync(path.join(dir, FLEET_MANIFEST), JSON.stringify({ files: ['../../etc/passwd'] }));
  expect(() => fleetOf('alice').writeTo(dir)).toThrow(`${path.join(dir, FLEET_MANIFEST)} is not a fleet manifest (a list of the files the fleet wrote): nothing was written or removed; delete it to start over`);
  expect(listing(dir)).toEqual([FLEET_MANIFEST]);
});
