/** The props of how the gateway is reached: Services, Ingress, HTTPRoute, NetworkPolicy. */
import type { LabelSelector, NetworkPolicyPeer } from './k8s-types';
import type { IngressPathType, PolicyType, Protocol, ServiceType } from './enumerations';

/**
 * The gateway's Service (values `service`). Its port is the one gateway port everything else follows.
 * @example
 * { type: 'ClusterIP', port: 18789 }
 */
export interface ServiceProps {
  /**
   * Service type: `ClusterIP`, `NodePort` or `LoadBalancer`.
   * @default 'ClusterIP'
   * @jsii suppress JSII5018 (the Kubernetes field name; the bindings escape it where it is reserved)
   */
  readonly type?: ServiceType;
  /**
   * The gateway port. This one value drives the gateway `--port` flag, `OPENCLAW_GATEWAY_PORT`,
   * the containerPort, the probes, both Services, the Ingress/HTTPRoute backend and the
   * NetworkPolicy.
   * @default 18789
   */
  readonly port?: number;
  /**
   * Accepted for values-file compatibility. The Helm chart ignored it; here it must be absent or
   * equal to `port` (the Service targets the container's named port `http`).
   * @default - same as port
   */
  readonly targetPort?: number;
  /**
   * Annotations on the Service.
   * @default {}
   */
  readonly annotations?: Record<string, string>;
}

/**
 * One path of an Ingress host.
 */
export interface IngressPath {
  /** @default '/' */
  readonly path?: string;
  /** @default 'Prefix' */
  readonly pathType?: IngressPathType;
}

/**
 * One Ingress host and its paths.
 * @example
 * { host: 'openclaw.example.com', paths: [{ path: '/', pathType: 'Prefix' }] }
 */
export interface IngressHost {
  /** Host name (lower case DNS name, no scheme). */
  readonly host: string;
  /** @default [{ path: '/', pathType: 'Prefix' }] */
  readonly paths?: IngressPath[];
}

/**
 * A TLS entry of the Ingress: which hosts a certificate Secret covers.
 * @example
 * { secretName: 'openclaw-tls', hosts: ['openclaw.example.com'] }
 */
export interface IngressTls {
  /**
   * Secret with the certificate (e.g. made by cert-manager).
   * @default - none (the ingress controller's default certificate)
   */
  readonly secretName?: string;
  /**
   * Hosts the certificate covers; each must be one of the ingress hosts.
   * @default - none
   */
  readonly hosts?: string[];
}

/**
 * An Ingress in front of the gateway (values `ingress`). Set `gateway.trustedProxies` to the ingress controller's pod addresses with it.
 * @example
 * { enabled: true, className: 'nginx', hosts: [{ host: 'openclaw.example.com' }], tls: [{ secretName: 'openclaw-tls', hosts: ['openclaw.example.com'] }] }
 */
export interface IngressProps {
  /**
   * Create an Ingress.
   * @default false
   */
  readonly enabled?: boolean;
  /**
   * Ingress class name. With `nginx`, WebSocket-friendly timeouts are added (see `annotations`).
   * @default ''
   */
  readonly className?: string;
  /**
   * Annotations on the Ingress. With class `nginx`, `nginx.ingress.kubernetes.io/proxy-read-timeout`
   * and `proxy-send-timeout` default to 3600 (the gateway keeps WebSockets open); yours win.
   * @default {}
   */
  readonly annotations?: Record<string, string>;
  /**
   * Hosts and paths.
   * @default [{ host: 'openclaw.local', paths: [{ path: '/', pathType: 'Prefix' }] }]
   */
  readonly hosts?: IngressHost[];
  /**
   * TLS entries.
   * @default []
   */
  readonly tls?: IngressTls[];
}

/**
 * A Gateway (Gateway API) the HTTPRoute attaches to.
 */
export interface HttpRouteParentRef {
  /** Name of the Gateway. */
  readonly name: string;
  /**
   * Namespace of the Gateway. @default - the route's namespace
   * @jsii suppress JSII5018 (the Kubernetes field name; the bindings escape it where it is reserved)
   */
  readonly namespace?: string;
  /** Listener section of the Gateway. @default - all listeners */
  readonly sectionName?: string;
}

/**
 * A Gateway API HTTPRoute in front of the gateway (values `httpRoute`), an alternative to the Ingress.
 * @example
 * { enabled: true, parentRefs: [{ name: 'public', namespace: 'gateways' }], hostnames: ['openclaw.example.com'] }
 */
export interface HttpRouteProps {
  /**
   * Create a Gateway API HTTPRoute (an alternative to the Ingress).
   * @default false
   */
  readonly enabled?: boolean;
  /**
   * Annotations on the HTTPRoute.
   * @default {}
   */
  readonly annotations?: Record<string, string>;
  /** Gateways the route attaches to (at least one when enabled). @default [] */
  readonly parentRefs?: HttpRouteParentRef[];
  /** Host names the route answers. @default [] (all of the Gateway's) */
  readonly hostnames?: string[];
  /** Path prefix routed to the gateway. @default '/' */
  readonly path?: string;
}

/**
 * A port (or port range) of a NetworkPolicy rule.
 */
export interface NetworkPolicyPortProps {
  /** @default 'TCP' */
  readonly protocol?: Protocol;
  /**
   * A port number or a named port.
   * @default - every port
   */
  readonly port?: number | string;
  /**
   * The last port of a range starting at `port`.
   * @default - no range
   */
  readonly endPort?: number;
}

/**
 * A NetworkPolicy rule: the peers and ports it admits, as in Kubernetes.
 */
export interface NetworkPolicyRule {
  /**
   * Peers admitted (ingress rules), as Kubernetes NetworkPolicyPeers.
   * @default - every source
   * @jsii suppress JSII5018 (the Kubernetes field name; the bindings escape it where it is reserved)
   */
  readonly from?: NetworkPolicyPeer[];
  /**
   * Peers reachable (egress rules), as Kubernetes NetworkPolicyPeers.
   * @default - every destination
   */
  readonly to?: NetworkPolicyPeer[];
  /**
   * Ports the rule covers.
   * @default - every port
   */
  readonly ports?: NetworkPolicyPortProps[];
}

/**
 * A NetworkPolicy around the pods (values `networkPolicy`): what may reach the gateway and what it may reach.
 * @example
 * { enabled: true, allowedNamespaces: [{ matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } }] }
 */
export interface NetworkPolicyProps {
  /** @default false */
  readonly enabled?: boolean;
  /** @default ['Ingress', 'Egress'] */
  readonly policyTypes?: PolicyType[];
  /** Extra ingress rules, as in a NetworkPolicy. @default [] */
  readonly ingress?: NetworkPolicyRule[];
  /** Extra egress rules, as in a NetworkPolicy. @default [] */
  readonly egress?: NetworkPolicyRule[];
  /**
   * Allow DNS to the cluster DNS pods (kube-system, `k8s-app: kube-dns`) on UDP and TCP 53.
   * @default true
   */
  readonly allowDNS?: boolean;
  /**
   * Allow traffic to and from pods of the release namespace: a peer with only `podSelector: {}`,
   * which means the policy's own namespace without naming it, so the render keeps its meaning when
   * applied into or moved to another namespace.
   * @default false
   */
  readonly allowSameNamespace?: boolean;
  /**
   * Allow traffic to kube-system (metrics, API proxies) and from it to the gateway port.
   * @default false
   */
  readonly allowKubeSystem?: boolean;
  /**
   * More namespaces (label selectors) allowed to reach the gateway port and to be reached.
   * @default []
   */
  readonly allowedNamespaces?: LabelSelector[];
  /**
   * More peers (pod and/or namespace selectors) allowed both ways.
   * @default []
   */
  readonly allowedPods?: NetworkPolicyPeer[];
  /**
   * Egress to any address on these ports, the cluster's own pods and API server among them
   * (rendered with a warning). To reach only the internet, list an `egress` rule to `0.0.0.0/0`
   * except the cluster's private ranges.
   * @default []
   */
  readonly customEgressPorts?: NetworkPolicyPortProps[];
}
