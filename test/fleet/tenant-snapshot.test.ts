/**
 * What a fleet keeps per tenant, kept small for 100,000 tenants: the props as JSON text, shared
 * between tenants whose props differ only by their name (src/fleet/tenant-snapshot.ts), the
 * namespaces the fleet assigns made again rather than kept, and writeTo's list of files made
 * when read. Every tenant must read back exactly what it was given.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { OpenClawFleet } from '../../src';
import { receivedTenant, snapshotFleet } from '../../src/fleet/tenant-snapshot';
import { TenantNamespaces } from '../../src/fleet/tenant-namespaces';
import { workerHeapCapMb } from '../../src/fleet/worker-pool';

const NAMES = ['alice', 'a', 'e', 'openclaw', 'true', 'null', '1', '123456', '"', '\\', '{', 'ü', '😀', 'podLabels', 'host', 'al', 'alice-openclaw', ' '];

function propsOf(name: string, variant: number): Record<string, unknown> {
  return {
    podLabels: { 'example.com/owner': name, [`k-${name}`]: `${name}${name}` },
    ingress: { hosts: [{ host: `${name}.claw.example.com` }], annotations: { note: `x${name}y "${name}"` } },
    replicaCount: variant,
    env: { NAME: name, OTHER: 'malice and alice', QUOTE: '"\\u0000' },
  };
}

test('each tenant reads back exactly its own props, names of every kind, including ones that appear everywhere in the text', () => {
  const tenants = NAMES.flatMap((name, i) => [0, 1].map((variant) => ({ name: variant ? `${name}` : name, namespace: `ns-${i}-${variant}`, props: propsOf(name, variant) })));
  const { tenants: read } = snapshotFleet(tenants, {});
  expect(read.length).toBe(tenants.length);
  tenants.forEach((given, i) => {
    const t = read.at(i);
    expect(t.name).toBe(given.name);
    expect(t.namespace).toBe(given.namespace);
    expect(t.props).toEqual(given.props);
    const posted = read.posted(i);
    expect(posted.json).toBe(JSON.stringify(given.props));
    expect(receivedTenant(posted)).toEqual(t);
  });
});

test('tenants whose props differ only by their name share one text; others keep their own', () => {
  const labelled = (name: string, replicaCount: number) => ({ podLabels: { owner: name }, ingress: { hosts: [{ host: `${name}.example.com` }] }, replicaCount });
  const tenants = [
    { name: 'alice', props: labelled('alice', 1) }, { name: 'bobby', props: labelled('bobby', 1) },
    { name: 'carol', props: labelled('carol', 2) }, { name: 'dave', props: { replicaCount: 1 } },
  ];
  const { texts } = snapshotFleet(tenants, {}).tenants as unknown as { texts: unknown[] };
  expect(texts[0]).toBe(texts[1]);
  expect(typeof texts[0]).toBe('object');
  expect(texts[2]).not.toBe(texts[0]);
  expect(texts[3]).toBe('{"replicaCount":1}');
});

test('a tenant changed after the snapshot reads back as it was', () => {
  const props = propsOf('alice', 1);
  const { tenants: read } = snapshotFleet([{ name: 'alice', props }], {});
  (props.podLabels as Record<string, string>)['example.com/owner'] = 'mallory';
  expect((read.at(0).props as any).podLabels['example.com/owner']).toBe('alice');
});

test('the longest props text decides the workers\' heap cap: capped for ordinary tenants, V8\'s own limit for huge ones or props that are not JSON', () => {
  const small = snapshotFleet([{ name: 'alice', props: { replicaCount: 1 } }], { agentModel: 'anthropic/claude-sonnet-4-6' });
  expect(small.largestProps).toBe(JSON.stringify({ agentModel: 'anthropic/claude-sonnet-4-6' }).length);
  expect(workerHeapCapMb(small.largestProps)).toBe(512);
  const huge = snapshotFleet([{ name: 'alice', props: { configMap: { data: { big: 'x'.repeat(300_000) } } } }], {});
  expect(huge.largestProps).toBeGreaterThan(300_000);
  expect(workerHeapCapMb(huge.largestProps)).toBeUndefined();
  const notJson = snapshotFleet([{ name: 'alice', props: { replicaCount: NaN } }], {});
  expect(notJson.largestProps).toBe(Infinity);
  expect(workerHeapCapMb(notJson.largestProps)).toBeUndefined();
});

describe('TenantNamespaces: what the fleet assigns is made again, not kept', () => {
  test('assigned namespaces keep nothing; others (tenancy off) are kept, one string per namespace', () => {
    const assigned = (i: number) => (i < 2 ? `openclaw-t${i}` : undefined);
    const namespaces = new TenantNamespaces(assigned);
    expect(namespaces.add(0, 'openclaw-t0')).toBe('openclaw-t0');
    expect(namespaces.add(1, 'openclaw-t1')).toBe('openclaw-t1');
    const team = ['team', 'a'].join('-');
    expect(namespaces.add(2, team)).toBe('team-a');
    namespaces.add(3, ['team', 'a'].join('-'));
    expect((namespaces as unknown as { own: unknown[] }).own.filter((n) => n !== undefined)).toHaveLength(2);
    expect([0, 1, 2, 3].map((i) => namespaces.get(i))).toEqual(['openclaw-t0', 'openclaw-t1', 'team-a', 'team-a']);
  });
});

test('writeTo\'s files are made when first read, then kept, and are what was written', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-files-'));
  try {
    const fleet = new OpenClawFleet({ tenants: [{ name: 'alice' }, { name: 'bob' }] });
    const result = fleet.writeTo(dir);
    expect(result.files).toBe(result.files);
    expect(result.files.map((f) => [f.tenant, f.namespace, path.relative(dir, f.path), f.bytes === fs.statSync(f.path).size])).toEqual([
      ['alice', 'openclaw-alice', 'alice.k8s.yaml', true], ['bob', 'openclaw-bob', 'bob.k8s.yaml', true],
    ]);
    expect(result.files.reduce((n, f) => n + f.objects, 0)).toBe(result.objects);
    expect(Object.keys(result)).toEqual(['outdir', 'files', 'objects', 'bytes', 'removed']);
    expect(JSON.parse(JSON.stringify(result)).files).toHaveLength(2);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
