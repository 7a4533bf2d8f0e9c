/**
 * A fleet worker thread (started by fleet-workers.ts): checks, or renders and writes, each chunk of
 * tenants it is sent, replies with the checks or the files' object counts and sizes, and wakes the
 * fleet's thread.
 */
import { workerData } from 'worker_threads';
import { OpenClawFleetError } from './fleet-error';
import { writeTenant } from './fleet-render';
import { checkTenant } from './fleet-validate';
import type { WorkerJob, WorkerReply, WorkerStart } from './fleet-workers';

const { port, signal, defaults } = workerData as WorkerStart;

function write(job: WorkerJob): Array<[number, number]> {
  const prints = job.fingerprints;
  return job.tenants.map((t, k) => writeTenant(defaults, t, job.start + k, job.files[k], {
    fingerprint: prints ? [prints[2 * k], prints[2 * k + 1]] : undefined, strict: job.strict,
  }));
}

port.on('message', (job: WorkerJob) => {
  let reply: WorkerReply;
  try {
    reply = job.kind === 'check'
      ? { start: job.start, checks: job.tenants.map((t, k) => checkTenant(t, job.start + k, defaults)) }
      : { start: job.start, counts: write(job) };
  } catch (e) {
    reply = {
      start: job.start,
      error: { message: (e as Error)?.message ?? String(e), problems: e instanceof OpenClawFleetError ? [...e.problems] : undefined },
    };
  }
  port.postMessage(reply);
  Atomics.add(signal, 0, 1);
  Atomics.notify(signal, 0);
});
