/**
 * What the Kubernetes API server (pkg/apis/core/validation, networking validation) or the kubelet
 * refuses, refused at synth time with the rule in the message, so that a render never fails at
 * `kubectl apply` or leaves a pod that cannot start.
 */
import * as path from 'path';
import { ProblemCollector } from '../core/errors';
import { KubernetesJson, OpenClawChartProps } from '../props';
import { basicSettings } from '../props/settings';

/** The largest ConfigMap or Secret the API server stores (corev1.MaxSecretSize, data keys plus values). */
export const MAX_CONFIG_OBJECT_BYTES = 1024 * 1024;
/** The largest id (runAsUser, runAsGroup, fsGroup) the API server accepts. */
const MAX_ID = 2 ** 31 - 1;
const SECCOMP_TYPES = ['RuntimeDefault', 'Unconfined', 'Localhost'];

/**
 * Why `key` is not a ConfigMap or Secret data key (IsConfigMapKey), or undefined: at most 253
 * characters of `[-._a-zA-Z0-9]`, not "." or "..", not starting with ".." (the kubelet's own
 * `..data` symlinks live there in a mounted volume).
 */
export function configMapKeyProblem(key: unknown): string | undefined {
  if (typeof key !== 'string' || !/^[-._a-zA-Z0-9]+$/.test(key)) return 'may hold only letters, digits, "-", "_" and "." (the API server\'s rule: [-._a-zA-Z0-9]+)';
  if (key === '.' || key === '..') return 'must not be "." or ".." (the API server refuses them)';
  if (key.startsWith('..')) return 'must not start with ".." (the API server refuses it: the kubelet keeps its own ..data links there)';
  if (key.length > 253) return `must be at most 253 characters (got ${key.length})`;
  return undefined;
}

/**
 * A mount path as the kernel sees it: `//tmp`, `/data/../tmp` and `/tmp/` are all `/tmp`. The API
 * server compares mount paths as written, so two spellings of one directory would pass it and
 * then shadow each other in the container.
 */
export function normalizeMountPath(mountPath: string): string {
  const normal = path.posix.normalize(mountPath);
  return normal.length > 1 ? normal.replace(/\/+$/, '') : normal;
}

export function checkKubernetesRules(props: OpenClawChartProps, p: ProblemCollector): void {
  checkDataKeys(props, p);
  checkSecurityContexts(props, p);
  checkPolicyTypes(props, p);
  checkVolumePaths(props, p);
}

function checkDataKeys(props: OpenClawChartProps, p: ProblemCollector): void {
  const objects: Array<[string, Record<string, unknown> | undefined, string]> = [
    ['configMap.data', props.configMap?.data, 'ConfigMap'],
    ['secret.data', props.secret?.data, 'Secret'],
  ];
  for (const [at, data, kind] of objects) {
    if (!data || typeof data !== 'object') continue;
    let bytes = 0;
    for (const [key, value] of Object.entries(data)) {
      const problem = configMapKeyProblem(key);
      // secret.data keys are also env var names; check.ts refuses the characters there.
      if (problem && (kind === 'ConfigMap' || /^[A-Za-z_][A-Za-z0-9_]*$/.test(key))) p.add(`${at}.${key}`, `the ${kind} key ${problem}`, key);
      bytes += Buffer.byteLength(key) + (typeof value === 'string' ? Buffer.byteLength(value) : 0);
    }
    if (bytes > MAX_CONFIG_OBJECT_BYTES) {
      p.add(at, `holds ${bytes} bytes; the API server stores a ${kind} of at most ${MAX_CONFIG_OBJECT_BYTES} bytes (keys plus values)`);
    }
  }
}

function checkSecurityContexts(props: OpenClawChartProps, p: ProblemCollector): void {
  const { podSecurityContext: pod, securityContext: container } = basicSettings(props);
  const given = (props.securityContext ?? {}) as KubernetesJson;
  const escalation = 'allowPrivilegeEscalation' in given ? 'securityContext.allowPrivilegeEscalation is false' : 'allowPrivilegeEscalation is false (the chart\'s restricted default)';

  if (container.privileged === true && container.allowPrivilegeEscalation === false) {
    p.add('securityContext.privileged', `cannot be true while ${escalation}: the API server refuses the pair; set securityContext.allowPrivilegeEscalation: true as well, or do not run privileged`, true);
  }
  const added = ((container.capabilities as KubernetesJson | undefined)?.add ?? []) as unknown[];
  if (container.allowPrivilegeEscalation === false && Array.isArray(added)) {
    added.forEach((cap, i) => {
      if (cap === 'CAP_SYS_ADMIN') {
        p.add(`securityContext.capabilities.add[${i}]`, `CAP_SYS_ADMIN cannot be added while ${escalation}: the API server refuses the pair`, cap);
      }
    });
  }
  for (const [prefix, sc] of [['podSecurityContext', props.podSecurityContext], ['securityContext', props.securityContext]] as const) {
    for (const key of ['runAsUser', 'runAsGroup', 'fsGroup'] as const) {
      const v = (sc as KubernetesJson | undefined)?.[key];
      if (v !== undefined && !(Number.isInteger(v) && (v as number) >= 0 && (v as number) <= MAX_ID)) {
        p.add(`${prefix}.${key}`, `must be an integer from 0 to ${MAX_ID} (the API server's range for ids)`, v);
      }
    }
    const seccomp = (sc as KubernetesJson | undefined)?.seccompProfile as KubernetesJson | undefined;
    if (seccomp?.type !== undefined && !SECCOMP_TYPES.includes(seccomp.type as string)) {
      p.add(`${prefix}.seccompProfile.type`, `must be one of ${SECCOMP_TYPES.join(', ')}`, seccomp.type);
    } else if (seccomp?.type === 'Localhost' && !seccomp.localhostProfile) {
      p.add(`${prefix}.seccompProfile.localhostProfile`, 'is required when the seccomp type is Localhost (the API server refuses it without)');
    } else if (seccomp?.localhostProfile !== undefined && seccomp.type !== 'Localhost') {
      p.add(`${prefix}.seccompProfile.localhostProfile`, 'may only be set when the seccomp type is Localhost (the API server refuses it otherwise)', seccomp.localhostProfile);
    }
  }
  // The kubelet refuses to start a container whose user is 0 while runAsNonRoot is true.
  const nonRoot = container.runAsNonRoot ?? pod.runAsNonRoot;
  const user = container.runAsUser ?? pod.runAsUser;
  if (nonRoot === true && user === 0) {
    const userPath = given.runAsUser !== undefined ? 'securityContext.runAsUser' : 'podSecurityContext.runAsUser';
    p.add(userPath, 'is 0 (root) while runAsNonRoot is true: the kubelet refuses to start such a container ("runAsUser breaks non-root policy"); use a non-zero user, or set runAsNonRoot: false to really run as root', 0);
  }
}

function checkPolicyTypes(props: OpenClawChartProps, p: ProblemCollector): void {
  const seen = new Map<string, number>();
  (props.networkPolicy?.policyTypes ?? []).forEach((type, i) => {
    const first = seen.get(type);
    if (first !== undefined) {
      p.add(`networkPolicy.policyTypes[${i}]`, `lists "${type}" a second time (first at networkPolicy.policyTypes[${first}]): each of Ingress and Egress may appear once (the API server refuses more than two policy types)`, type);
    } else seen.set(type, i);
  });
}

function checkVolumePaths(props: OpenClawChartProps, p: ProblemCollector): void {
  (props.extraVolumeMounts ?? []).forEach((m, i) => {
    const subPath: unknown = m.subPath;
    if (typeof subPath !== 'string' || subPath === '') return;
    if (subPath.startsWith('/')) p.add(`extraVolumeMounts[${i}].subPath`, 'must be a relative path (the API server refuses absolute subPaths)', subPath);
    else if (subPath.split('/').includes('..')) p.add(`extraVolumeMounts[${i}].subPath`, 'must not contain ".." (the API server refuses it: it could leave the volume)', subPath);
  });
  (props.extraVolumes ?? []).forEach((v, i) => {
    const hostPath = (v as KubernetesJson).hostPath as KubernetesJson | undefined;
    if (!hostPath) return;
    const where = hostPath.path;
    if (typeof where !== 'string' || !where) p.add(`extraVolumes[${i}].hostPath.path`, 'is required');
    else if (where.split('/').includes('..')) p.add(`extraVolumes[${i}].hostPath.path`, 'must not contain ".." (the API server refuses it)', where);
  });
}
