/**
 * The fleet's tenants by name, for `synthYaml(name)` and the duplicate-name check. A Map of
 * 100,000 names held about 7 MB of the fleet's thread's heap; here a name is a number (textKey)
 * in a table outside the heap (key-table.ts), confirmed against the tenant's own name.
 */
import { KeyTable } from './key-table';
import { textKey } from './fingerprint';

/** @internal Tenant indexes by name; a name used in several namespaces keeps the list of its tenants. */
export class TenantNames {
  private readonly byKey = new KeyTable();
  /** Names of several tenants (in several namespaces): their indexes, in tenant order. */
  private readonly repeated = new Map<string, number[]>();
  /** Names whose key another name had taken (a collision). */
  private readonly collided = new Map<string, number>();

  /** `nameOf(index)`: tenant `index`'s name. */
  constructor(private readonly nameOf: (index: number) => string) {}

  /** The tenants named `name`, in tenant order (none: an empty list). */
  public get(name: string): readonly number[] {
    const several = this.repeated.get(name);
    if (several) return several;
    const collided = this.collided.get(name);
    if (collided !== undefined) return [collided];
    const index = this.byKey.get(textKey(name, '', ''));
    return index !== undefined && this.nameOf(index) === name ? [index] : [];
  }

  /** Records tenant `index` under its name (after the tenants already there). */
  public add(name: string, index: number): void {
    const same = this.get(name);
    if (same.length > 1) (same as number[]).push(index);
    else if (same.length === 1) this.repeated.set(name, [same[0], index]);
    else if (this.byKey.claim(textKey(name, '', ''), index) !== undefined) this.collided.set(name, index);
  }

  /** The tenants of each name used more than once. */
  public repeatedNames(): Array<readonly number[]> {
    return [...this.repeated.values()];
  }
}
