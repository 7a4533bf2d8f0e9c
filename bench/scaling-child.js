'use strict';
/**
 * How much a second thread adds on this machine, for the fleet's own kind of work:
 *
 *   node bench/scaling-child.js <tenants>
 *
 * Checks <tenants> bench tenants (the fleet's first pass, `checkTenant`) in one worker thread
 * alone, then in two worker threads at once, each checking all of them; then the same with a loop
 * of integer arithmetic that touches no memory. Prints one JSON line: the microseconds per tenant
 * of each, and the throughput of two threads over one for both (2.0 would be two full cores; two
 * hyperthreads of one core, or cores that share caches and memory bandwidth, give less for work
 * that allocates, as the fleet's does, while the arithmetic loop still doubles).
 */
const { Worker, isMainThread, parentPort, workerData } = require('worker_threads');

if (isMainThread) {
  const count = Number(process.argv[2] ?? 3000);
  const run = (threads, work) => new Promise((resolve, reject) => {
    const results = [];
    for (let t = 0; t < threads; t++) {
      const worker = new Worker(__filename, { workerData: { count, work } });
      worker.on('message', (us) => {
        results.push(us);
        if (results.length === threads) resolve(results);
      });
      worker.on('error', reject);
    }
  });
  (async () => {
    const [alone] = await run(1, 'check');
    const together = Math.max(...await run(2, 'check'));
    const [aluAlone] = await run(1, 'arithmetic');
    const aluTogether = Math.max(...await run(2, 'arithmetic'));
    process.stdout.write(`${JSON.stringify({
      tenants: count, aloneMicros: alone, togetherMicros: together, speedup: (2 * alone) / together, arithmeticSpeedup: (2 * aluAlone) / aluTogether,
    })}\n`);
  })().catch((e) => {
    process.stderr.write(`${e?.stack ?? e}\n`);
    process.exit(1);
  });
} else if (workerData.work === 'arithmetic') {
  const t0 = process.hrtime.bigint();
  let x = 0;
  for (let i = 0; i < 2e8; i++) x = (x * 31 + i) | 0;
  parentPort.postMessage(Number(process.hrtime.bigint() - t0) / 1e3 + (x & 0));
} else {
  const { checkTenant } = require('../lib/src/fleet/validate');
  const { DEFAULTS, tenants } = require('./tenants');
  const list = tenants(workerData.count);
  // Warm up (the JIT) on a tenth, then measure all.
  for (let i = 0; i < list.length / 10; i++) checkTenant(list[i], i, DEFAULTS);
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < list.length; i++) checkTenant(list[i], i, DEFAULTS);
  parentPort.postMessage(Number(process.hrtime.bigint() - t0) / 1e3 / list.length);
}
