/**
 * NetworkPolicy rules wider than what was asked for: peers that select every address or every
 * namespace however spelled (no peer, `{}`, `0.0.0.0/0`, `::/0`, two /1 halves, `Exists` on the
 * namespace name label), namespaces selected by what they lack or by any value of a label, and
 * policy types that leave egress open. Each is checked on the rules as the chart renders them
 * (src/build/network.ts: allowedNamespaces and allowedPods become egress rules, customEgressPorts one
 * rule to every address).
 */
import { IpRange, familiesCovered, parseRange } from '../core/cidr';
import { ProblemCollector } from '../core/errors';
import { KubernetesJson, NetworkPolicyPortProps, NetworkPolicyProps, OpenClawChartProps } from '../props';

const NAME_LABEL = 'kubernetes.io/metadata.name';
/** Operators that select namespaces by what they are not: every namespace anyone creates or labels is let through. */
const OPEN_OPERATORS = ['Exists', 'DoesNotExist', 'NotIn'];

/** One rendered rule: where the props said it, its peers (undefined: none written, which means everyone) and ports. */
interface Rule {
  readonly at: string;
  readonly word: 'from' | 'to';
  readonly peers: unknown;
  readonly ports?: readonly NetworkPolicyPortProps[];
  /** Where the props hold the j-th peer's namespaceSelector. */
  readonly selectorAt: (j: number) => string;
}

/** customEgressPorts means "any destination"; say what that includes and how to leave the cluster out. */
const CUSTOM_PORTS_ADVICE = 'the cluster\'s own pods and Services among them: to reach only the internet, list networkPolicy.egress with an ipBlock such as {cidr: 0.0.0.0/0, except: [10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16]}';

export function checkNetworkBreadth(props: OpenClawChartProps, p: ProblemCollector): void {
  const np = props.networkPolicy;
  if (!np?.enabled) return;
  const listed = (['ingress', 'egress'] as const).flatMap((direction) => (np[direction] ?? []).map((r, i): Rule => {
    const word = direction === 'ingress' ? 'from' : 'to';
    const at = `networkPolicy.${direction}[${i}].${word}`;
    return { at, word, peers: (r as KubernetesJson)[word], ports: r.ports, selectorAt: (j) => `${at}[${j}].namespaceSelector` };
  }));
  const pods = (np.allowedPods ?? []).map((peer, i): Rule => {
    const at = `networkPolicy.allowedPods[${i}]`;
    return { at, word: 'to', peers: [peer], selectorAt: () => `${at}.namespaceSelector` };
  });
  for (const rule of [...listed, ...pods]) {
    const who = everyoneIn(rule.peers);
    if (who) p.danger(rule.at, `allows traffic ${rule.word} ${who} ${portList(rule.ports)}: list the peers that need it`);
  }
  if (np.customEgressPorts?.length) p.danger('networkPolicy.customEgressPorts', `allows traffic to every address ${portList(np.customEgressPorts)}, ${CUSTOM_PORTS_ADVICE}`);
  (np.allowedNamespaces ?? []).forEach((s, i) => checkSelector(`networkPolicy.allowedNamespaces[${i}]`, s as KubernetesJson, true, p));
  for (const rule of [...pods, ...listed]) {
    (Array.isArray(rule.peers) ? rule.peers as KubernetesJson[] : []).forEach((peer, j) => checkSelector(rule.selectorAt(j), peer?.namespaceSelector as KubernetesJson | undefined, false, p));
  }
  checkPolicyTypes(np, p);
}

function portList(ports: readonly NetworkPolicyPortProps[] | undefined): string {
  return ports?.length ? `on ${ports.map((x) => `${x.protocol ?? 'TCP'} ${x.port ?? 'every port'}`).join(', ')}` : 'on every port';
}

/** Who the peers let through when that is everyone, in words; undefined when they name someone. */
function everyoneIn(peers: unknown): string | undefined {
  if (peers === undefined || peers === null || (Array.isArray(peers) && peers.length === 0)) return 'every address';
  if (!Array.isArray(peers)) return undefined;
  const open: Array<[string, IpRange]> = [];
  for (const peer of peers as KubernetesJson[]) {
    const block = peer?.ipBlock as KubernetesJson | undefined;
    const range = parseRange(block?.cidr);
    if (range && !(Array.isArray(block?.except) && block.except.length)) {
      if (range.prefix === 0) return `every address (${String(block?.cidr)})`;
      open.push([String(block?.cidr), range]);
    }
    const ns = peer?.namespaceSelector as KubernetesJson | undefined;
    const pods = peer?.podSelector as KubernetesJson | undefined;
    if (ns && selectsEveryNamespace(ns) && (!pods || isEmptySelector(pods))) {
      return isEmptySelector(ns) ? 'every pod of every namespace (namespaceSelector: {})' : `every pod of every namespace (${NAME_LABEL} Exists)`;
    }
  }
  const covered = familiesCovered(open.map(([, r]) => r));
  if (covered.length) {
    const cidrs = open.filter(([, r]) => covered.includes(r.family)).map(([c]) => c);
    return `every ${covered.map((f) => `IPv${f}`).join(' and ')} address (${cidrs.join(' + ')} together)`;
  }
  return undefined;
}

function isEmptySelector(selector: KubernetesJson): boolean {
  return !Object.keys((selector.matchLabels as object | undefined) ?? {}).length && !((selector.matchExpressions as unknown[] | undefined) ?? []).length;
}

/** `{}`, or only `kubernetes.io/metadata.name Exists`, which every namespace carries. */
function selectsEveryNamespace(selector: KubernetesJson): boolean {
  const expressions = (selector.matchExpressions ?? []) as KubernetesJson[];
  return !Object.keys((selector.matchLabels as object | undefined) ?? {}).length
    && (Array.isArray(expressions) ? expressions : []).every((e) => e?.key === NAME_LABEL && e?.operator === 'Exists');
}

function checkSelector(at: string, selector: KubernetesJson | undefined, alone: boolean, p: ProblemCollector): void {
  if (!selector) return;
  // A selector alone (allowedNamespaces) selects every pod of what it selects.
  if (alone && isEmptySelector(selector)) p.danger(at, 'is an empty selector: it selects every namespace');
  else if (alone && selectsEveryNamespace(selector)) p.danger(at, `selects every namespace (${NAME_LABEL} Exists): name the namespaces (${NAME_LABEL} In [...])`);
  const expressions = Array.isArray(selector.matchExpressions) ? selector.matchExpressions as KubernetesJson[] : [];
  expressions.forEach((e, i) => {
    if (!OPEN_OPERATORS.includes(String(e?.operator)) || selectsEveryNamespace(selector)) return;
    p.danger(`${at}.matchExpressions[${i}]`, `selects namespaces with ${JSON.stringify(e?.key)} ${String(e?.operator)}: every namespace that anyone creates or labels to match gets through; name the namespaces (${NAME_LABEL} In [...])`);
  });
  const labels = (selector.matchLabels ?? {}) as Record<string, unknown>;
  if (Object.prototype.hasOwnProperty.call(labels, 'name') && !Object.prototype.hasOwnProperty.call(labels, NAME_LABEL)) {
    p.warn(`${at}.matchLabels.name`, `selects namespaces by the label "name", which Kubernetes does not set: unless you label the namespaces yourself it matches nothing; Kubernetes sets ${NAME_LABEL}: ${JSON.stringify(labels.name)}`);
  }
}

/** Egress is restricted only when the policy lists Egress (src/build/network.ts writes egress rules only then). */
function checkPolicyTypes(np: NetworkPolicyProps, p: ProblemCollector): void {
  const types = np.policyTypes;
  if (types === undefined || (types as unknown) === null || types.includes('Egress')) return;
  if (!types.length) {
    p.danger('networkPolicy.policyTypes', 'is empty: Kubernetes then applies the policy to ingress only, so egress is fully open (and, with no ingress rules written, every connection in is refused); list [Ingress, Egress]');
    return;
  }
  const egress = (['egress', 'customEgressPorts', 'allowedNamespaces', 'allowedPods'] as const).filter((k) => (np[k] ?? []).length);
  if (egress.length) {
    p.danger('networkPolicy.policyTypes', `has no Egress: egress is fully open and ${egress.map((k) => `networkPolicy.${k}`).join(', ')} ${egress.length === 1 ? 'is' : 'are'} not rendered; add Egress`);
  }
}
