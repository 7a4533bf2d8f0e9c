/**
 * The fleet's first pass: every tenant checked (name, uniqueness, props, object names) before
 * anything is rendered, keeping only what rendering and lookups need: per tenant its namespace,
 * and the names. Models and merged props are dropped as soon as they are checked, so the fleet's
 * memory does not grow with its resolved size (the render pass merges and resolves again).
 */
import { ConfigProblem, OpenClawConfigError } from '../core/errors';
import { FleetProblem } from './errors';
import { tenantFingerprint, textKey } from './fingerprint';
import { isPlainObject } from '../output/manifest-yaml';
import { MAX_RELEASE_NAME_LENGTH } from '../core/names';
import { OpenClawChartProps } from '../props';
import { resolveModel } from '../model/resolve-model';
import { Model } from '../model/model';
import { DNS_LABEL } from '../core/patterns';
import { FleetWarnings } from './warnings';
import { ObjectOwners } from './owners';
import { ResolvedTenancy, TenancyMode, assignedNamespace, withTenantHost } from './tenancy';
import { ResolvedPolicy, checkPolicy } from './policy';
import { TenantClaims, checkReferences } from './references';
import { FleetClaims } from './claims';
import { TenantNames } from './tenant-names';
import { TenantNamespaces } from './tenant-namespaces';
import type { TenantList } from './tenant-snapshot';

/** @internal The platform's rules a tenant is checked and rendered under (plain data: they go to worker threads). */
export interface TenantRules {
  readonly tenancy: ResolvedTenancy;
  /** What a tenant may set; used with tenancy on. */
  readonly policy: ResolvedPolicy;
}

/** @internal The input of one tenant, as {@link FleetTenant} (kept here so workers need no fleet class). */
export interface TenantInput {
  readonly name: string;
  readonly namespace?: string;
  readonly props?: OpenClawChartProps;
}

/** @internal What the first pass keeps: the tenants (as given) and each one's namespace. */
export interface FleetIndex {
  readonly tenants: TenantList;
  readonly namespaces: TenantNamespaces;
  /** name -> the tenants of that name (several when the name is used in several namespaces). */
  readonly names: TenantNames;
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
 * @internal The props a valid tenant's chart is built from: the defaults with the tenant's props
 * merged over them, `releaseName` the tenant name and `namespace` resolved.
 */
export function tenantChartProps(defaults: OpenClawChartProps, tenant: TenantInput, rules: TenantRules): OpenClawChartProps {
  const given = tenant.props ?? {};
  const merged = withTenantHost(deepMerge(defaults, given) as OpenClawChartProps, given, rules.tenancy, tenant.name);
  return { ...merged, releaseName: tenant.name, namespace: tenantNamespace(tenant, defaults, merged, rules) };
}

/** The tenant's namespace: the one the fleet assigns, else the tenant's own, the defaults' or 'default'. */
function tenantNamespace(tenant: TenantInput, defaults: OpenClawChartProps, merged: OpenClawChartProps, rules: TenantRules): string {
  return assignedNamespace(rules.tenancy, tenant?.name, defaults) ?? tenant?.namespace ?? merged.namespace ?? 'default';
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
  /** With tenancy: the names the tenant's props write and the hosts it routes, when any (fleet-claims.ts). */
  readonly claims?: TenantClaims;
}

/**
 * @internal Checks one tenant on its own (in the fleet's thread or a worker); its model is dropped.
 * `names`: keep the objects' names beside their keys (a worker's reply leaves them out: smaller to
 * copy, and the fleet's thread needs them only when two keys meet).
 */
export function checkTenant(tenant: TenantInput, index: number, defaults: OpenClawChartProps, rules: TenantRules, names = true): TenantCheck {
  const problems: FleetProblem[] = [];
  const name = tenant?.name;
  const add = problemAdder(problems, name, index);
  const nameOk = checkTenantName(name, add);
  const given = tenant?.props ?? {};
  if (given.releaseName !== undefined && given.releaseName !== name) {
    add('releaseName', 'must not be set: the tenant name is the release name', given.releaseName);
  }
  const merged = withTenantHost(deepMerge(defaults, given) as OpenClawChartProps, given, rules.tenancy, name);
  const namespace = tenantNamespace(tenant, defaults, merged, rules);
  let claims: TenantClaims | undefined;
  if (rules.tenancy.mode === TenancyMode.OFF) {
    if (tenant?.namespace !== undefined && given.namespace !== undefined && given.namespace !== tenant.namespace) {
      add('namespace', `conflicts with the tenant's namespace "${tenant.namespace}": set one of them`, given.namespace);
    }
  } else if (nameOk) {
    // The fleet's namespace, whatever the tenant asks for (kube-system, another tenant's).
    for (const asked of [tenant.namespace, given.namespace]) {
      if (asked !== undefined && asked !== namespace) add('namespace', `a tenant may not choose its namespace: the fleet assigns "${namespace}"`, asked);
    }
    if (rules.tenancy.mode === TenancyMode.NAMESPACE_PER_TENANT && (namespace.length > 63 || !DNS_LABEL.test(namespace))) {
      add('name', `gives the namespace "${namespace}" (tenancy.namespaceTemplate), which is not a DNS label of at most 63 characters: shorten the tenant name or the template`, name);
    }
    // The tenant's own props only: the defaults are the platform's.
    const checked = checkReferences(name, given, merged, namespace, rules.tenancy, add);
    checkPolicy(given as Record<string, unknown>, rules.policy, checked.refused, add);
    if (checked.claims.refs.length || checked.claims.routes.length) claims = checked.claims;
  }
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
    ...(claims ? { claims } : {}),
  };
}

/**
 * @internal Checks every tenant: `checks` yields each tenant's own check in tenant order (made here
 * or by worker threads); names and object names are then checked across tenants. Returns all
 * problems, in tenant order, and the index.
 */
export function validateFleet(
  tenants: TenantList, defaults: OpenClawChartProps, plainData: boolean, strict: boolean,
  checks: (each: (index: number, check: TenantCheck) => void) => void, rules: TenantRules,
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
  if (rules.tenancy.mode === TenancyMode.NAMESPACE_PER_TENANT && defaults.namespace !== undefined) {
    problems.push({
      path: 'defaults.namespace', propsPath: 'namespace', value: defaults.namespace,
      message: `must not be set with a namespace per tenant: each tenant's is "${rules.tenancy.namespaceTemplate}" (tenancy.namespaceTemplate)`,
    });
  }
  const { names, namespaces } = tenantIndexes(tenants, defaults, rules);
  // A tenant checked again: only when a key another tenant took must be confirmed.
  const recheck = (i: number) => checkTenant(tenants.at(i), i, defaults, rules);
  const owners = new ObjectOwners((i) => namespaces.get(i), (i) => recheck(i).objects ?? []);
  const claims = new FleetClaims((i) => tenants.name(i), (i) => problemAdder(problems, tenants.name(i), i), (i) => recheck(i).claims);
  const valid = new Uint8Array(tenants.length);

  checks((index, check) => {
    for (const p of check.problems) problems.push(p);
    const namespace = namespaces.add(index, check.namespace);
    if (fingerprints && check.fingerprint) fingerprints.set(check.fingerprint, 2 * index);
    if (!check.nameOk) return;
    const name = tenants.name(index);
    const add = problemAdder(problems, name, index);
    if (strict) for (const w of check.warnings) add(w.path, w.message, ...('value' in w ? [w.value] : []));
    else warnings.add(name, check.warnings);
    const first = names.get(name).find((i) => namespaces.get(i) === namespace);
    if (first !== undefined) {
      add('name', `duplicate tenant name in namespace "${namespace}" (also tenants[${first}])`, name);
      return;
    }
    names.add(name, index);
    const clash = owners.claimAll(namespace, check.objectKeys ?? [], index, check.objects);
    if (clash !== undefined) {
      const [kind, objectName] = clash.object;
      add('name', `its ${kind} "${objectName}" in namespace "${namespace}" is also rendered by tenant "${tenants.name(clash.owner)}" `
        + `(tenants[${clash.owner}]): rename one of them or set fullnameOverride`, name);
      return;
    }
    valid[index] = 1;
    claims.add(index, check.claims);
  });
  if (rules.tenancy.mode === TenancyMode.SHARED_NAMESPACE) claims.checkSharedNames(tenants.length, defaults, (i) => valid[i] === 1);
  return { problems, index: { tenants, namespaces, names, plainData, fingerprints }, warnings };
}

/**
 * The indexes of names and namespaces the fleet keeps. Made outside validateFleet: a closure made
 * there would keep that call's whole scope alive with the index (V8 closures share their scope),
 * and with it the cross-tenant tables, 12 MB at 100,000 tenants.
 */
function tenantIndexes(tenants: TenantList, defaults: OpenClawChartProps, rules: TenantRules): { names: TenantNames; namespaces: TenantNamespaces } {
  const names = new TenantNames((i) => tenants.name(i));
  const namespaces = new TenantNamespaces((i) => assignedNamespace(rules.tenancy, tenants.name(i), defaults));
  return { names, namespaces };
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
