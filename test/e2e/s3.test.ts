/**
 * End-to-end, off-site backups: the real OpenClaw gateway with `backup.s3` pointed at a real MinIO
 * (test/e2e/s3-server.ts) in the pod network. The backup container uploads its verified archives
 * (checksum confirmed by the server), the bucket keeps `s3.keep` of them; then the whole claim is
 * wiped and `backup.restoreFrom: { s3: { latest: true } }` brings back the same token, config key,
 * cron job, device identity and database rows; a second restore onto the non-empty claim is
 * refused. Figures go to `<install dir>/e2e-s3.json` and stderr.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { OpenClawChartProps } from '../../src';
import { synthObjects } from '../helpers/synth';
import { ensureOpenClaw, OpenClawInstall } from './harness/install';
import { PodNetwork } from './harness/pod-network';
import { PodRunResult, runPod } from './harness/pod-runner';
import { expectHealthy } from './harness/pod-story';
import { S3Server, startS3 } from './harness/s3-server';
import { waitFor } from './harness/wait';

const NS = 'openclaw';
const MODEL = 'anthropic/claude-sonnet-4-6';
const CRON_JOB = 'kept-in-the-bucket';
const SECRET = 'openclaw-s3';
const OPENCLAW = (...args: string[]) => ['node', 'dist/index.js', ...args];
const ARCHIVE = /^e2e\/my-openclaw-0\/\S+-openclaw-backup\.tar\.gz$/;

let install: OpenClawInstall;
let net: PodNetwork;
let s3: S3Server;
const figures: Record<string, unknown> = {};
const pvc = fs.mkdtempSync(path.join(os.tmpdir(), 'openclaw-e2e-s3-pvc-'));
const data = path.join(pvc, 'data-my-openclaw-0');
const stateDir = path.join(data, '.openclaw');
const configOf = (): any => {
  try {
    return JSON.parse(fs.readFileSync(path.join(stateDir, 'openclaw.json'), 'utf8'));
  } catch {
    return undefined;
  }
};

beforeAll(async () => {
  install = ensureOpenClaw();
  net = PodNetwork.create();
  const t = Date.now();
  s3 = await startS3(net, 'openclaw-e2e');
  figures.s3StartMs = Date.now() - t;
}, 120000);
afterAll(() => {
  s3?.stop();
  net?.destroy();
  fs.rmSync(pvc, { recursive: true, force: true });
  process.stderr.write(`[openclaw-e2e s3] ${JSON.stringify(figures)}\n`);
  if (install) fs.writeFileSync(path.join(install.dir, 'e2e-s3.json'), JSON.stringify({ at: new Date().toISOString(), ...figures }, null, 2) + '\n');
});

const props = (extra: Partial<NonNullable<OpenClawChartProps['backup']>> = {}): OpenClawChartProps => ({
  backup: {
    enabled: true, intervalHours: 1 / 60, keep: 7,
    s3: { endpoint: s3.endpoint, bucket: s3.bucket, prefix: 'e2e/', keep: 2, credentialsSecret: { name: SECRET } },
    ...extra,
  },
});
const run = (p: OpenClawChartProps, whileReady?: Parameters<typeof runPod>[1]['whileReady']) => runPod(synthObjects(p, { namespace: NS }), {
  install, namespace: NS, pvcDir: pvc, timeoutMs: 420000, network: net,
  secretValues: { [SECRET]: { AWS_ACCESS_KEY_ID: s3.accessKey, AWS_SECRET_ACCESS_KEY: s3.secretKey } },
  authToken: () => configOf()?.gateway?.auth?.token,
  whileReady,
});
const uploads = (log: string) => (log.match(/openclaw-s3: uploaded s3:\/\/openclaw-e2e\/\S+ \d+ bytes, SHA-256 \S+ confirmed by the server/g) ?? []).length;
const objectKeys = (): string[] => {
  const r = s3.client(['latest', 'e2e/my-openclaw-0/']);
  return r.code === 0 ? [r.out.trim()] : [];
};

/** What the restore must bring back: device ids, tables, and the cron job, read from the state databases. */
function stateFacts(install: OpenClawInstall): Record<string, unknown> {
  const script = `const { DatabaseSync } = require('node:sqlite');
const db = new DatabaseSync(process.argv[1], { readOnly: true });
const tables = db.prepare("select name from sqlite_master where type = 'table' order by name").all().map((r) => r.name);
const rows = (t) => db.prepare('select count(*) as n from "' + t + '"').get().n;
console.log(JSON.stringify({ tables, rows: Object.fromEntries(tables.map((t) => [t, rows(t)])),
  devices: db.prepare('select device_id from device_identities').all().map((r) => r.device_id).sort() }));`;
  const r = spawnSync(install.nodeBin, ['-e', script, path.join(stateDir, 'state', 'openclaw.sqlite')], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`reading the state database failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}


describe('off-site backups to a real S3 server (MinIO), restore from the bucket', () => {
  let first: PodRunResult;
  let restored: PodRunResult;
  let refused: PodRunResult;
  const before: { token?: string; key?: string; facts?: Record<string, unknown>; cronAdd?: { code: number | null; out: string } } = {};
  const after: { cronList?: { code: number | null; out: string } } = {};
  const timings: Record<string, number> = {};

  beforeAll(async () => {
    let t = Date.now();
    first = await run(props(), async (pod) => {
      // The first upload, then the changes, then the next upload: the archive in the bucket holds them.
      await waitFor('the first upload', 120000, () => (uploads(pod.sidecarLog('backup')) >= 1 ? true : undefined));
      timings.firstUploadAfterPodStartMs = Date.now() - t;
      const set = await pod.exec(OPENCLAW('config', 'set', 'agents.defaults.model.primary', MODEL), 120000, '/app');
      if (set.code !== 0) throw new Error(`config set failed: ${set.out}`);
      before.cronAdd = await pod.exec(OPENCLAW('cron', 'add', '--name', CRON_JOB, '--every', '1h', '--message', 'restored from the bucket', '--disabled'), 120000, '/app');
      const n = uploads(pod.sidecarLog('backup'));
      await waitFor('an upload after the changes', 180000, () => (uploads(pod.sidecarLog('backup')) >= n + 1 ? true : undefined));
      // One more: the bucket's retention (keep 2) removes the oldest after it.
      await waitFor('the bucket\'s retention', 180000, () => (/openclaw-s3: removed old archive/.test(pod.sidecarLog('backup')) ? true : undefined));
    });
    timings.backupRunMs = Date.now() - t;
    before.token = configOf()?.gateway?.auth?.token;
    before.key = objectKeys()[0];
    before.facts = stateFacts(install);

    // Lose the whole claim: state, ~/.config and the local archives.
    fs.rmSync(data, { recursive: true, force: true });
    t = Date.now();
    restored = await run(props({ restoreFrom: { s3: { latest: true } } }), async (pod) => {
      after.cronList = await pod.exec(OPENCLAW('cron', 'list', '--all', '--json'), 120000, '/app');
    });
    timings.restoreRunMs = Date.now() - t;

    // The claim now holds state: another source is refused.
    t = Date.now();
    refused = await run(props({ restoreFrom: { s3: { key: before.key! } } }));
    timings.refusalRunMs = Date.now() - t;
    figures.timings = timings;
  }, 1500000);

  it('uploads each verified archive, confirmed by the server\'s SHA-256, and keeps s3.keep in the bucket', () => {
    expectHealthy(first, 'backup run');
    const log = first.sidecars.find((s) => s.name === 'backup')!.log;
    expect(log).toContain('each archive is uploaded to s3://openclaw-e2e/e2e/my-openclaw-0/ and verified by SHA-256; keeping the newest 2 there');
    expect(uploads(log)).toBeGreaterThanOrEqual(3);
    expect(log).toMatch(/openclaw-s3: removed old archive s3:\/\/openclaw-e2e\/e2e\/my-openclaw-0\/\S+ \(keeping the newest 2\)/);
    expect(log).not.toContain(s3.secretKey);
    expect(before.key).toMatch(ARCHIVE);
    // `latest` is the last archive the backup container uploaded.
    const uploaded = [...log.matchAll(/openclaw-s3: uploaded s3:\/\/openclaw-e2e\/(\S+): /g)].map((m) => m[1]);
    figures.uploaded = uploaded;
    expect(before.key).toBe(uploaded[uploaded.length - 1]);
    // What MinIO holds under the prefix: the newest two (its xl.meta per object).
    const objects = fs.readdirSync(path.join(s3.dataDir, 'export', 'openclaw-e2e', 'e2e', 'my-openclaw-0')).filter((f) => f.endsWith('-openclaw-backup.tar.gz'));
    expect(objects).toHaveLength(2);
    figures.bucket = { objects, uploads: uploads(log) };
  });

  it('restores the wiped claim from the bucket before the gateway starts: same token, config key, cron job, device identity and rows', () => {
    expect(restored.initContainers.map((c) => [c.name, c.exitCode])).toEqual([['prepare-state', 0], ['restore-state', 0], ['prepare-config', 0], ['migrate-config', 0]]);
    const log = restored.initContainers.find((c) => c.name === 'restore-state')!.stdout;
    expect(log).toContain(`openclaw-s3: downloaded s3://openclaw-e2e/${before.key}`);
    expect(log).toContain('matches the server');
    expect(log).toContain(`restored s3://openclaw-e2e/${before.key} into /data/.openclaw`);
    expectHealthy(restored, 'restored run');
    expect(before.token).toMatch(/^[0-9a-f]{64}$/);
    expect(configOf().gateway.auth.token).toBe(before.token);
    expect(configOf().agents.defaults.model.primary).toBe(MODEL);
    expect(before.cronAdd?.code).toBe(0);
    expect(after.cronList?.code).toBe(0);
    const listed = JSON.parse(after.cronList!.out.slice(after.cronList!.out.indexOf('{')));
    expect((listed.jobs ?? listed).map((j: { name: string }) => j.name)).toContain(CRON_JOB);
    const now = stateFacts(install) as any;
    const was = before.facts as any;
    expect(was.devices.length).toBeGreaterThan(0);
    expect(now.devices).toEqual(was.devices);
    expect(now.tables).toEqual(was.tables);
    // Every table's rows, but leases: a lease row is the live gateway's hold on a database (measured: 1 row
    // while the gateway that wrote it ran, 0 after the restored gateway released it), not user data.
    // backup_runs: the archive cannot hold the record of the run that made it (measured: the snapshot
    // taken after that run had one row more than the restored state), so it may be one short.
    for (const [table, n] of Object.entries(was.rows as Record<string, number>).filter(([t]) => !/_leases$/.test(t))) {
      const least = table === 'backup_runs' ? n - 1 : n;
      expect({ table, rows: now.rows[table], atLeast: least, enough: now.rows[table] >= least }).toEqual({ table, rows: now.rows[table], atLeast: least, enough: true });
    }
    expect(fs.readFileSync(path.join(data, '.openclaw-cdk8s-restored'), 'utf8')).toBe('latest\n');
    figures.restore = { key: before.key, compared: ['gateway.auth.token', 'agents.defaults.model.primary', `cron job ${CRON_JOB}`, 'device_identities', 'every table\'s row count'], rows: was.rows };
  });

  it('refuses to restore onto a claim that holds state: exit 1, the reason in the log, the gateway not started', () => {
    const c = refused.initContainers.find((x) => x.name === 'restore-state')!;
    expect(c.exitCode).toBe(1);
    expect(c.stderr).toContain('openclaw-restore-state: /data/.openclaw already holds state; refusing to restore key:');
    expect(c.stderr).toContain('set backup.restoreFrom.overwrite: true');
    expect(refused.main.started).toBe(false);
    expect(configOf().gateway.auth.token).toBe(before.token);
    figures.refusal = { message: c.stderr.trim().split('\n').pop() };
  });
});
