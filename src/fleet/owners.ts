/**
 * Which tenant of a fleet renders each object: object names must be unique per namespace.
 * (It keys objects by the numbers validate.ts makes with textKey.)
 */
import { KeyTable } from './key-table';
import { textKey } from './fingerprint';

/**
 * @internal Which tenant renders each object (namespace, kind, name), keyed by a number (textKey) rather
 * than the joined names: flat memory at 100,000 tenants. A key already taken is confirmed against
 * the owner's object names, made again (only when two tenants clash, or two keys collide).
 */
export class ObjectOwners {
  private readonly byKey = new KeyTable();
  /**
   * Namespace (its textKey) -> the first tenant in it. Its objects are recorded only when a second
   * tenant comes: with a namespace per tenant, no object is recorded at all.
   */
  private readonly firstIn = new KeyTable();
  /** Namespaces (keys) with a second tenant, whose first tenant's objects are recorded. */
  private readonly shared = new Set<number>();
  /** Objects whose key was taken by another object (a collision): by their joined names. */
  private readonly collided = new Map<string, number>();
  private recomputed?: { readonly index: number; readonly objects: ReadonlyArray<[string, string]> };

  /**
   * `recheck(index)`: tenant `index`'s objects, made again (checkTenant); `keyOf`: an object's key,
   * as the checks made those they pass to claimAll.
   */
  constructor(
    private readonly namespaceOf: (index: number) => string,
    private readonly recheck: (index: number) => ReadonlyArray<[string, string]>,
    private readonly keyOf: (namespace: string, kind: string, name: string) => number = textKey,
  ) {}

  /**
   * Records that tenant `index` renders the objects whose keys are `keys` (`names`: their names,
   * when at hand); returns the first that another tenant already renders, with that tenant.
   */
  public claimAll(
    namespace: string, keys: readonly number[], index: number, names: ReadonlyArray<[string, string]> | undefined,
  ): { readonly owner: number; readonly object: readonly [string, string] } | undefined {
    const space = textKey(namespace, '', '');
    const first = this.firstIn.claim(space, index);
    // Alone in its namespace so far: nothing can clash (a tenant's own objects differ).
    if (first === undefined) return undefined;
    if (!this.shared.has(space)) {
      this.shared.add(space);
      // Its namespace, not this one's: two namespaces' keys may collide.
      const objects = this.objectsOf(first);
      const theirs = this.namespaceOf(first);
      for (let j = 0; j < objects.length; j++) this.claim(theirs, this.keyOf(theirs, ...objects[j]), first, j, objects);
    }
    for (let j = 0; j < keys.length; j++) {
      const clash = this.claim(namespace, keys[j], index, j, names);
      if (clash !== undefined) return clash;
    }
    return undefined;
  }

  /**
   * Records that tenant `index` renders its object `j` (key `key`; `names`: the tenant's object
   * names, when at hand); returns the tenant that already does, if any, with the object.
   */
  private claim(
    namespace: string, key: number, index: number, j: number, names: ReadonlyArray<[string, string]> | undefined,
  ): { readonly owner: number; readonly object: readonly [string, string] } | undefined {
    if (this.collided.size) {
      const mine = (names ?? this.objectsOf(index))[j];
      const collidedOwner = this.collided.get(exactKey(namespace, mine));
      if (collidedOwner !== undefined) return { owner: collidedOwner, object: mine };
    }
    const owner = this.byKey.claim(key, index);
    if (owner === undefined) return undefined;
    const mine = (names ?? this.objectsOf(index))[j];
    // A tenant's own objects differ from each other: the same tenant's key is a collision.
    if (owner !== index && this.namespaceOf(owner) === namespace && this.objectsOf(owner).some(([k, n]) => k === mine[0] && n === mine[1])) {
      return { owner, object: mine };
    }
    this.collided.set(exactKey(namespace, mine), index);
    return undefined;
  }

  private objectsOf(index: number): ReadonlyArray<[string, string]> {
    if (this.recomputed?.index !== index) {
      this.recomputed = { index, objects: this.recheck(index) };
    }
    return this.recomputed.objects;
  }
}

/** An object's namespace, kind and name joined: the key of a collided object. */
function exactKey(namespace: string, [kind, name]: readonly [string, string]): string {
  return `${namespace}\0${kind}\0${name}`;
}
