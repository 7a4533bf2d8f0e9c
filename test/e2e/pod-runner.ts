/**
 * Runs one pod of a synthesized StatefulSet (or Deployment) on this machine "as the kubelet would",
 * with the real OpenClaw installed by `install.ts` standing in for the image.
 *
 * How a pod is modelled:
 * - One `unshare --mount --net --pid --uts --fork --kill-child` runs a generated shell script as the
 *   pod's PID 1. The mount namespace is made private first (`mount --make-rprivate /`), so nothing
 *   reaches the host's mount table; the network namespace only has `lo` (127.0.0.1); the hostname is
 *   the pod name. Killing the `unshare` process kills the whole pod (PID namespace teardown).
 * - Each container gets its own root filesystem: a directory under the work dir with the host's
 *   /usr and /etc bind-mounted read-only (the "image" userland; /etc/passwd and /etc/group replaced
 *   by the image's users), fresh /proc, /dev, /sys, its own /tmp (1777) inside the rootfs (so
 *   `readOnlyRootFilesystem: true` makes /tmp read-only unless a volume is mounted there, exactly as
 *   in a real pod). The container runs via `chroot` + `setpriv` (uid/gid/groups from the image user,
 *   `runAsUser`/`runAsGroup`/`fsGroup`/`supplementalGroups`; `--no-new-privs` when
 *   `allowPrivilegeEscalation: false`; all capabilities dropped when `capabilities.drop: [ALL]`) +
 *   `env -i -C <workingDir>`, with `command` + `args` verbatim (after Kubernetes `$(VAR)` expansion).
 * - Images: the OpenClaw image (any image whose repository mentions `openclaw`) is the installed npm
 *   package bind-mounted read-only at its WORKDIR `/app`, Node 24 bind-mounted at
 *   /opt/openclaw-e2e-node/bin (first on the image PATH) and also over /usr/bin/node, user `node`
 *   1000:1000 with HOME=/home/node. A `jq` image gets the machine's jq at `/jq` and runs as root. Any
 *   other image gets the machine's userland and root, like a busybox/alpine image.
 * - Volumes are directories under the work dir, prepared like the kubelet does: a PVC root is a fresh
 *   file system root (root:root 0755), an emptyDir is root:root 0777; with `fsGroup` the kubelet then
 *   chowns the tree to group fsGroup and adds g+rw (dirs g+x and setgid). ConfigMap/Secret/projected
 *   volumes use the atomic-writer layout (`..data` symlinks), honour `items`/`defaultMode`/`mode`,
 *   and are always mounted read-only. A `subPath` directory that does not exist when the container
 *   starts is created by the kubelet, as root, with the mode of the volume root (setgid included).
 * - Env: the service links the kubelet injects (`enableServiceLinks`, fake ClusterIPs), `envFrom`,
 *   `env` with `$(VAR)` expansion, `fieldRef` (pod name `<sts>-<index>`, namespace, labels incl.
 *   `apps.kubernetes.io/pod-index`, ...), `secretKeyRef`/`configMapKeyRef`, `resourceFieldRef`.
 *   Secret values are test values: the rendered Secret's keys with generated values, overridable
 *   (and required for Secrets the manifests do not contain) through `secretValues`.
 * - Init containers run in order and must exit 0. Then `openclaw config validate` runs once with the
 *   main container's env and mounts (in a rootfs of its own), then the main container starts.
 * - Probes run from a small Node client inside the pod's network namespace (`nsenter --net`), always
 *   against 127.0.0.1: httpGet (named ports resolved through the container's ports; 200-399 passes),
 *   tcpSocket, exec (inside the container via nsenter + chroot). They follow kubelet rules:
 *   initialDelaySeconds from container start, periodSeconds, timeoutSeconds, failureThreshold
 *   consecutive failures, successThreshold, and a startupProbe that gates liveness and readiness.
 *
 * Every wait is bounded by `timeoutMs`; the pod's process group is killed and the work dir removed at
 * the end, also on failure.
 */
import { ChildProcess, spawn, spawnSync } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as readline from 'readline';
import type { OpenClawInstall } from './install';

// ---------------------------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------------------------

export type K8sObject = { apiVersion?: string; kind?: string; metadata?: any; [key: string]: any };

export interface RunPodOptions {
  /** The OpenClaw installation (`ensureOpenClaw()`). */
  readonly install: OpenClawInstall;
  /** StatefulSet replica index (pod `<name>-<index>`). @default 0 */
  readonly replicaIndex?: number;
  /** Which workload to run when the objects hold several. @default the only StatefulSet/Deployment */
  readonly workloadName?: string;
  /** Namespace for objects that carry none. @default 'default' */
  readonly namespace?: string;
  /** Test values for Secrets: `{ [secretName]: { [key]: value } }`. Override generated values; required for Secrets the objects do not contain. */
  readonly secretValues?: Record<string, Record<string, string>>;
  /** Check token enforcement on an authenticated endpoint once the probes passed. @default true for an OpenClaw main container */
  readonly authCheck?: boolean;
  /** Run `openclaw config validate` again after the probes (the gateway rewrites openclaw.json at startup). @default false */
  readonly validateAfterStart?: boolean;
  /** Keep probing this long after every probe passed (liveness/readiness must keep passing). @default 0 */
  readonly observeAfterReadyMs?: number;
  /**
   * When a probe failed while the main container still runs, wait up to this long for it to exit on
   * its own (to capture why it is unhealthy in `main.logTail` / `main.exit`). @default 0
   */
  readonly awaitExitOnFailureMs?: number;
  /** Upper bound for the whole pod run. @default 150000 */
  readonly timeoutMs?: number;
  /** Keep PVC contents in this directory (created if needed, never deleted) instead of the work dir. */
  readonly pvcDir?: string;
  /** Mode of a fresh PVC root before fsGroup handling (0o755 like a new ext4 file system). */
  readonly pvcRootMode?: number;
  /** Keep the work dir (volumes, rootfs, logs) for debugging. @default false */
  readonly keepWorkDir?: boolean;
  /** Progress messages. @default none */
  readonly log?: (msg: string) => void;
}

export type ProbeKind = 'startup' | 'readiness' | 'liveness';

export interface ProbeResult {
  readonly kind: ProbeKind;
  /** e.g. `httpGet http://127.0.0.1:18789/healthz (port http)` */
  readonly handler: string;
  /** initialDelaySeconds + periodSeconds * failureThreshold, in ms. */
  readonly budgetMs: number;
  status: 'passed' | 'failed' | 'not-run';
  /** ms from main container start to the first attempt (after initialDelaySeconds and, for liveness/readiness, the startup probe). */
  firstAttemptMs?: number;
  /** ms from main container start to the success that made the probe pass. */
  firstPassMs?: number;
  attempts: number;
  failures: number;
  lastError?: string;
  /** One line per attempt: `+<ms> ok|fail <detail>`. */
  readonly history: string[];
}

export interface ContainerRun {
  readonly name: string;
  exitCode?: number;
  durationMs?: number;
  stdout: string;
  stderr: string;
}

export interface ValidateResult {
  /** `valid`: exit 0; `missing`: no config file; `invalid`: exit 1 with problems; `error`: could not run. */
  readonly status: 'valid' | 'invalid' | 'missing' | 'error';
  readonly exitCode: number | null;
  readonly output: string;
}

export interface HttpOutcome {
  readonly status?: number;
  readonly body?: string;
  readonly error?: string;
}

export interface AuthCheckResult {
  readonly endpoint: string;
  readonly withToken: HttpOutcome;
  readonly withoutToken: HttpOutcome;
  readonly wrongToken: HttpOutcome;
  /** With the token accepted (not 401/403) and without / with a wrong token refused (401). */
  readonly enforced: boolean;
}

export interface PodRunResult {
  readonly podName: string;
  readonly namespace: string;
  readonly replicaIndex: number;
  /** Secret test values the pod saw: `{ [secretName]: { [key]: value } }`. */
  readonly secretValues: Record<string, Record<string, string>>;
  /** Effective env of the main container (values of secret origin included). */
  readonly mainEnv: Record<string, string>;
  readonly initContainers: ContainerRun[];
  /** Set when the pod did not reach its main container (failed init, runAsNonRoot violation, ...). */
  podError?: string;
  validate?: ValidateResult;
  validateAfterStart?: ValidateResult;
  readonly main: {
    readonly name: string;
    started: boolean;
    /** ms from main container start until its first containerPort accepted TCP connections. */
    listenMs?: number;
    exit?: { code: number | null; atMs: number };
    /** Last lines of the main container's stdout+stderr. */
    logTail: string;
    /** Files the main container wrote below its own /tmp (rootfs), relative paths. */
    tmpWrites: string[];
    /** The environment of the running node process (after any wrapper exec'd), when it was seen. */
    processEnv?: Record<string, string>;
  };
  readonly probes: ProbeResult[];
  auth?: AuthCheckResult;
  /** True when init containers succeeded, the main container ran, and every declared probe passed. */
  ok: boolean;
  readonly warnings: string[];
  readonly durationMs: number;
}

// ---------------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------------

/** A timer that never keeps the process alive on its own. */
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, Math.max(0, ms)).unref());

/** Processes this module started and has not seen exit: killed if the test process exits first. */
const live = new Set<ChildProcess>();
let exitHookInstalled = false;

/** `sh -c 'exec nsenter ...'` keeps one PID through exec, so killing that PID ends the command. */
function track(p: ChildProcess): ChildProcess {
  live.add(p);
  p.on('exit', () => live.delete(p));
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', () => {
      for (const c of live) killNow(c);
    });
  }
  return p;
}

function killNow(p: ChildProcess): void {
  if (p.exitCode !== null || p.signalCode !== null || p.pid === undefined) return;
  try {
    process.kill(p.pid, 'SIGKILL');
  } catch {
    /* already gone */
  }
}

/** Single-quote for sh. */
function q(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

function tail(text: string, lines: number): string {
  return text.split('\n').slice(-lines).join('\n');
}

function readText(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** Kubernetes `$(VAR)` expansion (`$$` escapes), unknown references kept verbatim. */
export function expandK8sVars(input: string, vars: Record<string, string>): string {
  let out = '';
  for (let i = 0; i < input.length; i++) {
    const c = input[i];
    if (c === '$' && i + 1 < input.length) {
      const n = input[i + 1];
      if (n === '$') {
        out += '$';
        i++;
        continue;
      }
      if (n === '(') {
        const close = input.indexOf(')', i + 2);
        if (close !== -1) {
          const name = input.slice(i + 2, close);
          if (Object.prototype.hasOwnProperty.call(vars, name)) {
            out += vars[name];
            i = close;
            continue;
          }
        }
      }
    }
    out += c;
  }
  return out;
}

function decodeB64(v: string): string {
  return Buffer.from(v, 'base64').toString('utf8');
}

/** Bytes of a Kubernetes quantity (memory) or cores (cpu). */
function parseQuantity(q0: string | number): number {
  if (typeof q0 === 'number') return q0;
  const m = /^([0-9.]+)([a-zA-Z]*)$/.exec(q0.trim());
  if (!m) throw new Error(`bad quantity ${q0}`);
  const n = Number(m[1]);
  const mult: Record<string, number> = {
    '': 1, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4,
  };
  if (!(m[2] in mult)) throw new Error(`bad quantity suffix ${q0}`);
  return n * mult[m[2]];
}

// ---------------------------------------------------------------------------------------------
// Images
// ---------------------------------------------------------------------------------------------

interface ImageProfile {
  readonly kind: 'openclaw' | 'jq' | 'generic';
  readonly uid: number;
  readonly gid: number;
  readonly workingDir: string;
  readonly env: Record<string, string>;
  readonly entrypoint: string[];
  readonly cmd: string[];
  /** Lines of the image's /etc/passwd and /etc/group. */
  readonly passwd: string[];
  readonly group: string[];
}

const IMAGE_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
const NODE_MOUNT = '/opt/openclaw-e2e-node/bin';
const ROOT_PASSWD = ['root:x:0:0:root:/root:/bin/sh', 'nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin'];
const ROOT_GROUP = ['root:x:0:', 'nogroup:x:65534:'];

function imageProfile(image: string): ImageProfile {
  const repo = image.replace(/@.*$/, '').replace(/:[^/:]*$/, '');
  if (/openclaw/i.test(repo)) {
    return {
      kind: 'openclaw',
      uid: 1000,
      gid: 1000,
      workingDir: '/app',
      env: { PATH: `${NODE_MOUNT}:${IMAGE_PATH}` },
      entrypoint: [],
      cmd: ['node', 'openclaw.mjs', 'gateway', '--allow-unconfigured'],
      passwd: [...ROOT_PASSWD, 'node:x:1000:1000::/home/node:/bin/bash'],
      group: [...ROOT_GROUP, 'node:x:1000:'],
    };
  }
  if (/(^|\/)jq$|\bjq\b/i.test(repo)) {
    return { kind: 'jq', uid: 0, gid: 0, workingDir: '/', env: { PATH: IMAGE_PATH }, entrypoint: ['/jq'], cmd: [], passwd: ROOT_PASSWD, group: ROOT_GROUP };
  }
  return { kind: 'generic', uid: 0, gid: 0, workingDir: '/', env: { PATH: IMAGE_PATH }, entrypoint: [], cmd: ['sh'], passwd: ROOT_PASSWD, group: ROOT_GROUP };
}

function imageTag(image: string): string | undefined {
  const noDigest = image.replace(/@.*$/, '');
  const m = /:([^/:]+)$/.exec(noDigest);
  return m ? m[1] : undefined;
}

// ---------------------------------------------------------------------------------------------
// Objects
// ---------------------------------------------------------------------------------------------

interface PodModel {
  readonly workloadKind: string;
  readonly workloadName: string;
  readonly podName: string;
  readonly namespace: string;
  readonly index: number;
  readonly spec: any;
  readonly labels: Record<string, string>;
  readonly annotations: Record<string, string>;
  readonly claimTemplates: Set<string>;
}

function findWorkload(objects: K8sObject[], opts: RunPodOptions): PodModel {
  const workloads = objects.filter((o) => o && (o.kind === 'StatefulSet' || o.kind === 'Deployment'));
  const chosen = opts.workloadName ? workloads.filter((w) => w.metadata?.name === opts.workloadName) : workloads;
  if (chosen.length !== 1) {
    throw new Error(`expected exactly one StatefulSet/Deployment${opts.workloadName ? ` named ${opts.workloadName}` : ''}, found ${chosen.length}`);
  }
  const w = chosen[0];
  const name: string = w.metadata?.name;
  const namespace: string = w.metadata?.namespace ?? opts.namespace ?? 'default';
  const index = opts.replicaIndex ?? 0;
  const replicas = w.spec?.replicas ?? 1;
  if (index < 0 || index >= Math.max(replicas, 1)) throw new Error(`replica index ${index} out of range (replicas: ${replicas})`);
  const tmpl = w.spec?.template ?? {};
  const hash = crypto.createHash('sha256').update(JSON.stringify(tmpl)).digest('hex').slice(0, 10);
  const podName = w.kind === 'StatefulSet' ? `${name}-${index}` : `${name}-${hash}-e2e${index}`;
  const labels: Record<string, string> = { ...(tmpl.metadata?.labels ?? {}) };
  if (w.kind === 'StatefulSet') {
    labels['controller-revision-hash'] = `${name}-${hash}`;
    labels['statefulset.kubernetes.io/pod-name'] = podName;
    labels['apps.kubernetes.io/pod-index'] = String(index);
  } else {
    labels['pod-template-hash'] = hash;
  }
  const claimTemplates = new Set<string>((w.spec?.volumeClaimTemplates ?? []).map((t: any) => t.metadata?.name));
  return {
    workloadKind: w.kind!,
    workloadName: name,
    podName,
    namespace,
    index,
    spec: tmpl.spec ?? {},
    labels,
    annotations: { ...(tmpl.metadata?.annotations ?? {}) },
    claimTemplates,
  };
}

function byKindName(objects: K8sObject[], kind: string, name: string, namespace: string, defaultNs: string): K8sObject | undefined {
  return objects.find((o) => o?.kind === kind && o.metadata?.name === name && (o.metadata?.namespace ?? defaultNs) === namespace);
}

/** Secret data as the pod sees it: rendered keys with test values, plus `secretValues`. */
class SecretStore {
  readonly seen: Record<string, Record<string, string>> = {};
  constructor(
    private readonly objects: K8sObject[],
    private readonly pod: PodModel,
    private readonly defaultNs: string,
    private readonly overrides: Record<string, Record<string, string>>,
  ) {}

  /** All keys of a Secret, or undefined when it exists neither in the objects nor in `secretValues`. */
  get(name: string): Record<string, string> | undefined {
    const rendered = byKindName(this.objects, 'Secret', name, this.pod.namespace, this.defaultNs);
    const override = this.overrides[name];
    if (!rendered && !override) return undefined;
    const out: Record<string, string> = {};
    if (rendered) {
      const keys = new Set([...Object.keys(rendered.data ?? {}), ...Object.keys(rendered.stringData ?? {})]);
      for (const key of keys) out[key] = `e2e-${name}-${key}`.replace(/[^A-Za-z0-9._-]/g, '-');
    }
    Object.assign(out, override ?? {});
    this.seen[name] = { ...(this.seen[name] ?? {}), ...out };
    return out;
  }
}

function configMapData(objects: K8sObject[], pod: PodModel, defaultNs: string, name: string): Record<string, string> | undefined {
  const cm = byKindName(objects, 'ConfigMap', name, pod.namespace, defaultNs);
  if (!cm) return undefined;
  const out: Record<string, string> = { ...(cm.data ?? {}) };
  for (const [k, v] of Object.entries<string>(cm.binaryData ?? {})) out[k] = decodeB64(v);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Env
// ---------------------------------------------------------------------------------------------

function serviceLinkEnv(objects: K8sObject[], pod: PodModel, defaultNs: string): Record<string, string> {
  const env: Record<string, string> = {};
  const add = (svcName: string, ip: string, ports: any[]) => {
    const p = svcName.toUpperCase().replace(/-/g, '_');
    if (!ports.length) return;
    env[`${p}_SERVICE_HOST`] = ip;
    env[`${p}_SERVICE_PORT`] = String(ports[0].port);
    for (const port of ports) {
      if (port.name) env[`${p}_SERVICE_PORT_${String(port.name).toUpperCase().replace(/-/g, '_')}`] = String(port.port);
    }
    const proto0 = String(ports[0].protocol ?? 'TCP').toLowerCase();
    env[`${p}_PORT`] = `${proto0}://${ip}:${ports[0].port}`;
    for (const port of ports) {
      const proto = String(port.protocol ?? 'TCP');
      const base = `${p}_PORT_${port.port}_${proto.toUpperCase()}`;
      env[base] = `${proto.toLowerCase()}://${ip}:${port.port}`;
      env[`${base}_PROTO`] = proto.toLowerCase();
      env[`${base}_PORT`] = String(port.port);
      env[`${base}_ADDR`] = ip;
    }
  };
  // The kubelet always injects the API server's service (from the default namespace).
  add('kubernetes', '10.96.0.1', [{ name: 'https', port: 443, protocol: 'TCP' }]);
  if (pod.spec.enableServiceLinks === false) return env;
  let n = 10;
  for (const svc of objects) {
    if (svc?.kind !== 'Service' || (svc.metadata?.namespace ?? defaultNs) !== pod.namespace) continue;
    if (svc.spec?.clusterIP === 'None' || svc.spec?.type === 'ExternalName') continue;
    add(svc.metadata.name, svc.spec?.clusterIP ?? `10.96.${Math.floor(n / 250)}.${(n++ % 250) + 1}`, svc.spec?.ports ?? []);
  }
  return env;
}

function fieldRefValue(pod: PodModel, fieldPath: string): string {
  const m = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(fieldPath);
  if (m) return (m[1] === 'labels' ? pod.labels : pod.annotations)[m[2]] ?? '';
  switch (fieldPath) {
    case 'metadata.name':
      return pod.podName;
    case 'metadata.namespace':
      return pod.namespace;
    case 'metadata.uid':
      return crypto.createHash('md5').update(pod.podName).digest('hex').replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');
    case 'spec.nodeName':
      return 'e2e-node';
    case 'spec.serviceAccountName':
      return pod.spec.serviceAccountName ?? 'default';
    case 'status.podIP':
    case 'status.hostIP':
      return '127.0.0.1';
    case 'status.podIPs':
    case 'status.hostIPs':
      return '127.0.0.1';
    case 'metadata.labels':
      return Object.entries(pod.labels).map(([k, v]) => `${k}="${v}"`).join('\n');
    case 'metadata.annotations':
      return Object.entries(pod.annotations).map(([k, v]) => `${k}="${v}"`).join('\n');
    default:
      throw new Error(`fieldRef ${fieldPath} is not supported by the e2e pod runner`);
  }
}

function resourceFieldValue(container: any, ref: any): string {
  const [section, res] = String(ref.resource).split('.');
  const raw = container.resources?.[section]?.[res];
  const isCpu = res === 'cpu';
  const divisor = parseQuantity(ref.divisor ?? '1');
  const value = raw !== undefined ? parseQuantity(raw) : isCpu ? os.cpus().length : os.totalmem();
  return String(Math.ceil(value / divisor));
}

interface EnvContext {
  readonly objects: K8sObject[];
  readonly pod: PodModel;
  readonly defaultNs: string;
  readonly secrets: SecretStore;
}

/** The env the kubelet hands to the runtime (before image env defaults). */
function containerEnv(ctx: EnvContext, container: any, serviceEnv: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = { ...serviceEnv };
  for (const from of container.envFrom ?? []) {
    const prefix = from.prefix ?? '';
    let data: Record<string, string> | undefined;
    if (from.configMapRef) {
      data = configMapData(ctx.objects, ctx.pod, ctx.defaultNs, from.configMapRef.name);
      if (!data && !from.configMapRef.optional) throw new Error(`envFrom: ConfigMap ${from.configMapRef.name} not found`);
    } else if (from.secretRef) {
      data = ctx.secrets.get(from.secretRef.name);
      if (!data && !from.secretRef.optional) throw new Error(`envFrom: Secret ${from.secretRef.name} not found (give it in secretValues)`);
    }
    for (const [k, v] of Object.entries(data ?? {})) {
      if (/^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(prefix + k)) env[prefix + k] = v;
    }
  }
  for (const e of container.env ?? []) {
    if (e.valueFrom === undefined) {
      env[e.name] = expandK8sVars(String(e.value ?? ''), env);
      continue;
    }
    const vf = e.valueFrom;
    if (vf.fieldRef) env[e.name] = fieldRefValue(ctx.pod, vf.fieldRef.fieldPath);
    else if (vf.resourceFieldRef) env[e.name] = resourceFieldValue(container, vf.resourceFieldRef);
    else if (vf.secretKeyRef) {
      const data = ctx.secrets.get(vf.secretKeyRef.name);
      const v = data?.[vf.secretKeyRef.key];
      if (v === undefined) {
        if (!vf.secretKeyRef.optional) throw new Error(`env ${e.name}: secret ${vf.secretKeyRef.name} key ${vf.secretKeyRef.key} not found (give it in secretValues)`);
      } else env[e.name] = v;
    } else if (vf.configMapKeyRef) {
      const v = configMapData(ctx.objects, ctx.pod, ctx.defaultNs, vf.configMapKeyRef.name)?.[vf.configMapKeyRef.key];
      if (v === undefined) {
        if (!vf.configMapKeyRef.optional) throw new Error(`env ${e.name}: configmap ${vf.configMapKeyRef.name} key ${vf.configMapKeyRef.key} not found`);
      } else env[e.name] = v;
    } else throw new Error(`env ${e.name}: unsupported valueFrom ${JSON.stringify(vf)}`);
  }
  return env;
}

// ---------------------------------------------------------------------------------------------
// Volumes
// ---------------------------------------------------------------------------------------------

interface PreparedVolume {
  readonly name: string;
  readonly dir: string;
  /** ConfigMap, Secret, projected, downwardAPI: the kubelet mounts these read-only. */
  readonly alwaysReadOnly: boolean;
}

interface FileEntry {
  readonly path: string;
  readonly content: string;
  readonly mode: number;
}

function keyedFiles(data: Record<string, string>, items: any[] | undefined, defaultMode: number, what: string, optional: boolean): FileEntry[] {
  if (!items) return Object.entries(data).map(([k, v]) => ({ path: k, content: v, mode: defaultMode }));
  return items.flatMap((it) => {
    if (!(it.key in data)) {
      if (optional) return [];
      throw new Error(`${what}: key ${it.key} not found`);
    }
    return [{ path: it.path, content: data[it.key], mode: it.mode ?? defaultMode }];
  });
}

/** Writes files with the kubelet's atomic-writer layout: `..<ts>/` real files, `..data` link, top-level links. */
function writeAtomic(dir: string, files: FileEntry[]): void {
  const ts = `..${new Date().toISOString().replace(/[-:]/g, '_').replace(/\..*$/, '')}.${crypto.randomBytes(4).toString('hex')}`;
  const real = path.join(dir, ts);
  fs.mkdirSync(real, { recursive: true });
  fs.chmodSync(real, 0o755);
  const tops = new Set<string>();
  for (const f of files) {
    const target = path.join(real, f.path);
    if (!target.startsWith(real + path.sep)) throw new Error(`bad volume file path ${f.path}`);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, f.content);
    fs.chmodSync(target, f.mode & 0o7777);
    tops.add(f.path.split('/')[0]);
  }
  fs.symlinkSync(ts, path.join(dir, '..data'));
  for (const t of tops) fs.symlinkSync(path.join('..data', t), path.join(dir, t));
}

/** The kubelet's fsGroup ownership change: group fsGroup, g+rw (ro volumes: g+r), dirs g+x and setgid. */
function applyFsGroup(dir: string, fsGroup: number, readOnly: boolean): void {
  const walk = (p: string) => {
    const st = fs.lstatSync(p);
    if (st.isSymbolicLink()) {
      fs.lchownSync(p, st.uid, fsGroup);
      return;
    }
    fs.chownSync(p, st.uid, fsGroup);
    let mask = readOnly ? 0o440 : 0o660;
    if (st.isDirectory()) mask |= 0o110 | 0o2000;
    fs.chmodSync(p, (st.mode & 0o7777) | mask);
    if (st.isDirectory()) for (const e of fs.readdirSync(p)) walk(path.join(p, e));
  };
  walk(dir);
}

function prepareVolumes(ctx: EnvContext, volRoot: string, opts: RunPodOptions, warnings: string[]): Map<string, PreparedVolume> {
  const pod = ctx.pod;
  const fsGroup: number | undefined = pod.spec.securityContext?.fsGroup;
  const out = new Map<string, PreparedVolume>();
  const pvcRoot = opts.pvcDir ?? path.join(volRoot, '..', 'pvc');
  for (const v of pod.spec.volumes ?? []) {
    const dir = path.join(volRoot, v.name);
    let alwaysReadOnly = false;
    if (v.emptyDir) {
      fs.mkdirSync(dir, { recursive: true });
      fs.chmodSync(dir, 0o777);
    } else if (v.persistentVolumeClaim) {
      const claim = v.persistentVolumeClaim.claimName;
      const pvc = path.join(pvcRoot, claim);
      if (!fs.existsSync(pvc)) {
        fs.mkdirSync(pvc, { recursive: true });
        fs.chmodSync(pvc, opts.pvcRootMode ?? 0o755);
      }
      fs.symlinkSync(pvc, dir);
    } else if (v.configMap || v.secret || v.projected || v.downwardAPI) {
      alwaysReadOnly = true;
      fs.mkdirSync(dir, { recursive: true });
      const files: FileEntry[] = [];
      const fromConfigMap = (src: any, mode: number) => {
        const data = configMapData(ctx.objects, pod, ctx.defaultNs, src.name);
        if (!data) {
          if (src.optional) return;
          throw new Error(`volume ${v.name}: ConfigMap ${src.name} not found`);
        }
        files.push(...keyedFiles(data, src.items, mode, `volume ${v.name} ConfigMap ${src.name}`, !!src.optional));
      };
      const fromSecret = (src: any, name: string, mode: number) => {
        const data = ctx.secrets.get(name);
        if (!data) {
          if (src.optional) return;
          throw new Error(`volume ${v.name}: Secret ${name} not found (give it in secretValues)`);
        }
        files.push(...keyedFiles(data, src.items, mode, `volume ${v.name} Secret ${name}`, !!src.optional));
      };
      const fromDownward = (src: any, mode: number) => {
        for (const it of src.items ?? []) {
          const content = it.fieldRef ? fieldRefValue(pod, it.fieldRef.fieldPath) : resourceFieldValue(pod.spec.containers?.[0] ?? {}, it.resourceFieldRef);
          files.push({ path: it.path, content, mode: it.mode ?? mode });
        }
      };
      if (v.configMap) fromConfigMap(v.configMap, v.configMap.defaultMode ?? 0o644);
      if (v.secret) fromSecret(v.secret, v.secret.secretName, v.secret.defaultMode ?? 0o644);
      if (v.downwardAPI) fromDownward(v.downwardAPI, v.downwardAPI.defaultMode ?? 0o644);
      if (v.projected) {
        const mode = v.projected.defaultMode ?? 0o644;
        for (const s of v.projected.sources ?? []) {
          if (s.configMap) fromConfigMap(s.configMap, mode);
          else if (s.secret) fromSecret(s.secret, s.secret.name, mode);
          else if (s.downwardAPI) fromDownward(s.downwardAPI, mode);
          else if (s.serviceAccountToken) files.push({ path: s.serviceAccountToken.path, content: 'e2e.fake.serviceaccount.token', mode });
          else throw new Error(`volume ${v.name}: unsupported projected source ${JSON.stringify(s)}`);
        }
      }
      writeAtomic(dir, files);
    } else {
      throw new Error(`volume ${v.name}: unsupported volume source ${JSON.stringify(v)}`);
    }
    out.set(v.name, { name: v.name, dir, alwaysReadOnly });
  }
  // volumeClaimTemplates: a PVC per replica (`<template>-<sts>-<index>`) mounted by template name.
  for (const t of pod.claimTemplates) {
    if (out.has(t)) {
      warnings.push(`pod volume ${t} shadows the volumeClaimTemplate of the same name`);
      continue;
    }
    const claim = `${t}-${pod.workloadName}-${pod.index}`;
    const pvc = path.join(pvcRoot, claim);
    if (!fs.existsSync(pvc)) {
      fs.mkdirSync(pvc, { recursive: true });
      fs.chmodSync(pvc, opts.pvcRootMode ?? 0o755);
    }
    out.set(t, { name: t, dir: pvc, alwaysReadOnly: false });
  }
  if (fsGroup !== undefined) {
    // ConfigMap/Secret/emptyDir/PVC all support ownership management.
    for (const v of out.values()) applyFsGroup(fs.realpathSync(v.dir), fsGroup, v.alwaysReadOnly);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Script generation
// ---------------------------------------------------------------------------------------------

interface ContainerPlan {
  readonly role: 'init' | 'validate' | 'main';
  readonly name: string;
  readonly container: any;
  readonly profile: ImageProfile;
  readonly rootfs: string;
  readonly uid: number;
  readonly gid: number;
  readonly groups: number[];
  readonly env: Record<string, string>;
  readonly workingDir: string;
  readonly argv: string[];
  readonly readOnlyRoot: boolean;
  readonly noNewPrivs: boolean;
  readonly dropAllCaps: boolean;
}

interface HostPaths {
  readonly appDir: string;
  readonly nodeBinDir: string;
  readonly jq: string;
}

function hostJq(): string {
  const r = spawnSync('sh', ['-c', 'command -v jq'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : '';
}

function planContainer(ctx: EnvContext, role: ContainerPlan['role'], container: any, serviceEnv: Record<string, string>, work: string): ContainerPlan {
  const profile = imageProfile(String(container.image ?? ''));
  const podSc = ctx.pod.spec.securityContext ?? {};
  const sc = container.securityContext ?? {};
  const uid: number = sc.runAsUser ?? podSc.runAsUser ?? profile.uid;
  const gid: number = sc.runAsGroup ?? podSc.runAsGroup ?? (uid === profile.uid ? profile.gid : 0);
  const runAsNonRoot = sc.runAsNonRoot ?? podSc.runAsNonRoot;
  if (runAsNonRoot && uid === 0) {
    throw new Error(`container ${container.name}: runAsNonRoot is set but the container would run as root (CreateContainerConfigError)`);
  }
  const groups = new Set<number>([gid]);
  for (const line of profile.group) {
    const [, , g, members] = line.split(':');
    const user = profile.passwd.find((p) => Number(p.split(':')[2]) === uid)?.split(':')[0];
    if (user && members?.split(',').includes(user)) groups.add(Number(g));
  }
  if (podSc.fsGroup !== undefined) groups.add(podSc.fsGroup);
  for (const g of podSc.supplementalGroups ?? []) groups.add(g);

  const k8sEnv = containerEnv(ctx, container, serviceEnv);
  const home = profile.passwd.find((p) => Number(p.split(':')[2]) === uid)?.split(':')[5] ?? '/';
  const env: Record<string, string> = { ...profile.env, HOSTNAME: ctx.pod.podName, ...k8sEnv };
  if (env.HOME === undefined) env.HOME = home;

  const command: string[] | undefined = container.command;
  const args: string[] | undefined = container.args;
  const argv = [...(command ?? profile.entrypoint), ...(args ?? (command ? [] : profile.cmd))].map((a) => expandK8sVars(String(a), k8sEnv));
  if (argv.length === 0) throw new Error(`container ${container.name}: no command, and the image profile has no entrypoint`);
  const drops: string[] = (sc.capabilities?.drop ?? []).map((c: string) => c.toUpperCase());
  return {
    role,
    name: container.name,
    container,
    profile,
    rootfs: path.join(work, 'rootfs', `${role}-${container.name}`),
    uid,
    gid,
    groups: [...groups],
    env,
    workingDir: container.workingDir ?? profile.workingDir,
    argv,
    readOnlyRoot: sc.readOnlyRootFilesystem === true,
    noNewPrivs: sc.allowPrivilegeEscalation === false,
    dropAllCaps: drops.includes('ALL'),
  };
}

/** Creates the image's filesystem skeleton (as root, like the image layers). */
function buildRootfs(plan: ContainerPlan, work: string): void {
  const r = plan.rootfs;
  fs.mkdirSync(r, { recursive: true });
  fs.chmodSync(r, 0o755);
  for (const d of ['usr', 'etc', 'dev', 'proc', 'sys', 'home', 'opt', 'var', 'run']) fs.mkdirSync(path.join(r, d), { recursive: true });
  for (const d of ['tmp', 'var/tmp']) {
    fs.mkdirSync(path.join(r, d), { recursive: true });
    fs.chmodSync(path.join(r, d), 0o1777);
  }
  fs.mkdirSync(path.join(r, 'root'), { recursive: true });
  fs.chmodSync(path.join(r, 'root'), 0o700);
  for (const d of ['bin', 'sbin', 'lib', 'lib32', 'lib64', 'libx32']) {
    const host = `/${d}`;
    let st: fs.Stats | undefined;
    try {
      st = fs.lstatSync(host);
    } catch {
      continue;
    }
    if (st.isSymbolicLink()) fs.symlinkSync(fs.readlinkSync(host), path.join(r, d));
    else fs.mkdirSync(path.join(r, d));
  }
  const etc = path.join(work, 'etc', `${plan.role}-${plan.name}`);
  fs.mkdirSync(etc, { recursive: true });
  fs.writeFileSync(path.join(etc, 'passwd'), plan.profile.passwd.join('\n') + '\n', { mode: 0o644 });
  fs.writeFileSync(path.join(etc, 'group'), plan.profile.group.join('\n') + '\n', { mode: 0o644 });
  fs.writeFileSync(path.join(etc, 'hostname'), plan.env.HOSTNAME + '\n', { mode: 0o644 });
  if (plan.profile.kind === 'openclaw') {
    fs.mkdirSync(path.join(r, 'home', 'node'), { recursive: true });
    fs.chownSync(path.join(r, 'home', 'node'), 1000, 1000);
    fs.mkdirSync(path.join(r, 'app'), { recursive: true });
    fs.mkdirSync(path.join(r, NODE_MOUNT), { recursive: true });
  }
  if (plan.profile.kind === 'jq') fs.writeFileSync(path.join(r, 'jq'), '');
}

/** Shell lines that assemble `plan.rootfs` (base mounts, image mounts, volume mounts). */
function mountScript(plan: ContainerPlan, vols: Map<string, PreparedVolume>, host: HostPaths, work: string): string[] {
  const r = plan.rootfs;
  const etc = path.join(work, 'etc', `${plan.role}-${plan.name}`);
  const L: string[] = [];
  const ro = (target: string) => L.push(`mount -o remount,bind,ro ${q(target)} || fail ${q(`remount ro ${target}`)}`);
  const bind = (src: string, target: string, readOnly: boolean) => {
    L.push(`mount --rbind ${q(src)} ${q(target)} || fail ${q(`bind ${src} -> ${target}`)}`);
    if (readOnly) ro(target);
  };
  L.push(`# --- rootfs for ${plan.role} container ${plan.name} (${plan.container.image})`);
  L.push(`mount --bind ${q(r)} ${q(r)} || fail 'rootfs bind'`);
  // /usr and /etc as read-only overlays of the host's: mount points the manifests need under them
  // (e.g. /usr/local/lib/node_modules, /etc/openclaw/managed) can be made, as an image's layers allow,
  // without touching the host. They turn read-only once every mount is in place.
  const overlays: string[] = [];
  for (const dir of ['/usr', '/etc']) {
    const layer = path.join(work, 'overlay', `${plan.role}-${plan.name}`, dir.slice(1));
    L.push(`mkdir -p ${q(`${layer}/upper`)} ${q(`${layer}/work`)}`);
    L.push(`mount -t overlay overlay -o ${q(`lowerdir=${dir},upperdir=${layer}/upper,workdir=${layer}/work`)} ${q(`${r}${dir}`)} || fail ${q(`overlay ${dir}`)}`);
    overlays.push(`${r}${dir}`);
  }
  for (const f of ['passwd', 'group', 'hostname']) L.push(`mount --bind ${q(`${etc}/${f}`)} ${q(`${r}/etc/${f}`)} || fail 'etc ${f}'`);
  bind('/dev', `${r}/dev`, false);
  L.push(`mount -t proc proc ${q(`${r}/proc`)} || fail 'proc'`);
  bind('/sys', `${r}/sys`, true);
  for (const d of ['lib32', 'libx32', 'bin', 'sbin', 'lib', 'lib64']) {
    try {
      if (fs.lstatSync(`/${d}`).isDirectory() && !fs.lstatSync(`/${d}`).isSymbolicLink()) bind(`/${d}`, `${r}/${d}`, true);
    } catch {
      /* absent on this host */
    }
  }
  if (plan.profile.kind === 'openclaw') {
    bind(host.appDir, `${r}/app`, true);
    bind(host.nodeBinDir, `${r}${NODE_MOUNT}`, true);
    L.push(`mount --bind ${q(path.join(host.nodeBinDir, 'node'))} ${q(`${r}/usr/bin/node`)} 2>/dev/null || true`);
  }
  if (plan.profile.kind === 'jq') {
    if (!host.jq) throw new Error('the jq image needs jq on this machine (apt-get install jq)');
    L.push(`mount --bind ${q(host.jq)} ${q(`${r}/jq`)} || fail 'jq'`);
  }
  for (const m of plan.container.volumeMounts ?? []) {
    const vol = vols.get(m.name);
    if (!vol) throw new Error(`container ${plan.name}: volumeMount ${m.name} has no volume`);
    const target = `${r}${path.posix.normalize('/' + m.mountPath)}`;
    const readOnly = !!m.readOnly || vol.alwaysReadOnly;
    let src = vol.dir;
    if (m.subPathExpr) throw new Error(`container ${plan.name}: subPathExpr is not supported by the e2e pod runner`);
    if (m.subPath) {
      const sub = path.posix.normalize(m.subPath);
      if (sub.startsWith('..') || path.isAbsolute(sub)) throw new Error(`bad subPath ${m.subPath}`);
      src = `${vol.dir}/${sub}`;
      // The kubelet creates a missing subPath directory at container start, as root, with the volume root's mode.
      L.push(`if [ ! -e ${q(src)} ]; then (cd ${q(vol.dir)} && mode=$(stat -L -c %a .) && for p in $(echo ${q(sub)} | tr / ' '); do if [ ! -e "$p" ]; then mkdir "$p" && chmod "$mode" "$p" || exit 1; fi; cd "$p" || exit 1; done) || fail 'subPath ${m.subPath}'; fi`);
      L.push(`src=$(realpath ${q(src)})`);
      L.push(`case "$src" in ${q(fs.existsSync(vol.dir) ? fs.realpathSync(vol.dir) : vol.dir)}/*) ;; *) fail 'subPath escapes its volume';; esac`);
      L.push(`if [ -d "$src" ]; then mkdir -p ${q(target)}; else mkdir -p ${q(path.dirname(target))}; [ -e ${q(target)} ] || touch ${q(target)}; fi`);
      L.push(`mount --bind "$src" ${q(target)} || fail ${q(`mount ${m.name}/${m.subPath} at ${m.mountPath}`)}`);
      if (readOnly) ro(target);
      continue;
    }
    L.push(`mkdir -p ${q(target)}`);
    bind(src, target, readOnly);
  }
  for (const o of overlays) L.push(`mount -o remount,ro ${q(o)} || fail ${q(`remount ro ${o}`)}`);
  if (plan.readOnlyRoot) ro(r);
  return L;
}

/** `chroot ... setpriv ... env -i -C wd K=V ... argv` */
function execLine(plan: ContainerPlan, argv: string[] = plan.argv): string {
  const priv = [`--reuid=${plan.uid}`, `--regid=${plan.gid}`, plan.groups.length ? `--groups=${plan.groups.join(',')}` : '--clear-groups'];
  if (plan.noNewPrivs) priv.push('--no-new-privs');
  if (plan.dropAllCaps || plan.uid !== 0) priv.push('--inh-caps=-all', '--bounding-set=-all');
  const env = Object.entries(plan.env).map(([k, v]) => q(`${k}=${v}`));
  return ['chroot', q(plan.rootfs), '/usr/bin/setpriv', ...priv, '--', '/usr/bin/env', '-i', '-C', q(plan.workingDir), ...env, ...argv.map(q)].join(' ');
}

// ---------------------------------------------------------------------------------------------
// Prober (runs inside the pod's network namespace)
// ---------------------------------------------------------------------------------------------

const PROBER_SRC = String.raw`
const net = require('net'), http = require('http'), https = require('https'), readline = require('readline');
const out = (o) => process.stdout.write(JSON.stringify(o) + '\n');
readline.createInterface({ input: process.stdin }).on('line', (line) => {
  let req; try { req = JSON.parse(line); } catch { return; }
  let settled = false;
  const finish = (r) => { if (settled) return; settled = true; clearTimeout(timer); out({ id: req.id, ...r }); };
  const timer = setTimeout(() => finish({ error: 'timeout after ' + req.timeoutMs + 'ms' }), req.timeoutMs);
  if (req.type === 'tcp') {
    const s = net.connect({ host: req.host, port: req.port });
    s.setTimeout(req.timeoutMs, () => { s.destroy(); });
    s.on('connect', () => { s.destroy(); finish({ ok: true }); });
    s.on('error', (e) => finish({ error: e.code || e.message }));
    return;
  }
  const mod = req.scheme === 'HTTPS' ? https : http;
  const r = mod.request({ host: req.host, port: req.port, path: req.path, method: req.method || 'GET', headers: req.headers || {},
    rejectUnauthorized: false, timeout: req.timeoutMs, agent: false }, (res) => {
    let body = '';
    res.setEncoding('utf8');
    res.on('data', (c) => { if (body.length < 4096) body += c; });
    res.on('end', () => finish({ status: res.statusCode, body: body.slice(0, 4096) }));
    res.on('error', (e) => finish({ error: e.code || e.message }));
  });
  r.on('timeout', () => r.destroy(new Error('timeout')));
  r.on('error', (e) => finish({ error: e.code || e.message }));
  if (req.body) r.write(req.body);
  r.end();
});
`;

interface ProbeRequest {
  readonly type: 'tcp' | 'http';
  readonly host: string;
  readonly port: number;
  readonly path?: string;
  readonly scheme?: string;
  readonly method?: string;
  readonly headers?: Record<string, string>;
  readonly body?: string;
  readonly timeoutMs: number;
}

class Prober {
  private readonly proc: ChildProcess;
  private readonly pending = new Map<number, (r: any) => void>();
  private nextId = 1;

  constructor(nsPid: number) {
    this.proc = spawn('nsenter', [`--net=/proc/${nsPid}/ns/net`, '--', process.execPath, '-e', PROBER_SRC], { stdio: ['pipe', 'pipe', 'pipe'] });
    track(this.proc);
    readline.createInterface({ input: this.proc.stdout! }).on('line', (line) => {
      try {
        const msg = JSON.parse(line);
        const cb = this.pending.get(msg.id);
        if (cb) {
          this.pending.delete(msg.id);
          cb(msg);
        }
      } catch {
        /* ignore noise */
      }
    });
    this.proc.on('exit', () => {
      for (const cb of this.pending.values()) cb({ error: 'prober exited' });
      this.pending.clear();
    });
  }

  request(req: ProbeRequest): Promise<HttpOutcome & { ok?: boolean }> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      // A guard in case the prober itself hangs.
      const guard = setTimeout(() => {
        this.pending.delete(id);
        resolve({ error: `no answer from prober within ${req.timeoutMs + 2000}ms` });
      }, req.timeoutMs + 2000);
      this.pending.set(id, ({ id: _id, ...r }) => {
        clearTimeout(guard);
        resolve(r);
      });
      this.proc.stdin!.write(JSON.stringify({ id, ...req }) + '\n');
    });
  }

  kill(): void {
    killNow(this.proc);
  }
}

// ---------------------------------------------------------------------------------------------
// Pod process and its event stream
// ---------------------------------------------------------------------------------------------

interface PodEvent {
  readonly name: string;
  readonly args: string[];
  readonly at: number;
}

class PodProcess {
  readonly proc: ChildProcess;
  readonly events: PodEvent[] = [];
  readonly waiters: Array<() => void> = [];
  stderr = '';
  exited = false;
  private readonly closed: Promise<void>;

  constructor(script: string, podName: string) {
    // Not detached: a Ctrl-C on the test run reaches `unshare` too, and `--kill-child` then ends the pod.
    this.proc = spawn('unshare', ['--mount', '--net', '--pid', '--uts', '--fork', '--kill-child', 'sh', script, podName], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    track(this.proc);
    readline.createInterface({ input: this.proc.stdout! }).on('line', (line) => {
      const m = /^@@E2E (\S+)(?: (.*))?$/.exec(line);
      if (!m) return;
      this.events.push({ name: m[1], args: (m[2] ?? '').split(' ').filter(Boolean), at: Date.now() });
      this.wake();
    });
    this.proc.stderr!.on('data', (c) => {
      if (this.stderr.length < 64 * 1024) this.stderr += String(c);
    });
    this.closed = new Promise((resolve) => {
      this.proc.on('close', () => {
        this.exited = true;
        this.wake();
        resolve();
      });
    });
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  find(name: string, pred: (e: PodEvent) => boolean = () => true): PodEvent | undefined {
    return this.events.find((e) => e.name === name && pred(e));
  }

  /** Waits for the first event named one of `names` (already seen ones count). */
  waitFor(names: string[], deadline: number): Promise<PodEvent | undefined> {
    return this.waitUntil((ev) => names.includes(ev.name), deadline);
  }

  /** Waits for the first event matching `pred` (already seen ones count); undefined on exit or deadline. */
  async waitUntil(pred: (e: PodEvent) => boolean, deadline: number): Promise<PodEvent | undefined> {
    for (;;) {
      const e = this.events.find(pred);
      if (e) return e;
      if (this.exited || Date.now() >= deadline) return undefined;
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.max(1, Math.min(500, deadline - Date.now())));
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  async kill(): Promise<void> {
    // SIGKILL to `unshare` makes it SIGKILL the pod's PID 1 (--kill-child); the kernel then ends every process of the PID namespace.
    if (!this.exited) killNow(this.proc);
    await Promise.race([this.closed, sleep(10000)]);
  }
}

// ---------------------------------------------------------------------------------------------
// Probes
// ---------------------------------------------------------------------------------------------

function resolvePort(container: any, port: number | string): number {
  if (typeof port === 'number') return port;
  if (/^\d+$/.test(port)) return Number(port);
  const p = (container.ports ?? []).find((x: any) => x.name === port);
  if (!p) throw new Error(`named port "${port}" is not declared in the container's ports`);
  return p.containerPort;
}

function describeProbe(container: any, probe: any): string {
  const named = (p: any) => (typeof p === 'string' ? ` (port ${p})` : '');
  const port = (p: any) => {
    try {
      return String(resolvePort(container, p));
    } catch {
      return `?${p}`;
    }
  };
  if (probe.httpGet) {
    const g = probe.httpGet;
    return `httpGet ${(g.scheme ?? 'HTTP').toLowerCase()}://127.0.0.1:${port(g.port)}${g.path ?? '/'}${named(g.port)}`;
  }
  if (probe.tcpSocket) return `tcpSocket 127.0.0.1:${port(probe.tcpSocket.port)}${named(probe.tcpSocket.port)}`;
  if (probe.exec) return `exec ${JSON.stringify(probe.exec.command)}`;
  if (probe.grpc) return `grpc :${probe.grpc.port}`;
  return 'unknown handler';
}

interface ProbeRuntime {
  readonly prober: Prober;
  readonly pod: PodProcess;
  readonly plan: ContainerPlan;
  readonly nsPid: number;
}

async function probeOnce(rt: ProbeRuntime, probe: any, timeoutMs: number): Promise<{ ok: boolean; detail: string }> {
  const container = rt.plan.container;
  try {
    if (probe.httpGet) {
      const g = probe.httpGet;
      if (g.host && !['127.0.0.1', 'localhost'].includes(g.host)) return { ok: false, detail: `httpGet.host ${g.host}: the e2e runner only probes 127.0.0.1` };
      const headers: Record<string, string> = { 'User-Agent': 'kube-probe/1.36', Accept: '*/*' };
      for (const h of g.httpHeaders ?? []) headers[h.name] = h.value;
      const r = await rt.prober.request({ type: 'http', host: '127.0.0.1', port: resolvePort(container, g.port), path: g.path ?? '/', scheme: g.scheme ?? 'HTTP', headers, timeoutMs });
      if (r.status !== undefined) return { ok: r.status >= 200 && r.status < 400, detail: `HTTP ${r.status}` };
      return { ok: false, detail: r.error ?? 'no response' };
    }
    if (probe.tcpSocket) {
      const t = probe.tcpSocket;
      if (t.host && !['127.0.0.1', 'localhost'].includes(t.host)) return { ok: false, detail: `tcpSocket.host ${t.host}: the e2e runner only probes 127.0.0.1` };
      const r = await rt.prober.request({ type: 'tcp', host: '127.0.0.1', port: resolvePort(container, t.port), timeoutMs });
      return r.ok ? { ok: true, detail: 'connected' } : { ok: false, detail: r.error ?? 'no connection' };
    }
    if (probe.exec) {
      const res = await execInPod(rt.nsPid, rt.plan, probe.exec.command, timeoutMs);
      return { ok: res.code === 0, detail: `exit ${res.code} ${tail(res.out.trim(), 2)}` };
    }
    return { ok: false, detail: `unsupported probe handler ${JSON.stringify(Object.keys(probe))}` };
  } catch (e: any) {
    return { ok: false, detail: e.message };
  }
}

interface ProbeState {
  readonly kind: ProbeKind;
  readonly spec: any;
  readonly result: ProbeResult;
  done: boolean;
}

/** Runs the declared probes with kubelet semantics until all passed, one failed, or the container/deadline ended. */
async function runProbes(rt: ProbeRuntime, startAt: number, deadline: number, observeMs: number): Promise<ProbeResult[]> {
  const container = rt.plan.container;
  const states: ProbeState[] = (['startup', 'readiness', 'liveness'] as ProbeKind[])
    .filter((k) => container[`${k}Probe`])
    .map((kind) => {
      const spec = container[`${kind}Probe`];
      const initial = spec.initialDelaySeconds ?? 0;
      const period = spec.periodSeconds ?? 10;
      const failureThreshold = spec.failureThreshold ?? 3;
      return {
        kind,
        spec,
        done: false,
        result: {
          kind,
          handler: describeProbe(container, spec),
          budgetMs: (initial + period * failureThreshold) * 1000,
          status: 'not-run',
          attempts: 0,
          failures: 0,
          history: [],
        } as ProbeResult,
      };
    });
  const startup = states.find((s) => s.kind === 'startup');
  const mainExited = () => !!rt.pod.find('main-exit') || rt.pod.exited;
  let allPassedAt: number | undefined;
  // Once a probe failed for good the verdict is in: the other workers stop too.
  const anyFailed = () => states.some((x) => x.result.status === 'failed');

  const worker = async (s: ProbeState) => {
    const initial = (s.spec.initialDelaySeconds ?? 0) * 1000;
    const period = (s.spec.periodSeconds ?? 10) * 1000;
    const timeout = (s.spec.timeoutSeconds ?? 1) * 1000;
    const failureThreshold = s.spec.failureThreshold ?? 3;
    const successThreshold = s.kind === 'readiness' ? s.spec.successThreshold ?? 1 : 1;
    let consecutiveFail = 0;
    let consecutiveOk = 0;
    let next = startAt + initial;
    for (;;) {
      // Wait for the next tick in short slices, so a container exit or the deadline is noticed at once.
      while (Date.now() < Math.min(next, deadline) && !mainExited() && !anyFailed()) await sleep(Math.min(100, next - Date.now()));
      if (Date.now() >= deadline) {
        s.result.lastError = `pod deadline reached (${s.result.lastError ?? 'no attempt'})`;
        if (s.result.status !== 'passed' && s.result.attempts) s.result.status = 'failed';
        break;
      }
      if (mainExited()) {
        s.result.lastError = `container exited before the probe passed (${s.result.lastError ?? 'no attempt'})`;
        if (s.result.status !== 'passed') s.result.status = s.result.attempts ? 'failed' : 'not-run';
        break;
      }
      if (allPassedAt !== undefined && Date.now() >= allPassedAt + observeMs) break;
      if (anyFailed()) {
        s.result.lastError = s.result.lastError ?? 'stopped: another probe failed';
        break;
      }
      next += period;
      // A startup probe gates liveness and readiness: they do not run (nor count failures) before it passed.
      if (s.kind !== 'startup' && startup && startup.result.status !== 'passed') {
        if (startup.done) break;
        continue;
      }
      const attemptAt = Date.now();
      if (s.result.firstAttemptMs === undefined) s.result.firstAttemptMs = attemptAt - startAt;
      const r = await probeOnce(rt, s.spec, timeout);
      s.result.attempts++;
      s.result.history.push(`+${attemptAt - startAt}ms ${r.ok ? 'ok' : 'fail'} ${r.detail}`);
      if (r.ok) {
        consecutiveFail = 0;
        consecutiveOk++;
        if (consecutiveOk >= successThreshold && s.result.status !== 'passed') {
          s.result.status = 'passed';
          s.result.firstPassMs = Date.now() - startAt;
        }
      } else {
        s.result.failures++;
        s.result.lastError = r.detail;
        consecutiveOk = 0;
        consecutiveFail++;
        if (consecutiveFail >= failureThreshold) {
          // startup/liveness: the kubelet would kill the container; readiness: the pod stays unready.
          s.result.status = 'failed';
          break;
        }
      }
      if (s.result.status === 'passed' && observeMs === 0) break;
      if (states.every((x) => x.result.status === 'passed') && allPassedAt === undefined) allPassedAt = Date.now();
    }
    s.done = true;
    if (states.every((x) => x.result.status === 'passed') && allPassedAt === undefined) allPassedAt = Date.now();
  };
  await Promise.all(states.map(worker));
  return states.map((s) => s.result);
}

// ---------------------------------------------------------------------------------------------
// runPod
// ---------------------------------------------------------------------------------------------

function classifyValidate(exitCode: number | null, output: string): ValidateResult {
  if (exitCode === 0 && /Config valid/i.test(output)) return { status: 'valid', exitCode, output };
  if (/Config file not found/i.test(output)) return { status: 'missing', exitCode, output };
  if (exitCode === 1 && /invalid|Unrecognized|×/i.test(output)) return { status: 'invalid', exitCode, output };
  return { status: 'error', exitCode, output };
}

function listFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string, rel: string, depth: number) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory() && depth < 6) {
        out.push(`${r}/`);
        walk(path.join(dir, e.name), r, depth + 1);
      } else out.push(r);
    }
  };
  walk(root, '', 0);
  return out.sort();
}

/** Runs the pod of the workload in `objects` (see the file comment); never throws for pod failures, only for harness errors. */
export async function runPod(objects: K8sObject[], opts: RunPodOptions): Promise<PodRunResult> {
  const started = Date.now();
  const deadline = started + (opts.timeoutMs ?? 150000);
  const log = opts.log ?? (() => undefined);
  if (process.getuid && process.getuid() !== 0) throw new Error('the e2e pod runner needs root (mount and network namespaces)');
  for (const tool of ['unshare', 'nsenter', 'setpriv', 'chroot', 'ip', 'mount']) {
    if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) throw new Error(`the e2e pod runner needs ${tool} on PATH`);
  }
  const defaultNs = opts.namespace ?? 'default';
  const pod = findWorkload(objects, opts);
  const warnings: string[] = [];
  const secrets = new SecretStore(objects, pod, defaultNs, opts.secretValues ?? {});
  const ctx: EnvContext = { objects, pod, defaultNs, secrets };
  const containers: any[] = pod.spec.containers ?? [];
  if (containers.length !== 1) throw new Error(`the e2e pod runner supports pods with one app container, found ${containers.length}`);
  for (const ic of pod.spec.initContainers ?? []) {
    if (ic.restartPolicy === 'Always') throw new Error(`init container ${ic.name}: sidecar containers are not supported by the e2e pod runner`);
  }

  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'openclaw-e2e-pod-'));
  fs.chmodSync(work, 0o755);
  const logs = path.join(work, 'logs');
  fs.mkdirSync(logs);
  const host: HostPaths = { appDir: opts.install.appDir, nodeBinDir: opts.install.nodeBinDir, jq: hostJq() };
  const mainContainer = containers[0];

  const result: PodRunResult = {
    podName: pod.podName,
    namespace: pod.namespace,
    replicaIndex: pod.index,
    secretValues: secrets.seen,
    mainEnv: {},
    initContainers: [],
    main: { name: mainContainer.name, started: false, logTail: '', tmpWrites: [] },
    probes: [],
    ok: false,
    warnings,
    durationMs: 0,
  };

  let podProc: PodProcess | undefined;
  let prober: Prober | undefined;
  let mainPlan: ContainerPlan | undefined;
  let validatePlan: ContainerPlan | undefined;
  try {
    let plans: ContainerPlan[];
    try {
      const serviceEnv = serviceLinkEnv(objects, pod, defaultNs);
      const vols = prepareVolumes(ctx, path.join(work, 'volumes'), opts, warnings);
      plans = (pod.spec.initContainers ?? []).map((c: any) => planContainer(ctx, 'init', c, serviceEnv, work));
      mainPlan = planContainer(ctx, 'main', mainContainer, serviceEnv, work);
      if (mainPlan.profile.kind === 'openclaw') {
        // `openclaw config validate` with the main container's user, env and mounts, in the image's WORKDIR.
        const v = planContainer(ctx, 'validate', mainContainer, serviceEnv, work);
        validatePlan = { ...v, workingDir: '/app', argv: ['node', 'dist/index.js', 'config', 'validate'] };
        const tag = imageTag(String(mainContainer.image ?? ''));
        if (tag && tag !== opts.install.version) warnings.push(`image tag ${tag} runs as the installed openclaw@${opts.install.version}`);
      }
      Object.assign(result.mainEnv, mainPlan.env);

      // The pod script.
      const S: string[] = [
        '#!/bin/sh',
        '# generated by test/e2e/pod-runner.ts: one pod, run as PID 1 of its own namespaces',
        'mark() { echo "@@E2E $*"; }',
        'fail() { echo "pod setup failed: $*" >&2; mark setup-failed; exit 70; }',
        'mount --make-rprivate / || fail "make-rprivate"',
        'ip link set lo up || fail "lo up"',
        `hostname ${q(pod.podName)} || fail hostname`,
        'mark ns-ready',
      ];
      // Image layers exist up front; mounts (and kubelet-created subPath dirs) happen at each container's start.
      for (const p of [...plans, ...(validatePlan ? [validatePlan] : []), mainPlan]) buildRootfs(p, work);
      plans.forEach((p, i) => {
        S.push(...mountScript(p, vols, host, work));
        S.push(`mark init-start ${i}`);
        S.push(`${execLine(p)} </dev/null >${q(`${logs}/init-${i}.out`)} 2>${q(`${logs}/init-${i}.err`)}`);
        S.push(`rc=$?; mark init-exit ${i} $rc; [ $rc -eq 0 ] || { mark pod-failed init ${i}; exit 0; }`);
      });
      if (validatePlan) {
        S.push(...mountScript(validatePlan, vols, host, work));
        S.push('mark validate-start');
        S.push(`${execLine(validatePlan)} </dev/null >${q(`${logs}/validate.out`)} 2>&1`);
        S.push('mark validate-exit $?');
      }
      S.push(...mountScript(mainPlan, vols, host, work));
      S.push('mark main-start');
      S.push(`${execLine(mainPlan)} </dev/null >${q(`${logs}/main.log`)} 2>&1 &`);
      S.push('MAIN=$!', 'mark main-pid $MAIN');
      // The environment the container's process really runs with, once its command has exec'd into
      // node (a wrapper such as the per-replica one changes it): read through the pod's own /proc.
      const proc = `${q(`${mainPlan.rootfs}/proc`)}/"$MAIN"`;
      S.push(`( i=0; while [ $i -lt 600 ]; do case "$(readlink ${proc}/exe 2>/dev/null)" in */node) cat ${proc}/environ > ${q(`${logs}/main.environ`)} 2>/dev/null; break;; esac; i=$((i+1)); sleep 0.1; done ) &`);
      S.push('wait $MAIN', 'mark main-exit $?');
      const scriptPath = path.join(work, 'pod.sh');
      fs.writeFileSync(scriptPath, S.join('\n') + '\n', { mode: 0o700 });
      log(`pod ${pod.podName}: script ${scriptPath}`);
    } catch (e: any) {
      result.podError = `pod could not be created: ${e.message}`;
      return result;
    }

    podProc = new PodProcess(path.join(work, 'pod.sh'), pod.podName);
    const ready = await podProc.waitFor(['ns-ready', 'setup-failed'], deadline);
    if (!ready || ready.name !== 'ns-ready') {
      result.podError = `pod namespace setup failed: ${ready ? 'setup-failed' : 'no answer'}\n${podProc.stderr}`;
      return result;
    }
    const nsPid = podProc.proc.pid!;
    if (fs.readlinkSync(`/proc/${nsPid}/ns/net`) === fs.readlinkSync('/proc/self/ns/net')) {
      throw new Error('the pod process is not in a network namespace of its own; refusing to probe');
    }

    // Init containers.
    for (let i = 0; i < plans.length; i++) {
      const ev = await podProc.waitUntil((e) => e.name === 'setup-failed' || (e.name === 'init-exit' && e.args[0] === String(i)), deadline);
      const exit = ev?.name === 'init-exit' ? ev : undefined;
      const startEv = podProc.find('init-start', (x) => x.args[0] === String(i));
      const run: ContainerRun = {
        name: plans[i].name,
        exitCode: exit ? Number(exit.args[1]) : undefined,
        durationMs: exit && startEv ? exit.at - startEv.at : undefined,
        stdout: readText(`${logs}/init-${i}.out`),
        stderr: readText(`${logs}/init-${i}.err`),
      };
      result.initContainers.push(run);
      if (!exit) {
        result.podError = `init container ${plans[i].name} did not finish (${podProc.find('setup-failed') ? 'setup failed' : 'deadline'})\n${podProc.stderr}`;
        return result;
      }
      if (run.exitCode !== 0) {
        result.podError = `init container ${plans[i].name} exited with ${run.exitCode}`;
        return result;
      }
    }

    if (validatePlan) {
      const ev = await podProc.waitFor(['validate-exit', 'setup-failed'], deadline);
      result.validate = ev?.name === 'validate-exit'
        ? classifyValidate(Number(ev.args[0]), readText(`${logs}/validate.out`))
        : { status: 'error', exitCode: null, output: `validate did not finish\n${podProc.stderr}` };
    }

    const mainStart = await podProc.waitFor(['main-start', 'setup-failed'], deadline);
    if (!mainStart || mainStart.name !== 'main-start') {
      result.podError = `main container did not start\n${podProc.stderr}`;
      return result;
    }
    result.main.started = true;
    const t0 = mainStart.at;
    prober = new Prober(nsPid);
    const rt: ProbeRuntime = { prober, pod: podProc, plan: mainPlan!, nsPid };

    // Time to listen: TCP connects to the first containerPort every 100 ms.
    const listenPort: number | undefined = mainContainer.ports?.[0]?.containerPort;
    const listening = (async () => {
      if (!listenPort) return;
      while (Date.now() < deadline && !podProc!.find('main-exit') && !podProc!.exited) {
        const r = await prober!.request({ type: 'tcp', host: '127.0.0.1', port: listenPort, timeoutMs: 1000 });
        if (r.ok) {
          result.main.listenMs = Date.now() - t0;
          return;
        }
        await sleep(100);
      }
    })();

    const probes = await runProbes(rt, t0, deadline, opts.observeAfterReadyMs ?? 0);
    result.probes.push(...probes);
    const probesPassed = probes.every((p) => p.status === 'passed');
    // With passing probes the port normally listens already; after a failure there is nothing to wait for.
    if (probesPassed) await Promise.race([listening, sleep(Math.min(30000, deadline - Date.now()))]);
    else if (opts.awaitExitOnFailureMs) await podProc.waitFor(['main-exit'], Math.min(deadline, Date.now() + opts.awaitExitOnFailureMs));

    const exitEv = podProc.find('main-exit');
    if (exitEv) result.main.exit = { code: Number(exitEv.args[0]), atMs: exitEv.at - t0 };

    const running = !podProc.find('main-exit') && !podProc.exited;
    const authWanted = opts.authCheck ?? mainPlan!.profile.kind === 'openclaw';
    if (authWanted && running && listenPort && probesPassed && result.main.listenMs !== undefined) {
      result.auth = await authCheck(prober, listenPort, mainPlan!.env.OPENCLAW_GATEWAY_TOKEN);
    }
    if (opts.validateAfterStart && validatePlan && running) {
      result.validateAfterStart = await runInPod(nsPid, validatePlan, Math.max(1000, Math.min(60000, deadline - Date.now())));
    }
    result.ok = probesPassed && running;
    return result;
  } finally {
    prober?.kill();
    if (podProc) await podProc.kill();
    result.main.logTail = tail(readText(`${logs}/main.log`), 60);
    if (mainPlan) result.main.tmpWrites = listFiles(path.join(mainPlan.rootfs, 'tmp'));
    const environ = readText(`${logs}/main.environ`);
    if (environ) result.main.processEnv = Object.fromEntries(environ.split('\0').filter(Boolean).map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
    (result as { durationMs: number }).durationMs = Date.now() - started;
    if (!opts.keepWorkDir) {
      if (podProc && !podProc.exited) warnings.push(`pod process did not exit; work dir ${work} left in place`);
      else fs.rmSync(work, { recursive: true, force: true });
    } else log(`work dir kept: ${work}`);
  }
}

/** Runs `plan.argv` inside the running pod (mount + network namespace) and classifies it as a validate run. */
async function runInPod(nsPid: number, plan: ContainerPlan, timeoutMs: number): Promise<ValidateResult> {
  const { code, out } = await execInPod(nsPid, plan, plan.argv, timeoutMs);
  return classifyValidate(code, out);
}

/** Runs `argv` as the container of `plan` inside the running pod; output is stdout and stderr together. */
function execInPod(nsPid: number, plan: ContainerPlan, argv: string[], timeoutMs: number): Promise<{ code: number | null; out: string }> {
  const line = `exec nsenter --target ${nsPid} --mount --net -- ${execLine(plan, argv)}`;
  return new Promise((resolve) => {
    const p = track(spawn('sh', ['-c', line], { stdio: ['ignore', 'pipe', 'pipe'] }));
    let out = '';
    p.stdout!.on('data', (c) => (out += c));
    p.stderr!.on('data', (c) => (out += c));
    const t = setTimeout(() => killNow(p), timeoutMs);
    p.on('close', (code) => {
      clearTimeout(t);
      resolve({ code, out });
    });
  });
}

/**
 * Token enforcement on `POST /tools/invoke`, an authenticated endpoint every gateway serves: with the
 * token the request passes authentication and reaches the tool layer (404 `Tool not available` for
 * a tool name that does not exist), without a token or with a wrong one it is refused with 401.
 */
async function authCheck(prober: Prober, port: number, token: string | undefined): Promise<AuthCheckResult> {
  const endpoint = `POST http://127.0.0.1:${port}/tools/invoke`;
  const body = JSON.stringify({ tool: 'openclaw_e2e_nonexistent_tool' });
  const call = (auth?: string) =>
    prober.request({
      type: 'http',
      host: '127.0.0.1',
      port,
      path: '/tools/invoke',
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(auth ? { Authorization: `Bearer ${auth}` } : {}) },
      body,
      timeoutMs: 10000,
    });
  const withoutToken = await call();
  const wrongToken = await call('e2e-wrong-token');
  const withToken: HttpOutcome = token ? await call(token) : { error: 'no OPENCLAW_GATEWAY_TOKEN in the main container env' };
  const accepted = withToken.status !== undefined && withToken.status !== 401 && withToken.status !== 403;
  return { endpoint, withToken, withoutToken, wrongToken, enforced: accepted && withoutToken.status === 401 && wrongToken.status === 401 };
}
