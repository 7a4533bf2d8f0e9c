/**
 * Summary lines about running the gateway day to day: a paused release, the trusted proxies behind
 * an Ingress/HTTPRoute, pairing Control UI browsers, the heap cap, upgrades, each from facts of
 * the model (facts.ts).
 */
import { MIGRATE_CONFIG_CONTAINER } from '../build/shell/config-migration';
import { trustedProxiesAdvice } from '../core/trusted-proxies';

/** `kubectl exec` into the gateway container of one pod, running an OpenClaw CLI command. */
export function openclawExec(ns: string, pod: string, command: string): string {
  return `kubectl exec -n ${ns} ${pod} -c openclaw -- node dist/index.js ${command}`;
}

/** replicaCount 0: what is kept and how to resume. */
export function pausedNotes(name: string, ns: string): string[] {
  return [
    'Paused: replicaCount is 0, so no gateway pod runs. The claims and the state on them are kept.',
    `Resume: set replicaCount to 1 (or more) and apply, or: kubectl scale statefulset ${name} -n ${ns} --replicas=1`,
  ];
}

/** A new OpenClaw release: what migrate-config does, and where to look when it stops the pod. */
export function upgradeNotes(name: string, ns: string): string[] {
  return [
    `A new image.tag: on its first start, ${MIGRATE_CONFIG_CONTAINER} runs openclaw config validate on the state,`,
    'and openclaw doctor --fix --non-interactive when it fails (the old file kept as openclaw.json.bak).',
    'A pod left in Init:Error has a config OpenClaw cannot migrate; the keys it refuses:',
    `  kubectl logs -n ${ns} ${name}-0 -c ${MIGRATE_CONFIG_CONTAINER}`,
  ];
}

/** Every Control UI browser must be paired: approve it from the pod. */
export function pairingNotes(name: string, ns: string): string[] {
  const pod = `${name}-0`;
  return [
    'Each browser that opens the Control UI must be paired once. Approve it from the pod:',
    `  ${openclawExec(ns, pod, 'devices list')}`,
    `  ${openclawExec(ns, pod, 'devices approve <requestId>')}`,
  ];
}

/**
 * Behind an Ingress/HTTPRoute: the trusted proxies the managed openclaw.json lists, or what to set
 * when it lists none. `proxies` undefined: the chart manages no such key (nothing to say).
 */
export function trustedProxyNotes(via: 'Ingress' | 'HTTPRoute', proxies: readonly string[] | undefined): string[] {
  if (proxies === undefined) return [];
  if (proxies.length) return [`Trusted proxies (gateway.trustedProxies): ${proxies.join(', ')}; only these may set X-Forwarded-For.`];
  return wrap(`Warning: gateway.trustedProxies ${trustedProxiesAdvice(via)}.`, 96);
}

/** Words of `text` in lines of at most `width` characters (a longer word gets a line of its own). */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** The heap cap (from NODE_OPTIONS, the chart's or the user's) and the memory limit it sits under. */
export function heapNotes(capMiB: number | undefined, memoryLimit: string | undefined): string[] {
  if (capMiB !== undefined) return [`Node heap cap: ${capMiB} MiB (NODE_OPTIONS)${memoryLimit ? ` under the memory limit ${memoryLimit}` : ''}.`];
  if (!memoryLimit) return ['No memory limit, so no heap cap: Node sizes its heap from the node it runs on.'];
  return [];
}
