/**
 * The cluster tests' view of the real control plane (cluster/cluster.js): kubectl against it, fresh
 * namespaces under Pod Security "restricted", and a stand-in node. There is no kubelet: `playNode`
 * binds the StatefulSet controller's pods to a Node object and reports them Running and Ready, the
 * two facts the controller waits for before it makes the next pod.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

// eslint-disable-next-line @typescript-eslint/no-var-requires
const cluster = require('../../../cluster/cluster.js');

export interface ClusterInfo {
  readonly version: string;
  readonly kubeconfig: string;
  readonly kubectl: string;
  readonly server: string;
  readonly nodeName: string;
  readonly binary: string;
}

/** Up to 40 minutes: a cold build of Kubernetes on two cores, when `npm run cluster -- build` did not run first. */
export const CLUSTER_START_TIMEOUT_MS = 40 * 60 * 1000;

let current: ClusterInfo | undefined;

/** Starts the control plane (or joins the running one). */
export async function startCluster(): Promise<ClusterInfo> {
  current = await cluster.up(() => undefined);
  kubectl(['apply', '--server-side', '--field-manager=openclaw-test-node', '-f', '-'], JSON.stringify({
    apiVersion: 'v1', kind: 'Node', metadata: { name: current!.nodeName, labels: { 'kubernetes.io/hostname': current!.nodeName } },
  }));
  return current!;
}

export interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** kubectl (the control plane's own release) with the admin kubeconfig; throws unless `allowFail`. */
export function kubectl(args: string[], input?: string, allowFail = false): Run {
  if (!current) throw new Error('startCluster() first');
  const r = spawnSync(current.kubectl, args, {
    input, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, KUBECONFIG: current.kubeconfig },
  });
  const run = { code: r.status ?? -1, stdout: r.stdout ?? '', stderr: (r.stderr ?? '') + (r.error ? String(r.error) : '') };
  if (run.code !== 0 && !allowFail) throw new Error(`kubectl ${args.join(' ')} failed (${run.code}): ${run.stderr.trim()}`);
  return run;
}

/** `kubectl get ... -o json`, parsed. */
export function getJson(args: string[]): any {
  return JSON.parse(kubectl(['get', ...args, '-o', 'json']).stdout);
}

let namespaces = 0;

/** A fresh namespace that enforces Pod Security "restricted", as a careful platform sets it up. */
export function restrictedNamespace(prefix: string): string {
  const name = `${prefix}-${process.pid % 10000}-${++namespaces}`;
  kubectl(['apply', '--server-side', '-f', '-'], JSON.stringify({
    apiVersion: 'v1', kind: 'Namespace', metadata: {
      name, labels: {
        'pod-security.kubernetes.io/enforce': 'restricted', 'pod-security.kubernetes.io/enforce-version': 'latest',
        'pod-security.kubernetes.io/warn': 'restricted', 'pod-security.kubernetes.io/audit': 'restricted',
      },
    },
  }));
  return name;
}

/** Writes `text` to a temporary file (kubectl -f FILE) and returns its path. */
export function tempFile(name: string, text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openclaw-cluster-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

/** Server-side apply of a manifest file into `ns`, exactly as the docs tell users to (field manager "kubectl"). */
export function apply(file: string, ns: string, extra: string[] = [], allowFail = false): Run {
  return kubectl(['apply', '--server-side', '-n', ns, '-f', file, ...extra], undefined, allowFail);
}

/**
 * Plays the kubelet for the pods of `ns` until `count` pods of `selector` are Running and Ready
 * (or `seconds` pass): binds unbound pods to the test node and reports their containers ready.
 */
export async function playNode(ns: string, selector: string, count: number, seconds = 60): Promise<any[]> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const pods = getJson(['pods', '-n', ns, '-l', selector]).items as any[];
    for (const pod of pods) {
      if (pod.metadata.deletionTimestamp) {
        // No kubelet confirms the containers stopped: finish the deletion as the kubelet would.
        kubectl(['delete', 'pod', pod.metadata.name, '-n', ns, '--grace-period=0', '--force', '--wait=false'], undefined, true);
        continue;
      }
      if (!pod.spec.nodeName) {
        kubectl(['create', '--raw', `/api/v1/namespaces/${ns}/pods/${pod.metadata.name}/binding`, '-f', '-'], JSON.stringify({
          apiVersion: 'v1', kind: 'Binding', metadata: { name: pod.metadata.name }, target: { apiVersion: 'v1', kind: 'Node', name: current!.nodeName },
        }), true);
      } else if (!isReady(pod)) {
        reportReady(pod, true);
      }
    }
    const ready = pods.filter((p) => !p.metadata.deletionTimestamp && isReady(p));
    if (ready.length === count && pods.length === count) return ready;
    if (Date.now() > deadline) {
      throw new Error(`expected ${count} ready pods of ${selector} in ${ns}, have ${ready.length} of ${pods.length}: ${pods.map((p) => p.metadata.name).join(', ')}`);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
}

function isReady(pod: any): boolean {
  return pod.status?.phase === 'Running' && (pod.status.conditions ?? []).some((c: any) => c.type === 'Ready' && c.status === 'True');
}

/** Reports the pod Running and Ready to the API server, as the kubelet does once every probe passed. */
export function reportReady(pod: any, allowFail = false): void {
  kubectl(['patch', 'pod', pod.metadata.name, '-n', pod.metadata.namespace, '--subresource=status', '--type=merge', '-p', JSON.stringify(readyStatus(pod))], undefined, allowFail);
}

/** An address of its own for each pod (the EndpointSlice controller lists them): from its name. */
function podIp(pod: any): string {
  let h = 0;
  for (const ch of `${pod.metadata.namespace}/${pod.metadata.name}`) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return `10.244.${1 + (h % 250)}.${1 + ((h >>> 8) % 250)}`;
}

function readyStatus(pod: any): any {
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const ip = podIp(pod);
  const state = (c: any) => ({ name: c.name, ready: true, started: true, restartCount: 0, image: c.image, imageID: '', state: { running: { startedAt: now } } });
  return {
    status: {
      phase: 'Running', podIP: ip, podIPs: [{ ip }], hostIP: '127.0.0.1', startTime: now,
      conditions: ['PodScheduled', 'Initialized', 'ContainersReady', 'Ready'].map((type) => ({ type, status: 'True', lastTransitionTime: now })),
      initContainerStatuses: (pod.spec.initContainers ?? []).map((c: any) => ({ ...state(c), started: false, state: { terminated: { exitCode: 0, reason: 'Completed', startedAt: now, finishedAt: now } } })),
      containerStatuses: pod.spec.containers.map(state),
    },
  };
}

/**
 * Deletes namespaces and waits until they are gone. No kubelet confirms that a pod stopped, so the
 * pods are removed first as the kubelet would (forced), or the namespace would wait for them forever.
 */
export function deleteNamespaces(names: readonly string[], timeoutSeconds = 120): void {
  for (const name of names) kubectl(['delete', 'pods', '--all', '-n', name, '--force', '--grace-period=0'], undefined, true);
  kubectl(['delete', 'namespace', ...names, '--ignore-not-found', '--wait=true', `--timeout=${timeoutSeconds}s`]);
}

/** Waits until `check` holds, polling. */
export async function eventually<T>(what: string, check: () => T | undefined | false, seconds = 60): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const v = check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${seconds} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}
