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
 *
 * The pieces, one concern per file: `pod-types.ts` (options and result), `pod-objects.ts` (workload,
 * Secrets, ConfigMaps), `pod-env.ts`, `pod-volumes.ts`, `pod-sandbox.ts` (images, rootfs, mounts,
 * the pod script), `pod-process.ts` (the pod's PID 1 and its events), `pod-prober.ts` and
 * `pod-probes.ts` (probe client and kubelet semantics), `pod-http-checks.ts` (validate, token).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { classifyValidate, authCheck, runInPod } from './pod-http-checks';
import { EnvContext, serviceLinkEnv } from './pod-env';
import { findWorkload, PodModel, SecretStore } from './pod-objects';
import { Prober } from './pod-prober';
import { ProbeRuntime, runProbes } from './pod-probes';
import { PodProcess, readText, sleep, tail } from './pod-process';
import { ContainerPlan, execInPod, hostJq, HostPaths, imageTag, listFiles, planContainer, PodPlan, podScript } from './pod-sandbox';
import type { K8sObject, PodRunResult, RunPodOptions } from './pod-types';
import { prepareVolumes } from './pod-volumes';
import { planSidecars, sidecarLogFile } from './pod-sidecars';

export type {
  AuthCheckResult, ContainerRun, HttpOutcome, K8sObject, PodNetworkJoin, PodRunResult, ProbeKind, ProbeResult, RunningPod, RunPodOptions, ValidateResult,
} from './pod-types';
export { expandK8sVars } from './pod-env';

/** Runs the pod of the workload in `objects` (see the file comment); never throws for pod failures, only for harness errors. */
export async function runPod(objects: K8sObject[], opts: RunPodOptions): Promise<PodRunResult> {
  const started = Date.now();
  const deadline = started + (opts.timeoutMs ?? 280000);
  const log = opts.log ?? (() => undefined);
  checkHost();
  const defaultNs = opts.namespace ?? 'default';
  const pod = findWorkload(objects, opts);
  const warnings: string[] = [];
  const secrets = new SecretStore(objects, pod, defaultNs, opts.secretValues ?? {});
  const ctx: EnvContext = { objects, pod, defaultNs, secrets };
  const mainContainer = singleAppContainer(pod);

  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'openclaw-e2e-pod-'));
  fs.chmodSync(work, 0o755);
  const logs = path.join(work, 'logs');
  fs.mkdirSync(logs);
  const netReadyFile = path.join(work, 'net-ready');
  const result: PodRunResult = {
    podName: pod.podName,
    namespace: pod.namespace,
    replicaIndex: pod.index,
    secretValues: secrets.seen,
    mainEnv: {},
    initContainers: [],
    main: { name: mainContainer.name, started: false, logTail: '', tmpWrites: [] },
    sidecars: [],
    probes: [],
    ok: false,
    warnings,
    durationMs: 0,
  };

  let podProc: PodProcess | undefined;
  let prober: Prober | undefined;
  let kubelet: Prober | undefined;
  let plan: PodPlan | undefined;
  try {
    try {
      const vols = prepareVolumes(ctx, path.join(work, 'volumes'), opts, warnings);
      plan = planPod(ctx, work, opts, warnings);
      Object.assign(result.mainEnv, plan.main.env);
      const host: HostPaths = { appDir: opts.install.appDir, nodeBinDir: opts.install.nodeBinDir, jq: hostJq() };
      const scriptPath = path.join(work, 'pod.sh');
      fs.writeFileSync(scriptPath, podScript(pod.podName, plan, vols, host, work, logs, opts.network && netReadyFile), { mode: 0o700 });
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
    if (opts.network) {
      result.podIP = opts.network.join(nsPid);
      fs.writeFileSync(netReadyFile, `${result.podIP}\n`);
      log(`pod ${pod.podName}: ${result.podIP} on the pod network`);
    }
    if (!(await runInitContainers(podProc, plan.inits, logs, deadline, result))) return result;
    if (plan.validate) {
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
    prober = new Prober(nsPid);
    // With a pod network the kubelet probes the pod address from the node; the runner's own checks stay on loopback.
    kubelet = opts.network ? new Prober(opts.network.nodeNetns) : prober;
    const rt: ProbeRuntime = { prober: kubelet, host: result.podIP ?? '127.0.0.1', pod: podProc, plan: plan.main, nsPid };
    await runMainContainer({ ...rt, sidecars: plan.sidecars ?? [], logs }, prober, plan.validate, mainStart.at, deadline, opts, result);
    return result;
  } finally {
    prober?.kill();
    kubelet?.kill();
    if (podProc) await podProc.kill();
    collectAfterExit(result, logs, plan?.main);
    for (const s of plan?.sidecars ?? []) result.sidecars.push({ name: s.name, log: tail(readText(sidecarLogFile(logs, s.name)), 200) });
    (result as { durationMs: number }).durationMs = Date.now() - started;
    if (!opts.keepWorkDir) {
      if (podProc && !podProc.exited) warnings.push(`pod process did not exit; work dir ${work} left in place`);
      else fs.rmSync(work, { recursive: true, force: true });
    } else log(`work dir kept: ${work}`);
  }
}

function checkHost(): void {
  if (process.getuid && process.getuid() !== 0) throw new Error('the e2e pod runner needs root (mount and network namespaces)');
  for (const tool of ['unshare', 'nsenter', 'setpriv', 'chroot', 'ip', 'mount']) {
    if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) throw new Error(`the e2e pod runner needs ${tool} on PATH`);
  }
}

/** The first app container is the main one; the others run beside it as sidecars (pod-sidecars.ts). */
function singleAppContainer(pod: PodModel): any {
  const containers: any[] = pod.spec.containers ?? [];
  if (containers.length === 0) throw new Error('the pod has no app container');
  for (const ic of pod.spec.initContainers ?? []) {
    if (ic.restartPolicy === 'Always') throw new Error(`init container ${ic.name}: sidecar containers are not supported by the e2e pod runner`);
  }
  return containers[0];
}

/** Every container's plan; for an OpenClaw main container also `openclaw config validate` with its user, env and mounts. */
function planPod(ctx: EnvContext, work: string, opts: RunPodOptions, warnings: string[]): PodPlan {
  const serviceEnv = serviceLinkEnv(ctx.objects, ctx.pod, ctx.defaultNs);
  const mainContainer = ctx.pod.spec.containers[0];
  const inits = (ctx.pod.spec.initContainers ?? []).map((c: any) => planContainer(ctx, 'init', c, serviceEnv, work));
  const main = planContainer(ctx, 'main', mainContainer, serviceEnv, work);
  let validate: ContainerPlan | undefined;
  if (main.profile.kind === 'openclaw') {
    // In the image's WORKDIR, as the Helm chart's command runs.
    const v = planContainer(ctx, 'validate', mainContainer, serviceEnv, work);
    validate = { ...v, workingDir: '/app', argv: ['node', 'dist/index.js', 'config', 'validate'] };
    const tag = imageTag(String(mainContainer.image ?? ''));
    if (tag && tag !== opts.install.version) warnings.push(`image tag ${tag} runs as the installed openclaw@${opts.install.version}`);
  }
  return { inits, validate, main, sidecars: planSidecars(ctx, serviceEnv, work) };
}

/** Waits for each init container in order; false (with `podError` set) when one did not finish or failed. */
async function runInitContainers(podProc: PodProcess, plans: ContainerPlan[], logs: string, deadline: number, result: PodRunResult): Promise<boolean> {
  for (let i = 0; i < plans.length; i++) {
    const ev = await podProc.waitUntil((e) => e.name === 'setup-failed' || (e.name === 'init-exit' && e.args[0] === String(i)), deadline);
    const exit = ev?.name === 'init-exit' ? ev : undefined;
    const startEv = podProc.find('init-start', (x) => x.args[0] === String(i));
    const run = {
      name: plans[i].name,
      exitCode: exit ? Number(exit.args[1]) : undefined,
      durationMs: exit && startEv ? exit.at - startEv.at : undefined,
      stdout: readText(`${logs}/init-${i}.out`),
      stderr: readText(`${logs}/init-${i}.err`),
    };
    result.initContainers.push(run);
    if (!exit) {
      result.podError = `init container ${plans[i].name} did not finish (${podProc.find('setup-failed') ? 'setup failed' : 'deadline'})\n${podProc.stderr}`;
      return false;
    }
    if (run.exitCode !== 0) {
      result.podError = `init container ${plans[i].name} exited with ${run.exitCode}`;
      return false;
    }
  }
  return true;
}

/** Time to listen, the probes, then (when healthy) the token check, a second validate and `whileReady`. */
async function runMainContainer(
  rt: ProbeRuntime & { sidecars: ContainerPlan[]; logs: string }, prober: Prober, validatePlan: ContainerPlan | undefined, t0: number, deadline: number, opts: RunPodOptions, result: PodRunResult,
): Promise<void> {
  const { pod: podProc, plan: mainPlan, nsPid } = rt;
  // Time to listen: TCP connects to the first containerPort every 100 ms.
  const listenPort: number | undefined = mainPlan.container.ports?.[0]?.containerPort;
  const listening = (async () => {
    if (!listenPort) return;
    while (Date.now() < deadline && !podProc.find('main-exit') && !podProc.exited) {
      const r = await prober.request({ type: 'tcp', host: '127.0.0.1', port: listenPort, timeoutMs: 1000 });
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
  const authWanted = opts.authCheck ?? mainPlan.profile.kind === 'openclaw';
  if (authWanted && running && listenPort && probesPassed && result.main.listenMs !== undefined) {
    result.auth = await authCheck(prober, listenPort, opts.authToken ? opts.authToken() : mainPlan.env.OPENCLAW_GATEWAY_TOKEN);
  }
  if (opts.validateAfterStart && validatePlan && running) {
    result.validateAfterStart = await runInPod(nsPid, validatePlan, Math.max(1000, Math.min(60000, deadline - Date.now())));
  }
  if (opts.whileReady && running && probesPassed) {
    const exec = (argv: string[], timeoutMs: number, workingDir?: string) =>
      // Its own budget, not the pod deadline: a gateway that became ready late still gets its checks.
      execInPod(nsPid, workingDir ? { ...mainPlan, workingDir } : mainPlan, argv, Math.max(1000, timeoutMs));
    const sidecar = (name: string) => {
      const p = rt.sidecars.find((s) => s.name === name);
      if (!p) throw new Error(`no sidecar container ${name}`);
      return p;
    };
    const execIn = (container: string, argv: string[], timeoutMs: number, workingDir?: string) => {
      const p = sidecar(container);
      return execInPod(nsPid, workingDir ? { ...p, workingDir } : p, argv, Math.max(1000, timeoutMs));
    };
    const sidecarLog = (container: string) => readText(sidecarLogFile(rt.logs, sidecar(container).name));
    try {
      await opts.whileReady({ podIP: result.podIP ?? '127.0.0.1', exec, execIn, sidecarLog });
    } catch (e: any) {
      result.whileReadyError = e?.stack ?? String(e);
    }
  }
  result.ok = probesPassed && !podProc.find('main-exit') && !podProc.exited;
}

/** What the pod left behind: the main log tail, its /tmp writes, the env its node process ran with. */
function collectAfterExit(result: PodRunResult, logs: string, mainPlan: ContainerPlan | undefined): void {
  result.main.logTail = tail(readText(`${logs}/main.log`), 60);
  if (mainPlan) result.main.tmpWrites = listFiles(path.join(mainPlan.rootfs, 'tmp'));
  const environ = readText(`${logs}/main.environ`);
  if (environ) result.main.processEnv = Object.fromEntries(environ.split('\0').filter(Boolean).map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
}
