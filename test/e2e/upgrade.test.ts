/**
 * Upgrades with the real OpenClaw: an older release (test/e2e/harness/releases.ts, UPGRADE_JUMPS) runs the
 * chart's render pinned to it on a data volume, and writes state (a config key through its own CLI,
 * an authenticated tool call, the gateway's own databases). Then the current chart's default render
 * runs on the same volume, as `helm upgrade` / a new image tag would: every probe passes,
 * `openclaw config validate` passes, the token is the same and enforced, and the config and the
 * databases are kept. Figures go to `<cache root>/e2e-upgrade.json` and stderr.
 *
 * `OPENCLAW_E2E_UPGRADES=2026.7.35,...` runs a subset.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { OpenClawChartProps } from '../../src';
import { DEFAULT_OPENCLAW_VERSION } from '../../src/core/versions';
import { synthObjects } from '../helpers/synth';
import { cacheRoot, ensureOpenClaw, OpenClawInstall } from './harness/install';
import { PodRunResult, runPod } from './harness/pod-runner';
import { expectHealthy } from './harness/pod-story';
import { UPGRADE_JUMPS } from './harness/releases';
import { measureMigrateConfig, preUpgradeArchives, rollbackPerDocs } from './harness/upgrade-rollback';

const NS = 'openclaw';
const MODEL = 'anthropic/claude-sonnet-4-6';
/** A cron job the user adds on the older release, through its CLI and gateway: user data in whatever store that release keeps it. */
const CRON_JOB = 'kept-across-the-upgrade';
/** Tables that hold no user data and that 2026.9.6 drops with their rows: its cached result of the update check. */
const CACHES_DROPPED = new Set(['update_check_state']);
const OPENCLAW = (...args: string[]) => ['node', 'dist/index.js', ...args];
const only = (process.env.OPENCLAW_E2E_UPGRADES ?? '').split(',').map((s) => s.trim()).filter(Boolean);
const jumps = UPGRADE_JUMPS.filter((j) => !only.length || only.includes(j.from));
/** The jump whose rollback (docs/day-two.md, "Undoing an upgrade") is run: the newest older line. */
const ROLLBACK_FROM = '2026.7.35';
const figures: Array<Record<string, unknown>> = [];
const pvcDirs: string[] = [];

afterAll(() => {
  for (const d of pvcDirs) fs.rmSync(d, { recursive: true, force: true });
  const file = path.join(cacheRoot(), 'e2e-upgrade.json');
  fs.writeFileSync(file, JSON.stringify({ at: new Date().toISOString(), runs: figures }, null, 2) + '\n');
  process.stderr.write(`[openclaw-e2e upgrade] ${JSON.stringify(figures)}\n`);
});

const stateDir = (pvc: string) => path.join(pvc, 'data-my-openclaw-0', '.openclaw');
const configOf = (pvc: string): any => {
  try {
    return JSON.parse(fs.readFileSync(path.join(stateDir(pvc), 'openclaw.json'), 'utf8'));
  } catch {
    return undefined;
  }
};

/** Every SQLite database under the state directory: its tables and their row counts. */
function databases(install: OpenClawInstall, dir: string): Record<string, Record<string, number>> {
  const files: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && /\.(sqlite|db)$/.test(e.name) && !/\.lock\.sqlite$/.test(e.name)) files.push(p);
    }
  };
  walk(dir);
  const script = `const { DatabaseSync } = require('node:sqlite');
const out = {};
for (const f of process.argv.slice(1)) {
  const db = new DatabaseSync(f, { readOnly: true });
  const tables = db.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name").all().map((r) => r.name);
  out[f] = Object.fromEntries(tables.map((t) => [t, db.prepare('select count(*) as n from "' + t + '"').get().n]));
}
console.log(JSON.stringify(out));`;
  if (!files.length) return {};
  const r = spawnSync(install.nodeBin, ['-e', script, ...files], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`reading the databases failed: ${r.stderr}`);
  const byFile = JSON.parse(r.stdout) as Record<string, Record<string, number>>;
  return Object.fromEntries(Object.entries(byFile).map(([f, t]) => [path.relative(dir, f), t]));
}

/**
 * The gateway's device ids (the identity paired clients trust): rows of `device_identities` in
 * state/openclaw.sqlite (2026.8 and later), or `deviceId` of identity/device.json (earlier
 * releases; 2026.9.6 migrates that file into the database).
 */
function deviceIds(install: OpenClawInstall, dir: string): string[] {
  const ids = new Set<string>();
  const file = path.join(dir, 'identity', 'device.json');
  if (fs.existsSync(file)) ids.add(JSON.parse(fs.readFileSync(file, 'utf8')).deviceId);
  const db = path.join(dir, 'state', 'openclaw.sqlite');
  if (fs.existsSync(db)) {
    const script = `const { DatabaseSync } = require('node:sqlite');
const db = new DatabaseSync(process.argv[1], { readOnly: true });
const has = db.prepare("select count(*) as n from sqlite_master where type = 'table' and name = 'device_identities'").get().n;
console.log(JSON.stringify(has ? db.prepare('select device_id from device_identities').all().map((r) => r.device_id) : []));`;
    const r = spawnSync(install.nodeBin, ['-e', script, db], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`reading device_identities failed: ${r.stderr}`);
    for (const id of JSON.parse(r.stdout)) ids.add(id);
  }
  return [...ids].sort();
}

const probeFigures = (r: PodRunResult) => Object.fromEntries(r.probes.map((p) => [p.kind, p.status === 'passed' ? p.firstPassMs : p.status]));

describe.each(jumps.map((j) => [j.from, j.why, j.props ?? {}] as const))('upgrade from openclaw %s (%s) to the current chart', (from, _why, oldProps) => {
  const pvc = fs.mkdtempSync(path.join(os.tmpdir(), 'openclaw-e2e-upgrade-'));
  pvcDirs.push(pvc);
  let oldInstall: OpenClawInstall;
  let install: OpenClawInstall;
  let older: PodRunResult;
  let current: PodRunResult;
  type Exec = { code: number | null; out: string };
  const before: { config?: any; dbs?: Record<string, Record<string, number>>; devices?: string[]; configSet?: Exec; cronAdd?: Exec } = {};
  const after: { config?: any; dbs?: Record<string, Record<string, number>>; devices?: string[]; cronList?: Exec } = {};
  const figure: Record<string, unknown> = { from, to: DEFAULT_OPENCLAW_VERSION };
  figures.push(figure);

  beforeAll(async () => {
    oldInstall = ensureOpenClaw(from);
    install = ensureOpenClaw();
    // 1. The older release, the chart pinned to it: the state a user has before upgrading.
    const props: OpenClawChartProps = { ...oldProps, image: { tag: from } };
    let t = Date.now();
    older = await runPod(synthObjects(props, { namespace: NS }), {
      install: oldInstall, namespace: NS, pvcDir: pvc, timeoutMs: 240000,
      authToken: () => configOf(pvc)?.gateway?.auth?.token,
      whileReady: async (pod) => {
        before.configSet = await pod.exec(OPENCLAW('config', 'set', 'agents.defaults.model.primary', MODEL), 120000, '/app');
        before.cronAdd = await pod.exec(OPENCLAW('cron', 'add', '--name', CRON_JOB, '--every', '1h', '--message', 'still here after the upgrade', '--disabled'), 120000, '/app');
      },
    });
    figure.olderRunMs = Date.now() - t;
    figure.olderProbesMs = probeFigures(older);
    before.config = configOf(pvc);
    before.dbs = databases(oldInstall, stateDir(pvc));
    before.devices = deviceIds(oldInstall, stateDir(pvc));

    // migrate-config's memory with the real OpenClaw on this very state (a copy): its peak RSS.
    figure.migrateConfigPeak = measureMigrateConfig(install, pvc);

    // 2. The current chart's default render (the values the user had, the new default image) on the same volume.
    t = Date.now();
    current = await runPod(synthObjects(oldProps, { namespace: NS }), {
      install, namespace: NS, pvcDir: pvc, timeoutMs: 280000,
      authToken: () => configOf(pvc)?.gateway?.auth?.token,
      whileReady: async (pod) => {
        after.cronList = await pod.exec(OPENCLAW('cron', 'list', '--all', '--json'), 120000, '/app');
      },
    });
    figure.upgradeRunMs = Date.now() - t;
    figure.upgradeProbesMs = probeFigures(current);
    figure.initContainers = current.initContainers.map((c) => [c.name, c.exitCode, c.durationMs]);
    figure.migrateConfigLog = current.initContainers.find((c) => c.name === 'migrate-config')?.stdout.split('\n').filter((l) => l.startsWith('openclaw-migrate-config:'));
    figure.validate = current.validate?.status;
    if (current.validate?.status !== 'valid') figure.validateOutput = current.validate?.output.slice(-1500);
    after.config = configOf(pvc);
    after.dbs = databases(install, stateDir(pvc));
    after.devices = deviceIds(install, stateDir(pvc));
    figure.databases = { before: before.dbs, after: after.dbs };
    figure.preUpgradeArchives = preUpgradeArchives(pvc);
  }, 600000);

  it('took a verified archive of the old state before the new release touched it', () => {
    const log = current.initContainers.find((c) => c.name === 'migrate-config')!.stdout;
    if (!before.config.meta?.lastTouchedVersion) return; // no release recorded: nothing says it is a release change
    expect(log).toMatch(new RegExp(`pre-upgrade archive /data/backups/pre-upgrade/\\S+-openclaw-${from.replace(/\./g, '\\.')}-pre-upgrade\\.tar\\.gz verified: \\d+ bytes \\(state of OpenClaw ${from.replace(/\./g, '\\.')}\\)`));
    expect(preUpgradeArchives(pvc)).toHaveLength(1);
  });


  it(`the older release runs the chart pinned to it and writes state`, () => {
    expectHealthy(older, `openclaw ${from}`);
    expect(before.configSet?.code).toBe(0);
    expect(before.config?.agents?.defaults?.model?.primary).toBe(MODEL);
    expect(before.config?.gateway?.auth?.token).toMatch(/^[0-9a-f]{64}$/);
    expect(before.cronAdd).toMatchObject({ code: 0 });
  });

  it(`openclaw ${DEFAULT_OPENCLAW_VERSION} starts on that volume: every probe passes, the config validates, the same token is enforced`, () => {
    expectHealthy(current, `openclaw ${from} -> ${DEFAULT_OPENCLAW_VERSION}`);
    expect(current.validate?.status).toBe('valid');
    expect(after.config.gateway.auth.token).toBe(before.config.gateway.auth.token);
    // The chart's migrate-config ran OpenClaw's validate (and doctor --fix where needed) first, and recorded the release.
    const log = current.initContainers.find((c) => c.name === 'migrate-config')!.stdout;
    expect(log).toContain(`was last written by ${before.config.meta?.lastTouchedVersion ? `OpenClaw ${before.config.meta.lastTouchedVersion}` : 'an unknown OpenClaw release'}; this image is ${DEFAULT_OPENCLAW_VERSION}`);
    expect(log).toMatch(new RegExp(`the config is valid for OpenClaw ${DEFAULT_OPENCLAW_VERSION.replace(/\./g, '\\.')}|migrated: `));
    expect(fs.readFileSync(path.join(stateDir(pvc), '.openclaw-cdk8s-validated-release'), 'utf8')).toBe(`${DEFAULT_OPENCLAW_VERSION}\n`);
  });

  it('keeps the config, the cron job the user added, every database row and the gateway identity', () => {
    expect(after.config.agents.defaults.model.primary).toBe(MODEL);
    // The cron job, read back through the new release's own CLI and gateway.
    expect(after.cronList?.code).toBe(0);
    const listed = JSON.parse(after.cronList!.out.slice(after.cronList!.out.indexOf('{')));
    expect((listed.jobs ?? listed).map((j: { name: string }) => j.name)).toContain(CRON_JOB);
    // Every table row is kept: in the same database, or where the new release moved the table
    // (2026.9.6 folds tasks/runs.sqlite into state/openclaw.sqlite). Empty tables and databases
    // the new schema dropped are listed in the figures.
    const dropped: string[] = [];
    const afterRows = (file: string, table: string): number | undefined => after.dbs?.[file]?.[table]
      ?? Object.values(after.dbs ?? {}).map((t) => t[table]).find((n) => n !== undefined);
    for (const [file, tables] of Object.entries(before.dbs ?? {})) {
      for (const [table, rows] of Object.entries(tables)) {
        const now = afterRows(file, table);
        if (now === undefined && (rows === 0 || CACHES_DROPPED.has(table))) dropped.push(`${file}:${table} (${rows} rows)`);
        else expect({ file, table, rows: Math.min(rows, now ?? -1) }).toEqual({ file, table, rows });
      }
    }
    // The same gateway identity, so paired browsers and nodes stay paired.
    expect(before.devices?.length).toBeGreaterThan(0);
    expect(after.devices).toEqual(before.devices);
    figure.emptyTablesDropped = dropped;
    figure.kept = {
      config: ['gateway.auth.token', 'agents.defaults.model.primary'],
      cronJob: CRON_JOB,
      databases: Object.keys(before.dbs ?? {}).length,
      rows: Object.values(before.dbs ?? {}).reduce((n, t) => n + Object.values(t).reduce((a, b) => a + b, 0), 0),
      deviceIds: before.devices,
    };
  });

  (from === ROLLBACK_FROM ? it : it.skip)('undoing the upgrade: the old tag alone is refused; the documented rollback brings back the old state under the old release', async () => {
    const r = await rollbackPerDocs({ install, oldInstall, pvc, from, oldProps, namespace: NS });
    figure.rollback = r.figures;
    // 1. The older image on the newer state: refused by migrate-config, the gateway never starts.
    const refusal = r.downgrade.initContainers.find((c) => c.name === 'migrate-config')!;
    expect(refusal.exitCode).toBe(1);
    expect(refusal.stderr).toContain(`was written by OpenClaw ${DEFAULT_OPENCLAW_VERSION}, newer than this image's ${from}`);
    expect(refusal.stderr).toContain('upgrade.allowDowngrade: true');
    expect(r.downgrade.main.started).toBe(false);
    // 2. docs/day-two.md's rollback script in the README's restore pod, the newest pre-upgrade archive.
    expect(r.restored.out).toContain(`rolled back /data/.openclaw to /backups/pre-upgrade/${r.archive}`);
    // 3. The old tag on the restored state: healthy, with the state the old release had.
    expectHealthy(r.rolledBack, `rollback to ${from}`);
    const config = configOf(pvc);
    expect(config.meta.lastTouchedVersion).toBe(from);
    expect(config.gateway.auth.token).toBe(before.config.gateway.auth.token);
    expect(config.agents.defaults.model.primary).toBe(MODEL);
    expect(r.cronList.code).toBe(0);
    expect(r.cronList.out).toContain(CRON_JOB);
    expect(deviceIds(oldInstall, stateDir(pvc))).toEqual(before.devices);
    // The archive holds the old release's own record (meta, or the marker migrate-config wrote then): nothing to migrate.
    expect(r.rolledBack.initContainers.find((c) => c.name === 'migrate-config')!.stdout)
      .toMatch(new RegExp(`(already validated for OpenClaw|last written by OpenClaw) ${from.replace(/\./g, '\\.')}(, this image's release)?; nothing to migrate`));
  }, 900000);
});

describe('a config OpenClaw cannot migrate stops the pod before the gateway', () => {
  const pvc = fs.mkdtempSync(path.join(os.tmpdir(), 'openclaw-e2e-upgrade-'));
  pvcDirs.push(pvc);
  let r: PodRunResult;
  beforeAll(async () => {
    // A wrong type that doctor --fix does not repair (measured with 2026.9.6: "config fixes were not applied").
    const dir = stateDir(pvc);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'openclaw.json'), JSON.stringify({ gateway: { port: 'eighty' }, meta: { lastTouchedVersion: '2026.7.35' } }), { mode: 0o600 });
    for (const p of [path.dirname(dir), dir, path.join(dir, 'openclaw.json')]) fs.chownSync(p, 1000, 1000);
    const t = Date.now();
    r = await runPod(synthObjects({}, { namespace: NS }), { install: ensureOpenClaw(), namespace: NS, pvcDir: pvc, timeoutMs: 240000 });
    figures.push({ unmigratable: { runMs: Date.now() - t, initContainers: r.initContainers.map((c) => [c.name, c.exitCode, c.durationMs]), podError: r.podError } });
  }, 300000);

  it('migrate-config exits 1 with a message naming both releases; the gateway never starts', () => {
    const migrate = r.initContainers.find((c) => c.name === 'migrate-config');
    expect(migrate?.exitCode).toBe(1);
    expect(migrate!.stderr).toContain(`openclaw-migrate-config: the config on the data volume (/data/.openclaw/openclaw.json, last written by OpenClaw 2026.7.35) does not validate on OpenClaw ${DEFAULT_OPENCLAW_VERSION}, even after openclaw doctor --fix --non-interactive; the gateway was not started.`);
    // OpenClaw's own reason, in the container's log.
    expect(`${migrate!.stdout}${migrate!.stderr}`).toMatch(/gateway\.port: Invalid input: expected number/);
    expect(r.podError).toBe('init container migrate-config exited with 1');
    expect(r.main.started).toBe(false);
    expect(fs.existsSync(path.join(stateDir(pvc), '.openclaw-cdk8s-validated-release'))).toBe(false);
  });
});
