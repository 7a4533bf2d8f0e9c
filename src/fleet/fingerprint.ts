/**
 * A tenant's fingerprint: 64 bits hashed from its name, namespace and props, taken when the fleet
 * checks the tenant and again when it renders it. Equal fingerprints let the render pass skip the
 * checks the first pass already made (they are a pure function of these values); a tenant changed
 * in between is checked again instead of being rendered unchecked (the fleet renders a snapshot of
 * its input, src/props/snapshot.ts, so this is now a second guard).
 */
import { isPlainObject } from '../output/manifest-yaml';

/** Scratch space to hash a number's 64 bits. */
const NUMBER = new Float64Array(1);
const NUMBER_WORDS = new Uint32Array(NUMBER.buffer);

/** Two 32-bit FNV-1a style lanes with different primes: a collision needs both to collide. */
class Hasher {
  public a = 0x811c9dc5;
  public b = 0x01000193;

  public word(w: number): void {
    this.a = Math.imul(this.a ^ w, 0x01000193);
    this.b = Math.imul(this.b ^ w, 0x5bd1e995) ^ (this.b >>> 15);
  }

  public text(s: string): void {
    this.word(s.length);
    for (let i = 0; i < s.length; i++) this.word(s.charCodeAt(i));
  }

  /** False for anything but plain data (a class instance, a function, a cycle deeper than 64). */
  public value(v: unknown, depth: number): boolean {
    if (v === undefined) {
      this.word(1);
    } else if (v === null) {
      this.word(2);
    } else if (typeof v === 'string') {
      this.word(3);
      this.text(v);
    } else if (typeof v === 'number') {
      NUMBER[0] = v;
      this.word(4);
      this.word(NUMBER_WORDS[0]);
      this.word(NUMBER_WORDS[1]);
    } else if (typeof v === 'boolean') {
      this.word(v ? 5 : 6);
    } else if (depth > 64) {
      return false;
    } else if (Array.isArray(v)) {
      this.word(7);
      this.word(v.length);
      for (let i = 0; i < v.length; i++) {
        if (!(i in v)) return false;
        if (!this.value(v[i], depth + 1)) return false;
      }
    } else if (isPlainObject(v)) {
      const keys = Object.keys(v);
      this.word(8);
      this.word(keys.length);
      for (const k of keys) {
        this.text(k);
        if (!this.value(v[k], depth + 1)) return false;
      }
    } else {
      return false;
    }
    return true;
  }
}

/**
 * @internal The fingerprint of a tenant as the fleet checks it, as two 32-bit words; undefined
 * when the values are not plain data (the tenant is then always checked when rendered).
 */
export function tenantFingerprint(name: unknown, namespace: unknown, props: unknown): [number, number] | undefined {
  const h = new Hasher();
  if (!h.value(name, 0) || !h.value(namespace, 0) || !h.value(props, 0)) return undefined;
  return [h.a | 0, h.b | 0];
}

/**
 * @internal A 53-bit number for a few strings, for the fleet's maps of object names: a number
 * key takes a fraction of the memory of the joined string at 100,000 tenants. Equal keys do not
 * prove equal strings: the caller confirms a match.
 */
export function textKey(a: string, b: string, c: string): number {
  const h = new Hasher();
  h.text(a);
  h.text(b);
  h.text(c);
  return (h.a >>> 0) * 2 ** 21 + (h.b >>> 11);
}
