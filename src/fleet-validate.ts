/**
 * The fleet's first pass: every tenant checked (name, uniqueness, props, object names) before
 * anything is rendered, keeping only what rendering and lookups need: per tenant its namespace,
 * and the names. Models and merged props are dropped as soon as they are checked, so the fleet's
 * memory does not grow with its resolved size (the render pass merges and resolves again).
 */
import { ConfigProblem, OpenClawConfigError } from './errors';
import { FleetProblem, OpenClawFleetError } from './fleet-error';
import { listItems, snapshotData } from './snapshot';
import { tenantFingerprint, textKey } from './fleet-fingerprint';
import { isPlainObject } from './manifest-yaml';
import { ObjectOwners } from './fleet-owners';
import { MAX_RELEASE_NAME_LENGTH } from './names';
import { OpenClawChartProps } from './props';
import { resolveModel } from './model';
import { Model } from './resolve';
import { DNS_LABEL } from './formats';
import { FleetWarnings } from './fleet-warnings';
import { FleetTenancy, TenantClaims, checkIsolation, tenantNamespace } from './fleet-tenancy';

/** @internal The input of one tenant, as {@link FleetTenant} (kept here so workers need no fleet class). */
export interface TenantInput {
  readonly name: string;
  readonly namespace?: string;
  readonly props?: OpenClawChartProps;
}

/** @internal What the first pass keeps: the tenants (as given) and each one's namespace. */
export interface FleetIndex {
  readonly tenants: readonly TenantInput[];
  readonly namespaces: readonly string[];
  /** name -> index of the tenant, or indexes when the name is used in several namespaces. */
  readonly byName: ReadonlyMap<string, number | number[]>;
  /** Every tenant's props and the defaults are plain JSON data: they can be copied to a worker thread. */
  readonly plainData: boolean;
  /**
   * Tenant i's fingerprint when it was checked (tenant-fingerprint.ts) at [2i, 2i + 1]; absent when
   * the fleet is not plain data (its tenants are then checked again when rendered).
   */
  readonly fingerprints?: Int32Array;
}

/**
 * `override` deep-merged over `base`: plain objects merge key by key, anything else replaces,
 * `undefined` keeps the base value. Neither input is modified.
 */
export function deepMerge<T>(base: T, override: unknown): T {
  if (override === undefined) return base;
  if (!isPlainObject(base) || !isPlainObject(override)) return override as T;
  const out: Record<string, unknown> = { ...base };
  for (const key of Object.keys(override)) {
    const value = override[key];
    if (value === undefined) continue;
    const merged = Object.prototype.hasOwnProperty.call(base, key) ? deepMerge(base[key], value) : value;
    // A key, never a prototype: snapshots refuse "__proto__", and this merge would not make one either.
    Object.defineProperty(out, key, { value: merged, enumerable: true, writable: true, configurable: true });
  }
  return out as T;
}

/**
 * @internal The fleet's input read once (src/snapshot.ts): the defaults and every tenant (name,
 * namespace, props) as plain data, which is all the fleet reads afterwards. Throws
 * OpenClawFleetError naming each getter, Proxy trap, prototype key or non-data value.
 */
export function snapshotFleet(tenants: unknown, defaults: unknown, namespaceTemplate?: string): { tenants: TenantInput[]; defaults: OpenClawChartProps } {
  const problems: FleetProblem[] = [];
  const d = snapshotData(defaults ?? {}, 'props');
  for (const p of d.problems) problems.push({ path: `defaults.${p.path}`, propsPath: p.path, message: p.message });
  const list = listItems(tenants ?? [], 'props');
  for (const p of list.problems) problems.push({ path: `tenants${p.path.startsWith('[') ? p.path : ''}`, propsPath: p.path, message: p.message });
  // One tenant copied at a time: at 100,000 tenants, a copy of them all would double the peak memory.
  const out = list.items.map((item, index) => {
    const t = snapshotData(item, 'props');
    const name = t.data?.name;
    const label = typeof name === 'string' && name ? name : `tenants[${index}]`;
    for (const p of t.problems) {
      const rest = p.path === '(props)' ? '(tenant)' : p.path;
      const propsPath = rest.startsWith('props.') ? rest.slice('props.'.length) : rest;
      problems.push({ path: `${label}: ${propsPath}`, propsPath, message: p.message, tenant: label, index });
    }
    let namespace = t.data?.namespace;
    if (namespaceTemplate !== undefined && typeof name === 'string') {
      const assigned = tenantNamespace(namespaceTemplate, name);
      if (namespace !== undefined && namespace !== assigned) {
        problems.push({ path: `${label}: namespace`, propsPath: 'namespace', message: `must not be set: tenancy.namespaceTemplate gives "${assigned}"`, tenant: label, index, value: namespace });
      }
      namespace = assigned;
    }
    return new TenantSnapshot(t.data?.name, namespace, t.data?.props, t.jsonExact);
  });
  if (problems.length) throw new OpenClawFleetError(problems);
  return { tenants: out, defaults: d.data };
}

/**
 * A tenant as read once. Its props are kept as JSON text when that holds them exactly (296 bytes
 * per benchmark tenant, 504 as objects); each read parses the same data anew.
 */
class TenantSnapshot implements TenantInput {
  private readonly json?: string;
  private readonly data?: OpenClawChartProps;

  constructor(public readonly name: string, public readonly namespace: string | undefined, props: OpenClawChartProps | undefined, exact: boolean) {
    if (exact && props !== undefined && props !== null) this.json = JSON.stringify(props);
    else this.data = props;
  }

  public get props(): OpenClawChartProps | undefined {
    return this.json === undefined ? this.data : JSON.parse(this.json);
  }
}

/**
 * @internal The props a valid tenant's chart is built from: the defaults with the tenant's props
 * merged over them, `releaseName` the tenant name and `namespace` resolved.
 */
export function tenantChartProps(defaults: OpenClawChartProps, tenant: TenantInput): OpenClawChartProps {
  const merged = deepMerge(defaults, tenant.props ?? {}) as OpenClawChartProps;
  return { ...merged, releaseName: tenant.name, namespace: tenant.namespace ?? merged.namespace ?? 'default' };
}

/** @internal What one tenant's own check finds: everything that does not need the other tenants. */
export interface TenantCheck {
  /** In the order the fleet reports them: name, releaseName, namespace, then the props. */
  readonly problems: FleetProblem[];
  readonly nameOk: boolean;
  readonly namespace: string;
  /**
   * [kind, name] of the objects whose names must be unique per namespace; undefined when the props
   * are invalid, or when the check was made for a worker's reply (the keys suffice there).
   */
  readonly objects?: Array<[string, string]>;
  /** The textKey of (namespace, kind, name) of each of those objects, in the same order. */
  readonly objectKeys?: number[];
  /** The warnings of the tenant's props (legal but dangerous settings), paths as in its props. */
  readonly warnings: readonly ConfigProblem[];
  /** The fingerprint of the tenant as checked; undefined when it is not plain data. */
  readonly fingerprint?: [number, number];
  /** With isolation: [path, name] of what its props name and host names they route (fleet-tenancy.ts). */
  readonly claims?: TenantClaims;
}

/**
 * @internal Checks one tenant on its own (in the fleet's thread or a worker); its model is dropped.
 * `names`: keep the objects' names beside their keys (a worker's reply leaves them out: smaller to
 * copy, and the fleet's thread needs them only when two keys meet).
 */
export function checkTenant(
  tenant: TenantInput, index: number, defaults: OpenClawChartProps, names = true, tenancy: FleetTenancy = {},
): TenantCheck {
  const problems: FleetProblem[] = [];
  const name = tenant?.name;
  const add = problemAdder(problems, name, index);
  const nameOk = checkTenantName(name, add);
  const given = tenant?.props ?? {};
  if (given.releaseName !== undefined && given.releaseName !== name) {
    add('releaseName', 'must not be set: the tenant name is the release name', given.releaseName);
  }
  const isolated = tenancy.isolation !== false;
  if (!isolated && tenant?.namespace !== undefined && given.namespace !== undefined && given.namespace !== tenant.namespace) {
    add('namespace', `conflicts with the tenant's namespace "${tenant.namespace}": set one of them`, given.namespace);
  }
  const merged = deepMerge(defaults, given) as OpenClawChartProps;
  // With isolation the tenant's own `namespace` never moves it (it is refused unless it is this one).
  const assigned = tenant?.namespace ?? defaults.namespace ?? 'default';
  const namespace = isolated ? assigned : tenant?.namespace ?? merged.namespace ?? 'default';
  const claims = isolated && nameOk
    ? checkIsolation(name, given, merged, assigned, tenancy.namespaceTemplate !== undefined, add) : undefined;
  let model: Model | undefined;
  try {
    model = resolveModel({ ...merged, releaseName: nameOk ? name : undefined, namespace }, nameOk ? name : 'openclaw');
  } catch (e) {
    if (!(e instanceof OpenClawConfigError)) throw e;
    for (const p of e.problems) {
      if (!nameOk && p.path === 'releaseName') continue; // the name was already reported
      add(p.path, p.message, ...('value' in p ? [p.value] : []));
    }
  }
  const objects = model && nameOk ? objectNames(model) : undefined;
  return {
    problems, nameOk, namespace, objects: names ? objects : undefined,
    objectKeys: objects?.map(([kind, objectName]) => textKey(namespace, kind, objectName)),
    warnings: model?.warnings ?? [], fingerprint: tenantFingerprint(tenant?.name, tenant?.namespace, tenant?.props),
    ...(claims?.refs || claims?.hosts ? { claims } : {}),
  };
}

/**
 * @internal Checks every tenant: `checks` yields each tenant's own check in tenant order (made here
 * or by worker threads); names and object names are then checked across tenants. Returns all
 * problems, in tenant order, and the index.
 */
export function validateFleet(
  tenants: readonly TenantInput[], defaults: OpenClawChartProps, plainData: boolean, strict: boolean,
  checks: (each: (index: number, check: TenantCheck) => void) => void, tenancy: FleetTenancy = {},
): { problems: FleetProblem[]; index: FleetIndex; warnings: FleetWarnings } {
  const problems: FleetProblem[] = [];
  const warnings = new FleetWarnings();
  const fingerprints = plainData ? new Int32Array(2 * tenants.length) : undefined;
  if (defaults.releaseName !== undefined) {
    problems.push({
      path: 'defaults.releaseName', propsPath: 'releaseName', value: defaults.releaseName,
      message: 'must not be set: each tenant\'s name is its release name',
    });
  }
  const namespaces: string[] = [];
  const interned = new Map<string, string>();
  const byName = new Map<string, number | number[]>();
  const owners = new ObjectOwners(namespaces, (i) => checkTenant(tenants[i], i, defaults, true, tenancy).objects ?? []);
  // Host names by the tenant routing them; references under a prefix, checked once every tenant's objects are known.
  const hosts = new Map<string, number>();
  const refs: Array<{ readonly index: number; readonly path: string; readonly name: string }> = [];

  checks((index, check) => {
    for (const p of check.problems) problems.push(p);
    // One string per namespace, not one per tenant (a worker's reply carries copies).
    let namespace = interned.get(check.namespace);
    if (namespace === undefined) interned.set(check.namespace, namespace = check.namespace);
    namespaces.push(namespace);
    if (fingerprints && check.fingerprint) fingerprints.set(check.fingerprint, 2 * index);
    if (!check.nameOk) return;
    const name = tenants[index].name;
    const add = problemAdder(problems, name, index);
    if (strict) for (const w of check.warnings) add(w.path, w.message, ...('value' in w ? [w.value] : []));
    else warnings.add(name, check.warnings);
    const same = byName.get(name);
    const first = same === undefined ? undefined : (typeof same === 'number' ? [same] : same).find((i) => namespaces[i] === namespace);
    if (first !== undefined) {
      add('name', `duplicate tenant name in namespace "${namespace}" (also tenants[${first}])`, name);
      return;
    }
    if (same === undefined) byName.set(name, index);
    else if (typeof same === 'number') byName.set(name, [same, index]);
    else same.push(index);
    const keys = check.objectKeys ?? [];
    for (let j = 0; j < keys.length; j++) {
      const clash = owners.claim(namespace, keys[j], index, j, check.objects);
      if (clash !== undefined) {
        const [kind, objectName] = clash.object;
        add('name', `its ${kind} "${objectName}" in namespace "${namespace}" is also rendered by tenant "${tenants[clash.owner].name}" `
          + `(tenants[${clash.owner}]): rename one of them or set fullnameOverride`, name);
        return;
      }
    }
    for (const [path, host] of check.claims?.hosts ?? []) {
      const owner = hosts.get(host);
      if (owner === undefined) hosts.set(host, index);
      else if (owner !== index) add(path, `routes "${host}", which tenant "${tenants[owner].name}" (tenants[${owner}]) routes: a host name belongs to one tenant`);
    }
    for (const [path, ref] of check.claims?.refs ?? []) refs.push({ index, path, name: ref });
  });
  for (const { index, path, name } of refs) {
    const owner = owners.prefixOwner(namespaces[index], name, index);
    if (owner !== undefined) {
      problemAdder(problems, tenants[index].name, index)(path, `names "${name}", which is tenant "${tenants[owner].name}"'s (tenants[${owner}]): a tenant's references must name its own objects`);
    }
  }
  return { problems, index: { tenants, namespaces, byName, plainData, fingerprints }, warnings };
}

/** Adds problems of the tenant at `index`, prefixed with its name (or `tenants[i]` without a usable one). */
function problemAdder(problems: FleetProblem[], name: unknown, index: number) {
  const label = typeof name === 'string' && name ? name : `tenants[${index}]`;
  return (propsPath: string, message: string, ...value: unknown[]) => {
    problems.push({ path: `${label}: ${propsPath}`, propsPath, message, tenant: label, index, ...(value.length ? { value: value[0] } : {}) });
  };
}

function checkTenantName(name: unknown, add: (path: string, message: string, ...value: unknown[]) => void): name is string {
  if (typeof name !== 'string' || !DNS_LABEL.test(name)) {
    add('name', 'the tenant name must be a DNS label: lower case letters, digits and "-", starting and ending with a letter or digit', name);
    return false;
  }
  if (name.length > MAX_RELEASE_NAME_LENGTH) {
    add('name', `the tenant name must be at most ${MAX_RELEASE_NAME_LENGTH} characters (it is the release name, as in Helm)`, name);
    return false;
  }
  return true;
}

/** The objects a tenant creates whose names must be unique per namespace and kind. */
function objectNames(model: Model): Array<[string, string]> {
  const names: Array<[string, string]> = [
    ['StatefulSet', model.names.statefulSet],
    ['Service', model.names.service],
    ['Service', model.names.headlessService],
  ];
  if (model.managedConfig) names.push(['ConfigMap', model.names.managedConfigMap]);
  if (Object.keys(model.configFiles).length) names.push(['ConfigMap', model.names.configFilesConfigMap]);
  if (model.replicaEnv.size) names.push(['ConfigMap', model.names.replicaEnvConfigMap]);
  if (Object.keys(model.secretData).length) names.push(['Secret', model.names.secret]);
  if (model.createServiceAccount) names.push(['ServiceAccount', model.names.serviceAccount]);
  return names;
}
