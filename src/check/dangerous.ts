/**
 * Legal but dangerous settings: they render, with a warning naming the path on stderr
 * (`--strict` refuses them). The agent runs shell commands on a model's instructions, so what
 * the pod may do on its node or in the cluster matters more than for an ordinary web server.
 */
import { ProblemCollector } from '../errors';
import { KubernetesJson, OpenClawChartProps } from '../props';
import { basicSettings } from '../settings';

/** The one capability a gateway may reasonably need (a port below 1024). */
const HARMLESS_CAPABILITIES = ['NET_BIND_SERVICE', 'CAP_NET_BIND_SERVICE'];
const EVERY_ADDRESS = ['0.0.0.0/0', '::/0'];
/** RBAC verbs that hand out more than they say. */
const ESCALATING_VERBS = ['escalate', 'bind', 'impersonate'];

export function checkDangerousSettings(props: OpenClawChartProps, p: ProblemCollector): void {
  checkPrivileges(props, p);
  checkHostAccess(props, p);
  checkNetworkPolicyRules(props, p);
  checkRbac(props, p);
  if (props.allowPlainSecretEnv === true) {
    p.warn('allowPlainSecretEnv', 'is true: secret-looking env names and values are written in plain text to the StatefulSet and ConfigMaps, readable by anyone who may read them; use existingSecret');
  }
}

function checkPrivileges(props: OpenClawChartProps, p: ProblemCollector): void {
  const pod = (props.podSecurityContext ?? {}) as KubernetesJson;
  const container = (props.securityContext ?? {}) as KubernetesJson;
  for (const [prefix, sc] of [['podSecurityContext', pod], ['securityContext', container]] as const) {
    if (sc.runAsUser === 0) p.warn(`${prefix}.runAsUser`, 'is 0: the containers run as root, and a shell command of the agent can then change anything the image and its volumes hold');
    if (sc.runAsNonRoot === false) p.warn(`${prefix}.runAsNonRoot`, 'is false: the image may run its containers as root');
    const seccomp = sc.seccompProfile as KubernetesJson | undefined;
    if (seccomp?.type === 'Unconfined') p.warn(`${prefix}.seccompProfile.type`, 'is Unconfined: every system call is allowed (Pod Security "restricted" requires RuntimeDefault or Localhost)');
  }
  if (container.privileged === true) p.warn('securityContext.privileged', 'is true: the containers get every capability and the host\'s devices, which is root on the node');
  if (container.allowPrivilegeEscalation === true) p.warn('securityContext.allowPrivilegeEscalation', 'is true: a process may gain more privileges than its parent (setuid binaries)');
  const capabilities = basicSettings(props).securityContext.capabilities as KubernetesJson;
  const added = Array.isArray(capabilities.add) ? capabilities.add as unknown[] : [];
  added.forEach((cap, i) => {
    if (!HARMLESS_CAPABILITIES.includes(String(cap))) {
      p.warn(`securityContext.capabilities.add[${i}]`, `adds the capability ${String(cap)}: beyond NET_BIND_SERVICE, Pod Security "restricted" allows none`);
    }
  });
  const dropped = Array.isArray(capabilities.drop) ? capabilities.drop as unknown[] : [];
  if (!dropped.includes('ALL')) p.warn('securityContext.capabilities.drop', 'does not drop ALL: the containers keep the runtime\'s default capabilities');
}

function checkHostAccess(props: OpenClawChartProps, p: ProblemCollector): void {
  (props.extraVolumes ?? []).forEach((v, i) => {
    const hostPath = (v as KubernetesJson).hostPath as KubernetesJson | undefined;
    if (!hostPath || typeof hostPath.path !== 'string') return;
    const where = hostPath.path.replace(/\/+$/, '') || '/';
    p.warn(`extraVolumes[${i}].hostPath`, where === '/'
      ? 'mounts the node\'s root filesystem "/": whoever controls the agent controls the node'
      : `mounts the node's directory ${JSON.stringify(hostPath.path)}: the agent can read (and unless readOnly, change) files of the node`);
  });
}

/** Peers that select everyone: no peer list, an empty one, 0.0.0.0/0, or every namespace. */
function everyoneIn(peers: unknown): string | undefined {
  if (peers === undefined || (Array.isArray(peers) && peers.length === 0)) return 'every address';
  if (!Array.isArray(peers)) return undefined;
  for (const peer of peers as KubernetesJson[]) {
    const block = peer?.ipBlock as KubernetesJson | undefined;
    if (block && EVERY_ADDRESS.includes(String(block.cidr)) && !(Array.isArray(block.except) && block.except.length)) return `every address (${String(block.cidr)})`;
    const ns = peer?.namespaceSelector as KubernetesJson | undefined;
    const pods = peer?.podSelector as KubernetesJson | undefined;
    if (ns && isEmptySelector(ns) && (!pods || isEmptySelector(pods))) return 'every pod of every namespace (namespaceSelector: {})';
  }
  return undefined;
}

function isEmptySelector(selector: KubernetesJson): boolean {
  return !Object.keys((selector.matchLabels as object | undefined) ?? {}).length && !((selector.matchExpressions as unknown[] | undefined) ?? []).length;
}

function checkNetworkPolicyRules(props: OpenClawChartProps, p: ProblemCollector): void {
  const np = props.networkPolicy;
  if (!np?.enabled) return;
  for (const [direction, field, word] of [['ingress', 'from', 'from'], ['egress', 'to', 'to']] as const) {
    (np[direction] ?? []).forEach((rule, i) => {
      const who = everyoneIn((rule as KubernetesJson)[field]);
      if (!who) return;
      const ports = rule.ports?.length ? `on ${rule.ports.map((x) => `${x.protocol ?? 'TCP'} ${x.port ?? 'every port'}`).join(', ')}` : 'on every port';
      p.warn(`networkPolicy.${direction}[${i}].${field}`, `allows traffic ${word} ${who} ${ports}: list the peers that need it`);
    });
  }
  const selectors: Array<[string, KubernetesJson | undefined]> = [
    ...(np.allowedNamespaces ?? []).map((s, i): [string, KubernetesJson] => [`networkPolicy.allowedNamespaces[${i}]`, s as KubernetesJson]),
    ...(np.allowedPods ?? []).map((peer, i): [string, KubernetesJson | undefined] => [`networkPolicy.allowedPods[${i}].namespaceSelector`, (peer as KubernetesJson).namespaceSelector as KubernetesJson | undefined]),
    ...(['ingress', 'egress'] as const).flatMap((direction) => (np[direction] ?? []).flatMap((rule, i) => {
      const peers = ((rule as KubernetesJson)[direction === 'ingress' ? 'from' : 'to'] ?? []) as KubernetesJson[];
      return Array.isArray(peers) ? peers.map((peer, j): [string, KubernetesJson | undefined] => [`networkPolicy.${direction}[${i}].${direction === 'ingress' ? 'from' : 'to'}[${j}].namespaceSelector`, peer?.namespaceSelector as KubernetesJson | undefined]) : [];
    })),
  ];
  for (const [at, selector] of selectors) {
    if (selector && isEmptySelector(selector) && at.includes('allowedNamespaces')) p.warn(at, 'is an empty selector: it selects every namespace');
    const labels = (selector?.matchLabels ?? {}) as Record<string, unknown>;
    if (Object.prototype.hasOwnProperty.call(labels, 'name') && !Object.prototype.hasOwnProperty.call(labels, 'kubernetes.io/metadata.name')) {
      p.warn(`${at}.matchLabels.name`, `selects namespaces by the label "name", which Kubernetes does not set: unless you label the namespaces yourself it matches nothing; Kubernetes sets kubernetes.io/metadata.name: ${JSON.stringify(labels.name)}`);
    }
  }
}

function checkRbac(props: OpenClawChartProps, p: ProblemCollector): void {
  (props.rbac?.rules ?? []).forEach((rule, i) => {
    (rule.verbs ?? []).forEach((verb, j) => {
      if (ESCALATING_VERBS.includes(verb)) p.warn(`rbac.rules[${i}].verbs[${j}]`, `grants "${verb}", which lets the agent take permissions it was not given`);
    });
    if ((rule.resources ?? []).includes('secrets') && (rule.verbs ?? []).some((v) => ['get', 'list', 'watch'].includes(v))) {
      p.warn(`rbac.rules[${i}]`, 'lets the agent read Secrets of the namespace (other releases\' keys and tokens among them)');
    }
  });
}
