/** The prober: a small Node client in a network namespace that makes the TCP and HTTP requests of probes and checks. */
import { ChildProcess, spawn } from 'child_process';
import * as readline from 'readline';
import { killNow, POD_NICE, track } from './pod-process';
import type { HttpOutcome } from './pod-types';

const PROBER_SRC = String.raw`
const net = require('net'), http = require('http'), https = require('https'), readline = require('readline');
const out = (o) => process.stdout.write(JSON.stringify(o) + '\n');
readline.createInterface({ input: process.stdin }).on('line', (line) => {
  let req; try { req = JSON.parse(line); } catch { return; }
  let settled = false;
  const finish = (r) => { if (settled) return; settled = true; clearTimeout(timer); out({ id: req.id, ...r }); };
  const timer = setTimeout(() => finish({ error: 'timeout after ' + req.timeoutMs + 'ms' }), req.timeoutMs);
  if (req.type === 'tcp') {
    const s = net.connect({ host: req.host, port: req.port });
    s.setTimeout(req.timeoutMs, () => { s.destroy(); });
    s.on('connect', () => { s.destroy(); finish({ ok: true }); });
    s.on('error', (e) => finish({ error: e.code || e.message }));
    return;
  }
  const mod = req.scheme === 'HTTPS' ? https : http;
  const r = mod.request({ host: req.host, port: req.port, path: req.path, method: req.method || 'GET', headers: req.headers || {},
    rejectUnauthorized: false, timeout: req.timeoutMs, agent: false }, (res) => {
    let body = '';
    res.setEncoding('utf8');
    res.on('data', (c) => { if (body.length < 4096) body += c; });
    res.on('end', () => finish({ status: res.statusCode, body: body.slice(0, 4096) }));
    res.on('error', (e) => finish({ error: e.code || e.message }));
  });
  r.on('timeout', () => r.destroy(new Error('timeout')));
  r.on('error', (e) => finish({ error: e.code || e.message }));
  if (req.body) r.write(req.body);
  r.end();
});
`;

export interface ProbeRequest {
  readonly type: 'tcp' | 'http';
  readonly host: string;
  readonly port: number;
  readonly path?: string;
  readonly scheme?: string;
  readonly method?: string;
  readonly headers?: Record<string, string>;
  readonly body?: string;
  readonly timeoutMs: number;
}

export class Prober {
  private readonly proc: ChildProcess;
  private readonly pending = new Map<number, (r: any) => void>();
  private nextId = 1;

  /** In the network namespace of process `nsPid`, or of the namespace file `nsPid` names. */
  constructor(nsPid: number | string) {
    const netns = typeof nsPid === 'number' ? `/proc/${nsPid}/ns/net` : nsPid;
    this.proc = spawn(POD_NICE[0], [...POD_NICE.slice(1), 'nsenter', `--net=${netns}`, '--', process.execPath, '-e', PROBER_SRC], { stdio: ['pipe', 'pipe', 'pipe'] });
    track(this.proc);
    readline.createInterface({ input: this.proc.stdout! }).on('line', (line) => {
      try {
        const msg = JSON.parse(line);
        const cb = this.pending.get(msg.id);
        if (cb) {
          this.pending.delete(msg.id);
          cb(msg);
        }
      } catch {
        /* ignore noise */
      }
    });
    this.proc.on('exit', () => {
      for (const cb of this.pending.values()) cb({ error: 'prober exited' });
      this.pending.clear();
    });
    // A request racing the teardown writes to a closed pipe (EPIPE): its caller gets 'prober exited', not a crash.
    this.proc.stdin!.on('error', () => undefined);
  }

  request(req: ProbeRequest): Promise<HttpOutcome & { ok?: boolean }> {
    const id = this.nextId++;
    if (this.proc.exitCode !== null || this.proc.signalCode !== null || this.proc.stdin!.destroyed) {
      return Promise.resolve({ error: 'prober exited' });
    }
    return new Promise((resolve) => {
      // A guard in case the prober itself hangs.
      const guard = setTimeout(() => {
        this.pending.delete(id);
        resolve({ error: `no answer from prober within ${req.timeoutMs + 2000}ms` });
      }, req.timeoutMs + 2000);
      this.pending.set(id, ({ id: _id, ...r }) => {
        clearTimeout(guard);
        resolve(r);
      });
      this.proc.stdin!.write(JSON.stringify({ id, ...req }) + '\n');
    });
  }

  kill(): void {
    killNow(this.proc);
  }
}
