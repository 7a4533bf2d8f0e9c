/**
 * The fleet's tenants by name, for `synthYaml(name)` and the duplicate-name check. A Map of
 * 100,000 names held about 7 MB of the fleet's thread's heap; here a name is a number (textKey)
 * in a table outside the heap (key-table.ts), confirmed against the tenant's own name.
 */
import { KeyedPairs } from './key-table';

/** @internal Tenant indexes by name; a name used in several namespaces keeps the list of its tenants. */
export class TenantNames {
  /** Each name's first tenant. */
  private readonly first: KeyedPairs;
  /** Names of several tenants (in several namespaces): their indexes, in tenant order. */
  private readonly repeated = new Map<string, number[]>();

  /** `nameOf(index)`: tenant `index`'s name; `keyOf`: a name's key (tests give one that collides). */
  constructor(nameOf: (index: number) => string, keyOf?: (name: string, none: string) => number) {
    this.first = new KeyedPairs((owner, name) => nameOf(owner) === name, keyOf);
  }

  /** The tenants named `name`, in tenant order (none: an empty list). */
  public get(name: string): readonly number[] {
    const several = this.repeated.get(name);
    if (several) return several;
    const index = this.first.get(name, '');
    return index === undefined ? [] : [index];
  }

  /** Records tenant `index` under its name (after the tenants already there). */
  public add(name: string, index: number): void {
    const same = this.get(name);
    if (same.length > 1) (same as number[]).push(index);
    else if (same.length === 1) this.repeated.set(name, [same[0], index]);
    else this.first.add(name, '', index);
  }

  /** The tenants of each name used more than once. */
  public repeatedNames(): Array<readonly number[]> {
    return [...this.repeated.values()];
  }
}
