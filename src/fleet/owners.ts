/**
 * Which tenant of a fleet renders each object: object names must be unique per namespace.
 * (No imports: it keys objects by the numbers fleet-validate.ts makes with textKey.)
 */

/**
 * @internal Which tenant renders each object (namespace, kind, name), keyed by a number (textKey) rather
 * than the joined names: flat memory at 100,000 tenants. A key already taken is confirmed against
 * the owner's object names, made again (only when two tenants clash, or two keys collide).
 */
export class ObjectOwners {
  private readonly byKey = new Map<number, number>();
  /** Objects whose key was taken by another object (a collision): by their joined names. */
  private readonly collided = new Map<string, number>();
  private recomputed?: { readonly index: number; readonly objects: ReadonlyArray<[string, string]> };

  /** `recheck(index)`: tenant `index`'s objects, made again (checkTenant). */
  constructor(
    private readonly namespaces: readonly string[],
    private readonly recheck: (index: number) => ReadonlyArray<[string, string]>,
  ) {}

  /**
   * Records that tenant `index` renders its object `j` (key `key`; `names`: the tenant's object
   * names, when at hand); returns the tenant that already does, if any, with the object.
   */
  public claim(
    namespace: string, key: number, index: number, j: number, names: ReadonlyArray<[string, string]> | undefined,
  ): { readonly owner: number; readonly object: readonly [string, string] } | undefined {
    if (this.collided.size) {
      const mine = (names ?? this.objectsOf(index))[j];
      const collidedOwner = this.collided.get(exactKey(namespace, mine));
      if (collidedOwner !== undefined) return { owner: collidedOwner, object: mine };
    }
    const owner = this.byKey.get(key);
    if (owner === undefined) {
      this.byKey.set(key, index);
      return undefined;
    }
    const mine = (names ?? this.objectsOf(index))[j];
    // A tenant's own objects differ from each other: the same tenant's key is a collision.
    if (owner !== index && this.namespaces[owner] === namespace && this.objectsOf(owner).some(([k, n]) => k === mine[0] && n === mine[1])) {
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
