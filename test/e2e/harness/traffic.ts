/**
 * Traffic questions about rendered manifests, answered by a NetworkPolicy engine that exists for
 * this (cluster/netpol.js: cyclonus' matcher, built from its Go module), not by reading our own
 * YAML back. The peers are the pods a cluster has around a fleet: the ingress controller, the
 * cluster DNS, Prometheus, the API server's Service address, cloud metadata, a node, the Internet.
 */
import { parseAllDocuments } from 'yaml';

// eslint-disable-next-line @typescript-eslint/no-var-requires
const netpol = require('../../../cluster/netpol.js');

/** A pod the manifests make (`workload`: Kind/namespace/name), a pod outside them, or an address. */
export interface Peer {
  readonly workload?: string;
  readonly namespace?: string;
  readonly labels?: Record<string, string>;
  readonly ip: string;
  /** How the table names it. */
  readonly label: string;
}

export interface Question {
  readonly from: Peer;
  readonly to: Peer;
  readonly port: number;
  readonly protocol?: 'TCP' | 'UDP';
}

export interface Answer {
  readonly allowed: boolean;
  readonly ingress: boolean;
  readonly egress: boolean;
  readonly portName?: string;
}

/** The platform's pods and addresses (pod IPs in 10.244.0.0/16, Services in 10.96.0.0/12). */
export const OUTSIDE = {
  ingressController: { namespace: 'ingress-nginx', labels: { 'app.kubernetes.io/name': 'ingress-nginx' }, ip: '10.244.9.10', label: 'ingress-nginx controller' },
  // The controller's namespace, another pod: the peer needs both selectors.
  ingressNamespaceOther: { namespace: 'ingress-nginx', labels: { app: 'admission-webhook' }, ip: '10.244.9.11', label: 'other pod in ingress-nginx' },
  // The controller's labels in a namespace a tenant could own.
  ingressLookalike: { namespace: 'openclaw-mallory', labels: { 'app.kubernetes.io/name': 'ingress-nginx' }, ip: '10.244.7.10', label: 'pod labelled ingress-nginx in openclaw-mallory' },
  kubeDns: { namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' }, ip: '10.244.0.10', label: 'kube-dns' },
  kubeSystemOther: { namespace: 'kube-system', labels: { 'k8s-app': 'metrics-server' }, ip: '10.244.0.20', label: 'metrics-server (kube-system)' },
  prometheus: { namespace: 'monitoring', labels: { 'app.kubernetes.io/name': 'prometheus' }, ip: '10.244.8.10', label: 'Prometheus (monitoring)' },
  internet: { ip: '203.0.113.7', label: 'Internet 203.0.113.7' },
  apiServer: { ip: '10.96.0.1', label: 'API server Service 10.96.0.1' },
  metadata: { ip: '169.254.169.254', label: 'cloud metadata 169.254.169.254' },
  node: { ip: '192.168.1.5', label: 'node 192.168.1.5' },
  modelGateway: { ip: '10.50.1.2', label: 'in-cluster model gateway 10.50.1.2' },
} satisfies Record<string, Peer>;

/** Up to 20 minutes: a cold build of the evaluator on two busy cores, when CI's `node cluster/netpol.js build` did not run first. */
export const EVALUATOR_BUILD_TIMEOUT_MS = 20 * 60 * 1000;

/** Builds the evaluator unless the cache has it (before the questions, which have the usual test timeout). */
export function buildEvaluator(): void {
  netpol.build(() => undefined);
}

/** The objects of a multi-document YAML manifest, as `kubectl apply -f` reads them. */
export function manifestObjects(yamlText: string): any[] {
  return parseAllDocuments(yamlText).map((d) => d.toJSON()).filter((o) => o);
}

/**
 * Asks the engine; each answer keyed "from -> to port/protocol". `manifests`: every object the
 * render wrote; `defaultNamespace`: where objects without a namespace land.
 */
export function ask(manifests: any[], questions: readonly Question[], defaultNamespace = 'default'): { answers: Record<string, Answer>; workloads: string[]; policies: string[] } {
  const out = netpol.ask({
    defaultNamespace,
    manifests,
    namespaces: [{ name: 'ingress-nginx' }, { name: 'kube-system' }, { name: 'monitoring' }],
    questions: questions.map((q, i) => ({ id: String(i), from: q.from, to: q.to, port: q.port, protocol: q.protocol ?? 'TCP' })),
  });
  const answers: Record<string, Answer> = {};
  out.answers.forEach((a: Answer & { id: string }, i: number) => {
    const { id: _id, ...rest } = a;
    answers[key(questions[i])] = rest;
  });
  return { answers, workloads: out.workloads, policies: out.policies ?? [] };
}

export function key(q: Question): string {
  return `${q.from.label} -> ${q.to.label} ${q.port}/${q.protocol ?? 'TCP'}`;
}

/** The answers as a Markdown table (printed by the tests, quoted in docs/fleet-tenancy.md). */
export function table(title: string, answers: Record<string, Answer>): string {
  const rows = Object.entries(answers).map(([k, a]) => `| ${k} | ${a.allowed ? 'yes' : 'no'} | ${a.ingress ? 'yes' : 'no'} | ${a.egress ? 'yes' : 'no'} |`);
  return [`${title}`, '| traffic | allowed | ingress side | egress side |', '|---|---|---|---|', ...rows, ''].join('\n');
}

/** Every question from `from` to `to` on each port. */
export function onPorts(from: Peer, to: Peer, ports: ReadonlyArray<number | [number, 'TCP' | 'UDP']>): Question[] {
  return ports.map((p) => (typeof p === 'number' ? { from, to, port: p } : { from, to, port: p[0], protocol: p[1] }));
}

/** Ports a hostile neighbour would try: the gateway, SSH, HTTP, HTTPS, DNS, Chromium's CDP, metrics exporters. */
export const PROBE_PORTS: ReadonlyArray<number | [number, 'UDP']> = [18789, 22, 80, 443, 8080, 9222, 9090, [53, 'UDP'], [5353, 'UDP']];
