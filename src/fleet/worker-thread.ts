/**
 * A fleet worker thread (started by src/fleet/worker-pool.ts): checks, or renders, each chunk of tenants it
 * is sent, replies with the checks or the manifests (one buffer, moved, not copied), and wakes the
 * fleet's thread.
 */
import { workerData } from 'worker_threads';
import { OpenClawFleetError } from './errors';
import { renderChunk } from './render';
import { checkTenantByShape } from './check-shapes';
import { receivedTenant } from './tenant-snapshot';
import type { WorkerJob, WorkerReply, WorkerStart } from './worker-pool';

const { port, signal, defaults, rules } = workerData as WorkerStart;

function render(job: WorkerJob): WorkerReply {
  const prints = job.fingerprints;
  const chunk = renderChunk(defaults, rules, job.tenants.map(receivedTenant), job.start, (k) => ({
    fingerprint: prints ? [prints[2 * k], prints[2 * k + 1]] : undefined, strict: job.strict,
  }), job.buffer);
  return { start: job.start, chunk };
}

port.on('message', (job: WorkerJob) => {
  let reply: WorkerReply;
  try {
    reply = job.kind === 'check'
      ? { start: job.start, checks: job.tenants.map((t, k) => checkTenantByShape(receivedTenant(t), job.start + k, defaults, rules, false)) }
      : render(job);
  } catch (e) {
    reply = {
      start: job.start,
      error: { message: (e as Error)?.message ?? String(e), problems: e instanceof OpenClawFleetError ? [...e.problems] : undefined },
    };
  }
  port.postMessage(reply, reply.chunk ? [reply.chunk.data] : []);
  Atomics.add(signal, 0, 1);
  Atomics.notify(signal, 0);
});
