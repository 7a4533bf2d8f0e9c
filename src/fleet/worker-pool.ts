/**
 * A fleet's work on every core, synchronously: worker threads check tenants (validation) or render
 * their manifests, chunk by chunk, while the calling thread hands out chunks, takes the results in
 * tenant order and writes the files. It blocks in `Atomics.wait` and reads replies with
 * `receiveMessageOnPort`, so `writeTo` stays a plain synchronous call. Only a few chunks are in
 * flight at any time: memory does not grow with the fleet.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { MessageChannel, MessagePort, Worker, receiveMessageOnPort } from 'worker_threads';
import { FleetProblem, OpenClawFleetError } from './errors';
import { MAX_REUSED_BUFFER, RenderedChunk } from './render';
import { TenantCheck, TenantRules } from './validate';
import type { PostedTenant } from './tenant-snapshot';
import { OpenClawChartProps } from '../props';
import { writeFileNoFollow } from '../output/safe-write';

/** @internal Tenants per message to a worker. */
export const CHUNK = 100;
/** @internal Fleets smaller than this render in the calling thread by default: starting workers costs more than it saves. */
export const WORKER_THRESHOLD = 1000;
/** Chunks each worker holds at once (one rendering, one waiting). */
const IN_FLIGHT = 2;
/** Replies per worker kept while an earlier chunk is still rendering: bounds memory when one worker is slow. */
const MAX_EARLY = 2;
/**
 * A worker's old generation cap (see startWorker), far above what a chunk of tenants keeps, and
 * the largest tenant props (characters) it is set for: larger ones leave V8's own limit (a worker
 * that reaches its cap dies, and the fleet would wait for it).
 */
const WORKER_OLD_SPACE_MB = 512;
const CAPPED_PROPS_UP_TO = 256 * 1024;
/** No reply from any worker for this long: a worker died without saying so. */
const STALL_MS = 5 * 60_000;

/** @internal A chunk of work, as posted to a worker. */
export interface WorkerJob {
  /** check: each tenant's own check (checkTenant); write: render each tenant's manifest (the fleet's thread writes it). */
  readonly kind: 'check' | 'write';
  readonly start: number;
  readonly tenants: PostedTenant[];
  /** write: each tenant's fingerprint when checked, 2 words per tenant; absent: check each again. */
  readonly fingerprints?: Int32Array;
  readonly strict: boolean;
  /** write: a chunk buffer the fleet's thread has written out, to render into again (moved). */
  readonly buffer?: ArrayBuffer;
}

/** @internal A worker's reply: the checks or the rendered manifests, or the error that stopped it. */
export interface WorkerReply {
  readonly start: number;
  readonly chunk?: RenderedChunk;
  readonly checks?: TenantCheck[];
  readonly error?: { readonly message: string; readonly problems?: FleetProblem[] };
}

/** @internal Data each worker starts with. */
export interface WorkerStart {
  readonly port: MessagePort;
  readonly signal: Int32Array;
  readonly defaults: OpenClawChartProps;
  readonly rules: TenantRules;
}

/** @internal The cap of each worker's old generation (MB) for a fleet whose longest props text is `largestProps`; undefined: V8's own. */
export function workerHeapCapMb(largestProps: number): number | undefined {
  return largestProps <= CAPPED_PROPS_UP_TO ? WORKER_OLD_SPACE_MB : undefined;
}

/** @internal The number of worker threads a fleet of `tenants` uses by default. */
export function defaultWorkers(tenants: number): number {
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return tenants >= WORKER_THRESHOLD && cores > 1 ? Math.min(cores, 8) : 0;
}

interface Slot {
  readonly worker: Worker;
  readonly port: MessagePort;
  busy: number;
}

/**
 * @internal Worker threads that hold a copy of the fleet's defaults and serve both passes, the
 * checks and then the files, so the two passes never have two sets of threads (and heaps) at once.
 */
export class FleetPool {
  private readonly signal = new Int32Array(new SharedArrayBuffer(4));
  private readonly slots: Slot[] = [];
  /** Chunk buffers written out and not yet sent back to a worker. */
  private readonly spare: ArrayBuffer[] = [];
  private closed = false;

  /** `size` threads, at most one per chunk of `tenants`; `largestProps`: the longest props text of the defaults and tenants. */
  constructor(public readonly defaults: OpenClawChartProps, rules: TenantRules, workers: number, tenants: number, largestProps: number) {
    const oldSpaceMb = workerHeapCapMb(largestProps);
    try {
      for (let w = 0; w < Math.min(workers, Math.ceil(tenants / CHUNK)); w++) {
        const { port1, port2 } = new MessageChannel();
        const worker = startWorker({ port: port2, signal: this.signal, defaults, rules }, [port2], oldSpaceMb);
        worker.unref();
        this.slots.push({ worker, port: port1, busy: 0 });
      }
    } catch (e) {
      this.close();
      throw e;
    }
  }

  public get size(): number {
    return this.closed ? 0 : this.slots.length;
  }

  /** Each tenant's own check (checkTenant), handed to `each` in tenant order. */
  public check(count: number, tenantAt: (index: number) => PostedTenant, strict: boolean, each: (index: number, check: TenantCheck) => void): void {
    this.run('check', count, tenantAt, strict, undefined,
      (reply) => reply.checks!.forEach((check, k) => each(reply.start + k, check)));
  }

  /**
   * Renders every tenant i < count on the threads and writes it into `fileOf(i)` on this one, in
   * tenant order (one thread creating files in a directory is faster than several contending for
   * it); `done` hears of each tenant's file written, with its object count and bytes. Throws the first
   * error in tenant order.
   */
  public write(
    count: number, tenantAt: (index: number) => PostedTenant, fileOf: (index: number) => string, strict: boolean,
    fingerprints: Int32Array | undefined, done: (index: number, objects: number, bytes: number) => void,
    written?: (count: number) => void,
  ): void {
    this.run('write', count, tenantAt, strict, fingerprints, (reply) => {
      const { chunk } = reply;
      const data = Buffer.from(chunk!.data);
      let at = 0;
      chunk!.sizes.forEach((size, k) => {
        const i = reply.start + k;
        writeFileNoFollow(fileOf(i), data.subarray(at, at + size));
        at += size;
        done(i, chunk!.objects[k], size);
      });
      // Written out: the next chunk renders into it.
      if (chunk!.data.byteLength <= MAX_REUSED_BUFFER) this.spare.push(chunk!.data);
      written?.(reply.start + chunk!.sizes.length);
    });
    this.spare.length = 0;
  }

  public close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const slot of this.slots) {
      slot.port.close();
      void slot.worker.terminate();
    }
  }

  private run(
    kind: WorkerJob['kind'], count: number, tenantAt: (index: number) => PostedTenant,
    strict: boolean, fingerprints: Int32Array | undefined, deliver: (reply: WorkerReply) => void,
  ): void {
    if (this.closed) throw new Error('fleet: the worker threads were closed');
    const { signal, slots: pool } = this;
    const chunks = Math.ceil(count / CHUNK);
    /** Replies that came before an earlier chunk's, by chunk start. */
    const early = new Map<number, WorkerReply>();
    let next = 0;
    let delivered = 0;
    let failure: { start: number; error: NonNullable<WorkerReply['error']> } | undefined;
    /** Another chunk for `slot`, unless every chunk is out or too many wait for an earlier one. */
    const post = (slot: Slot) => {
      if (next >= chunks || failure || slot.busy >= IN_FLIGHT || early.size >= MAX_EARLY * pool.length) return;
      const start = next++ * CHUNK;
      const end = Math.min(count, start + CHUNK);
      const tenants: PostedTenant[] = [];
      for (let i = start; i < end; i++) tenants.push(tenantAt(i));
      const prints = fingerprints?.slice(2 * start, 2 * end);
      const buffer = kind === 'write' ? this.spare.pop() : undefined;
      slot.port.postMessage({ kind, start, tenants, fingerprints: prints, strict, buffer } satisfies WorkerJob, buffer ? [buffer] : []);
      slot.busy++;
    };
    try {
      for (let k = 0; k < IN_FLIGHT; k++) for (const slot of pool) post(slot);
      let waitedSince = Date.now();
      while (pool.some((s) => s.busy > 0)) {
        const seen = Atomics.load(signal, 0);
        let got = false;
        for (const slot of pool) {
          for (let m = receiveMessageOnPort(slot.port); m; m = receiveMessageOnPort(slot.port)) {
            const reply = m.message as WorkerReply;
            got = true;
            slot.busy--;
            if (reply.error) {
              if (!failure || reply.start < failure.start) failure = { start: reply.start, error: reply.error };
            } else {
              early.set(reply.start, reply);
            }
            // The worker's next chunk first, so it renders while this thread writes.
            post(slot);
            for (let r = early.get(delivered * CHUNK); r && !failure; r = early.get(delivered * CHUNK)) {
              early.delete(r.start);
              deliver(r);
              delivered++;
              for (const s of pool) post(s);
            }
          }
        }
        if (got) {
          waitedSince = Date.now();
        } else {
          Atomics.wait(signal, 0, seen, 1000);
          if (Date.now() - waitedSince > STALL_MS) throw new Error(`fleet: a worker thread stopped answering (${delivered} of ${chunks} chunks done)`);
        }
      }
    } catch (e) {
      this.close();
      throw e;
    }
    if (failure) {
      if (failure.error.problems) throw new OpenClawFleetError(failure.error.problems);
      throw new Error(failure.error.message);
    }
  }
}

/** The compiled worker (lib/src/fleet/worker-thread.js), or its TypeScript source through ts-node when running from src (tests). */
function startWorker(data: WorkerStart, transfer: MessagePort[], oldSpaceMb: number | undefined): Worker {
  // A small young generation: rendering makes short-lived garbage, and a worker's default new
  // space (and the old space it promotes into) would grow its memory well beyond what it keeps.
  // An old generation capped at 512 MB (a worker keeps about 8) makes V8 grow it by at most 1.4x
  // what it keeps after a full collection, not 4x: a worker's heap peaked at 38 MB at 100,000
  // tenants against 20 at 10,000, and now stays under 27.
  const limits = { maxYoungGenerationSizeMb: 8, ...(oldSpaceMb ? { maxOldGenerationSizeMb: oldSpaceMb } : {}) };
  const options = { workerData: data, transferList: transfer, resourceLimits: limits };
  if (path.extname(__filename) !== '.ts') {
    // lib/src/fleet/worker-thread.js beside this module, or below lib/ when this runs from the CLI bundle (lib/cli.js).
    const beside = path.join(__dirname, 'worker-thread.js');
    return new Worker(fs.existsSync(beside) ? beside : path.join(__dirname, 'src', 'fleet', 'worker-thread.js'), options);
  }
  const source = path.join(__dirname, 'worker-thread.ts');
  const project = path.join(__dirname, '..', '..', 'tsconfig.json');
  return new Worker(`require('ts-node').register({ transpileOnly: true, project: ${JSON.stringify(project)} });\nrequire(${JSON.stringify(source)});`,
    { ...options, eval: true });
}
