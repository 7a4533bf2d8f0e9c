/**
 * A fleet's warnings, readable at 100,000 tenants: one entry per distinct (path, message) with the
 * number of tenants it concerns, in the order first seen. Kept per tenant, so that no tenant's
 * warnings push out another's: a dangerous warning (ConfigProblem.dangerous: privileged, hostPath,
 * an RBAC escalation, ...) is listed with every tenant that has it; a harmless one that one tenant
 * repeats (the same path but for list indices) is listed MAX_REPEATS times for that tenant and
 * counted beyond. Memory grows with the tenants' own props, never with another tenant's.
 */
import { ConfigProblem, formatWarning } from '../core/errors';

/** A warning (a legal but dangerous or ineffective setting) shared by one or more tenants. */
export interface FleetWarning {
  /** The path within the tenants' props, e.g. `rbac.rules[0]`. */
  readonly path: string;
  /** What is dangerous or ineffective about the setting. */
  readonly message: string;
  /** How many tenants have this warning. */
  readonly tenants: number;
  /** The tenants that have it, in tenant order: every one for a dangerous warning, the first 5 otherwise. */
  readonly examples: string[];
  /** Whether the setting relaxes a security control (docs/security-warnings.md): such warnings are never capped. */
  readonly dangerous: boolean;
}

/** @internal Names kept per harmless warning, and named per line on stderr. */
export const MAX_EXAMPLES = 5;
/** @internal Harmless warnings listed per tenant and path pattern (`networkPolicy.allowedNamespaces[].matchLabels.name`). */
export const MAX_REPEATS = 5;

interface Entry {
  readonly path: string;
  readonly message: string;
  readonly dangerous: boolean;
  tenants: number;
  readonly examples: string[];
  /** The last tenant counted: a tenant with the same warning twice counts once. */
  last: string;
}

/** A tenant's harmless repeats beyond MAX_REPEATS, per path pattern, summed over the tenants. */
interface Unlisted {
  readonly pattern: string;
  warnings: number;
  tenants: number;
  readonly examples: string[];
  last: string;
}

/** @internal Aggregates the warnings of every tenant, in tenant order. */
export class FleetWarnings {
  private readonly byKey = new Map<string, Entry>();
  private readonly unlisted = new Map<string, Unlisted>();

  public add(tenant: string, warnings: readonly ConfigProblem[]): void {
    const repeats = new Map<string, number>();
    for (const w of warnings) {
      if (!w.dangerous) {
        const pattern = w.path.replace(/\[\d+\]/g, '[]');
        const n = (repeats.get(pattern) ?? 0) + 1;
        repeats.set(pattern, n);
        if (n > MAX_REPEATS) {
          this.countUnlisted(tenant, pattern);
          continue;
        }
      }
      const key = `${w.path}\0${w.message}`;
      let entry = this.byKey.get(key);
      if (!entry) this.byKey.set(key, entry = { path: w.path, message: w.message, dangerous: w.dangerous === true, tenants: 0, examples: [], last: '' });
      if (entry.tenants && entry.last === tenant) continue;
      entry.tenants++;
      entry.last = tenant;
      if (entry.dangerous || entry.examples.length < MAX_EXAMPLES) entry.examples.push(tenant);
    }
  }

  private countUnlisted(tenant: string, pattern: string): void {
    let u = this.unlisted.get(pattern);
    if (!u) this.unlisted.set(pattern, u = { pattern, warnings: 0, tenants: 0, examples: [], last: '' });
    u.warnings++;
    if (u.tenants && u.last === tenant) return;
    u.tenants++;
    u.last = tenant;
    if (u.examples.length < MAX_EXAMPLES) u.examples.push(tenant);
  }

  public list(): FleetWarning[] {
    return [...this.byKey.values()].map((e) => ({ path: e.path, message: e.message, tenants: e.tenants, examples: [...e.examples], dangerous: e.dangerous }));
  }

  /** The lines said on stderr, one per distinct warning, then one per path pattern whose repeats are not listed. */
  public lines(): string[] {
    const lines = this.list().map((w) => `${formatWarning({ path: w.path, message: w.message })} (${tenantList(w.tenants, w.examples)})`);
    for (const u of this.unlisted.values()) {
      lines.push(`Warning: ${u.warnings} more warnings at ${u.pattern} are not listed (${tenantList(u.tenants, u.examples)}): each tenant's harmless repeats are listed ${MAX_REPEATS} times`);
    }
    return lines;
  }
}

/** `tenant alice`, `3 tenants: alice, bob, carol`, `9 tenants: a, b, c, d, e and 4 more`. */
function tenantList(tenants: number, examples: readonly string[]): string {
  if (tenants === 1) return `tenant ${examples[0]}`;
  const named = examples.slice(0, MAX_EXAMPLES);
  const more = tenants > named.length ? ` and ${tenants - named.length} more` : '';
  return `${tenants} tenants: ${named.join(', ')}${more}`;
}
