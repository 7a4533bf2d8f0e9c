/**
 * The fleet's first pass by tenant shape (shapes.ts): a tenant whose props and namespace are
 * those of an earlier tenant but for its name gets that shape's check with its name filled in,
 * instead of resolving and checking its props again (the most expensive part of a large fleet).
 *
 * Made and used under the conditions of shapes.ts: the name is an opaque token (shapeKey);
 * the shape checked with two placeholder names gives the same result with either filled in; the
 * result filled in with the shape's second tenant's name equals that tenant's own check; and only a
 * check without problems is reused (a tenant with problems is checked on its own, so its messages
 * carry its own index). The object keys and the fingerprint are computed for each tenant.
 * test/fleet/shapes.test.ts compares random fleets' checks and files with the plain path.
 */
import { tenantFingerprint, textKey } from './fingerprint';
import { SHAPE_COUNTS, asPlaceholder, placeholder, shapeKey } from './shapes';
import { TenantCheck, TenantInput, TenantRules, checkTenant } from './validate';
import { OpenClawChartProps } from '../props';

const MAX_SEEN = 4096;
const MAX_TEMPLATES = 256;

/** A check with its placeholder name in it (no fingerprint, no object keys: made per tenant). */
interface CheckTemplate {
  readonly check: TenantCheck;
  readonly placeholder: string;
}

/** @internal One thread's check shapes of one fleet. */
export class FleetCheckShapes {
  private readonly seen = new Set<string>();
  private readonly templates = new Map<string, CheckTemplate | null>();

  constructor(private readonly defaults: OpenClawChartProps, private readonly rules: TenantRules) {}

  /** checkTenant(tenant, index, defaults, rules, names), from the tenant's shape when it has one. */
  public check(tenant: TenantInput, index: number, names: boolean): TenantCheck {
    const { defaults, rules } = this;
    const props = tenant?.props;
    const key = tenant && typeof tenant === 'object' ? shapeKey({ ...tenant, props }, [defaults.nameOverride, props?.nameOverride]) : undefined;
    if (key === undefined) return checkTenant(tenant, index, defaults, rules, names);
    const template = this.templates.get(key);
    if (template) return instantiate(template, { name: tenant.name, namespace: tenant.namespace, props }, names);
    if (template === null || !this.seen.has(key)) {
      if (template === undefined) {
        if (this.seen.size >= MAX_SEEN) this.seen.clear();
        this.seen.add(key);
      }
      return checkTenant(tenant, index, defaults, rules, names);
    }
    const own = checkTenant(tenant, index, defaults, rules, true);
    if (this.templates.size < MAX_TEMPLATES) this.templates.set(key, this.makeTemplate({ name: tenant.name, namespace: tenant.namespace, props }, index, own));
    return names ? own : { ...own, objects: undefined };
  }

  private makeTemplate(tenant: TenantInput, index: number, own: TenantCheck): CheckTemplate | null {
    const p1 = placeholder(tenant.name.length, 'qzxj');
    const p2 = placeholder(tenant.name.length, 'xjqz');
    let one: TenantCheck;
    let two: TenantCheck;
    try {
      one = checkTenant(asPlaceholder(tenant, p1) as TenantInput, index, this.defaults, this.rules, true);
      two = checkTenant(asPlaceholder(tenant, p2) as TenantInput, index, this.defaults, this.rules, true);
    } catch {
      return null;
    }
    if (one.problems.length || two.problems.length || own.problems.length || !one.nameOk) return null;
    const template = { check: strip(one), placeholder: p1 };
    if (!same(fillIn(template.check, p1, p2), strip(two)) || !same(fillIn(template.check, p1, tenant.name), strip(own))) return null;
    return template;
  }
}

function strip(check: TenantCheck): TenantCheck {
  const { fingerprint: _f, objectKeys: _k, ...rest } = check;
  return rest as TenantCheck;
}

function instantiate(template: CheckTemplate, tenant: TenantInput, names: boolean): TenantCheck {
  SHAPE_COUNTS.checks++;
  const check = fillIn(template.check, template.placeholder, tenant.name) as TenantCheck;
  return {
    ...check,
    objects: names ? check.objects : undefined,
    objectKeys: check.objects?.map(([kind, name]) => textKey(check.namespace, kind, name)),
    fingerprint: tenantFingerprint(tenant.name, tenant.namespace, tenant.props),
  };
}

/** `value` with every `from` in its strings (keys included) replaced by `to`. */
function fillIn(value: any, from: string, to: string): any {
  if (typeof value === 'string') return value.includes(from) ? value.split(from).join(to) : value;
  if (Array.isArray(value)) return value.map((v) => fillIn(v, from, to));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[fillIn(k, from, to)] = fillIn(v, from, to);
    return out;
  }
  return value;
}

/** Deep equality of plain data (Object.is for everything else). */
function same(a: any, b: any): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  if (Object.getPrototypeOf(a) !== Object.prototype && !Array.isArray(a)) return false;
  if (Object.getPrototypeOf(b) !== Object.prototype && !Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && same(a[k], b[k]));
}

/** This thread's check shapes for the fleet with these rules (a worker serves one fleet). */
const shapesOf = new WeakMap<TenantRules, FleetCheckShapes>();

/** @internal checkTenant through this thread's shapes of the fleet with these defaults and rules. */
export function checkTenantByShape(tenant: TenantInput, index: number, defaults: OpenClawChartProps, rules: TenantRules, names = true): TenantCheck {
  let shapes = shapesOf.get(rules);
  if (!shapes || (shapes as any).defaults !== defaults) shapesOf.set(rules, shapes = new FleetCheckShapes(defaults, rules));
  return shapes.check(tenant, index, names);
}
