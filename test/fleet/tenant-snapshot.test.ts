/**
 * A fleet keeps each tenant's props as JSON text, shared between tenants whose props differ only
 * by their name (src/fleet/tenant-snapshot.ts): every tenant must read back exactly its own props.
 */
import { postedTenant, receivedTenant, snapshotFleet } from '../../src/fleet/tenant-snapshot';
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
  read.forEach((t, i) => {
    expect(t.name).toBe(tenants[i].name);
    expect(t.props).toEqual(tenants[i].props);
    const posted = postedTenant(t);
    expect(posted.json).toBe(JSON.stringify(tenants[i].props));
    expect(receivedTenant(posted).props).toEqual(tenants[i].props);
  });
});

test('tenants whose props differ only by their name share one text; others keep their own', () => {
  const labelled = (name: string, replicaCount: number) => ({ podLabels: { owner: name }, ingress: { hosts: [{ host: `${name}.example.com` }] }, replicaCount });
  const tenants = [
    { name: 'alice', props: labelled('alice', 1) }, { name: 'bobby', props: labelled('bobby', 1) },
    { name: 'carol', props: labelled('carol', 2) }, { name: 'dave', props: { replicaCount: 1 } },
  ];
  const read = snapshotFleet(tenants, {}).tenants as unknown as Array<{ text: unknown }>;
  expect(read[0].text).toBe(read[1].text);
  expect(typeof read[0].text).toBe('object');
  expect(read[2].text).not.toBe(read[0].text);
  expect(read[3].text).toBe('{"replicaCount":1}');
});

test('a tenant changed after the snapshot reads back as it was', () => {
  const props = propsOf('alice', 1);
  const { tenants: read } = snapshotFleet([{ name: 'alice', props }], {});
  (props.podLabels as Record<string, string>)['example.com/owner'] = 'mallory';
  expect((read[0].props as any).podLabels['example.com/owner']).toBe('alice');
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
