/** The public types of the e2e pod runner (`runPod`'s options and result). */
import type { OpenClawInstall } from './install';

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
  /** The token for that check, read once the probes passed (e.g. one the pod generated on its volume). @default the main container's OPENCLAW_GATEWAY_TOKEN */
  readonly authToken?: () => string | undefined;
  /** Run `openclaw config validate` again after the probes (the gateway rewrites openclaw.json at startup). @default false */
  readonly validateAfterStart?: boolean;
  /** Keep probing this long after every probe passed (liveness/readiness must keep passing). @default 0 */
  readonly observeAfterReadyMs?: number;
  /**
   * When a probe failed while the main container still runs, wait up to this long for it to exit on
   * its own (to capture why it is unhealthy in `main.logTail` / `main.exit`). @default 0
   */
  readonly awaitExitOnFailureMs?: number;
  /**
   * Upper bound for the whole pod run. Near the chart's startup budget (5 min): on a loaded machine the
   * gateway can take minutes to listen, and the kubelet would wait that long too. @default 280000
   */
  readonly timeoutMs?: number;
  /** Keep PVC contents in this directory (created if needed, never deleted) instead of the work dir. */
  readonly pvcDir?: string;
  /** Mode of a fresh PVC root before fsGroup handling (0o755 like a new ext4 file system). */
  readonly pvcRootMode?: number;
  /** Keep the work dir (volumes, rootfs, logs) for debugging. @default false */
  readonly keepWorkDir?: boolean;
  /** Progress messages. @default none */
  readonly log?: (msg: string) => void;
  /**
   * Join a pod network (`PodNetwork` in pod-network.ts) before the init containers run, as a CNI
   * plugin does: the pod gets an address, and the kubelet's probes come from the node. @default
   * none: the pod has only `lo`, and probes go to 127.0.0.1 inside it
   */
  readonly network?: PodNetworkJoin;
  /**
   * Called once every probe passed, while the pod still runs; the pod is torn down after it settles.
   * What it throws lands in `whileReadyError`.
   */
  readonly whileReady?: (pod: RunningPod) => Promise<void>;
}

/** A pod network `runPod` can join. */
export interface PodNetworkJoin {
  /** Joins the network namespace of process `pid` (the pod's PID 1) to the network; returns the pod address. */
  join(pid: number): string;
  /** The node's network namespace (for `nsenter --net=`): the kubelet's probes run there. */
  readonly nodeNetns: string;
}

/** The running pod, handed to `whileReady`. */
export interface RunningPod {
  /** The pod address with a `network`, else 127.0.0.1 (seen from inside the pod). */
  readonly podIP: string;
  /** Runs `argv` as the main container (its user, env, mounts, working dir) in the running pod; stdout and stderr together. */
  exec(argv: string[], timeoutMs: number, workingDir?: string): Promise<{ code: number | null; out: string }>;
  /** The same in sidecar `container` (an app container after the first). */
  execIn(container: string, argv: string[], timeoutMs: number, workingDir?: string): Promise<{ code: number | null; out: string }>;
  /** What sidecar `container` has logged so far (stdout and stderr). */
  sidecarLog(container: string): string;
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
  /** The pod address when it joined a `network`. */
  podIP?: string;
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
  /** App containers after the first: their log tails after the pod ended. */
  readonly sidecars: Array<{ readonly name: string; readonly log: string }>;
  readonly probes: ProbeResult[];
  auth?: AuthCheckResult;
  /** What `whileReady` threw. */
  whileReadyError?: string;
  /** True when init containers succeeded, the main container ran, and every declared probe passed. */
  ok: boolean;
  readonly warnings: string[];
  readonly durationMs: number;
}
