/**
 * The fleet's one error: every problem of every tenant, found before anything is rendered.
 */
import { ConfigProblem, OpenClawConfigError, describeValue, formatProblem } from '../core/errors';

/** A problem of one tenant (or of the fleet's defaults): a {@link ConfigProblem} that says where. */
export interface FleetProblem extends ConfigProblem {
  /** The tenant's name; undefined for a problem of the shared defaults. */
  readonly tenant?: string;
  /** Index of the tenant in `tenants`; undefined for a problem of the shared defaults. */
  readonly index?: number;
  /** The path within the tenant's (merged) props, e.g. `service.port`; `path` is prefixed with the tenant. */
  readonly propsPath: string;
}

/**
 * All problems of a fleet, found before anything is rendered. `problems` has one entry per tenant
 * and problem, each `path` prefixed with the tenant's name (`alice: service.port`); the message
 * lists a problem that many tenants share (typically one that comes from the defaults) once,
 * with the tenants it concerns. TypeScript only, as OpenClawConfigError.
 * @jsii ignore
 */
export class OpenClawFleetError extends OpenClawConfigError {
  public readonly problems: readonly FleetProblem[];

  constructor(problems: readonly FleetProblem[]) {
    super(problems);
    const groups = new Map<string, FleetProblem[]>();
    for (const p of problems) {
      const key = `${p.propsPath}\0${p.message}\0${'value' in p ? describeValue(p.value) : ''}`;
      const group = groups.get(key);
      if (group) group.push(p); else groups.set(key, [p]);
    }
    const lines = [...groups.values()].map((group) => {
      if (group.length === 1) return `  - ${formatProblem(group[0])}`;
      const names = group.slice(0, 5).map((p) => p.tenant).join(', ');
      const more = group.length > 5 ? ` and ${group.length - 5} more` : '';
      return `  - ${group.length} tenants (${names}${more}): ${formatProblem({ ...group[0], path: group[0].propsPath })}`;
    });
    const tenants = new Set(problems.filter((p) => p.index !== undefined).map((p) => p.index)).size;
    const where = tenants ? ` in ${tenants} tenant${tenants === 1 ? '' : 's'}` : '';
    this.message = `Invalid OpenClaw fleet (${problems.length} problem${problems.length === 1 ? '' : 's'}${where}):\n${lines.join('\n')}`;
    this.name = 'OpenClawFleetError';
    this.problems = problems;
  }
}

/** A tenant's chart problems as fleet problems: prefixed with the tenant, with its index. */
export function tenantProblems(tenant: string, index: number, problems: readonly ConfigProblem[]): FleetProblem[] {
  return problems.map((p) => ({ ...p, path: `${tenant}: ${p.path}`, propsPath: p.path, tenant, index }));
}
