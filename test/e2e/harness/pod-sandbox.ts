/**
 * The container sandbox: image profiles, each container's plan (user, groups, env, argv), its root
 * filesystem and mounts, and the `chroot` + `setpriv` + `env -i` line that starts it.
 */
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { containerEnv, EnvContext, expandK8sVars } from './pod-env';
import { killNow, POD_NICE, q, track } from './pod-process';
import type { PreparedVolume } from './pod-volumes';
import { sidecarStartLines } from './pod-sidecars';

export interface ImageProfile {
  readonly kind: 'openclaw' | 'jq' | 'chromium' | 'generic';
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
export const NODE_MOUNT = '/opt/openclaw-e2e-node/bin';
const ROOT_PASSWD = ['root:x:0:0:root:/root:/bin/sh', 'nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin'];
const ROOT_GROUP = ['root:x:0:', 'nogroup:x:65534:'];

export function imageProfile(image: string): ImageProfile {
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
  // A Chromium image (the browser sidecar's chromedp/headless-shell, or any "chromium" image): the
  // machine's Debian chromium stands in for the image's binary (chromiumBinary below).
  if (/headless-shell|chromium/i.test(repo)) {
    return { kind: 'chromium', uid: 0, gid: 0, workingDir: '/', env: { PATH: IMAGE_PATH }, entrypoint: [], cmd: [], passwd: ROOT_PASSWD, group: ROOT_GROUP };
  }
  return { kind: 'generic', uid: 0, gid: 0, workingDir: '/', env: { PATH: IMAGE_PATH }, entrypoint: [], cmd: ['sh'], passwd: ROOT_PASSWD, group: ROOT_GROUP };
}

export function imageTag(image: string): string | undefined {
  const noDigest = image.replace(/@.*$/, '');
  const m = /:([^/:]+)$/.exec(noDigest);
  return m ? m[1] : undefined;
}

export interface ContainerPlan {
  readonly role: 'init' | 'validate' | 'main' | 'sidecar';
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

export interface HostPaths {
  readonly appDir: string;
  readonly nodeBinDir: string;
  readonly jq: string;
}

export function hostJq(): string {
  const r = spawnSync('sh', ['-c', 'command -v jq'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : '';
}

export function planContainer(ctx: EnvContext, role: ContainerPlan['role'], container: any, serviceEnv: Record<string, string>, work: string): ContainerPlan {
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
export function buildRootfs(plan: ContainerPlan, work: string): void {
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
  const binary = imageBinary(plan);
  if (binary) {
    fs.mkdirSync(path.join(r, path.dirname(binary)), { recursive: true });
    fs.writeFileSync(path.join(r, binary), '');
  }
}

/** The machine's chromium (Debian's package: `apt-get install chromium`), or '' when absent. */
export function hostChromium(): string {
  const r = spawnSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : '';
}

/** A Chromium image's binary outside /usr (e.g. /headless-shell/headless-shell): where the machine's chromium is mounted. */
function imageBinary(plan: ContainerPlan): string | undefined {
  const cmd0 = String(plan.container.command?.[0] ?? '');
  return plan.profile.kind === 'chromium' && cmd0.startsWith('/') && !cmd0.startsWith('/usr/') ? path.posix.normalize(cmd0) : undefined;
}

/** Shell lines that assemble `plan.rootfs` (base mounts, image mounts, volume mounts). */
export function mountScript(plan: ContainerPlan, vols: Map<string, PreparedVolume>, host: HostPaths, work: string): string[] {
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
  if (plan.profile.kind === 'chromium') {
    const chromium = hostChromium();
    if (!chromium) throw new Error('the browser sidecar needs Debian\'s chromium on this machine (apt-get install chromium)');
    const binary = imageBinary(plan);
    if (binary) L.push(`mount --bind ${q(chromium)} ${q(`${r}${binary}`)} || fail 'chromium'`);
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
export function execLine(plan: ContainerPlan, argv: string[] = plan.argv): string {
  const priv = [`--reuid=${plan.uid}`, `--regid=${plan.gid}`, plan.groups.length ? `--groups=${plan.groups.join(',')}` : '--clear-groups'];
  if (plan.noNewPrivs) priv.push('--no-new-privs');
  if (plan.dropAllCaps || plan.uid !== 0) priv.push('--inh-caps=-all', '--bounding-set=-all');
  const env = Object.entries(plan.env).map(([k, v]) => q(`${k}=${v}`));
  return ['chroot', q(plan.rootfs), '/usr/bin/setpriv', ...priv, '--', '/usr/bin/env', '-i', '-C', q(plan.workingDir), ...env, ...argv.map(q)].join(' ');
}

/** Runs `argv` as the container of `plan` inside the running pod; output is stdout and stderr together. */
export function execInPod(nsPid: number, plan: ContainerPlan, argv: string[], timeoutMs: number): Promise<{ code: number | null; out: string }> {
  const line = `exec ${POD_NICE.join(" ")} nsenter --target ${nsPid} --mount --net -- ${execLine(plan, argv)}`;
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


/** The containers of one pod in kubelet order: init containers, the validate run (OpenClaw only), the main container. */
export interface PodPlan {
  readonly inits: ContainerPlan[];
  readonly validate?: ContainerPlan;
  readonly main: ContainerPlan;
  /** App containers after the first (pod-sidecars.ts). */
  readonly sidecars?: ContainerPlan[];
}

/**
 * The pod's PID-1 script: namespace setup, then each container's mounts and start in kubelet order.
 * Progress goes to stdout as `@@E2E <event> <args>` lines (read by `PodProcess`).
 */
export function podScript(podName: string, plan: PodPlan, vols: Map<string, PreparedVolume>, host: HostPaths, work: string, logs: string, netReadyFile?: string): string {
  const S: string[] = [
    '#!/bin/sh',
    '# generated by test/e2e/harness/pod-runner.ts: one pod, run as PID 1 of its own namespaces',
    'mark() { echo "@@E2E $*"; }',
    'fail() { echo "pod setup failed: $*" >&2; mark setup-failed; exit 70; }',
    'mount --make-rprivate / || fail "make-rprivate"',
    'ip link set lo up || fail "lo up"',
    `hostname ${q(podName)} || fail hostname`,
    'mark ns-ready',
  ];
  // With a pod network the runner plumbs the pod's interface from outside, then creates this file.
  if (netReadyFile) S.push(`i=0; while [ ! -e ${q(netReadyFile)} ]; do i=$((i+1)); [ $i -gt 1200 ] && fail 'pod network not attached within 60 s'; sleep 0.05; done`);
  // Image layers exist up front; mounts (and kubelet-created subPath dirs) happen at each container's start.
  for (const p of [...plan.inits, ...(plan.validate ? [plan.validate] : []), plan.main, ...(plan.sidecars ?? [])]) buildRootfs(p, work);
  plan.inits.forEach((p, i) => {
    S.push(...mountScript(p, vols, host, work));
    S.push(`mark init-start ${i}`);
    S.push(`${execLine(p)} </dev/null >${q(`${logs}/init-${i}.out`)} 2>${q(`${logs}/init-${i}.err`)}`);
    S.push(`rc=$?; mark init-exit ${i} $rc; [ $rc -eq 0 ] || { mark pod-failed init ${i}; exit 0; }`);
  });
  if (plan.validate) {
    S.push(...mountScript(plan.validate, vols, host, work));
    S.push('mark validate-start');
    S.push(`${execLine(plan.validate)} </dev/null >${q(`${logs}/validate.out`)} 2>&1`);
    S.push('mark validate-exit $?');
  }
  S.push(...mountScript(plan.main, vols, host, work));
  S.push('mark main-start');
  S.push(`${execLine(plan.main)} </dev/null >${q(`${logs}/main.log`)} 2>&1 &`);
  S.push('MAIN=$!', 'mark main-pid $MAIN');
  S.push(...sidecarStartLines(plan.sidecars ?? [], vols, host, work, logs));
  // The environment the container's process really runs with, once its command has exec'd into
  // node (a wrapper such as the per-replica one changes it): read through the pod's own /proc.
  const proc = `${q(`${plan.main.rootfs}/proc`)}/"$MAIN"`;
  S.push(`( i=0; while [ $i -lt 600 ]; do case "$(readlink ${proc}/exe 2>/dev/null)" in */node) cat ${proc}/environ > ${q(`${logs}/main.environ`)} 2>/dev/null; break;; esac; i=$((i+1)); sleep 0.1; done ) &`);
  S.push('wait $MAIN', 'mark main-exit $?');
  return S.join('\n') + '\n';
}

/** Files below `root` (relative paths, directories with a trailing `/`), six levels deep at most. */
export function listFiles(root: string): string[] {
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
