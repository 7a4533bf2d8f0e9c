/**
 * A fleet's warnings, readable at 100,000 tenants: one entry per distinct (path, message) with the
 * number of tenants it concerns and the first few of them, in the order first seen. Memory is
 * bounded: at most MAX_DISTINCT entries and MAX_EXAMPLES names each, whatever the fleet's size.
 */
import { ConfigProblem, formatWarning } from './errors';

/** A warning (a legal but dangerous or ineffective setting) shared by one or more tenants. */
export interface FleetWarning {
  /** The path within the tenants' props, e.g. `rbac.rules[0]`. */
  readonly path: string;
  /** What is dangerous or ineffective about the setting. */
  readonly message: string;
  /** How many tenants have this warning. */
  readonly tenants: number;
  /** The first tenants that have it (at most 5), in tenant order. */
  readonly examples: readonly string[];
}

/** @internal Names kept per warning. */
export const MAX_EXAMPLES = 5;
/** @internal Distinct warnings kept; the others are counted only. */
export const MAX_DISTINCT = 1000;

interface Entry {
  readonly path: string;
  readonly message: string;
  tenants: number;
  readonly examples: string[];
}

/** @internal Aggregates the warnings of every tenant, in tenant order. */
export class FleetWarnings {
  private readonly byKey = new Map<string, Entry>();
  /** Tenant warnings whose (path, message) did not fit in MAX_DISTINCT. */
  private dropped = 0;
  private readonly droppedKinds = new Set<string>();

  public add(tenant: string, warnings: readonly ConfigProblem[]): void {
    for (const w of warnings) {
      const key = `${w.path}\0${w.message}`;
      let entry = this.byKey.get(key);
      if (!entry) {
        if (this.byKey.size >= MAX_DISTINCT) {
          this.dropped++;
          if (this.droppedKinds.size < MAX_DISTINCT) this.droppedKinds.add(key);
          continue;
        }
        entry = { path: w.path, message: w.message, tenants: 0, examples: [] };
        this.byKey.set(key, entry);
      }
      // A tenant with the same warning twice (it cannot today) counts once.
      if (entry.examples[entry.examples.length - 1] === tenant) continue;
      entry.tenants++;
      if (entry.examples.length < MAX_EXAMPLES) entry.examples.push(tenant);
    }
  }

  public list(): FleetWarning[] {
    return [...this.byKey.values()].map((e) => ({ path: e.path, message: e.message, tenants: e.tenants, examples: [...e.examples] }));
  }

  /** The lines said on stderr, one per distinct warning (and one for those not kept). */
  public lines(): string[] {
    const lines = this.list().map((w) => `${formatWarning(w)} (${tenantList(w)})`);
    if (this.dropped) {
      const kinds = this.droppedKinds.size >= MAX_DISTINCT ? `at least ${MAX_DISTINCT}` : String(this.droppedKinds.size);
      lines.push(`Warning: ${kinds} more distinct warnings (${this.dropped} in all) are not listed: the fleet lists the first ${MAX_DISTINCT}`);
    }
    return lines;
  }
}

/** `tenant alice`, `3 tenants: alice, bob, carol`, `9 tenants: a, b, c, d, e and 4 more`. */
function tenantList(w: FleetWarning): string {
  if (w.tenants === 1) return `tenant ${w.examples[0]}`;
  const more = w.tenants > w.examples.length ? ` and ${w.tenants - w.examples.length} more` : '';
  return `${w.tenants} tenants: ${w.examples.join(', ')}${more}`;
}
