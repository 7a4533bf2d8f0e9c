/**
 * The fleet's compact tables (src/fleet/key-table.ts, tenant-names.ts): what the cross-tenant checks
 * and the name look-ups rely on, at sizes that make the tables grow many times over.
 */
import { KeyTable, KeyedPairs } from '../../src/fleet/key-table';
import { TenantNames } from '../../src/fleet/tenant-names';

/** A 53-bit integer from a seeded generator (the table's keys are textKey's 53-bit numbers). */
function keys(count: number, seed: number): number[] {
  let s = seed >>> 0;
  const next = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0);
  const out = new Set<number>();
  while (out.size < count) out.add((next() >>> 11) * 2 ** 32 + next());
  return [...out];
}

describe('KeyTable', () => {
  test('200,000 distinct keys: each first claim is free, each later one finds the first owner', () => {
    const table = new KeyTable();
    const list = keys(200_000, 1);
    // One assertion per pass (an expect per key would be most of the test's time).
    expect(list.filter((k, i) => table.claim(k, i) !== undefined)).toEqual([]);
    expect(list.filter((k, i) => table.get(k) !== i)).toEqual([]);
    expect(list.filter((k, i) => table.claim(k, i + 1) !== i)).toEqual([]);
    const held = new Set(list);
    expect(keys(1000, 2).filter((k) => !held.has(k) && table.get(k) !== undefined)).toEqual([]);
  });

  test('keys that share their low or their high word, 0 and 2^53 - 1 are told apart', () => {
    const table = new KeyTable();
    const list = [0, 2 ** 53 - 1, 1, 2 ** 32, 2 * 2 ** 32, 3 * 2 ** 32 + 1, ...Array.from({ length: 5000 }, (_, i) => i * 2 ** 32 + 7)];
    list.forEach((k, i) => expect(table.claim(k, i)).toBeUndefined());
    list.forEach((k, i) => expect(table.get(k)).toBe(i));
    expect(table.get(5)).toBeUndefined();
  });

  test('tenant index 0 is an owner like any other', () => {
    const table = new KeyTable();
    expect(table.claim(42, 0)).toBeUndefined();
    expect(table.claim(42, 1)).toBe(0);
  });
});

describe('KeyedPairs', () => {
  test('pairs whose keys collide (every pair one key) are told apart by the owners\' own data', () => {
    const owned = [['a.example.com', '/'], ['b.example.com', '/'], ['a.example.com', '/api']];
    const pairs = new KeyedPairs((owner, a, b) => owned[owner][0] === a && owned[owner][1] === b, () => 7);
    owned.forEach(([a, b], i) => pairs.add(a, b, i));
    pairs.add('a.example.com', '/', 9);
    expect([...owned, ['c.example.com', '/']].map(([a, b]) => pairs.get(a, b))).toEqual([0, 1, 2, undefined]);
  });
});

describe('TenantNames', () => {
  test('50,000 names: each found by name only; a name in several namespaces lists its tenants in order', () => {
    const names = Array.from({ length: 50_000 }, (_, i) => `user-${i}`);
    names.push('user-7', 'user-7', 'user-9');
    const index = new TenantNames((i) => names[i]);
    names.forEach((n, i) => index.add(n, i));
    expect(names.slice(0, 50_000).filter((n, i) => n !== 'user-7' && n !== 'user-9' && index.get(n)[0] !== i)).toEqual([]);
    expect(index.get('user-49999')).toEqual([49999]);
    expect(index.get('user-7')).toEqual([7, 50000, 50001]);
    expect(index.get('user-9')).toEqual([9, 50002]);
    expect(index.get('user-50000')).toEqual([]);
    expect(index.get('')).toEqual([]);
    expect(index.repeatedNames()).toEqual([[7, 50000, 50001], [9, 50002]]);
  });

  test('names whose keys collide (every name one key) are still told apart', () => {
    const names = ['alice', 'bob', 'carol', 'bob'];
    const index = new TenantNames((i) => names[i], () => 7);
    names.forEach((n, i) => index.add(n, i));
    expect(['alice', 'bob', 'carol', 'dave'].map((n) => index.get(n))).toEqual([[0], [1, 3], [2], []]);
  });
});
