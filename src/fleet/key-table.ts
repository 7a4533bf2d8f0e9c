/** Compact maps for the fleet's cross-tenant checks: {@link KeyTable} and {@link KeyedPairs}. */
import { textKey } from './fingerprint';

/**
 * @internal A map from 53-bit keys (textKey) to tenant indexes in two typed arrays (open
 * addressing, linear probing, at most three quarters full), for the fleet's cross-tenant checks. A Map of 600,000 such keys
 * (100,000 tenants' object names) holds each key as a heap number and regrows its table on the
 * heap: about 45 bytes per key live and as much again in garbage, and the fleet's thread's heap
 * grew with it (V8 lets a heap grow to a multiple of what it keeps). Here a key costs 12 to 24
 * bytes outside the heap. Equal keys do not prove equal strings: callers confirm a match.
 */
export class KeyTable {
  private keys = new Float64Array(1024);
  /** The tenant index of each slot plus one; 0: an empty slot. */
  private owners = new Int32Array(1024);
  private size = 0;

  /** The owner recorded for `key`, if any. */
  public get(key: number): number | undefined {
    const mask = this.keys.length - 1;
    for (let slot = slotOf(key, mask); ; slot = (slot + 1) & mask) {
      const held = this.owners[slot];
      if (held === 0) return undefined;
      if (this.keys[slot] === key) return held - 1;
    }
  }

  /** Records `owner` for `key` unless the key is taken; returns the owner that has it. */
  public claim(key: number, owner: number): number | undefined {
    const held = this.get(key);
    if (held !== undefined) return held;
    if (4 * (this.size + 1) > 3 * this.keys.length) this.grow();
    this.put(key, owner);
    this.size++;
    return undefined;
  }

  private put(key: number, owner: number): void {
    const mask = this.keys.length - 1;
    let slot = slotOf(key, mask);
    while (this.owners[slot] !== 0) slot = (slot + 1) & mask;
    this.keys[slot] = key;
    this.owners[slot] = owner + 1;
  }

  private grow(): void {
    const { keys, owners } = this;
    this.keys = new Float64Array(2 * keys.length);
    this.owners = new Int32Array(2 * keys.length);
    for (let slot = 0; slot < keys.length; slot++) if (owners[slot] !== 0) this.put(keys[slot], owners[slot] - 1);
  }
}

/** The slot a key starts probing at: its high and low words mixed (textKey's bits are already a hash). */
function slotOf(key: number, mask: number): number {
  return (Math.imul((key / 4294967296) | 0, 0x9e3779b1) ^ (key | 0)) & mask;
}

/**
 * @internal Pairs of strings (a host and a path, a name and '') to tenant indexes, each pair held
 * as its textKey in a KeyTable. A key's owner counts only when `holds(owner, a, b)` confirms it
 * has the pair (made again from the owner's own data); a pair whose key another pair took is kept
 * whole. `keyOf`: the key of a pair (textKey; tests give one that collides).
 */
export class KeyedPairs {
  private readonly table = new KeyTable();
  /** `a\0b` of the pairs whose key another pair had taken. */
  private readonly collided = new Map<string, number>();

  constructor(
    private readonly holds: (owner: number, a: string, b: string) => boolean,
    private readonly keyOf: (a: string, b: string) => number = (a, b) => textKey(a, b, ''),
  ) {}

  /** The tenant recorded for the pair, if any. */
  public get(a: string, b: string): number | undefined {
    if (this.collided.size) {
      const owner = this.collided.get(`${a}\0${b}`);
      if (owner !== undefined) return owner;
    }
    const owner = this.table.get(this.keyOf(a, b));
    return owner !== undefined && this.holds(owner, a, b) ? owner : undefined;
  }

  /** Records `owner` for the pair unless a tenant has it already. */
  public add(a: string, b: string, owner: number): void {
    if (this.get(a, b) !== undefined) return;
    if (this.table.claim(this.keyOf(a, b), owner) !== undefined) this.collided.set(`${a}\0${b}`, owner);
  }
}
