/**
 * Each tenant's namespace, as the fleet keeps it: with tenancy the fleet assigns it (from the
 * tenant's name, or the one shared namespace), so nothing is kept and it is made again when
 * asked for; with tenancy off the namespace each tenant was checked in, one string per
 * namespace. At 100,000 tenants a string per tenant was 4 MB of the fleet's heap.
 */

/** Distinct namespaces given one shared string (a team's namespace is used by many tenants). */
const MAX_INTERNED = 4096;

/** @internal The namespace of each tenant of a fleet. */
export class TenantNamespaces {
  /** The namespaces not assigned by the fleet (tenancy off), by tenant. */
  private readonly own: string[] = [];
  private readonly interned = new Map<string, string>();

  /** `assigned(i)`: the namespace the fleet assigns tenant i, or undefined (tenancy off). */
  constructor(private readonly assigned: (index: number) => string | undefined) {}

  /** Records tenant `index`'s namespace (indexes in order); returns it. */
  public add(index: number, namespace: string): string {
    if (this.assigned(index) === namespace) return namespace;
    let shared = this.interned.get(namespace);
    if (shared === undefined) {
      shared = namespace;
      if (this.interned.size < MAX_INTERNED) this.interned.set(namespace, namespace);
    }
    this.own[index] = shared;
    return shared;
  }

  /** Tenant `index`'s namespace. */
  public get(index: number): string {
    return this.own[index] ?? this.assigned(index)!;
  }
}
