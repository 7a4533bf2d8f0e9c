/**
 * A policy checker for synthesized manifests: `policyViolations(objects)` returns one line per
 * violation ([] when all is well). It works on any list of Kubernetes objects (not only this
 * chart's), so it can be reused for examples, values files and hand-written manifests.
 *
 * Policies:
 * - Pod Security Standard "restricted" (which includes "baseline"), every field, for EVERY
 *   container (init and ephemeral containers too):
 *   host namespaces, privileged, capabilities (drop ALL, add only NET_BIND_SERVICE), hostPath and
 *   other non-allowed volume types, hostPort, AppArmor, SELinux, /proc mount type, seccomp
 *   (RuntimeDefault or Localhost), sysctls (the safe set), allowPrivilegeEscalation false,
 *   runAsNonRoot true, runAsUser not 0, Windows HostProcess.
 * - Images are pinned: no `latest` tag and no untagged image.
 * - Every container sets cpu and memory requests and limits.
 * - The main container has liveness and readiness probes.
 * - The ServiceAccount token is mounted exactly when RBAC grants the ServiceAccount something.
 * - No Role or ClusterRole grants `secrets` or a `*` (resources, verbs or apiGroups).
 * - A NetworkPolicy selects the pods of a workload (matchLabels that are a subset of the pod
 *   labels) and selects namespaces only by `kubernetes.io/metadata.name`.
 */

// The profile's lists have one owner, the chart's own check (src/check/pod-security.ts).
import { ALLOWED_SELINUX_TYPES, RESTRICTED_VOLUME_TYPES, SAFE_SYSCTLS } from '../../src/check/pod-security';
export { ALLOWED_SELINUX_TYPES, RESTRICTED_VOLUME_TYPES, SAFE_SYSCTLS };

/** The namespace label every namespace carries (Kubernetes 1.21+). */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** The main container's name in this chart; other workloads use their first container. */
const MAIN_CONTAINER = 'openclaw';

interface PodTemplate {
  readonly id: string;
  readonly labels: Record<string, string>;
  readonly annotations: Record<string, string>;
  readonly spec: any;
}

/** The pod templates of the workloads among the objects. */
export function podTemplates(objects: any[]): PodTemplate[] {
  const out: PodTemplate[] = [];
  for (const o of objects) {
    const id = `${o.kind}/${o.metadata?.name}`;
    const template = o.kind === 'Pod' ? { metadata: o.metadata, spec: o.spec }
      : o.kind === 'CronJob' ? o.spec?.jobTemplate?.spec?.template
        : ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job'].includes(o.kind) ? o.spec?.template
          : undefined;
    if (template) out.push({ id, labels: template.metadata?.labels ?? {}, annotations: template.metadata?.annotations ?? {}, spec: template.spec ?? {} });
  }
  return out;
}

export function policyViolations(objects: any[]): string[] {
  const v: string[] = [];
  const pods = podTemplates(objects);
  for (const pod of pods) {
    v.push(...podSecurityViolations(pod));
    v.push(...podHygieneViolations(pod));
    v.push(...tokenViolations(pod, objects));
  }
  v.push(...rbacViolations(objects));
  v.push(...networkPolicyViolations(objects, pods));
  return v;
}

// ---------------------------------------------------------------------------------------------
// Pod Security Standard "restricted"
// ---------------------------------------------------------------------------------------------

function allContainers(spec: any): Array<{ kind: string; c: any }> {
  return [
    ...(spec.initContainers ?? []).map((c: any) => ({ kind: 'init container', c })),
    ...(spec.containers ?? []).map((c: any) => ({ kind: 'container', c })),
    ...(spec.ephemeralContainers ?? []).map((c: any) => ({ kind: 'ephemeral container', c })),
  ];
}

export function podSecurityViolations(pod: PodTemplate): string[] {
  const v: string[] = [];
  const spec = pod.spec;
  const psc = spec.securityContext ?? {};
  const at = (what: string) => `${pod.id}: ${what}`;

  // baseline
  for (const ns of ['hostNetwork', 'hostPID', 'hostIPC']) if (spec[ns] === true) v.push(at(`${ns} must not be true`));
  if (psc.windowsOptions?.hostProcess === true) v.push(at('pod securityContext.windowsOptions.hostProcess must not be true'));
  for (const vol of spec.volumes ?? []) {
    const type = Object.keys(vol).find((k) => k !== 'name');
    if (type === 'hostPath') v.push(at(`volume ${vol.name}: hostPath volumes are not allowed`));
    else if (!type || !RESTRICTED_VOLUME_TYPES.includes(type)) v.push(at(`volume ${vol.name}: type ${type} is not allowed by the restricted profile`));
  }
  for (const s of psc.sysctls ?? []) if (!SAFE_SYSCTLS.includes(s.name)) v.push(at(`sysctl ${s.name} is not in the safe set`));
  v.push(...seLinuxViolations(psc.seLinuxOptions).map((m) => at(`pod securityContext.seLinuxOptions: ${m}`)));
  if (psc.appArmorProfile && !['RuntimeDefault', 'Localhost'].includes(psc.appArmorProfile.type)) {
    v.push(at(`pod securityContext.appArmorProfile.type ${psc.appArmorProfile.type} is not allowed`));
  }
  for (const [k, val] of Object.entries(pod.annotations)) {
    if (k.startsWith('container.apparmor.security.beta.kubernetes.io/') && !(val === 'runtime/default' || val.startsWith('localhost/'))) {
      v.push(at(`annotation ${k}: AppArmor profile ${val} is not allowed`));
    }
  }
  if (psc.runAsUser === 0) v.push(at('pod securityContext.runAsUser must not be 0'));
  if (psc.seccompProfile && !['RuntimeDefault', 'Localhost'].includes(psc.seccompProfile.type)) {
    v.push(at(`pod securityContext.seccompProfile.type ${psc.seccompProfile.type} is not allowed`));
  }

  for (const { kind, c } of allContainers(spec)) {
    const sc = c.securityContext ?? {};
    const cat = (what: string) => `${pod.id} ${kind} ${c.name}: ${what}`;
    if (sc.privileged === true) v.push(cat('privileged must not be true'));
    if (sc.windowsOptions?.hostProcess === true) v.push(cat('windowsOptions.hostProcess must not be true'));
    for (const p of c.ports ?? []) if (p.hostPort) v.push(cat(`hostPort ${p.hostPort} is not allowed`));
    if (sc.procMount !== undefined && sc.procMount !== 'Default') v.push(cat(`procMount ${sc.procMount} is not allowed`));
    v.push(...seLinuxViolations(sc.seLinuxOptions).map((m) => cat(`seLinuxOptions: ${m}`)));
    if (sc.appArmorProfile && !['RuntimeDefault', 'Localhost'].includes(sc.appArmorProfile.type)) {
      v.push(cat(`appArmorProfile.type ${sc.appArmorProfile.type} is not allowed`));
    }
    // restricted
    if (sc.allowPrivilegeEscalation !== false) v.push(cat('allowPrivilegeEscalation must be false'));
    const drop: string[] = sc.capabilities?.drop ?? [];
    if (!drop.includes('ALL')) v.push(cat('capabilities.drop must include ALL'));
    for (const cap of sc.capabilities?.add ?? []) if (cap !== 'NET_BIND_SERVICE') v.push(cat(`capability ${cap} must not be added (only NET_BIND_SERVICE)`));
    if (sc.runAsNonRoot === false) v.push(cat('runAsNonRoot must not be false'));
    else if (sc.runAsNonRoot !== true && psc.runAsNonRoot !== true) v.push(cat('runAsNonRoot must be true (in the container or the pod securityContext)'));
    if (sc.runAsUser === 0) v.push(cat('runAsUser must not be 0'));
    const seccomp = sc.seccompProfile?.type ?? psc.seccompProfile?.type;
    if (!['RuntimeDefault', 'Localhost'].includes(seccomp)) v.push(cat(`seccompProfile.type must be RuntimeDefault or Localhost (got ${seccomp ?? 'nothing'})`));
  }
  return v;
}

function seLinuxViolations(options: any): string[] {
  if (!options) return [];
  const v: string[] = [];
  if (options.type !== undefined && options.type !== '' && !ALLOWED_SELINUX_TYPES.includes(options.type)) v.push(`type ${options.type} is not allowed`);
  if (options.user) v.push('user must not be set');
  if (options.role) v.push('role must not be set');
  return v;
}

// ---------------------------------------------------------------------------------------------
// Images, resources, probes
// ---------------------------------------------------------------------------------------------

/** The tag of an image reference (undefined when pinned by digest only or untagged). */
export function imageTag(image: string): string | undefined {
  const withoutDigest = image.split('@')[0];
  const lastSlash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.lastIndexOf(':');
  return colon > lastSlash ? withoutDigest.slice(colon + 1) : undefined;
}

export function podHygieneViolations(pod: PodTemplate): string[] {
  const v: string[] = [];
  const containers = allContainers(pod.spec).filter(({ kind }) => kind !== 'ephemeral container');
  for (const { kind, c } of containers) {
    const cat = (what: string) => `${pod.id} ${kind} ${c.name}: ${what}`;
    const tag = imageTag(c.image ?? '');
    if (tag === 'latest') v.push(cat(`image ${c.image} uses the latest tag`));
    else if (tag === undefined && !String(c.image).includes('@')) v.push(cat(`image ${c.image} has no tag (pulls latest)`));
    for (const kindOf of ['requests', 'limits']) {
      for (const res of ['cpu', 'memory']) {
        if (c.resources?.[kindOf]?.[res] === undefined) v.push(cat(`resources.${kindOf}.${res} is not set`));
      }
    }
  }
  const mains = pod.spec.containers ?? [];
  const main = mains.find((c: any) => c.name === MAIN_CONTAINER) ?? mains[0];
  if (main) {
    if (!main.livenessProbe) v.push(`${pod.id} container ${main.name}: no livenessProbe`);
    if (!main.readinessProbe) v.push(`${pod.id} container ${main.name}: no readinessProbe`);
  }
  return v;
}

// ---------------------------------------------------------------------------------------------
// ServiceAccount token and RBAC
// ---------------------------------------------------------------------------------------------

/** What the RBAC objects among `objects` grant the ServiceAccount `name` (rules, possibly empty). */
export function grantedRules(objects: any[], serviceAccount: string): any[] {
  const roles = new Map<string, any>();
  for (const o of objects) if (o.kind === 'Role' || o.kind === 'ClusterRole') roles.set(`${o.kind}/${o.metadata.name}`, o);
  return objects
    .filter((o) => o.kind === 'RoleBinding' || o.kind === 'ClusterRoleBinding')
    .filter((b) => (b.subjects ?? []).some((s: any) => s.kind === 'ServiceAccount' && s.name === serviceAccount))
    .flatMap((b) => roles.get(`${b.roleRef.kind}/${b.roleRef.name}`)?.rules ?? []);
}

export function tokenViolations(pod: PodTemplate, objects: any[]): string[] {
  const sa = pod.spec.serviceAccountName ?? 'default';
  const saObject = objects.find((o) => o.kind === 'ServiceAccount' && o.metadata.name === sa);
  const mounted = pod.spec.automountServiceAccountToken ?? saObject?.automountServiceAccountToken ?? true;
  const granted = grantedRules(objects, sa).length > 0;
  if (mounted && !granted) return [`${pod.id}: the ServiceAccount token of ${sa} is mounted but RBAC grants it nothing`];
  if (!mounted && granted) return [`${pod.id}: RBAC grants ServiceAccount ${sa} rules but its token is not mounted`];
  return [];
}

export function rbacViolations(objects: any[]): string[] {
  const v: string[] = [];
  for (const role of objects.filter((o) => o.kind === 'Role' || o.kind === 'ClusterRole')) {
    (role.rules ?? []).forEach((rule: any, i: number) => {
      const at = `${role.kind}/${role.metadata.name} rules[${i}]`;
      if ((rule.resources ?? []).includes('secrets')) v.push(`${at}: grants access to secrets`);
      for (const field of ['resources', 'verbs', 'apiGroups']) if ((rule[field] ?? []).includes('*')) v.push(`${at}: ${field} contains "*"`);
    });
  }
  return v;
}

// ---------------------------------------------------------------------------------------------
// NetworkPolicy
// ---------------------------------------------------------------------------------------------

function namespaceSelectorViolations(selector: any): string | undefined {
  const keys = Object.keys(selector?.matchLabels ?? {});
  if (selector?.matchExpressions?.length) return 'uses matchExpressions';
  if (keys.length === 0) return 'is empty (selects every namespace)';
  const other = keys.filter((k) => k !== NAMESPACE_NAME_LABEL);
  return other.length ? `selects by ${other.join(', ')}, not ${NAMESPACE_NAME_LABEL}` : undefined;
}

export function networkPolicyViolations(objects: any[], pods: PodTemplate[] = podTemplates(objects)): string[] {
  const v: string[] = [];
  for (const np of objects.filter((o) => o.kind === 'NetworkPolicy')) {
    const id = `NetworkPolicy/${np.metadata.name}`;
    const selector = np.spec?.podSelector ?? {};
    const match: Record<string, string> = selector.matchLabels ?? {};
    if (selector.matchExpressions?.length) v.push(`${id}: podSelector uses matchExpressions`);
    if (Object.keys(match).length === 0) v.push(`${id}: podSelector is empty (selects every pod of the namespace)`);
    else if (!pods.some((p) => Object.entries(match).every(([k, val]) => p.labels[k] === val))) v.push(`${id}: podSelector selects no workload's pods`);
    const rules: Array<[string, any[]]> = [
      ...(np.spec?.ingress ?? []).map((r: any, i: number): [string, any[]] => [`ingress[${i}].from`, r.from ?? []]),
      ...(np.spec?.egress ?? []).map((r: any, i: number): [string, any[]] => [`egress[${i}].to`, r.to ?? []]),
    ];
    for (const [where, peers] of rules) {
      peers.forEach((peer: any, j: number) => {
        if (peer.namespaceSelector === undefined) return;
        const problem = namespaceSelectorViolations(peer.namespaceSelector);
        if (problem) v.push(`${id} ${where}[${j}].namespaceSelector ${problem}`);
      });
    }
  }
  return v;
}
