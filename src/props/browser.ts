/** The props of the agent's browser: a headless Chromium sidecar. */
import type { PullPolicy } from './enumerations';
import type { Quantity, ContainerResourcesProps } from './kubernetes';

/**
 * The browser sidecar's image (values `browser.image`).
 */
export interface BrowserImageProps {
  /**
   * Image with a Chromium binary (`command`) and bash (the sidecar's probes use it). Debian-based
   * images such as `chromedp/headless-shell` have both.
   * @default 'chromedp/headless-shell'
   */
  readonly repository?: string;
  /**
   * Image tag. Pin a current one: Chromium renders untrusted pages, so its security fixes matter.
   * @default '136.0.7052.2'
   */
  readonly tag?: string;
  /**
   * Image pull policy: `Always`, `IfNotPresent` or `Never`.
   * @default 'IfNotPresent'
   */
  readonly pullPolicy?: PullPolicy;
}

/**
 * The agent's browser: a headless Chromium sidecar that OpenClaw's `browser` tool drives over the
 * DevTools protocol (CDP) on the pod's loopback (see "A browser for the agent" in the README).
 */
export interface BrowserProps {
  /**
   * Run a `browser` container beside the gateway and point OpenClaw's browser tool at it
   * (openclaw.json `browser.profiles.sidecar`, the default profile, attach-only). CDP listens on
   * 127.0.0.1 only: it is on no Service, Ingress or NetworkPolicy port. Chromium runs with
   * `--no-sandbox` under the restricted profile (its own sandbox needs user namespaces, which
   * RuntimeDefault seccomp denies; measured in docs/browser.md); `runtimeClassName` (e.g. gVisor)
   * adds a boundary around the whole pod.
   * @default false
   */
  readonly enabled?: boolean;
  /** @default see BrowserImageProps */
  readonly image?: BrowserImageProps;
  /**
   * The Chromium binary of the image, run with the chart's flags as `args`.
   * @default ['/headless-shell/headless-shell']
   * @example ['chromium']
   */
  readonly command?: string[];
  /**
   * CDP port on the pod's loopback (the gateway reaches it at `http://127.0.0.1:<port>`).
   * @default 9222
   */
  readonly port?: number;
  /**
   * Extra Chromium flags, after the chart's. The flags that bind CDP and place the profile
   * (`--remote-debugging-address`, `--remote-debugging-port`, `--user-data-dir`) are the chart's.
   * @default []
   * @example ['--window-size=1280,800', '--lang=en-US']
   */
  readonly extraArgs?: string[];
  /**
   * Hosts on private addresses the browser tool may open (openclaw.json
   * `browser.ssrfPolicy.allowedHostnames`). OpenClaw refuses navigation to private networks by
   * default; list exactly the internal sites the agent needs.
   * @default []
   * @example ['wiki.internal', '10.0.0.12']
   */
  readonly allowedHostnames?: string[];
  /**
   * Size of the memory-backed /dev/shm (an emptyDir with `medium: Memory`; it counts against the
   * container's memory limit).
   * @default '256Mi'
   */
  readonly shmSize?: Quantity;
  /**
   * Size limit of the sidecar's /tmp emptyDir (Chromium's profile, cache and downloads).
   * @default '1Gi'
   */
  readonly tmpSize?: Quantity;
  /**
   * Resources of the browser container. `limits` and `requests` default separately.
   * @default { limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '100m', memory: '256Mi' } }
   */
  readonly resources?: ContainerResourcesProps;
}
