/**
 * props -> the resolved Services, Ingress, HTTPRoute and NetworkPolicy: every default and derived
 * value, so src/build/network.ts only writes them out. Part of the model (src/model/model.ts).
 */
import { BasicSettings } from '../props/settings';
import { suffixedName } from '../core/names';
import { IngressPathType, PolicyType, ServiceType } from '../props/enumerations';
import { DEFAULTS, IngressTls, KubernetesJson, NetworkPolicyPortProps, NetworkPolicyRule, OpenClawChartProps } from '../props';

/** WebSocket-friendly ingress-nginx defaults: the gateway keeps connections open for long. */
export const NGINX_WEBSOCKET_ANNOTATIONS: Record<string, string> = {
  'nginx.ingress.kubernetes.io/proxy-read-timeout': '3600',
  'nginx.ingress.kubernetes.io/proxy-send-timeout': '3600',
};

export interface ResolvedService {
  readonly type: ServiceType;
  readonly annotations: Record<string, string>;
}

export interface ResolvedIngress {
  /** Empty: no ingressClassName. */
  readonly className: string;
  /** Yours over the class's defaults (WebSocket timeouts for nginx). */
  readonly annotations: Record<string, string>;
  readonly hosts: ReadonlyArray<{ readonly host: string; readonly paths: ReadonlyArray<{ readonly path: string; readonly pathType: IngressPathType }> }>;
  readonly tls: readonly IngressTls[];
}

export interface ResolvedHttpRoute {
  readonly annotations: Record<string, string>;
  /** As the HTTPRoute schema has them (unknown keys dropped). */
  readonly parentRefs: readonly KubernetesJson[];
  readonly hostnames: readonly string[];
  readonly path: string;
}

export interface ResolvedNetworkPolicy {
  readonly policyTypes: readonly PolicyType[];
  readonly allowDNS: boolean;
  readonly allowSameNamespace: boolean;
  readonly allowKubeSystem: boolean;
  readonly allowedNamespaces: readonly object[];
  readonly allowedPods: readonly object[];
  /** As NetworkPolicy ports (protocol defaulted). */
  readonly customEgressPorts: readonly KubernetesJson[];
  readonly ingress: readonly KubernetesJson[];
  readonly egress: readonly KubernetesJson[];
}

/** The Service of replica `i` alone (rendered when replicaCount > 1), named after the shared Service. */
export function replicaServiceName(service: string, i: number): string {
  return suffixedName(service, String(i));
}

export function resolveService(props: OpenClawChartProps): ResolvedService {
  const service = { ...DEFAULTS.service, ...props.service };
  return { type: service.type, annotations: service.annotations ?? {} };
}

export function resolveIngress(settings: BasicSettings): ResolvedIngress | undefined {
  const ingress = settings.ingress;
  if (!ingress.enabled) return undefined;
  return {
    className: ingress.className,
    annotations: { ...(ingress.className === 'nginx' ? NGINX_WEBSOCKET_ANNOTATIONS : {}), ...ingress.annotations },
    hosts: (ingress.hosts ?? []).map((h) => ({
      host: h.host,
      paths: (h.paths ?? [{}]).map((p) => ({ path: p.path ?? '/', pathType: p.pathType ?? 'Prefix' })),
    })),
    tls: ingress.tls ?? [],
  };
}

export function resolveHttpRoute(props: OpenClawChartProps): ResolvedHttpRoute | undefined {
  const route = props.httpRoute;
  if (!route?.enabled) return undefined;
  return {
    annotations: route.annotations ?? {},
    parentRefs: (route.parentRefs ?? []).map(parentRefJson),
    hostnames: route.hostnames ?? [],
    path: route.path ?? '/',
  };
}

/** The fields of a parentRef the HTTPRoute schema has (as the imported L1 class keeps them), others dropped. */
function parentRefJson(ref: object): KubernetesJson {
  const { group, kind, name, namespace, port, sectionName } = ref as Record<string, unknown>;
  return Object.fromEntries(Object.entries({ group, kind, name, namespace, port, sectionName }).filter(([, v]) => v !== undefined));
}

export function resolveNetworkPolicy(props: OpenClawChartProps): ResolvedNetworkPolicy | undefined {
  if (!props.networkPolicy?.enabled) return undefined;
  const np = { ...DEFAULTS.networkPolicy, ...props.networkPolicy };
  return {
    policyTypes: np.policyTypes ?? DEFAULTS.networkPolicy.policyTypes,
    allowDNS: np.allowDNS,
    allowSameNamespace: np.allowSameNamespace,
    allowKubeSystem: np.allowKubeSystem,
    allowedNamespaces: np.allowedNamespaces ?? [],
    allowedPods: np.allowedPods ?? [],
    customEgressPorts: (np.customEgressPorts ?? []).map(policyPort),
    ingress: (np.ingress ?? []).map(policyRule),
    egress: (np.egress ?? []).map(policyRule),
  };
}

function policyPort(p: NetworkPolicyPortProps): KubernetesJson {
  return { protocol: p.protocol ?? 'TCP', ...(p.port !== undefined ? { port: p.port } : {}), ...(p.endPort !== undefined ? { endPort: p.endPort } : {}) };
}

function policyRule(rule: NetworkPolicyRule): KubernetesJson {
  return {
    ...(rule.from ? { from: rule.from } : {}),
    ...(rule.to ? { to: rule.to } : {}),
    ...(rule.ports ? { ports: rule.ports.map(policyPort) } : {}),
  };
}
