/** The browser sidecar and its volumes, from the model's ResolvedBrowser (src/model/browser.ts). */
import { PATHS, VOLUMES } from '../core/pod-layout';
import { BROWSER_CONTAINER, ResolvedBrowser } from '../model/browser';
import { KubernetesJson } from '../props';

export function browserVolumes(b: ResolvedBrowser): KubernetesJson[] {
  return [
    { name: VOLUMES.browserTmp, emptyDir: { sizeLimit: b.tmpSize } },
    // Chromium puts shared memory (renderer <-> browser) in /dev/shm; the runtime's default is 64Mi.
    { name: VOLUMES.browserShm, emptyDir: { medium: 'Memory', sizeLimit: b.shmSize } },
  ];
}

/**
 * `GET /json/version` on the loopback CDP endpoint, from inside the container: a kubelet httpGet
 * or tcpSocket probe goes to the pod IP, where CDP (on 127.0.0.1) is not listening. bash's
 * /dev/tcp needs no curl in the image (Debian-based images have bash).
 */
export function cdpCheck(port: number): string[] {
  // HTTP/1.1: Chromium's DevTools server does not answer HTTP/1.0 (measured). It keeps the
  // connection open anyway; grep -q ends at the first match.
  return ['bash', '-c', `exec 3<>/dev/tcp/127.0.0.1/${port} && printf 'GET /json/version HTTP/1.1\\r\\nHost: 127.0.0.1\\r\\nConnection: close\\r\\n\\r\\n' >&3 && grep -q webSocketDebuggerUrl <&3`];
}

/** The sidecar container. The pod's restricted securityContext applies as to every container. */
export function browserContainer(b: ResolvedBrowser, securityContext: KubernetesJson): KubernetesJson {
  const exec = { exec: { command: cdpCheck(b.port) }, timeoutSeconds: 5 };
  return {
    name: BROWSER_CONTAINER,
    image: b.image.ref,
    imagePullPolicy: b.image.pullPolicy,
    securityContext,
    command: b.command,
    args: b.args,
    // HOME and the XDG dirs on the writable emptyDir: the root filesystem is read-only.
    env: [
      { name: 'HOME', value: PATHS.tmp },
      { name: 'XDG_CONFIG_HOME', value: `${PATHS.tmp}/.config` },
      { name: 'XDG_CACHE_HOME', value: `${PATHS.tmp}/.cache` },
    ],
    // No containerPort: CDP listens on loopback only; declaring it would suggest it can be reached.
    volumeMounts: [
      { name: VOLUMES.browserTmp, mountPath: PATHS.tmp },
      { name: VOLUMES.browserShm, mountPath: '/dev/shm' },
    ],
    resources: b.resources,
    // The pod is ready once CDP answers (startup); a hung Chromium is restarted alone (liveness). No
    // readiness probe: a failing one would take the whole pod, the gateway with it, off the Service.
    startupProbe: { ...exec, periodSeconds: 2, failureThreshold: 30 },
    livenessProbe: { ...exec, periodSeconds: 20, failureThreshold: 3 },
  };
}
