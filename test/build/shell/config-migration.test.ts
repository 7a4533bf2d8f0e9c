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
} else if (process.argv[3] === '--fix') {
  delete c.fixable; fs.writeFileSync(file, JSON.stringify(c)); process.exit(c.bad ? 1 : 0);
}`);
  config = path.join(dir, 'data', '.openclaw', 'openclaw.json');
  fs.mkdirSync(path.dirname(config), { recursive: true });
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const marker = () => path.join(path.dirname(config), '.openclaw-cdk8s-validated-release');
function run() {
  const calls = path.join(dir, 'calls');
  fs.writeFileSync(calls, '');
  const [cmd, ...args] = configMigrationCommand(config);
  const r = spawnSync(cmd, args, { cwd: app, encoding: 'utf8', env: { PATH: process.env.PATH, CALLS: calls, CONFIG: config } });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, calls: fs.readFileSync(calls, 'utf8').split('\n').filter(Boolean) };
}
const writeConfig = (c: object) => fs.writeFileSync(config, JSON.stringify(c));

describe('configMigrationCommand', () => {
  it('passes the config path as an argument to a static script', () => {
    expect(configMigrationCommand('/data/.openclaw/openclaw.json')).toEqual(['sh', '-c', configMigrationScript(), ME, '/data/.openclaw/openclaw.json']);
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
    const first = run();
    expect(first).toMatchObject({ status: 0, calls: ['config validate'] });
    expect(first.stdout).toContain(`${ME}: the config is valid for OpenClaw 2026.9.6\n`);
    expect(fs.readFileSync(marker(), 'utf8')).toBe('2026.9.6\n');
    expect(run()).toMatchObject({ status: 0, stdout: `${ME}: ${config} was already validated for OpenClaw 2026.9.6; nothing to migrate\n`, calls: [] });
  });

  it('an invalid config: doctor --fix --non-interactive, validated again, recorded', () => {
    writeConfig({ fixable: true, keep: 'me', meta: { lastTouchedVersion: '2026.7.35' } });
    const r = run();
    expect(r).toMatchObject({ status: 0, calls: ['config validate', 'doctor --fix --non-interactive', 'config validate'] });
    expect(r.stdout).toContain(`${ME}: migrated: the config written by OpenClaw 2026.7.35 is valid for OpenClaw 2026.9.6\n`);
    expect(JSON.parse(fs.readFileSync(config, 'utf8'))).toEqual({ keep: 'me', meta: { lastTouchedVersion: '2026.7.35' } });
    expect(fs.readFileSync(marker(), 'utf8')).toBe('2026.9.6\n');
  });

  it('a config doctor cannot fix: exit 1, a message naming both releases, nothing recorded', () => {
    writeConfig({ bad: true, meta: { lastTouchedVersion: '2026.7.35' } });
    const r = run();
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
    const r = run();
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
      command: configMigrationCommand('/data/.openclaw/openclaw.json'),
      env: gateway.env, volumeMounts: gateway.volumeMounts, securityContext: gateway.securityContext, resources: gateway.resources,
    });
  });

  it('is left out with upgrade.migrateConfig: false', () => {
    const spec = podSpecOf(synthObjects({ upgrade: { migrateConfig: false } }));
    expect(spec.initContainers.map((c: { name: string }) => c.name)).not.toContain('migrate-config');
  });
});
