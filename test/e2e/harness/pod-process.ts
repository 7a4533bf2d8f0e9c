/** The pod's processes: tracking and killing what the runner started, and the pod's PID 1 with its event stream. */
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as readline from 'readline';

/**
 * The CPU priority of the pod and of the probers (`nice`): it stands in for the CPU request the
 * kubelet reserves for a pod. On a machine shared with other test runs the gateway otherwise misses
 * deadlines of its own (measured: "state lease heartbeat did not become ready ... timeoutMs=5000")
 * and probes time out, while on a node with requests it would not.
 */
export const POD_NICE = ['nice', '-n', '-10'];

/** A timer that never keeps the process alive on its own. */
export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, Math.max(0, ms)).unref());

/** Processes this module started and has not seen exit: killed if the test process exits first. */
const live = new Set<ChildProcess>();
let exitHookInstalled = false;

/** `sh -c 'exec nsenter ...'` keeps one PID through exec, so killing that PID ends the command. */
export function track(p: ChildProcess): ChildProcess {
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

export function killNow(p: ChildProcess): void {
  if (p.exitCode !== null || p.signalCode !== null || p.pid === undefined) return;
  try {
    process.kill(p.pid, 'SIGKILL');
  } catch {
    /* already gone */
  }
}

/** Single-quote for sh. */
export function q(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

export function tail(text: string, lines: number): string {
  return text.split('\n').slice(-lines).join('\n');
}

export function readText(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}


export interface PodEvent {
  readonly name: string;
  readonly args: string[];
  readonly at: number;
}

export class PodProcess {
  readonly proc: ChildProcess;
  readonly events: PodEvent[] = [];
  readonly waiters: Array<() => void> = [];
  stderr = '';
  exited = false;
  private readonly closed: Promise<void>;

  constructor(script: string, podName: string) {
    // Not detached: a Ctrl-C on the test run reaches `unshare` too, and `--kill-child` then ends the pod.
    this.proc = spawn(POD_NICE[0], [...POD_NICE.slice(1), 'unshare', '--mount', '--net', '--pid', '--uts', '--fork', '--kill-child', 'sh', script, podName], {
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
