/**
 * Services, Ingress, HTTPRoute and NetworkPolicy. Every port here comes from the one gateway
 * port in the model (Services target the container's named port).
 */
import { ManifestSink } from '../output/manifest-sink';
import { PORT_NAME } from '../core/pod-layout';
import { KubernetesJson } from '../props';
import { Model } from '../model/model';
import { ResolvedHttpRoute, ResolvedIngress, ResolvedNetworkPolicy, replicaServiceName } from '../model/network';

export function addNetwork(sink: ManifestSink, model: Model): void {
  addServices(sink, model);
  if (model.ingress) addIngress(sink, model, model.ingress);
  if (model.httpRoute) addHttpRoute(sink, model, model.httpRoute);
  if (model.networkPolicy) addNetworkPolicy(sink, model, model.networkPolicy);
}

function addServices(sink: ManifestSink, model: Model): void {
  const service = model.service;
  const ports = [{ name: PORT_NAME, port: model.port, targetPort: PORT_NAME, protocol: 'TCP' }];
  sink.add('service', {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: model.names.service,
      labels: model.labels.common,
      ...(Object.keys(service.annotations).length ? { annotations: service.annotations } : {}),
    },
    spec: { type: service.type, ports, selector: model.labels.selector },
  });
  // Governing Service of the StatefulSet: stable per-pod DNS names.
  sink.add('headless', {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: model.names.headlessService, labels: model.labels.common },
    spec: { clusterIP: 'None', ports, selector: model.labels.selector },
  });
  // Each replica is an independent gateway (own state, own token): one ClusterIP Service per replica
  // reaches exactly it, by the pod-name label the StatefulSet controller sets.
  if (model.replicas > 1) {
    for (let i = 0; i < model.replicas; i++) {
      sink.add(`service-${i}`, {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: replicaServiceName(model.names.service, i), labels: model.labels.common },
        spec: { type: 'ClusterIP', ports, selector: { ...model.labels.selector, [POD_NAME_LABEL]: `${model.names.statefulSet}-${i}` } },
      });
    }
  }
}

/** The label the StatefulSet controller puts on each pod: its name. */
export const POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';


function addIngress(sink: ManifestSink, model: Model, ingress: ResolvedIngress): void {
  const annotations = ingress.annotations;
  const backend = { service: { name: model.names.service, port: { number: model.port } } };
  sink.add('ingress', {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: {
      name: model.fullName,
      labels: model.labels.common,
      ...(Object.keys(annotations).length ? { annotations } : {}),
    },
    spec: {
      ...(ingress.className ? { ingressClassName: ingress.className } : {}),
      ...(ingress.tls.length ? { tls: ingress.tls } : {}),
      rules: ingress.hosts.map((h) => ({
        host: h.host,
        http: {
          paths: h.paths.map((p) => ({ path: p.path, pathType: p.pathType, backend })),
        },
      })),
    },
  });
}

function addHttpRoute(sink: ManifestSink, model: Model, route: ResolvedHttpRoute): void {
  // Plain JSON, as the imported L1 class (imports/gateway.networking.k8s.io.ts) would make it: that
  // class pulls in cdk8s, which the construct-free path (renderObjects, the CLI) never loads.
  sink.add('httproute', {
    ...HTTP_ROUTE_TYPE,
    metadata: {
      name: model.fullName,
      labels: model.labels.common,
      ...(Object.keys(route.annotations).length ? { annotations: route.annotations } : {}),
    },
    spec: {
      parentRefs: route.parentRefs,
      ...(route.hostnames.length ? { hostnames: route.hostnames } : {}),
      rules: [{
        matches: [{ path: { type: 'PathPrefix', value: route.path } }],
        backendRefs: [{ name: model.names.service, port: model.port }],
      }],
    },
  });
}

/** apiVersion and kind of the Gateway API HTTPRoute (test/chart/http-route.test.ts holds them to the imported CRD class). */
export const HTTP_ROUTE_TYPE = { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute' } as const;

/** Selects a namespace by the label Kubernetes sets on every namespace (since 1.21). */
export function namespacePeer(namespace: string): KubernetesJson {
  return { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': namespace } } };
}

/** Egress to the cluster DNS: one peer with both selectors, the DNS pods in kube-system and nothing else there. */
export function dnsEgress(): KubernetesJson {
  return {
    to: [{ ...namespacePeer('kube-system'), podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
    ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }],
  };
}

function addNetworkPolicy(sink: ManifestSink, model: Model, np: ResolvedNetworkPolicy): void {
  const gatewayPort = [{ protocol: 'TCP', port: model.port }];
  const ingress: KubernetesJson[] = [];
  const egress: KubernetesJson[] = [];
  if (np.allowDNS) {
    egress.push(dnsEgress());
  }
  if (np.allowKubeSystem) {
    // As the Helm chart: HTTPS to kube-system (metrics and API aggregation services live there).
    egress.push({ to: [namespacePeer('kube-system')], ports: [{ protocol: 'TCP', port: 443 }] });
  }
  if (np.allowSameNamespace) {
    // A peer with only a podSelector is the policy's own namespace, whichever it is applied in
    // (kubectl apply -n, a Kustomize overlay): the render never names it.
    const sameNamespace = { podSelector: {} };
    ingress.push({ from: [sameNamespace], ports: gatewayPort });
    egress.push({ to: [sameNamespace] });
  }
  // As the Helm chart: extra namespaces and pods are egress destinations; who may connect in is
  // said with networkPolicy.ingress.
  for (const selector of np.allowedNamespaces) egress.push({ to: [{ namespaceSelector: selector }] });
  for (const peer of np.allowedPods) egress.push({ to: [peer] });
  // Any destination on these ports (e.g. the model provider's HTTPS API).
  if (np.customEgressPorts.length) egress.push({ ports: np.customEgressPorts });
  ingress.push(...np.ingress);
  egress.push(...np.egress);

  const types = np.policyTypes;
  sink.add('networkpolicy', {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: model.fullName, labels: model.labels.common },
    spec: {
      podSelector: { matchLabels: model.labels.selector },
      policyTypes: types,
      ...(types.includes('Ingress') ? { ingress } : {}),
      ...(types.includes('Egress') ? { egress } : {}),
    },
  });
}
