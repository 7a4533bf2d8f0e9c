/**
 * Fleet tenancy: what a tenant's own props may name, and the namespace each tenant gets.
 *
 * The platform writes the fleet's `defaults` and is trusted; a tenant's `props` come from a person
 * (a form, a pull request) and are not. With isolation on, everything a tenant's props name must be
 * that tenant's own: a ServiceAccount, Secret, ConfigMap, claim or TLS Secret named `<fullname>` or
 * `<fullname>-*` (claims also `data-<fullname>-<n>` and `backups-<fullname>-<n>`, the StatefulSet's
 * own), never another tenant's (fleet-validate.ts refuses a name under a longer tenant's prefix),
 * the namespace the fleet assigns, no RBAC grant on a privilege-escalation path, and host names
 * no other tenant routes. Namespace-per-tenant mode also gives each tenant a namespace with Pod
 * Security `restricted`, a ResourceQuota, a LimitRange and a default-deny NetworkPolicy.
 */
import type { k8s } from 'cdk8s-plus-28';
import { rbacEscalations } from './check/rbac-escalation';
import { FleetProblem, OpenClawFleetError } from './fleet-error';
import { VOLUMES } from './layout';
import { fullName } from './names';
import { dnsEgress } from './network';
import { OpenClawChartProps } from './props';
import { snapshotData } from './snapshot';

/** How a fleet keeps its tenants apart ({@link OpenClawFleetProps.tenancy}). */
export interface FleetTenancy {
  /**
   * Refuse a tenant's props that name anything but the tenant's own objects (ServiceAccounts,
   * Secrets, ConfigMaps, claims, TLS Secrets), another namespace, an RBAC grant on a
   * privilege-escalation path or a `"*"`, or a host name another tenant routes. Only the tenants'
   * `props` are checked: the fleet's `defaults` are the platform's.
   * @default true
   */
  readonly isolation?: boolean;
  /**
   * One namespace per tenant, named from this template: `{tenant}` is replaced by the tenant name,
   * e.g. `openclaw-{tenant}`. Each tenant's manifest then starts with its Namespace (Pod Security
   * `restricted`, enforced, audited and warned), a ResourceQuota, a LimitRange and a NetworkPolicy
   * that denies everything but ingress from {@link ingressNamespaceLabels} and egress to the
   * cluster DNS and TCP 443 outside private ranges. A tenant may then not set `networkPolicy`.
   * @default - every tenant in its given namespace (`namespace` of the tenant or the defaults)
   */
  readonly namespaceTemplate?: string;
  /**
   * Labels of the namespace(s) the ingress controller (or Gateway) runs in: the only source the
   * tenant namespace's NetworkPolicy admits.
   * @default { 'kubernetes.io/metadata.name': 'ingress-nginx' }
   */
  readonly ingressNamespaceLabels?: Record<string, string>;
  /**
   * `spec.hard` of each tenant namespace's ResourceQuota, merged over {@link TENANT_QUOTA}.
   * @default TENANT_QUOTA
   */
  readonly resourceQuota?: Record<string, string>;
  /**
   * `spec.limits` of each tenant namespace's LimitRange (replaces {@link TENANT_LIMITS}).
   * @default TENANT_LIMITS
   */
  readonly limitRange?: k8s.LimitRangeItem[];
}

/**
 * A tenant namespace's quota: room for one gateway with the chart's default resources, a rolling
 * restart and a backup claim, and no Service that opens a node port or a load balancer.
 */
export const TENANT_QUOTA: Readonly<Record<string, string>> = {
  'requests.cpu': '2', 'requests.memory': '4Gi', 'limits.cpu': '4', 'limits.memory': '8Gi',
  'requests.storage': '50Gi', 'persistentvolumeclaims': '5', 'pods': '10', 'services': '5',
  'services.loadbalancers': '0', 'services.nodeports': '0', 'secrets': '20', 'configmaps': '20',
};

/** A tenant namespace's LimitRange: defaults for containers that set none (a quota requires them), a cap per claim. */
export const TENANT_LIMITS: readonly k8s.LimitRangeItem[] = [
  { type: 'Container', default: { cpu: '1', memory: '2Gi' } as any, defaultRequest: { cpu: '100m', memory: '256Mi' } as any },
  { type: 'PersistentVolumeClaim', max: { storage: '20Gi' } as any },
];

/** Private, link-local, shared and loopback ranges: the tenant's TCP 443 egress never reaches them. */
const PRIVATE_V4 = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', '169.254.0.0/16', '127.0.0.0/8'];
const PRIVATE_V6 = ['fc00::/7', 'fe80::/10', '::1/128'];

const POD_SECURITY = 'restricted';

/** The ingress-nginx namespace, by the label Kubernetes sets on every namespace. */
const INGRESS_NAMESPACE = { 'kubernetes.io/metadata.name': 'ingress-nginx' };

/** @internal The fleet's tenancy read once, as plain data (it goes to worker threads); throws OpenClawFleetError. */
export function readTenancy(value: unknown): FleetTenancy {
  const { data, problems } = snapshotData(value ?? {}, 'props');
  const out: FleetProblem[] = problems.map((p) => ({ ...p, path: `tenancy.${p.path}`, propsPath: p.path }));
  const template = data?.namespaceTemplate;
  if (template !== undefined && (typeof template !== 'string' || !template.includes('{tenant}'))) {
    out.push({ path: 'tenancy.namespaceTemplate', propsPath: 'namespaceTemplate', value: template, message: 'must be a string with "{tenant}" in it, e.g. "openclaw-{tenant}": each tenant gets a namespace of its own' });
  }
  if (out.length) throw new OpenClawFleetError(out);
  return data ?? {};
}

/** @internal A tenant's namespace in namespace-per-tenant mode. */
export function tenantNamespace(template: string, tenant: string): string {
  return template.split('{tenant}').join(tenant);
}

/** @internal What a tenant's props claim, checked across tenants by fleet-validate.ts. */
export interface TenantClaims {
  /** [path, name] of what the tenant's props name (its own by prefix): no longer tenant's prefix may cover them. */
  readonly refs?: Array<[string, string]>;
  /** [path, host] of the host names the tenant's props route (lower case). */
  readonly hosts?: Array<[string, string]>;
}

type Add = (path: string, message: string, ...value: unknown[]) => void;

/**
 * @internal Checks what a tenant's own props (`given`) name. `merged`: the props the chart is built
 * from; `assigned`: the namespace the fleet gives the tenant.
 */
export function checkIsolation(
  tenant: string, given: OpenClawChartProps, merged: OpenClawChartProps, assigned: string, perNamespace: boolean, add: Add,
): TenantClaims {
  if (given.namespace !== undefined && given.namespace !== assigned) {
    add('namespace', `a tenant may not choose its namespace: the fleet assigns "${assigned}"`, given.namespace);
  }
  // A tenant's object names derive from its name (or the platform's overrides), never from a name
  // it picks: one picking "alice" would have alice's objects under its prefix.
  for (const key of ['nameOverride', 'fullnameOverride'] as const) {
    if (given[key]) add(key, 'is the platform\'s: a tenant\'s object names derive from its tenant name', given[key]);
  }
  const full = fullName(tenant, merged.nameOverride, merged.fullnameOverride);
  const refs: Array<[string, string]> = [];
  const ref = (path: string, name: unknown, claim = false) => {
    if (typeof name !== 'string' || name === '') return;
    const own = name === full || name.startsWith(`${full}-`)
      || (claim && [VOLUMES.data, VOLUMES.backups].some((v) => new RegExp(`^${v}-${escape(full)}-\\d+$`).test(name)));
    if (!own) add(path, `names "${name}", which is not this tenant's: a tenant's references must name its own objects, "${full}" or "${full}-..."${claim ? ` (claims also "${VOLUMES.data}-${full}-<n>")` : ''}`);
    else refs.push([path, name]);
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
    ref(`extraVolumes[${i}].secret.secretName`, v?.secret?.secretName);
    ref(`extraVolumes[${i}].configMap.name`, v?.configMap?.name);
    ref(`extraVolumes[${i}].persistentVolumeClaim.claimName`, v?.persistentVolumeClaim?.claimName, true);
    (v?.projected?.sources ?? []).forEach((s: any, j: number) => {
      ref(`extraVolumes[${i}].projected.sources[${j}].secret.name`, s?.secret?.name);
      ref(`extraVolumes[${i}].projected.sources[${j}].configMap.name`, s?.configMap?.name);
    });
  });
  given.imagePullSecrets?.forEach((s, i) => ref(`imagePullSecrets[${i}].name`, s?.name));
  given.ingress?.tls?.forEach((t, i) => ref(`ingress.tls[${i}].secretName`, t?.secretName));

  rbacEscalations(given.rbac?.rules ?? [], (path, message) => add(path, `a tenant may not be granted this: ${message}`));
  given.rbac?.rules?.forEach((rule, i) => {
    if ([...rule?.resources ?? [], ...rule?.verbs ?? []].includes('*')) add(`rbac.rules[${i}]`, 'a tenant may not be granted "*" (every resource or verb): list the resources and verbs it needs');
  });
  if (perNamespace) {
    for (const key of Object.keys(given.networkPolicy ?? {})) {
      if (key !== 'enabled') add(`networkPolicy.${key}`, 'is the platform\'s: each tenant namespace\'s NetworkPolicy admits only the ingress controller, DNS and TCP 443 to public addresses');
    }
  }
  const hosts: Array<[string, string]> = [];
  const host = (path: string, name: unknown) => {
    if (typeof name !== 'string') return;
    if (name.startsWith('*')) add(path, 'a tenant may not route a wildcard host: it would answer other tenants\' host names', name);
    else hosts.push([path, name.toLowerCase()]);
  };
  if (merged.ingress?.enabled) given.ingress?.hosts?.forEach((h, i) => host(`ingress.hosts[${i}].host`, h?.host));
  if (merged.httpRoute?.enabled) {
    given.httpRoute?.hostnames?.forEach((h, i) => host(`httpRoute.hostnames[${i}]`, h));
    if (given.httpRoute && !merged.httpRoute.hostnames?.length) {
      add('httpRoute.hostnames', 'a tenant\'s route must list its host names: without them it answers every host name of the Gateway, other tenants\' too');
    }
  }
  return { ...(refs.length ? { refs } : {}), ...(hosts.length ? { hosts } : {}) };
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** @internal The objects a tenant's namespace gets in namespace-per-tenant mode, before the tenant's own. */
export function tenancyObjects(tenancy: FleetTenancy, tenant: string, namespace: string): any[] {
  const labels = { 'app.kubernetes.io/managed-by': 'cdk8s', 'app.kubernetes.io/instance': tenant };
  const meta = (name: string) => ({ name, namespace, labels });
  return [
    {
      apiVersion: 'v1', kind: 'Namespace',
      metadata: {
        name: namespace,
        labels: {
          ...labels,
          'pod-security.kubernetes.io/enforce': POD_SECURITY,
          'pod-security.kubernetes.io/audit': POD_SECURITY,
          'pod-security.kubernetes.io/warn': POD_SECURITY,
        },
      },
    },
    { apiVersion: 'v1', kind: 'ResourceQuota', metadata: meta('openclaw-tenant'), spec: { hard: { ...TENANT_QUOTA, ...tenancy.resourceQuota } } },
    { apiVersion: 'v1', kind: 'LimitRange', metadata: meta('openclaw-tenant'), spec: { limits: tenancy.limitRange ?? TENANT_LIMITS } },
    {
      apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: meta('openclaw-tenant-default-deny'),
      spec: {
        podSelector: {},
        policyTypes: ['Ingress', 'Egress'],
        ingress: [{ from: [{ namespaceSelector: { matchLabels: tenancy.ingressNamespaceLabels ?? INGRESS_NAMESPACE } }] }],
        egress: [
          dnsEgress(),
          {
            to: [{ ipBlock: { cidr: '0.0.0.0/0', except: PRIVATE_V4 } }, { ipBlock: { cidr: '::/0', except: PRIVATE_V6 } }],
            ports: [{ protocol: 'TCP', port: 443 }],
          },
        ],
      },
    },
  ];
}
