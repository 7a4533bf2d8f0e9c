/**
 * Fleet tenancy: where each tenant lives and what its namespace holds. The platform (whoever
 * writes the fleet's `tenancy`, `defaults` and `policy`) is trusted; a tenant's props come from a
 * person and are not (src/fleet/policy.ts, src/fleet/references.ts).
 *
 * Namespace per tenant (the default): each tenant's manifest starts with its Namespace (Pod
 * Security `restricted`, enforced, audited and warned), a ResourceQuota, a LimitRange and one
 * NetworkPolicy for every pod of the namespace: ingress only from the platform's ingress
 * controller to the gateway port, egress only to the cluster DNS and TCP 443 outside private ranges, unless the
 * platform widens it. Nothing of one tenant's namespace admits another's.
 */
import type { LabelSelector } from '../props/k8s-types';
import { FleetProblem, OpenClawFleetError } from './errors';
import { PORT_NAME } from '../core/pod-layout';
import { dnsEgress } from '../build/network';
import { KubernetesJson } from '../props';
import { SHARED_PLATFORM_SETTINGS } from './safe-settings';
import { snapshotData } from '../props/snapshot';

/** How a fleet keeps its tenants apart. */
export enum TenancyMode {
  /** Each tenant in a namespace of its own, with Pod Security `restricted`, a quota and an isolating NetworkPolicy. */
  NAMESPACE_PER_TENANT = 'namespace-per-tenant',
  /**
   * Every tenant in one namespace (`defaults.namespace`), under the same policy and reference
   * rules; the chart's own NetworkPolicy (on by default here, with the rules of a tenant
   * namespace's: ingress controller, DNS, TCP 443, `tenancy.egress`) keeps the pods apart.
   */
  SHARED_NAMESPACE = 'shared-namespace',
  /** No tenancy: tenants are trusted, their props unrestricted (the fleet as a bulk renderer). */
  OFF = 'off',
}

/** The ingress controller (or Gateway) pods, as one NetworkPolicy peer (both selectors must match). */
export interface IngressControllerPeer {
  readonly namespaceSelector: LabelSelector;
  /** @default - every pod of the selected namespaces */
  readonly podSelector?: LabelSelector;
}

/** The platform's tenancy settings ({@link OpenClawFleetProps.tenancy}). */
export interface FleetTenancy {
  /** @default TenancyMode.NAMESPACE_PER_TENANT */
  readonly mode?: TenancyMode;
  /**
   * Name of each tenant's namespace: `{tenant}` is replaced by the tenant name. The result must be
   * a DNS label (at most 63 characters).
   * @default 'openclaw-{tenant}'
   */
  readonly namespaceTemplate?: string;
  /**
   * The ingress controller (or Gateway) pods: the only source a tenant's pods admit, as one
   * NetworkPolicy peer (both selectors must match), and only to the gateway port.
   * @default - pods labelled `app.kubernetes.io/name: ingress-nginx` in the namespace `ingress-nginx`
   */
  readonly ingressController?: IngressControllerPeer;
  /**
   * More egress rules for every tenant (NetworkPolicy egress rules, as in a manifest),
   * added to the cluster DNS and TCP 443 to public addresses: e.g. a model gateway in the cluster.
   * @default []
   */
  readonly egress?: KubernetesJson[];
  /**
   * `spec.hard` of each tenant namespace's ResourceQuota, merged over {@link TENANT_QUOTA}.
   * @default TENANT_QUOTA
   */
  readonly resourceQuota?: Record<string, string>;
  /**
   * `spec.limits` of each tenant namespace's LimitRange (replaces {@link TENANT_LIMITS}).
   * @default TENANT_LIMITS
   */
  readonly limitRange?: KubernetesJson[];
  /**
   * RuntimeClass of every tenant pod (`gvisor`, `kata`): a sandboxed kernel per pod.
   * @default - the cluster's default runtime
   */
  readonly runtimeClassName?: string;
  /**
   * Each tenant's host name: `{tenant}` is replaced by the tenant name, e.g.
   * `{tenant}.claw.example.com`. A tenant may then route only that host (and names under it),
   * and a tenant whose Ingress or HTTPRoute is on without hosts gets it.
   * @default - none: hosts belong to the first tenant that routes them
   */
  readonly hostTemplate?: string;
}

/**
 * A tenant namespace's quota: one gateway at the policy's largest resources (2 CPU, 4Gi) through
 * a rolling restart, its claims, and no Service that opens a node port or a load balancer.
 */
export const TENANT_QUOTA: Readonly<Record<string, string>> = {
  'requests.cpu': '4', 'requests.memory': '8Gi', 'limits.cpu': '4', 'limits.memory': '8Gi',
  'requests.storage': '50Gi', 'persistentvolumeclaims': '4', 'pods': '4', 'services': '4',
  'services.loadbalancers': '0', 'services.nodeports': '0', 'secrets': '16', 'configmaps': '16',
};

/** A tenant namespace's LimitRange: defaults for containers that set none (the quota needs them), caps per container and claim. */
export const TENANT_LIMITS: readonly KubernetesJson[] = [
  {
    type: 'Container', max: { cpu: '2', memory: '4Gi' },
    default: { cpu: '500m', memory: '512Mi' }, defaultRequest: { cpu: '50m', memory: '128Mi' },
  },
  { type: 'PersistentVolumeClaim', max: { storage: '20Gi' } },
];

/** Private, shared, link-local (cloud metadata) and loopback ranges: TCP 443 egress never reaches them. */
const PRIVATE_V4 = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', '169.254.0.0/16', '127.0.0.0/8'];
const PRIVATE_V6 = ['fc00::/7', 'fe80::/10', '::1/128'];

/** TCP 443 to public addresses: a tenant's model providers and channels, never a neighbour, a node or cloud metadata. */
function publicHttpsEgress(): KubernetesJson {
  return {
    to: [{ ipBlock: { cidr: '0.0.0.0/0', except: PRIVATE_V4 } }, { ipBlock: { cidr: '::/0', except: PRIVATE_V6 } }],
    ports: [{ protocol: 'TCP', port: 443 }],
  };
}

/**
 * The ingress controller, to the gateway's port only: by its name (the container port the chart
 * names), so it follows the gateway whatever its number, and a pod without it admits nothing.
 */
function ingressControllerRule(tenancy: ResolvedTenancy): KubernetesJson {
  const peer = tenancy.ingressController;
  return {
    from: [{ namespaceSelector: peer.namespaceSelector, ...(peer.podSelector ? { podSelector: peer.podSelector } : {}) }],
    ports: [{ protocol: 'TCP', port: PORT_NAME }],
  };
}

/** Pod Security Standard of every tenant namespace. */
const POD_SECURITY = 'restricted';

const INGRESS_CONTROLLER = {
  namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } },
  podSelector: { matchLabels: { 'app.kubernetes.io/name': 'ingress-nginx' } },
};

/** @internal The tenancy as the fleet uses it: every default filled in, plain data (it goes to worker threads). */
export interface ResolvedTenancy {
  readonly mode: TenancyMode;
  readonly namespaceTemplate: string;
  readonly hostTemplate?: string;
  readonly runtimeClassName?: string;
  readonly ingressController: KubernetesJson;
  readonly egress: KubernetesJson[];
  readonly resourceQuota: Record<string, string>;
  readonly limitRange: KubernetesJson[];
}

const TEMPLATE_PART = /^[a-z0-9.-]*$/;

/** @internal The fleet's tenancy read once (src/props/snapshot.ts) and checked; throws OpenClawFleetError. */
export function resolveTenancy(value: unknown): ResolvedTenancy {
  const { data, problems } = snapshotData(value ?? {}, 'props');
  const out: FleetProblem[] = problems.map((p) => ({ ...p, path: `tenancy.${p.path}`, propsPath: p.path }));
  const t = (data ?? {}) as FleetTenancy;
  const add = (key: string, message: string, got: unknown) => out.push({ path: `tenancy.${key}`, propsPath: key, message, value: got });
  const modes = Object.values(TenancyMode) as string[];
  if (t.mode !== undefined && !modes.includes(t.mode)) add('mode', `must be one of ${modes.join(', ')}`, t.mode);
  for (const key of ['namespaceTemplate', 'hostTemplate'] as const) {
    const template = t[key];
    if (template === undefined) continue;
    const parts = typeof template === 'string' ? template.split('{tenant}') : [];
    if (parts.length < 2 || !parts.every((part) => TEMPLATE_PART.test(part))) {
      add(key, 'must hold "{tenant}" and otherwise only lower case letters, digits, "-" and ".", e.g. "openclaw-{tenant}": each tenant gets its own', template);
    }
  }
  if (t.runtimeClassName !== undefined && (typeof t.runtimeClassName !== 'string' || !/^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/.test(t.runtimeClassName))) {
    add('runtimeClassName', 'must be the name of a RuntimeClass (a lower case DNS subdomain), e.g. gvisor', t.runtimeClassName);
  }
  if (out.length) throw new OpenClawFleetError(out);
  return {
    mode: t.mode ?? TenancyMode.NAMESPACE_PER_TENANT,
    namespaceTemplate: t.namespaceTemplate ?? 'openclaw-{tenant}',
    ...(t.hostTemplate !== undefined ? { hostTemplate: t.hostTemplate } : {}),
    ...(t.runtimeClassName !== undefined ? { runtimeClassName: t.runtimeClassName } : {}),
    ingressController: (t.ingressController ?? INGRESS_CONTROLLER) as KubernetesJson,
    egress: t.egress ?? [],
    resourceQuota: { ...TENANT_QUOTA, ...t.resourceQuota },
    limitRange: t.limitRange ?? [...TENANT_LIMITS],
  };
}

/** @internal `{tenant}` of a template replaced by the tenant name. */
export function fromTemplate(template: string, tenant: string): string {
  return template.split('{tenant}').join(tenant);
}

/**
 * @internal The objects a tenant's namespace gets in namespace-per-tenant mode, before the
 * tenant's own (so `kubectl apply -f` creates the namespace first).
 */
export function namespaceObjects(tenancy: ResolvedTenancy, tenant: string, namespace: string): KubernetesJson[] {
  const labels = { 'app.kubernetes.io/managed-by': 'openclaw-cdk8s', 'app.kubernetes.io/instance': tenant };
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
    { apiVersion: 'v1', kind: 'ResourceQuota', metadata: meta('tenant-quota'), spec: { hard: tenancy.resourceQuota } },
    { apiVersion: 'v1', kind: 'LimitRange', metadata: meta('tenant-limits'), spec: { limits: tenancy.limitRange } },
    {
      apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: meta('tenant-isolation'),
      spec: {
        // Every pod of the namespace, whatever its labels: a tenant cannot label its way out.
        podSelector: {},
        policyTypes: ['Ingress', 'Egress'],
        ingress: [ingressControllerRule(tenancy)],
        egress: [dnsEgress(), publicHttpsEgress(), ...tenancy.egress],
      },
    },
  ];
}

/**
 * @internal The namespace the fleet gives a tenant, or undefined without tenancy (then the
 * tenant's own, or the defaults'). `defaults`: the platform's.
 */
export function assignedNamespace(tenancy: ResolvedTenancy, tenant: string, defaults: { readonly namespace?: string }): string | undefined {
  if (tenancy.mode === TenancyMode.NAMESPACE_PER_TENANT) return fromTemplate(tenancy.namespaceTemplate, tenant);
  if (tenancy.mode === TenancyMode.SHARED_NAMESPACE) return defaults.namespace ?? 'default';
  return undefined;
}

/**
 * @internal Props every tenant starts from, under the platform's `defaults`: the safe OpenClaw
 * settings (fleet-safe-settings.ts), the runtime class, and in a shared namespace the chart's own
 * NetworkPolicy (the only thing between the pods there) with the rules a tenant namespace's has:
 * the ingress controller to the gateway port, DNS (the chart's allowDNS), TCP 443 to public
 * addresses and the platform's egress (test/e2e/cluster/network-policy.test.ts proves the meaning).
 */
export function tenancyBase(tenancy: ResolvedTenancy): Record<string, unknown> {
  if (tenancy.mode === TenancyMode.OFF) return {};
  return {
    ...SHARED_PLATFORM_SETTINGS,
    ...(tenancy.runtimeClassName ? { runtimeClassName: tenancy.runtimeClassName } : {}),
    ...(tenancy.mode === TenancyMode.SHARED_NAMESPACE ? {
      networkPolicy: { enabled: true, ingress: [ingressControllerRule(tenancy)], egress: [publicHttpsEgress(), ...tenancy.egress] },
    } : {}),
  };
}

/**
 * @internal With a host template: the tenant's host on its Ingress or HTTPRoute when the chart
 * routes one and the tenant named no host (the platform's hosts and TLS entries are for every
 * tenant: they get the tenant's host). `merged`: defaults and the tenant's props.
 */
export function withTenantHost<P extends TenantHostProps>(merged: P, given: TenantHostProps, tenancy: ResolvedTenancy, tenant: string): P {
  if (tenancy.hostTemplate === undefined || tenancy.mode === TenancyMode.OFF) return merged;
  const host = fromTemplate(tenancy.hostTemplate, tenant);
  let out = merged;
  if (merged.ingress?.enabled && given.ingress?.hosts === undefined) {
    const tls = given.ingress?.tls === undefined ? merged.ingress.tls?.map((t) => ({ ...t, hosts: [host] })) : merged.ingress.tls;
    out = { ...out, ingress: { ...merged.ingress, hosts: [{ host, paths: [{ path: '/', pathType: 'Prefix' }] }], ...(tls ? { tls } : {}) } };
  }
  if (merged.httpRoute?.enabled && given.httpRoute?.hostnames === undefined) {
    out = { ...out, httpRoute: { ...merged.httpRoute, hostnames: [host] } };
  }
  return out;
}

/** The props withTenantHost reads and writes (a part of OpenClawChartProps). */
interface TenantHostProps {
  readonly ingress?: { readonly enabled?: boolean; readonly hosts?: readonly object[]; readonly tls?: ReadonlyArray<{ readonly secretName?: string; readonly hosts?: string[] }> };
  readonly httpRoute?: { readonly enabled?: boolean; readonly hostnames?: readonly string[] };
}
