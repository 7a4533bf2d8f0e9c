/** Kubelet probe semantics: handlers, initialDelaySeconds, periods, thresholds, the startup gate. */
import { Prober } from './pod-prober';
import { PodProcess, sleep, tail } from './pod-process';
import { ContainerPlan, execInPod } from './pod-sandbox';
import type { ProbeKind, ProbeResult } from './pod-types';

function resolvePort(container: any, port: number | string): number {
  if (typeof port === 'number') return port;
  if (/^\d+$/.test(port)) return Number(port);
  const p = (container.ports ?? []).find((x: any) => x.name === port);
  if (!p) throw new Error(`named port "${port}" is not declared in the container's ports`);
  return p.containerPort;
}

function describeProbe(container: any, probe: any, host: string): string {
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
    return `httpGet ${(g.scheme ?? 'HTTP').toLowerCase()}://${host}:${port(g.port)}${g.path ?? '/'}${named(g.port)}`;
  }
  if (probe.tcpSocket) return `tcpSocket ${host}:${port(probe.tcpSocket.port)}${named(probe.tcpSocket.port)}`;
  if (probe.exec) return `exec ${JSON.stringify(probe.exec.command)}`;
  if (probe.grpc) return `grpc :${probe.grpc.port}`;
  return 'unknown handler';
}

export interface ProbeRuntime {
  /** The kubelet's prober: in the pod's network namespace, or in the node's with a pod network. */
  readonly prober: Prober;
  /** Where probes connect: 127.0.0.1, or the pod address from the node. */
  readonly host: string;
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
      const r = await rt.prober.request({ type: 'http', host: rt.host, port: resolvePort(container, g.port), path: g.path ?? '/', scheme: g.scheme ?? 'HTTP', headers, timeoutMs });
      if (r.status !== undefined) return { ok: r.status >= 200 && r.status < 400, detail: `HTTP ${r.status}` };
      return { ok: false, detail: r.error ?? 'no response' };
    }
    if (probe.tcpSocket) {
      const t = probe.tcpSocket;
      if (t.host && !['127.0.0.1', 'localhost'].includes(t.host)) return { ok: false, detail: `tcpSocket.host ${t.host}: the e2e runner only probes 127.0.0.1` };
      const r = await rt.prober.request({ type: 'tcp', host: rt.host, port: resolvePort(container, t.port), timeoutMs });
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
export async function runProbes(rt: ProbeRuntime, startAt: number, deadline: number, observeMs: number): Promise<ProbeResult[]> {
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
          handler: describeProbe(container, spec, rt.host),
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
