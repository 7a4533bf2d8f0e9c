/**
 * RBAC rules on the paths Kubernetes documents as privilege escalation
 * (https://kubernetes.io/docs/concepts/security/rbac-good-practices/), and a Role bound to the
 * namespace's `default` ServiceAccount. rbac.rules become a namespaced Role, so the cluster-scoped
 * paths of that page (nodes, CSRs, webhooks, namespaces, PersistentVolumes) grant nothing there;
 * nodes/proxy is listed all the same, since a ClusterRole made from these rules would grant it.
 * The "*" wildcards are check/access.ts's (a "*" resource is not also listed here, a "*" verb is).
 */
import { ProblemCollector } from '../core/errors';
import type { PolicyRule } from '../props/k8s-types';
import { DEFAULTS, OpenClawChartProps } from '../props';

const WRITE = ['create', 'update', 'patch', 'delete', 'deletecollection'];

interface Escalation {
  /** The API group of the resources ("" is the core group). */
  readonly group: string;
  readonly resources: readonly string[];
  /** The verbs that escalate. */
  readonly verbs: readonly string[];
  /** What the grant lets the agent do, as the warning says it. */
  readonly says: string;
}

const STARTS_WORKLOADS = 'the agent can start pods, and a pod can mount any Secret and use any ServiceAccount of the namespace';

const ESCALATIONS: readonly Escalation[] = [
  { group: '', resources: ['secrets'], verbs: ['get', 'list', 'watch'], says: 'the agent can read the Secrets of the namespace (other releases\' keys and tokens among them)' },
  { group: '', resources: ['secrets'], verbs: WRITE, says: 'the agent can replace the keys and tokens other workloads of the namespace start with' },
  { group: '', resources: ['configmaps'], verbs: WRITE, says: 'the agent can change the configuration other workloads of the namespace (and its own gateway) start with' },
  { group: '', resources: ['pods/exec', 'pods/attach'], verbs: ['create', 'get'], says: 'the agent can run commands in other pods of the namespace, with their ServiceAccounts and Secrets' },
  { group: '', resources: ['pods/ephemeralcontainers'], verbs: ['update', 'patch'], says: 'the agent can add a container of its choosing to other pods of the namespace' },
  { group: '', resources: ['pods', 'replicationcontrollers'], verbs: ['create', 'update', 'patch'], says: STARTS_WORKLOADS },
  { group: 'apps', resources: ['deployments', 'statefulsets', 'daemonsets', 'replicasets'], verbs: ['create', 'update', 'patch'], says: STARTS_WORKLOADS },
  { group: 'batch', resources: ['jobs', 'cronjobs'], verbs: ['create', 'update', 'patch'], says: STARTS_WORKLOADS },
  { group: '', resources: ['serviceaccounts/token'], verbs: ['create'], says: 'the agent can issue a token for any ServiceAccount of the namespace and act as it' },
  { group: 'rbac.authorization.k8s.io', resources: ['roles', 'rolebindings', 'clusterroles', 'clusterrolebindings'], verbs: WRITE, says: 'the agent can change who may do what in the namespace' },
  { group: '', resources: ['nodes/proxy'], verbs: ['get', 'create', 'update', 'patch', 'delete'], says: 'the agent can call the kubelet API, which runs commands in every pod of the node' },
];

/** RBAC verbs that hand out more than they say. */
const ESCALATING_VERBS = ['escalate', 'bind', 'impersonate'];

export function checkRbacEscalation(props: OpenClawChartProps, p: ProblemCollector): void {
  const rules = (props.rbac?.create ?? DEFAULTS.rbac.create) ? props.rbac?.rules ?? [] : [];
  rbacEscalations(rules, (path, message) => p.danger(path, message));
  const create = props.serviceAccount?.create ?? DEFAULTS.serviceAccount.create;
  const account = props.serviceAccount?.name || (create ? '' : 'default');
  if (rules.length && account === 'default') {
    p.danger(props.serviceAccount?.name ? 'serviceAccount.name' : 'serviceAccount.create', 'binds the Role of rbac.rules to the namespace\'s "default" ServiceAccount: every pod of the namespace that names no ServiceAccount gets its permissions; let the chart create one (serviceAccount.create: true) or name your own');
  }
}

/**
 * Each escalation `rules` grant (the paths above, and the escalating verbs), as the path within
 * `rbac` (`rbac.rules[i]...`) and what it lets the agent do. The fleet refuses them for tenants.
 */
export function rbacEscalations(rules: readonly PolicyRule[], found: (path: string, message: string) => void): void {
  rules.forEach((rule, i) => {
    const verbs = rule.verbs ?? [];
    verbs.forEach((verb, j) => {
      if (ESCALATING_VERBS.includes(verb)) found(`rbac.rules[${i}].verbs[${j}]`, `grants "${verb}", which lets the agent take permissions it was not given`);
    });
    const said = new Set<string>();
    for (const e of ESCALATIONS) {
      const groups = rule.apiGroups ?? [];
      if (!(groups.includes(e.group) || groups.includes('*'))) continue;
      const resources = e.resources.filter((r) => (rule.resources ?? []).includes(r));
      const granted = verbs.includes('*') ? e.verbs : e.verbs.filter((v) => verbs.includes(v));
      if (!resources.length || !granted.length || said.has(e.says)) continue;
      said.add(e.says);
      found(`rbac.rules[${i}]`, `grants ${granted.join(', ')} on ${resources.join(', ')}: ${e.says}`);
    }
  });
}
