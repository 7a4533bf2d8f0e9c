/**
 * The tenant policy: which props a tenant may set, and within which bounds. The platform writes
 * it with the fleet's `defaults`; a tenant's props (a form, a pull request) are held to it, the
 * defaults never are. Everything not listed is refused, so a prop the chart gains later is the
 * platform's until the policy names it.
 */
import { FleetProblem, OpenClawFleetError } from './errors';
import { quantityBytes } from '../core/quantity';
import { isPlainObject } from '../output/manifest-yaml';
import { mayBeCredential } from '../core/secret-patterns';
import { snapshotData } from '../props/snapshot';

/** What a tenant may set ({@link OpenClawFleetProps.policy}). Applies with tenancy on. */
export interface FleetPolicy {
  /**
   * Prop paths a tenant may set, dot-separated (`persistence.size`); a path allows everything
   * under it. Other props of a tenant are refused, naming the tenant and the path.
   * @default TENANT_SAFE_PROPS
   */
  readonly allow?: string[];
  /**
   * The largest `persistence.size` a tenant may ask for.
   * @default '20Gi'
   */
  readonly maxPersistenceSize?: string;
  /**
   * The largest CPU a tenant's `resources` may request or limit.
   * @default '2'
   */
  readonly maxCpu?: string;
  /**
   * The largest memory a tenant's `resources` may request or limit.
   * @default '4Gi'
   */
  readonly maxMemory?: string;
}

/**
 * What a tenant may set by default: its model, its chat channels, its state's size and its
 * resources (both bounded), and plain environment variables (no credentials, none of the
 * gateway's own `OPENCLAW_*`). Names, namespaces, Secrets, volumes, RBAC, network and pod
 * security are the platform's.
 */
export const TENANT_SAFE_PROPS: readonly string[] = ['agentModel', 'gateway.channels', 'persistence.size', 'resources', 'env'];

/** @internal The policy with its defaults, plain data (it goes to worker threads). */
export interface ResolvedPolicy {
  readonly allow: readonly string[];
  readonly maxPersistenceSize: string;
  readonly maxCpu: string;
  readonly maxMemory: string;
}

/** Paths another check reports with a better message (the namespace, the release name). */
const SAID_ELSEWHERE = new Set(['namespace', 'releaseName']);

/** @internal The fleet's policy read once and checked; throws OpenClawFleetError. */
export function resolvePolicy(value: unknown): ResolvedPolicy {
  const { data, problems } = snapshotData(value ?? {}, 'props');
  const out: FleetProblem[] = problems.map((p) => ({ ...p, path: `policy.${p.path}`, propsPath: p.path }));
  const given = (data ?? {}) as FleetPolicy;
  const add = (key: string, message: string, got: unknown) => out.push({ path: `policy.${key}`, propsPath: key, message, value: got });
  if (given.allow !== undefined && (!Array.isArray(given.allow) || !given.allow.every((a) => typeof a === 'string' && /^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$/.test(a)))) {
    add('allow', 'must be a list of dot-separated prop paths, e.g. ["agentModel", "persistence.size"]', given.allow);
  }
  for (const key of ['maxPersistenceSize', 'maxCpu', 'maxMemory'] as const) {
    const q = given[key];
    if (q !== undefined && !(typeof q === 'string' && quantityBytes(q) >= 0)) add(key, 'must be a Kubernetes quantity such as 2, 500m, 4Gi', q);
  }
  if (out.length) throw new OpenClawFleetError(out);
  return {
    allow: given.allow ?? [...TENANT_SAFE_PROPS],
    maxPersistenceSize: given.maxPersistenceSize ?? '20Gi',
    maxCpu: given.maxCpu ?? '2',
    maxMemory: given.maxMemory ?? '4Gi',
  };
}

type Add = (path: string, message: string, ...value: unknown[]) => void;

/** The allowed paths and their ancestors, made once per policy (per thread). */
const INDEXES = new WeakMap<ResolvedPolicy, { readonly allowed: Set<string>; readonly within: Set<string>; readonly said: string }>();

function indexOf(policy: ResolvedPolicy) {
  let index = INDEXES.get(policy);
  if (!index) {
    const within = new Set<string>();
    for (const path of policy.allow) {
      const parts = path.split('.');
      for (let i = 1; i < parts.length; i++) within.add(parts.slice(0, i).join('.'));
    }
    INDEXES.set(policy, index = { allowed: new Set(policy.allow), within, said: policy.allow.join(', ') });
  }
  return index;
}

/**
 * @internal Refuses each of a tenant's own props (`given`) outside the policy, at the first path
 * the policy does not cover, and the allowed ones out of bounds. `skip`: paths already refused
 * with a more precise message (src/fleet/references.ts).
 */
export function checkPolicy(given: Record<string, unknown>, policy: ResolvedPolicy, skip: ReadonlySet<string>, add: Add): void {
  const { allowed, within, said } = indexOf(policy);
  const walk = (value: unknown, path: string): void => {
    if (value === undefined || skip.has(path) || SAID_ELSEWHERE.has(path)) return;
    if (allowed.has(path)) return;
    if (within.has(path) && isPlainObject(value)) {
      for (const key of Object.keys(value)) walk(value[key], `${path}.${key}`);
      return;
    }
    add(path, `is not among the props a tenant may set (policy.allow: ${said})`);
  };
  for (const key of Object.keys(given)) walk(given[key], key);
  checkBounds(given, policy, allowed, add);
}

/** Bounds of what the default policy allows: the state's size, the resources, credential-free env. */
function checkBounds(given: Record<string, any>, policy: ResolvedPolicy, allowed: ReadonlySet<string>, add: Add): void {
  const size = given.persistence?.size;
  if ((allowed.has('persistence.size') || allowed.has('persistence')) && size !== undefined && quantityBytes(size) > quantityBytes(policy.maxPersistenceSize)) {
    add('persistence.size', `is more than a tenant may ask for (policy.maxPersistenceSize: ${policy.maxPersistenceSize})`, size);
  }
  if (allowed.has('resources')) {
    for (const kind of ['limits', 'requests'] as const) {
      const list = given.resources?.[kind];
      if (!isPlainObject(list)) continue;
      for (const [name, q] of Object.entries(list)) {
        const max = name === 'cpu' ? policy.maxCpu : name === 'memory' ? policy.maxMemory : undefined;
        if (max === undefined) add(`resources.${kind}.${name}`, 'a tenant\'s resources may name cpu and memory only');
        else if (q !== undefined && quantityBytes(q as string) > quantityBytes(max)) {
          add(`resources.${kind}.${name}`, `is more than a tenant may ask for (policy.${name === 'cpu' ? 'maxCpu' : 'maxMemory'}: ${max})`, q);
        }
      }
    }
  }
  if (allowed.has('env') && isPlainObject(given.env)) {
    for (const [name, value] of Object.entries(given.env)) {
      if (/^OPENCLAW_/.test(name)) {
        add(`env.${name}`, 'is the platform\'s: OPENCLAW_* variables configure the gateway itself (its token, state and updates)');
      } else if (mayBeCredential(name, value)) {
        // Never the value: it may be the credential.
        add(`env.${name}`, 'a tenant\'s env may not hold credentials (a name or value that looks like one): the platform provides them through Secrets');
      }
    }
  }
}
