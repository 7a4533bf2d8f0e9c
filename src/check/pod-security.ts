/**
 * The Pod Security Standards, "baseline" and "restricted", control by control
 * (https://kubernetes.io/docs/concepts/security/pod-security-standards/): each value that relaxes
 * one renders with a warning naming its path, and so does a `null` that removes one of the
 * chart's restricted defaults. docs/security-warnings.md maps each control to its warning. The
 * pod fields no prop sets (hostNetwork, hostPID, hostIPC, hostPort) are never rendered.
 */
import { ProblemCollector } from '../core/errors';
import { DEFAULTS, KubernetesJson, OpenClawChartProps } from '../props';
import { basicSettings } from '../props/settings';

/** The one capability "restricted" lets a container add (a port below 1024), as Kubernetes spells it and as runtimes do. */
const HARMLESS_CAPABILITIES = ['NET_BIND_SERVICE', 'CAP_NET_BIND_SERVICE'];
/** Volume types "restricted" allows (hostPath has its own warning). */
export const RESTRICTED_VOLUME_TYPES = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret'];
/** The sysctls "baseline" allows (Kubernetes 1.29+). */
export const SAFE_SYSCTLS = [
  'kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.ip_unprivileged_port_start', 'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range', 'net.ipv4.ip_local_reserved_ports', 'net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes',
];
/** SELinux types "baseline" allows (unset too). */
export const ALLOWED_SELINUX_TYPES = ['container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t'];
/** Profile types "baseline" allows for seccomp (restricted: one of them must be set) and AppArmor. */
const CONFINED_PROFILES = ['RuntimeDefault', 'Localhost'];
const APPARMOR_ANNOTATION = 'container.apparmor.security.beta.kubernetes.io/';

/**
 * The restricted defaults a `null` can remove (capabilities.drop apart). The ids are not among them
 * (a null id is refused by check/kubernetes-rules.ts), nor fsGroupChangePolicy (a speed setting).
 */
const SECURITY_DEFAULTS: Record<'podSecurityContext' | 'securityContext', readonly string[]> = {
  podSecurityContext: ['runAsNonRoot', 'seccompProfile'],
  securityContext: ['allowPrivilegeEscalation', 'readOnlyRootFilesystem', 'runAsNonRoot', 'seccompProfile'],
};

type Contexts = ReadonlyArray<readonly ['podSecurityContext' | 'securityContext', KubernetesJson]>;

export function checkPodSecurity(props: OpenClawChartProps, p: ProblemCollector): void {
  const given: Contexts = [['podSecurityContext', (props.podSecurityContext ?? {}) as KubernetesJson], ['securityContext', (props.securityContext ?? {}) as KubernetesJson]];
  checkRemovedDefaults(given, p);
  checkUsers(given, p);
  checkConfinement(given, props, p);
  checkPrivileges(props, p);
  checkVolumes(props, p);
}

/** A `null` spreads over the default and removes it, without a word from a values file or a type. */
function checkRemovedDefaults(given: Contexts, p: ProblemCollector): void {
  for (const [prefix, sc] of given) {
    for (const key of SECURITY_DEFAULTS[prefix]) {
      const value = (DEFAULTS[prefix] as KubernetesJson)[key];
      if (sc[key] === null) p.danger(`${prefix}.${key}`, `is null, which removes the chart's restricted default (${key}: ${JSON.stringify(value)}): leave it out to keep the default`);
    }
  }
  const capabilities = given[1][1].capabilities as KubernetesJson | null | undefined;
  if (capabilities?.drop === null) p.danger('securityContext.capabilities.drop', 'is null, which removes the chart\'s restricted default (drop: ["ALL"]): leave it out to keep the default');
}

function checkUsers(given: Contexts, p: ProblemCollector): void {
  for (const [prefix, sc] of given) {
    if (sc.runAsUser === 0) p.danger(`${prefix}.runAsUser`, 'is 0: the containers run as root, and a shell command of the agent can then change anything the image and its volumes hold');
    if (sc.runAsGroup === 0) p.danger(`${prefix}.runAsGroup`, 'is 0: the containers run with the root group, and may change every file the image and its volumes give that group');
    if (sc.runAsNonRoot === false) p.danger(`${prefix}.runAsNonRoot`, 'is false: the image may run its containers as root');
  }
  const pod = given[0][1];
  if (pod.fsGroup === 0) p.danger('podSecurityContext.fsGroup', 'is 0: the volumes are given to the root group, and every process of the pod joins it');
  const groups = Array.isArray(pod.supplementalGroups) ? pod.supplementalGroups as unknown[] : [];
  groups.forEach((g, i) => {
    if (g === 0) p.danger(`podSecurityContext.supplementalGroups[${i}]`, 'is 0: every process of the pod joins the root group, and may change every file the image and its volumes give that group');
  });
}

/** seccomp, AppArmor (the field and the legacy annotation), SELinux, /proc, sysctls, Windows HostProcess. */
function checkConfinement(given: Contexts, props: OpenClawChartProps, p: ProblemCollector): void {
  for (const [prefix, sc] of given) {
    const seccomp = sc.seccompProfile as KubernetesJson | undefined;
    if (seccomp?.type === 'Unconfined') p.danger(`${prefix}.seccompProfile.type`, 'is Unconfined: every system call is allowed (Pod Security "restricted" requires RuntimeDefault or Localhost)');
    const appArmor = (sc.appArmorProfile as KubernetesJson | undefined)?.type;
    if (appArmor !== undefined && appArmor !== null && !CONFINED_PROFILES.includes(String(appArmor))) {
      p.danger(`${prefix}.appArmorProfile.type`, `is ${String(appArmor)}: the containers run without AppArmor (Pod Security "baseline" allows RuntimeDefault or Localhost)`);
    }
    const seLinux = (sc.seLinuxOptions ?? {}) as KubernetesJson;
    if (seLinux.type && !ALLOWED_SELINUX_TYPES.includes(String(seLinux.type))) {
      p.danger(`${prefix}.seLinuxOptions.type`, `is ${JSON.stringify(seLinux.type)}: an SELinux type outside ${ALLOWED_SELINUX_TYPES.join(', ')} (Pod Security "baseline") lifts the container's SELinux confinement (spc_t is unconfined)`);
    }
    for (const key of ['user', 'role'] as const) {
      if (seLinux[key]) p.danger(`${prefix}.seLinuxOptions.${key}`, `is set: an SELinux ${key} gives the containers another SELinux identity (Pod Security "baseline" allows none)`, seLinux[key]);
    }
    if ((sc.windowsOptions as KubernetesJson | undefined)?.hostProcess === true) {
      p.danger(`${prefix}.windowsOptions.hostProcess`, 'is true: a Windows HostProcess container runs as a process of the node, with the node\'s privileges (Pod Security "baseline" forbids it)');
    }
  }
  const container = given[1][1];
  if (container.procMount !== undefined && container.procMount !== null && container.procMount !== 'Default') {
    p.danger('securityContext.procMount', `is ${String(container.procMount)}: the containers see /proc without the masks that hide the kernel's and the node's details (Pod Security "baseline" allows only Default)`);
  }
  const sysctls = Array.isArray(given[0][1].sysctls) ? given[0][1].sysctls as KubernetesJson[] : [];
  sysctls.forEach((s, i) => {
    if (!SAFE_SYSCTLS.includes(String(s?.name))) {
      p.danger(`podSecurityContext.sysctls[${i}].name`, `sets the sysctl ${JSON.stringify(s?.name)}, outside the safe set of Pod Security "baseline": it may change the node's kernel for every pod on it`);
    }
  });
  for (const [key, value] of Object.entries(props.podAnnotations ?? {})) {
    if (key.startsWith(APPARMOR_ANNOTATION) && !(value === 'runtime/default' || String(value).startsWith('localhost/'))) {
      p.danger(`podAnnotations.${key}`, `is ${JSON.stringify(value)}: the container runs without AppArmor (Pod Security "baseline" allows runtime/default or localhost/<profile>)`);
    }
  }
}

/** privileged, privilege escalation, capabilities: on the effective container context (yours over the defaults). */
function checkPrivileges(props: OpenClawChartProps, p: ProblemCollector): void {
  const container = (props.securityContext ?? {}) as KubernetesJson;
  if (container.privileged === true) p.danger('securityContext.privileged', 'is true: the containers get every capability and the host\'s devices, which is root on the node');
  if (container.allowPrivilegeEscalation === true) p.danger('securityContext.allowPrivilegeEscalation', 'is true: a process may gain more privileges than its parent (setuid binaries)');
  const capabilities = basicSettings(props).securityContext.capabilities as KubernetesJson;
  const added = Array.isArray(capabilities.add) ? capabilities.add as unknown[] : [];
  added.forEach((cap, i) => {
    if (!HARMLESS_CAPABILITIES.includes(String(cap))) {
      p.danger(`securityContext.capabilities.add[${i}]`, `adds the capability ${String(cap)}: beyond NET_BIND_SERVICE, Pod Security "restricted" allows none`);
    }
  });
  const dropped = Array.isArray(capabilities.drop) ? capabilities.drop as unknown[] : [];
  if (!dropped.includes('ALL')) p.danger('securityContext.capabilities.drop', 'does not drop ALL: the containers keep the runtime\'s default capabilities');
}

/** hostPath (baseline), then every type outside the restricted list, inline CSI and projected tokens. */
function checkVolumes(props: OpenClawChartProps, p: ProblemCollector): void {
  (props.extraVolumes ?? []).forEach((v, i) => {
    const volume = v as KubernetesJson;
    const type = Object.keys(volume).find((k) => k !== 'name');
    const at = `extraVolumes[${i}]`;
    if (type === 'hostPath') {
      const hostPath = volume.hostPath as KubernetesJson | undefined;
      if (!hostPath || typeof hostPath.path !== 'string') return;
      const where = hostPath.path.replace(/\/+$/, '') || '/';
      p.danger(`${at}.hostPath`, where === '/'
        ? 'mounts the node\'s root filesystem "/": whoever controls the agent controls the node'
        : `mounts the node's directory ${JSON.stringify(hostPath.path)}: the agent can read (and unless readOnly, change) files of the node`);
    } else if (type === 'gitRepo') {
      p.danger(`${at}.gitRepo`, 'runs git as root on the node to clone the repository (a crafted repository has run commands on the node: CVE-2024-10220); gitRepo is deprecated and outside Pod Security "restricted": clone in an init container into an emptyDir');
    } else if (type === 'csi') {
      p.danger(`${at}.csi`, `is an inline CSI volume of the driver ${JSON.stringify((volume.csi as KubernetesJson | undefined)?.driver)}: Pod Security "restricted" allows it, but the driver alone decides what it mounts (node or cloud storage, other workloads' secrets); use a PersistentVolumeClaim, or make sure the cluster admits only drivers meant for inline use`);
    } else if (type === 'projected') {
      const sources = ((volume.projected as KubernetesJson | undefined)?.sources ?? []) as KubernetesJson[];
      (Array.isArray(sources) ? sources : []).forEach((s, j) => {
        if (s?.serviceAccountToken) {
          p.danger(`${at}.projected.sources[${j}].serviceAccountToken`, 'mounts a ServiceAccount token although the chart sets automountServiceAccountToken: false: the agent can call the API server as the pod\'s ServiceAccount');
        }
      });
    } else if (type !== undefined && !RESTRICTED_VOLUME_TYPES.includes(type)) {
      p.danger(`${at}.${type}`, `is a volume of type ${type}, outside the types Pod Security "restricted" allows (${RESTRICTED_VOLUME_TYPES.join(', ')}): the pod reaches storage of the node or the network directly, which no PersistentVolumeClaim or StorageClass policy checks`);
    }
  });
}
