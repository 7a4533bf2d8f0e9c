/**
 * The agent's browser (`browser.*`): a headless Chromium sidecar whose DevTools (CDP) endpoint
 * listens on the pod's loopback only, the `browser` block of openclaw.json that points OpenClaw's
 * browser tool at it, and the checks of its settings. See "A browser for the agent" in the README
 * and docs/browser.md for the sandbox decision and what was measured.
 */
import { ProblemCollector } from '../core/errors';
import { IMAGE_REPOSITORY, IMAGE_TAG, isQuantity } from '../core/patterns';
import { PATHS } from '../core/pod-layout';
import { DEFAULTS, KubernetesJson, OpenClawChartProps } from '../props';

/** The sidecar's container name (and the openclaw.json profile that attaches to it). */
export const BROWSER_CONTAINER = 'browser';
export const BROWSER_PROFILE = 'sidecar';
/** Chromium's user-data dir, on the sidecar's own emptyDir. */
export const BROWSER_PROFILE_DIR = `${PATHS.tmp}/chromium-profile`;
/**
 * Flags the chart sets and a user may not repeat in `extraArgs`: the address (loopback, so no
 * other pod reaches CDP, which has no authentication), the port the openclaw.json wiring and the
 * probes use, and the profile directory on the writable emptyDir.
 */
export const CHART_OWNED_FLAGS = ['--remote-debugging-address', '--remote-debugging-port', '--remote-debugging-pipe', '--user-data-dir'] as const;

export interface ResolvedBrowser {
  readonly image: { readonly ref: string; readonly pullPolicy: string };
  readonly command: readonly string[];
  readonly args: readonly string[];
  readonly port: number;
  readonly allowedHostnames: readonly string[];
  readonly shmSize: string;
  readonly tmpSize: string;
  readonly resources: KubernetesJson;
}

/** Problems of `browser.*` go to `p`; undefined when the browser is off. `gatewayPort`: the one gateway port. */
export function resolveBrowser(props: OpenClawChartProps, gatewayPort: number, p: ProblemCollector): ResolvedBrowser | undefined {
  const b = props.browser ?? {};
  const d = DEFAULTS.browser;
  if (b.enabled !== undefined && typeof b.enabled !== 'boolean') p.add('browser.enabled', 'must be true or false', b.enabled);
  const image = { ...d.image, ...b.image };
  if (typeof image.repository !== 'string' || !IMAGE_REPOSITORY.test(image.repository)) {
    p.add('browser.image.repository', 'must be an image repository such as chromedp/headless-shell (lower case, no tag)', image.repository);
  }
  if (typeof image.tag !== 'string' || !IMAGE_TAG.test(image.tag)) p.add('browser.image.tag', 'must be an image tag such as 136.0.7052.2', image.tag);
  const command = b.command ?? d.command;
  if (!Array.isArray(command) || !command.length || command.some((c) => typeof c !== 'string' || !c)) {
    p.add('browser.command', 'must be a non-empty list of non-empty strings: the Chromium binary of the image (and flags before the chart\'s)', command);
  }
  const port = b.port ?? d.port;
  // The gateway's browser-control service listens on loopback at the gateway port + 2 (OpenClaw's docs).
  const taken = [gatewayPort, gatewayPort + 2];
  if (!Number.isInteger(port) || port < 1 || port > 65535) p.add('browser.port', 'must be a port number from 1 to 65535', port);
  else if (taken.includes(port)) {
    p.add('browser.port', `must differ from the gateway port ${gatewayPort} and its browser-control port ${gatewayPort + 2} (both listen on the pod's loopback)`, port);
  }
  const extraArgs = b.extraArgs ?? d.extraArgs;
  (Array.isArray(extraArgs) ? extraArgs : [extraArgs]).forEach((a, i) => {
    if (typeof a !== 'string') p.add(`browser.extraArgs[${i}]`, 'must be a string', a);
    else if (CHART_OWNED_FLAGS.some((f) => a === f || a.startsWith(`${f}=`))) {
      p.add(`browser.extraArgs[${i}]`, `sets a flag the chart owns (${CHART_OWNED_FLAGS.join(', ')}): CDP stays on 127.0.0.1:browser.port, where only the pod's own containers reach it`, a);
    }
  });
  const hosts = b.allowedHostnames ?? d.allowedHostnames;
  (Array.isArray(hosts) ? hosts : [hosts]).forEach((h, i) => {
    if (typeof h !== 'string' || !/^[A-Za-z0-9]([-A-Za-z0-9.:]*[A-Za-z0-9])?$/.test(h)) {
      p.add(`browser.allowedHostnames[${i}]`, 'must be a host name or IP address without scheme, port, path or wildcard (e.g. wiki.internal, 10.0.0.12)', h);
    }
  });
  for (const key of ['shmSize', 'tmpSize'] as const) {
    const q = b[key] ?? d[key];
    if (!isQuantity(q) || q === 0 || q === '0') p.add(`browser.${key}`, 'must be a Kubernetes quantity above zero such as 256Mi', q);
  }
  for (const kind of ['limits', 'requests'] as const) {
    for (const [res, q] of Object.entries(b.resources?.[kind] ?? {})) {
      if (q !== undefined && !isQuantity(q)) p.add(`browser.resources.${kind}.${res}`, 'must be a Kubernetes quantity such as 500m, 2, 1Gi', q);
    }
  }
  if (!(b.enabled ?? d.enabled)) return undefined;
  return {
    image: { ref: `${image.repository}:${image.tag}`, pullPolicy: image.pullPolicy },
    command: [...command],
    args: chromiumArgs(port, extraArgs),
    port,
    allowedHostnames: [...hosts],
    shmSize: String(b.shmSize ?? d.shmSize),
    tmpSize: String(b.tmpSize ?? d.tmpSize),
    resources: { limits: b.resources?.limits ?? d.resources.limits, requests: b.resources?.requests ?? d.resources.requests },
  };
}

/**
 * Chromium's flags. `--no-sandbox`: Chromium's own sandbox needs user namespaces (or a setuid
 * helper), which a restricted pod denies: RuntimeDefault seccomp refuses `unshare`/`clone` with
 * namespace flags without CAP_SYS_ADMIN, and `allowPrivilegeEscalation: false` (no_new_privs)
 * disables setuid. Measured: without the flag Chromium exits with "No usable sandbox!"
 * (docs/browser.md). The container boundary (no capabilities, read-only root, its own uid's
 * files only, no state volume, no token) is the sandbox instead.
 */
function chromiumArgs(port: number, extraArgs: readonly string[]): string[] {
  return [
    '--headless',
    '--no-sandbox',
    '--remote-debugging-address=127.0.0.1',
    `--remote-debugging-port=${port}`,
    `--user-data-dir=${BROWSER_PROFILE_DIR}`,
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-gpu',
    '--disable-breakpad',
    '--disable-crash-reporter',
    '--password-store=basic',
    ...extraArgs,
    'about:blank',
  ];
}

/**
 * The openclaw.json `browser` block: a profile that attaches to the sidecar (never launches a
 * browser: the OpenClaw image has none) and is the default. A loopback CDP URL without
 * `attachOnly` would be taken for a browser OpenClaw manages itself (OpenClaw's docs).
 */
export function browserConfig(b: ResolvedBrowser): Record<string, unknown> {
  return {
    enabled: true,
    defaultProfile: BROWSER_PROFILE,
    profiles: { [BROWSER_PROFILE]: { cdpUrl: `http://127.0.0.1:${b.port}`, attachOnly: true } },
    ...(b.allowedHostnames.length ? { ssrfPolicy: { allowedHostnames: [...b.allowedHostnames] } } : {}),
  };
}

/** The sidecar's volumes: its /tmp (profile, downloads, crash files) and a memory-backed /dev/shm. */
