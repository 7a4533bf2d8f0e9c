/**
 * A tenant's references resolve only to its own objects. Whatever the policy lets a tenant set,
 * each name its props write (a ServiceAccount, Secret, ConfigMap, claim, TLS Secret, the RBAC
 * subject) must be the tenant's: `<fullname>` or `<fullname>-...` (claims also the StatefulSet's
 * own `data-<fullname>-<n>` and `backups-<fullname>-<n>`). In a shared namespace one tenant's
 * prefix can cover another's names ("alice-openclaw-x" under "alice-openclaw-"): fleet-claims.ts
 * refuses those once every tenant is known. Hosts are claimed here and owned there too.
 */
import { rbacEscalations } from '../check/rbac-escalation';
import { VOLUMES } from '../core/pod-layout';
import { fullName } from '../core/names';
import { OpenClawChartProps } from '../props';
import { ResolvedTenancy, TenancyMode, fromTemplate } from './tenancy';

type Add = (path: string, message: string, ...value: unknown[]) => void;

/** @internal What a tenant's props claim, checked across tenants (fleet-claims.ts). */
export interface TenantClaims {
  /** [path, name] of the names the tenant's props write (its own by prefix). */
  readonly refs: Array<[string, string]>;
  /** [path, host, url path] of each host and path the tenant routes (host in lower case). */
  readonly routes: Array<[string, string, string]>;
}

/** The volume sources a tenant may write: its own data, nothing of the node's or the cluster's. */
const TENANT_VOLUME_SOURCES = new Set(['name', 'emptyDir', 'configMap', 'secret', 'persistentVolumeClaim', 'projected', 'downwardAPI']);

/**
 * @internal Checks the names a tenant's own props (`given`) write; `merged`: the props its chart
 * is built from. Returns the paths it refused (the policy does not say them again) and the claims.
 */
export function checkReferences(
  tenant: string, given: OpenClawChartProps, merged: OpenClawChartProps, namespace: string, tenancy: ResolvedTenancy, add: Add,
): { readonly refused: Set<string>; readonly claims: TenantClaims } {
  const refused = new Set<string>();
  const refuse: Add = (path, message, ...value) => {
    refused.add(path);
    add(path, message, ...value);
  };
  // A tenant's object names derive from its name: one naming itself "alice" would own alice's names.
  for (const key of ['nameOverride', 'fullnameOverride'] as const) {
    if (given[key] !== undefined) refuse(key, 'is the platform\'s: a tenant\'s object names derive from its tenant name', given[key]);
  }
  const full = fullName(tenant, merged.nameOverride, merged.fullnameOverride);
  const refs: Array<[string, string]> = [];
  const ref = (path: string, name: unknown, claim = false) => {
    if (typeof name !== 'string' || name === '') return;
    if (isOwn(full, name, claim)) {
      refs.push([path, name]);
      return;
    }
    refuse(path, `names "${name}", which is not this tenant's: a tenant's references must name its own objects, "${full}" or "${full}-..."`
      + `${claim ? ` (claims also "${VOLUMES.data}-${full}-<n>")` : ''}`);
  };
  ref('serviceAccount.name', given.serviceAccount?.name);
  ref('existingSecret.name', given.existingSecret?.name);
  ref('gateway.tokenSecret.name', given.gateway?.tokenSecret?.name);
  given.envFromSecret?.forEach((e, i) => ref(`envFromSecret[${i}].secretRef.name`, e?.secretRef?.name));
  given.envFromConfigMap?.forEach((e, i) => ref(`envFromConfigMap[${i}].configMapRef.name`, e?.configMapRef?.name));
  given.extraEnv?.forEach((e, i) => {
    const from = e?.valueFrom as any;
    ref(`extraEnv[${i}].valueFrom.secretKeyRef.name`, from?.secretKeyRef?.name);
    ref(`extraEnv[${i}].valueFrom.configMapKeyRef.name`, from?.configMapKeyRef?.name);
  });
  given.extraVolumes?.forEach((v: any, i) => {
    for (const key of Object.keys(v ?? {})) {
      if (!TENANT_VOLUME_SOURCES.has(key)) refuse(`extraVolumes[${i}].${key}`, `a tenant's volume may be ${[...TENANT_VOLUME_SOURCES].slice(1).join(', ')}: nothing of the node's or another tenant's`);
    }
    ref(`extraVolumes[${i}].secret.secretName`, v?.secret?.secretName);
    ref(`extraVolumes[${i}].configMap.name`, v?.configMap?.name);
    ref(`extraVolumes[${i}].persistentVolumeClaim.claimName`, v?.persistentVolumeClaim?.claimName, true);
    (v?.projected?.sources ?? []).forEach((s: any, j: number) => {
      ref(`extraVolumes[${i}].projected.sources[${j}].secret.name`, s?.secret?.name);
      ref(`extraVolumes[${i}].projected.sources[${j}].configMap.name`, s?.configMap?.name);
      if (s?.serviceAccountToken) refuse(`extraVolumes[${i}].projected.sources[${j}].serviceAccountToken`, 'a tenant may not mount a ServiceAccount token: the platform grants API access');
    });
  });
  given.imagePullSecrets?.forEach((s, i) => ref(`imagePullSecrets[${i}].name`, s?.name));
  given.ingress?.tls?.forEach((t, i) => ref(`ingress.tls[${i}].secretName`, t?.secretName));
  checkRules(given, namespace, tenancy, full, refuse);
  return { refused, claims: { refs, routes: routes(tenant, merged, tenancy, refuse) } };
}

/** `name` is the tenant's: its full name, under it, or (a claim) one of its StatefulSet's claims. */
function isOwn(full: string, name: string, claim: boolean): boolean {
  if (name === full || name.startsWith(`${full}-`)) return true;
  if (!claim) return false;
  for (const volume of [VOLUMES.data, VOLUMES.backups]) {
    const prefix = `${volume}-${full}-`;
    if (name.startsWith(prefix) && /^\d+$/.test(name.slice(prefix.length))) return true;
  }
  return false;
}

/**
 * A tenant's Role is bound to its own ServiceAccount (serviceAccount.name is checked above) in its
 * own namespace, and grants nothing on a privilege-escalation path (the chart's warnings,
 * check/rbac-escalation.ts, refused here) nor "*". In a shared namespace a rule reaches every
 * tenant's objects there, unless it names the tenant's own (resourceNames). In a namespace of its
 * own, its NetworkPolicy is the platform's: the chart's own would widen it.
 */
function checkRules(given: OpenClawChartProps, namespace: string, tenancy: ResolvedTenancy, full: string, refuse: Add): void {
  const rules = given.rbac?.rules ?? [];
  rbacEscalations(rules, (path, message) => refuse(path, `a tenant may not be granted this: ${message}`));
  rules.forEach((rule, i) => {
    if ([...rule?.resources ?? [], ...rule?.verbs ?? []].includes('*')) refuse(`rbac.rules[${i}]`, 'a tenant may not be granted "*" (every resource or verb): list the resources and verbs it needs');
    if (tenancy.mode !== TenancyMode.SHARED_NAMESPACE) return;
    const names = rule?.resourceNames ?? [];
    if (!names.length || !names.every((n) => isOwn(full, n, true))) {
      refuse(`rbac.rules[${i}]`, `would reach every tenant's objects in the shared namespace "${namespace}": list the tenant's own objects in resourceNames ("${full}" or "${full}-...")`);
    }
  });
  if (tenancy.mode === TenancyMode.NAMESPACE_PER_TENANT) {
    for (const key of Object.keys(given.networkPolicy ?? {})) {
      if (key !== 'enabled') refuse(`networkPolicy.${key}`, 'is the platform\'s: each tenant namespace\'s NetworkPolicy admits only the ingress controller, DNS and TCP 443 to public addresses');
    }
  }
}

/**
 * Each host and path the tenant's chart routes (the platform's defaults included: a host there
 * would be every tenant's), checked against the host template; wildcards refused.
 */
function routes(tenant: string, merged: OpenClawChartProps, tenancy: ResolvedTenancy, refuse: Add): Array<[string, string, string]> {
  const out: Array<[string, string, string]> = [];
  const own = tenancy.hostTemplate === undefined ? undefined : fromTemplate(tenancy.hostTemplate, tenant);
  const route = (path: string, host: unknown, urlPath: string) => {
    if (typeof host !== 'string') return;
    const name = host.toLowerCase();
    if (name.startsWith('*')) {
      refuse(path, 'a tenant may not route a wildcard host: it would answer other tenants\' host names', host);
    } else if (own !== undefined && name !== own && !name.endsWith(`.${own}`)) {
      refuse(path, `routes "${host}", which is not this tenant's: its hosts are "${own}" and names under it (tenancy.hostTemplate)`);
    } else {
      out.push([path, name, urlPath]);
    }
  };
  if (merged.ingress?.enabled) {
    merged.ingress.hosts?.forEach((h, i) => {
      const paths = h?.paths?.length ? h.paths : [{ path: '/' }];
      paths.forEach((p, j) => route(h.paths?.length ? `ingress.hosts[${i}].paths[${j}]` : `ingress.hosts[${i}].host`, h?.host, p?.path ?? '/'));
    });
  }
  if (merged.httpRoute?.enabled) {
    const hostnames = merged.httpRoute.hostnames ?? [];
    hostnames.forEach((h, i) => route(`httpRoute.hostnames[${i}]`, h, merged.httpRoute?.path ?? '/'));
    if (!hostnames.length) refuse('httpRoute.hostnames', 'a tenant\'s route must list its host names: without them it answers every host of the Gateway, other tenants\' too');
  }
  return out;
}
