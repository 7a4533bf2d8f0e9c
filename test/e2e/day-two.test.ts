/**
 * End-to-end, day two: the default install needs no Secret (the pod generates its gateway token),
 * the backup container writes verified archives beside the real gateway, and the README's restore
 * procedure brings a wiped data volume back with the same config, databases and token.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse } from 'yaml';
import { renderNotes } from '../../src/notes/summary';
import { OpenClawChart } from '../../src';
import { readGatewayTokenCommand } from '../../src/build/shell/gateway-token';
import { synthChart, synthObjects } from '../helpers/synth';
import { ensureOpenClaw, OpenClawInstall } from './harness/install';
import { K8sObject, PodRunResult, runPod, RunningPod } from './harness/pod-runner';
import { waitFor } from './harness/wait';

const NS = 'openclaw';
const CONFIG = (pvc: string) => path.join(pvc, 'data-my-openclaw-0', '.openclaw', 'openclaw.json');
const ARCHIVE = /^\S+-openclaw-backup\.tar\.gz$/;

let install: OpenClawInstall;
const figures: Record<string, unknown> = {};
const pvcDirs: string[] = [];

beforeAll(() => {
  install = ensureOpenClaw();
});
afterAll(() => {
  for (const d of pvcDirs) fs.rmSync(d, { recursive: true, force: true });
  process.stderr.write(`[openclaw-e2e day-two] ${JSON.stringify(figures)}\n`);
  if (install) fs.writeFileSync(path.join(install.dir, 'e2e-day-two.json'), JSON.stringify({ at: new Date().toISOString(), ...figures }, null, 2) + '\n');
});

function pvcDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'openclaw-e2e-day-two-'));
  pvcDirs.push(d);
  return d;
}

const explain = (r: PodRunResult) => JSON.stringify({
  podError: r.podError, init: r.initContainers.map((c) => [c.name, c.exitCode, c.stdout.slice(-500), c.stderr.slice(-500)]),
  probes: r.probes.map((p) => [p.kind, p.status, p.lastError]), auth: r.auth, whileReadyError: r.whileReadyError,
  sidecars: r.sidecars.map((s) => [s.name, s.log.slice(-1500)]), log: r.main.logTail.slice(-1500),
}, null, 2);

function expectHealthy(r: PodRunResult): void {
  if (!(r.ok && r.probes.length === 3 && r.probes.every((p) => p.status === 'passed') && r.auth?.enforced && !r.whileReadyError)) {
    throw new Error(`pod not healthy:\n${explain(r)}`);
  }
}

const tokenOnVolume = (pvc: string): string | undefined => {
  try {
    return JSON.parse(fs.readFileSync(CONFIG(pvc), 'utf8')).gateway?.auth?.token;
  } catch {
    return undefined;
  }
};

/** The notes' `kubectl exec ... -- <argv>` for reading the token: the argv after `--`, run in the pod. */
function notesReadArgv(chart: OpenClawChart): string[] {
  const line = renderNotes(chart).split('\n').find((l) => l.trim().startsWith('Read:   kubectl exec'));
  if (!line) throw new Error('the notes have no kubectl exec line for the token');
  const expected = ['kubectl', 'exec', 'my-openclaw-0', '-n', NS, '-c', 'openclaw', '--', ...readGatewayTokenCommand('/data/.openclaw/openclaw.json')];
  // The printed line is that argv, shell-quoted: sh parses it back to exactly these words.
  const parsed = spawnSync('sh', ['-c', `for w in ${line.trim().slice('Read:   '.length)}; do printf '%s\\0' "$w"; done`], { encoding: 'utf8' });
  const words = parsed.stdout.split('\0').slice(0, -1);
  // (`for w in` splits like a command line; the node -e script is one quoted word.)
  expect(words).toEqual(expected);
  return words.slice(words.indexOf('--') + 1);
}

/** Row identities the restore must bring back: the gateway's device identity and its cron jobs. */
function databaseFacts(stateDir: string): Record<string, unknown> {
  const script = `const { DatabaseSync } = require('node:sqlite');
const db = new DatabaseSync(process.argv[1], { readOnly: true });
const rows = (t) => db.prepare('select * from "' + t + '"').all().map((r) => JSON.stringify(r)).sort();
const tables = db.prepare("select name from sqlite_master where type = 'table' order by name").all().map((r) => r.name);
console.log(JSON.stringify({ tables, device_identities: rows('device_identities'), cron_jobs: db.prepare('select count(*) as n from cron_jobs').get().n }));`;
  const r = spawnSync(install.nodeBin, ['-e', script, path.join(stateDir, 'state', 'openclaw.sqlite')], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`reading the state database failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}


const archivesIn = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => ARCHIVE.test(f)).sort() : []);

describe('zero-step token: the default render, no Secret anywhere', () => {
  let r: PodRunResult;
  let objects: K8sObject[];
  let pvc: string;
  let readByNotes: { code: number | null; out: string } | undefined;
  beforeAll(async () => {
    const chart = synthChart({}, { namespace: NS });
    objects = chart.toJson();
    pvc = pvcDir();
    const argv = notesReadArgv(chart);
    r = await runPod(objects, {
      install, namespace: NS, pvcDir: pvc, timeoutMs: 240000,
      authToken: () => tokenOnVolume(pvc),
      whileReady: async (pod: RunningPod) => {
        readByNotes = await pod.exec(argv, 60000);
      },
    });
    figures.zeroStepToken = { durationMs: r.durationMs, probes: r.probes.map((p) => [p.kind, p.firstPassMs]) };
  }, 300000);

  it('renders no Secret and no token env; every probe passes and the generated token is enforced', () => {
    expect(objects.filter((o) => o.kind === 'Secret')).toEqual([]);
    expect(JSON.stringify(objects)).not.toMatch(/OPENCLAW_GATEWAY_TOKEN|secretKeyRef/);
    expect(r.initContainers.map((c) => [c.name, c.exitCode])).toEqual([['prepare-state', 0], ['migrate-config', 0]]);
    expect(r.mainEnv.OPENCLAW_GATEWAY_TOKEN).toBeUndefined();
    expectHealthy(r);
  });

  it('puts a 32-byte token on the volume, mode 0600, owned by uid 1000, in no manifest', () => {
    const token = tokenOnVolume(pvc)!;
    expect(token).toMatch(/^[0-9a-f]{64}$/);
    const st = fs.statSync(CONFIG(pvc));
    expect({ mode: st.mode & 0o777, uid: st.uid }).toEqual({ mode: 0o600, uid: 1000 });
    expect(JSON.stringify(objects)).not.toContain(token);
    figures.token = { hexChars: token.length, bytes: token.length / 2, file: '/data/.openclaw/openclaw.json', mode: '0600', uid: st.uid };
  });

  it('the notes\' kubectl exec command prints exactly that token in the pod', () => {
    expect(readByNotes).toEqual({ code: 0, out: `${tokenOnVolume(pvc)}\n` });
  });
});

describe('backups and restore with the real OpenClaw', () => {
  const pvc = pvcDir();
  // backup.claim defaults to `data`: the archives are in backups/ of the state claim.
  const backups = path.join(pvc, 'data-my-openclaw-0', 'backups');
  const props = { backup: { enabled: true, intervalHours: 1 / 60, keep: 7 } };
  let first: PodRunResult;
  let before: { token?: string; config?: string; archive?: string; db?: Record<string, unknown> } = {};
  const timings: Record<string, unknown> = {};

  beforeAll(async () => {
    const objects = synthObjects(props, { namespace: NS });
    const started = Date.now();
    first = await runPod(objects, {
      install, namespace: NS, pvcDir: pvc, timeoutMs: 290000,
      authToken: () => tokenOnVolume(pvc),
      whileReady: async (pod) => {
        // 1. The backup container's first archive, on the state claim, made by its own loop.
        const one = await waitFor('the first archive', 90000, () => archivesIn(backups)[0]);
        timings.firstArchiveAfterPodStartMs = Date.now() - started;
        timings.firstArchiveBytes = fs.statSync(path.join(backups, one)).size;
        const t = Date.now();
        const verify = await pod.execIn('backup', ['node', 'dist/index.js', 'backup', 'verify', `/backups/${one}`], 90000);
        timings.verifyMs = Date.now() - t;
        if (verify.code !== 0) throw new Error(`backup verify failed: ${verify.out}`);
        // The backup container's liveness check (what the backup alert sees) passes after an archive.
        const sts = objects.find((o: any) => o.kind === 'StatefulSet');
        const check = sts.spec.template.spec.containers.find((c: any) => c.name === 'backup').livenessProbe.exec.command;
        const live = await pod.execIn('backup', check, 30000);
        if (live.code !== 0) throw new Error(`the backup container's liveness check failed after an archive: ${live.out}`);
        // 2. Change the state: a config key, written by the OpenClaw CLI in the gateway container.
        const set = await pod.exec(['node', 'dist/index.js', 'config', 'set', 'agents.defaults.model.primary', 'anthropic/claude-sonnet-4-6'], 90000, '/app');
        if (set.code !== 0) throw new Error(`config set failed: ${set.out}`);
        // 3. The loop's next archive (interval: one minute) holds the change.
        before.archive = await waitFor('the second archive', 120000, () => archivesIn(backups)[1]);
        before.token = tokenOnVolume(pvc);
        before.config = fs.readFileSync(CONFIG(pvc), 'utf8');
      },
    });
    timings.firstRunMs = Date.now() - started;
  }, 400000);

  it('the backup container runs beside the gateway; its archives are verified, mode 0600, and logged by name and size only', () => {
    expectHealthy(first);
    expect(before.archive).toMatch(ARCHIVE);
    const log = first.sidecars.find((s) => s.name === 'backup')!.log;
    expect(log).toMatch(/openclaw-backup: first archive in 30 s, then every 60 s into \/backups; keeping the newest 7/);
    expect(log).toMatch(/openclaw-backup: archive \S+-openclaw-backup\.tar\.gz verified: \d+ bytes in \d+ s/);
    expect(log).not.toContain(before.token!);
    for (const a of archivesIn(backups)) expect(fs.statSync(path.join(backups, a)).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(backups).filter((f) => f.startsWith('.partial'))).toEqual([]);
    figures.backup = { ...timings, archives: archivesIn(backups).map((a) => [a, fs.statSync(path.join(backups, a)).size]) };
  });

  it('after wiping the data volume, the README restore brings back the same config, databases and token', async () => {
    expect(before.token).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.parse(before.config!).agents.defaults.model.primary).toBe('anthropic/claude-sonnet-4-6');
    const data = path.join(pvc, 'data-my-openclaw-0');
    before.db = databaseFacts(path.join(data, '.openclaw'));
    // Scale to zero (the pod is gone), then lose everything on the data volume but the archives.
    for (const f of fs.readdirSync(data).filter((f) => f !== 'backups')) fs.rmSync(path.join(data, f), { recursive: true, force: true });

    // The README's one-off pod and script, run as written, the newest archive chosen by the script.
    const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
    const podYaml = /cat > restore-pod\.yaml <<'YAML'\n([\s\S]*?)\nYAML\n/.exec(readme)![1];
    const script = /kubectl exec -n openclaw openclaw-restore -- sh -c '\n([\s\S]*?)\n'\n/.exec(readme)![1];
    const restorePod = parse(podYaml);
    const t = Date.now();
    let restored: { code: number | null; out: string } | undefined;
    const restore = await runPod([{
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'openclaw-restore', namespace: NS },
      spec: { selector: { matchLabels: { app: 'restore' } }, template: { metadata: { labels: { app: 'restore' } }, spec: restorePod.spec } },
    }], {
      install, namespace: NS, pvcDir: pvc, timeoutMs: 180000, authCheck: false,
      // `kubectl exec -n openclaw openclaw-restore -- sh -c '<script>'`
      whileReady: async (pod) => {
        restored = await pod.exec(['sh', '-c', script], 170000);
      },
    });
    timings.restoreMs = Date.now() - t;
    if (restored?.code !== 0) throw new Error(`restore failed: ${restored?.out}\n${explain(restore)}`);
    expect(restored.out).toContain(`restored /backups/${before.archive} into /data/.openclaw`);

    // Scale up: the StatefulSet's pod on the restored volume.
    const t2 = Date.now();
    let afterConfig = '';
    const again = await runPod(synthObjects(props, { namespace: NS }), {
      install, namespace: NS, pvcDir: pvc, timeoutMs: 240000,
      authToken: () => before.token,
      whileReady: async () => {
        afterConfig = fs.readFileSync(CONFIG(pvc), 'utf8');
      },
    });
    timings.restartAfterRestoreMs = Date.now() - t2;
    expectHealthy(again);
    // The token in the archive is the one the gateway now enforces; prepare-state's token step kept it.
    expect(again.initContainers.find((c) => c.name === 'prepare-state')!.stdout).toContain('openclaw-gateway-token: /data/.openclaw/openclaw.json already configures gateway auth; kept');
    expect(JSON.parse(afterConfig).gateway.auth.token).toBe(before.token);
    expect(JSON.parse(afterConfig).agents.defaults.model.primary).toBe('anthropic/claude-sonnet-4-6');
    const afterDb = databaseFacts(path.join(data, '.openclaw'));
    expect(afterDb.device_identities).toEqual(before.db.device_identities);
    expect(afterDb.cron_jobs).toBeGreaterThanOrEqual(before.db.cron_jobs as number);
    expect(afterDb.tables).toEqual(before.db.tables);
    figures.restore = { compared: ['gateway.auth.token', 'agents.defaults.model.primary', 'device_identities rows', 'cron_jobs count', 'table list'], deviceIdentities: (before.db.device_identities as string[]).length, cronJobs: before.db.cron_jobs };
    figures.backup = { ...(figures.backup as object), ...timings };
  }, 500000);
});
