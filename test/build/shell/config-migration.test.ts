/**
 * The migrate-config script's decisions, run with real sh and node in an image-like directory
 * (package.json with a version, dist/index.js). dist/index.js here is a stand-in for the OpenClaw
 * CLI that logs each call and answers validate/doctor as the test says; the real OpenClaw runs it
 * in test/e2e/upgrade.test.ts.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { configMigrationCommand, configMigrationScript } from '../../../src/build/shell/config-migration';
import { synthObjects, podSpecOf } from '../../helpers/synth';

const ME = 'openclaw-migrate-config';
let dir: string;
let app: string;
let config: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'migrate-config-'));
  app = path.join(dir, 'app');
  fs.mkdirSync(path.join(app, 'dist'), { recursive: true });
  fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'openclaw', version: '2026.9.6' }));
  // validate passes when the config has no "bad" key; doctor removes "fixable" (a key it knows how to migrate).
  fs.writeFileSync(path.join(app, 'dist', 'index.js'), `const fs = require('fs');
fs.appendFileSync(process.env.CALLS, process.argv.slice(2).join(' ') + '\\n');
const file = process.env.CONFIG;
let c = {};
try { c = JSON.parse(fs.readFileSync(file, 'utf8')); } catch {}
if (process.argv[2] === 'config') {
  if (c.fixable || c.bad) { console.error('OpenClaw config is invalid: ' + Object.keys(c).join(', ')); process.exit(1); }
  console.log('Config valid');
} else if (process.argv[2] === 'backup') {
  if (process.env.BACKUP_FAILS) { console.error('backup failed'); process.exit(1); }
  fs.writeFileSync(process.argv[process.argv.indexOf('--output') + 1] + '/2026-12-06T00-00-00.000+00-00-openclaw-backup.tar.gz', fs.readFileSync(file));
} else if (process.argv[3] === '--fix') {
  delete c.fixable; fs.writeFileSync(file, JSON.stringify(c)); process.exit(c.bad ? 1 : 0);
}`);
  config = path.join(dir, 'data', '.openclaw', 'openclaw.json');
  fs.mkdirSync(path.dirname(config), { recursive: true });
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const marker = () => path.join(path.dirname(config), '.openclaw-cdk8s-validated-release');
const preUpgrade = () => path.join(dir, 'data', 'backups', 'pre-upgrade');
function run(o: { allowDowngrade?: boolean; backupFirst?: boolean; env?: Record<string, string> } = {}) {
  const calls = path.join(dir, 'calls');
  fs.writeFileSync(calls, '');
  const [cmd, ...args] = configMigrationCommand(config, { preUpgradeDir: o.backupFirst === false ? '' : preUpgrade(), allowDowngrade: o.allowDowngrade ?? false });
  const r = spawnSync(cmd, args, { cwd: app, encoding: 'utf8', env: { PATH: process.env.PATH, CALLS: calls, CONFIG: config, ...o.env } });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, calls: fs.readFileSync(calls, 'utf8').split('\n').filter(Boolean) };
}
const writeConfig = (c: object) => fs.writeFileSync(config, JSON.stringify(c));

describe('configMigrationCommand', () => {
  it('passes the config path as an argument to a static script', () => {
    expect(configMigrationCommand('/data/.openclaw/openclaw.json', { preUpgradeDir: '/data/backups/pre-upgrade', allowDowngrade: false }))
      .toEqual(['sh', '-c', configMigrationScript(), ME, '/data/.openclaw/openclaw.json', '/data/backups/pre-upgrade', 'false']);
    expect(configMigrationScript()).not.toMatch(/\/data|\/home/);
  });
});

describe('migrate-config script (sh and node)', () => {
  it('a new volume (no config): nothing to migrate, OpenClaw not started', () => {
    const r = run();
    expect(r).toEqual({ status: 0, stdout: `${ME}: no config at ${config} yet; nothing to migrate\n`, stderr: '', calls: [] });
  });

  it('a config last written by this release: OpenClaw not started', () => {
    writeConfig({ meta: { lastTouchedVersion: '2026.9.6' } });
    expect(run()).toMatchObject({ status: 0, stdout: `${ME}: ${config} was last written by OpenClaw 2026.9.6, this image's release; nothing to migrate\n`, calls: [] });
  });

  it('another release\'s valid config: validated once, then recorded so the next start skips it', () => {
    writeConfig({ meta: { lastTouchedVersion: '2026.7.35' } });
    const first = run({ backupFirst: false });
    expect(first).toMatchObject({ status: 0, calls: ['config validate'] });
    expect(first.stdout).toContain(`${ME}: the config is valid for OpenClaw 2026.9.6\n`);
    expect(fs.readFileSync(marker(), 'utf8')).toBe('2026.9.6\n');
    expect(run()).toMatchObject({ status: 0, stdout: `${ME}: ${config} was already validated for OpenClaw 2026.9.6; nothing to migrate\n`, calls: [] });
  });

  it('an invalid config: doctor --fix --non-interactive, validated again, recorded', () => {
    writeConfig({ fixable: true, keep: 'me', meta: { lastTouchedVersion: '2026.7.35' } });
    const r = run({ backupFirst: false });
    expect(r).toMatchObject({ status: 0, calls: ['config validate', 'doctor --fix --non-interactive', 'config validate'] });
    expect(r.stdout).toContain(`${ME}: migrated: the config written by OpenClaw 2026.7.35 is valid for OpenClaw 2026.9.6\n`);
    expect(JSON.parse(fs.readFileSync(config, 'utf8'))).toEqual({ keep: 'me', meta: { lastTouchedVersion: '2026.7.35' } });
    expect(fs.readFileSync(marker(), 'utf8')).toBe('2026.9.6\n');
  });

  it('a config doctor cannot fix: exit 1, a message naming both releases, nothing recorded', () => {
    writeConfig({ bad: true, meta: { lastTouchedVersion: '2026.7.35' } });
    const r = run({ backupFirst: false });
    expect(r.status).toBe(1);
    expect(r.calls).toEqual(['config validate', 'doctor --fix --non-interactive', 'config validate']);
    expect(r.stderr).toContain(`${ME}: the config on the data volume (${config}, last written by OpenClaw 2026.7.35) does not validate on OpenClaw 2026.9.6, even after openclaw doctor --fix --non-interactive; the gateway was not started.`);
    expect(fs.existsSync(marker())).toBe(false);
  });

  it('an image without OpenClaw\'s CLI where it is expected: not blocked, one line on stderr', () => {
    writeConfig({ meta: { lastTouchedVersion: '2026.7.35' } });
    fs.rmSync(path.join(app, 'dist'), { recursive: true });
    expect(run()).toEqual({ status: 0, stdout: '', stderr: `${ME}: no OpenClaw CLI (dist/index.js and package.json) in ${app} of this image; the config was not checked\n`, calls: [] });
  });

  it('a JSON5 config (no readable meta) and a marker of an older release: validated', () => {
    fs.writeFileSync(config, '{ // JSON5\n gateway: {} }');
    fs.writeFileSync(marker(), '2026.7.35\n');
    const r = run({ backupFirst: false });
    expect(r.calls).toEqual(['config validate']);
    expect(r.stdout).toContain(`${config} was last written by an unknown OpenClaw release; this image is 2026.9.6`);
  });
});

describe('the migrate-config init container', () => {
  it('runs last, in the OpenClaw image, with the gateway\'s env, mounts, resources and security context', () => {
    const spec = podSpecOf(synthObjects({}));
    const gateway = spec.containers[0];
    const migrate = spec.initContainers[spec.initContainers.length - 1];
    expect(migrate).toEqual({
      name: 'migrate-config', image: gateway.image, imagePullPolicy: gateway.imagePullPolicy,
      command: configMigrationCommand('/data/.openclaw/openclaw.json', { preUpgradeDir: '/data/backups/pre-upgrade', allowDowngrade: false }),
      env: gateway.env, volumeMounts: gateway.volumeMounts, securityContext: gateway.securityContext, resources: gateway.resources,
    });
  });

  it('is left out with upgrade.migrateConfig: false', () => {
    const spec = podSpecOf(synthObjects({ upgrade: { migrateConfig: false } }));
    expect(spec.initContainers.map((c: { name: string }) => c.name)).not.toContain('migrate-config');
  });
});

describe('release changes: an archive first, no silent downgrade', () => {
  const archives = () => (fs.existsSync(preUpgrade()) ? fs.readdirSync(preUpgrade()).filter((f) => !f.startsWith('.')) : []);
  const PRE = /^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ-openclaw-2026\.7\.35-pre-upgrade\.tar\.gz$/;

  it('an upgrade archives the old state before OpenClaw validates or migrates it', () => {
    writeConfig({ meta: { lastTouchedVersion: '2026.7.35' }, fixable: true });
    const r = run();
    expect(r.status).toBe(0);
    expect(r.calls).toEqual(['config validate', 'doctor --fix --non-interactive', 'config validate']);
    expect(archives()).toEqual([expect.stringMatching(PRE)]);
    const file = path.join(preUpgrade(), archives()[0]);
    // The archive holds the state as the old release left it, before doctor --fix.
    const inside = spawnSync('tar', ['-xzOf', file, '.openclaw/openclaw.json'], { encoding: 'utf8' });
    expect(JSON.parse(inside.stdout).fixable).toBe(true);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(r.stdout).toContain(`release change (OpenClaw 2026.7.35 -> 2026.9.6): archiving the state into ${preUpgrade()}/`);
    expect(r.stdout).toMatch(/pre-upgrade archive \S+ verified: \d+ bytes \(state of OpenClaw 2026\.7\.35\)/);
  });

  it('no archive when no release is recorded (a fresh volume whose config only the chart wrote), or with backupFirst off', () => {
    writeConfig({ gateway: { auth: { token: 'x' } } });
    expect(run().calls).toEqual(['config validate']);
    fs.rmSync(marker());
    writeConfig({ meta: { lastTouchedVersion: '2026.7.35' } });
    expect(run({ backupFirst: false }).calls).toEqual(['config validate']);
    expect(archives()).toEqual([]);
  });

  it('an archive that cannot be written stops the upgrade: exit 1, OpenClaw never runs', () => {
    writeConfig({ meta: { lastTouchedVersion: '2026.7.35' }, fixable: true });
    fs.mkdirSync(path.dirname(preUpgrade()), { recursive: true });
    fs.writeFileSync(preUpgrade(), 'a file where the directory should be');
    const r = run();
    expect(r.status).toBe(1);
    expect(r.calls).toEqual([]);
    expect(r.stderr).toContain('the gateway was not started');
    expect(r.stderr).toContain('upgrade.backupFirst: false');
    expect(JSON.parse(fs.readFileSync(config, 'utf8')).fixable).toBe(true);
  });

  it('refuses state written by a newer release, naming both and the way back', () => {
    writeConfig({ meta: { lastTouchedVersion: '2026.10.1' } });
    const r = run();
    expect(r.status).toBe(1);
    expect(r.calls).toEqual([]);
    expect(r.stderr).toContain('was written by OpenClaw 2026.10.1, newer than this image\'s 2026.9.6');
    expect(r.stderr).toContain('Undoing an upgrade');
    expect(r.stderr).toContain('upgrade.allowDowngrade: true');
    expect(r.stderr).not.toContain('termination-log');
  });

  it('also when only the validated-release marker is newer; a prerelease of the same day is older', () => {
    writeConfig({});
    fs.writeFileSync(marker(), '2026.10.1\n');
    expect(run().status).toBe(1);
    fs.writeFileSync(marker(), '2026.9.6-beta.1\n');
    writeConfig({ meta: { lastTouchedVersion: '2026.9.6-beta.1' } });
    expect(run().status).toBe(0);
  });

  it('upgrade.allowDowngrade: true starts it with a warning, after an archive', () => {
    writeConfig({ meta: { lastTouchedVersion: '2026.10.1' } });
    const r = run({ allowDowngrade: true });
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('starting OpenClaw 2026.9.6 on state written by OpenClaw 2026.10.1: allowed by upgrade.allowDowngrade');
    expect(archives()).toEqual([expect.stringMatching(/-openclaw-2026\.10\.1-pre-upgrade\.tar\.gz$/)]);
    expect(r.calls).toEqual(['config validate']);
  });

  it('keeps the newest 3 pre-upgrade archives', () => {
    fs.mkdirSync(preUpgrade(), { recursive: true });
    for (const [i, n] of ['a', 'b', 'c'].entries()) {
      const f = path.join(preUpgrade(), `${n}-openclaw-2026.6.35-pre-upgrade.tar.gz`);
      fs.writeFileSync(f, n);
      fs.utimesSync(f, 1000 + i, 1000 + i);
    }
    writeConfig({ meta: { lastTouchedVersion: '2026.7.35' } });
    expect(run().status).toBe(0);
    expect(archives().sort()).toEqual([expect.stringMatching(PRE), 'b-openclaw-2026.6.35-pre-upgrade.tar.gz', 'c-openclaw-2026.6.35-pre-upgrade.tar.gz']);
  });
});
