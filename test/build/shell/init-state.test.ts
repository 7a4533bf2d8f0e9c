/**
 * The node init step (init-state.ts) run for real with node on temporary directories: what it
 * does on its own, and the same outcome as the sh + jq scripts it replaces (config-merge, then
 * gateway-token) on the same inputs: files byte for byte (tokens aside), modes, logs, exit codes.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { configMergeCommand } from '../../../src/build/shell/config-merge';
import { gatewayTokenCommand } from '../../../src/build/shell/gateway-token';
import { initStateCommand, initStateScript, INIT_STATE_NAME } from '../../../src/build/shell/init-state';

const HEX64 = /^[0-9a-f]{64}$/;
const pretty = (value: unknown): string => JSON.stringify(value, null, 2) + '\n';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'init-state-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function run(command: string[], prefix: string[] = []) {
  const [cmd, ...args] = [...prefix, ...command];
  const r = spawnSync(cmd, args, { encoding: 'utf8', env: { PATH: process.env.PATH! } });
  if (r.error) throw r.error;
  return r;
}

/** A data volume under `root` with the managed settings file beside it; the config at the usual place. */
function volume(root: string, opts: { managed?: unknown; existing?: string; mode?: number } = {}) {
  const data = path.join(root, 'data');
  const config = path.join(data, '.openclaw', 'openclaw.json');
  fs.mkdirSync(path.dirname(config), { recursive: true });
  if (opts.existing !== undefined) {
    fs.writeFileSync(config, opts.existing);
    fs.chmodSync(config, opts.mode ?? 0o644);
  }
  let managed: string | undefined;
  if (opts.managed !== undefined) {
    managed = path.join(root, 'managed', 'openclaw.json');
    fs.mkdirSync(path.dirname(managed), { recursive: true });
    fs.writeFileSync(managed, typeof opts.managed === 'string' ? opts.managed : JSON.stringify(opts.managed));
  }
  return { data, config, managed };
}
const read = (file: string) => fs.readFileSync(file, 'utf8');
const mode = (file: string) => fs.statSync(file).mode & 0o7777;
const ls = (d: string) => fs.readdirSync(d).sort();
const ME = {
  prepare: 'openclaw-prepare-state',
  merge: 'openclaw-config-merge',
  token: 'openclaw-gateway-token',
};

describe('initStateCommand', () => {
  it('runs node with a static script; the paths are arguments, only the steps asked for', () => {
    expect(initStateCommand({ dataDir: '/home/node', configFile: '/home/node/.openclaw/openclaw.json', managedJson: '/cfg/openclaw.json', generateToken: true })).toEqual([
      'node', '-e', initStateScript(), INIT_STATE_NAME, '--data', '/home/node', '--config', '/home/node/.openclaw/openclaw.json', '--managed', '/cfg/openclaw.json', '--token',
    ]);
    expect(initStateCommand({ dataDir: '/d', configFile: '/d/c.json', generateToken: false, seed: { from: '/a', to: '/b' } }))
      .toEqual(['node', '-e', initStateScript(), INIT_STATE_NAME, '--data', '/d', '--seed', '/a', '/b']);
    expect(initStateScript()).not.toMatch(/\/home|\/data|\/cfg|[0-9a-f]{32}/);
  });

  it('refuses wrong arguments with the usage, changing nothing', () => {
    for (const args of [[], ['--data'], ['--data', dir, '--token'], ['--data', dir, '--bogus']]) {
      const r = run(['node', '-e', initStateScript(), INIT_STATE_NAME, ...args]);
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/^openclaw-prepare-state: usage: node -e SCRIPT openclaw-prepare-state --data DIR/);
    }
    expect(ls(dir)).toEqual([]);
  });
});

describe('init-state script (run with node)', () => {
  it('makes the state directories, ~/.config/openclaw private (0700), and nothing else without --config', () => {
    const data = path.join(dir, 'data');
    fs.mkdirSync(data);
    const r = run(initStateCommand({ dataDir: data, configFile: path.join(data, '.openclaw', 'openclaw.json'), generateToken: false }));
    expect([r.status, r.stdout, r.stderr]).toEqual([0, `${ME.prepare}: state directories ready in ${data}\n`, '']);
    expect(ls(data)).toEqual(['.config', '.openclaw']);
    expect(ls(path.join(data, '.openclaw'))).toEqual([]);
    expect(mode(path.join(data, '.config', 'openclaw'))).toBe(0o700);
  });

  it('seeds the writable node_modules copy: files, modes and relative symlinks as links (like cp -R)', () => {
    const from = path.join(dir, 'image-node-modules');
    fs.mkdirSync(path.join(from, 'npm', 'bin'), { recursive: true });
    fs.mkdirSync(path.join(from, '.bin'));
    fs.writeFileSync(path.join(from, 'npm', 'bin', 'npm-cli.js'), '#!/usr/bin/env node\n', { mode: 0o755 });
    fs.symlinkSync('../npm/bin/npm-cli.js', path.join(from, '.bin', 'npm'));
    const to = path.join(dir, 'seed');
    fs.mkdirSync(to);
    const data = path.join(dir, 'data');
    expect(run(initStateCommand({ dataDir: data, configFile: `${data}/c.json`, generateToken: false, seed: { from, to } })).status).toBe(0);
    expect(mode(path.join(to, 'npm', 'bin', 'npm-cli.js'))).toBe(0o755);
    expect(fs.readlinkSync(path.join(to, '.bin', 'npm'))).toBe('../npm/bin/npm-cli.js');
    // A missing source (an image without global modules) is not an error.
    fs.rmSync(from, { recursive: true });
    expect(run(initStateCommand({ dataDir: data, configFile: `${data}/c.json`, generateToken: false, seed: { from, to } })).status).toBe(0);
  });

  it('generates the token once and keeps it at every later start: mode 0600, never printed, the managed settings beside it', () => {
    const v = volume(dir, { managed: { gateway: { trustedProxies: ['10.1.2.3/32'] }, agents: { defaults: { model: { primary: 'anthropic/claude-sonnet-4-6' } } } } });
    const cmd = initStateCommand({ dataDir: v.data, configFile: v.config, managedJson: v.managed, generateToken: true });
    const first = run(cmd);
    expect(first.status).toBe(0);
    expect(first.stderr).toBe('');
    const token = JSON.parse(read(v.config)).gateway.auth.token;
    expect(token).toMatch(HEX64);
    expect(JSON.parse(read(v.config))).toEqual({ gateway: { trustedProxies: ['10.1.2.3/32'], auth: { token } }, agents: { defaults: { model: { primary: 'anthropic/claude-sonnet-4-6' } } } });
    expect(mode(v.config)).toBe(0o600);
    expect(first.stdout).not.toContain(token);
    const bytes = read(v.config);
    fs.chmodSync(v.config, 0o644);
    const again = run(cmd);
    expect(again.status).toBe(0);
    expect(again.stdout).toBe([
      `${ME.prepare}: state directories ready in ${v.data}`,
      `${ME.merge}: ${v.config} already has the managed settings; unchanged`,
      `${ME.token}: ${v.config} already configures gateway auth; kept`, ''].join('\n'));
    expect(read(v.config)).toBe(bytes);
    expect(mode(v.config)).toBe(0o600);
    expect(ls(path.dirname(v.config))).toEqual(['openclaw.json']);
  });

  it('gives each volume its own token', () => {
    const tokens = [0, 1, 2].map((i) => {
      const v = volume(path.join(dir, `replica-${i}`));
      expect(run(initStateCommand({ dataDir: v.data, configFile: v.config, generateToken: true })).status).toBe(0);
      return JSON.parse(read(v.config)).gateway.auth.token;
    });
    expect(new Set(tokens).size).toBe(3);
  });

  it('keeps "__proto__" and "constructor" keys as data in a merge', () => {
    const v = volume(dir, { existing: '{"__proto__": {"a": 1}, "x": {"constructor": 1}}', managed: '{"__proto__": {"b": 2}, "x": {"constructor": {"c": 3}}}' });
    expect(run(initStateCommand({ dataDir: v.data, configFile: v.config, managedJson: v.managed, generateToken: false })).status).toBe(0);
    expect(read(v.config)).toBe('{\n  "__proto__": {\n    "a": 1,\n    "b": 2\n  },\n  "x": {\n    "constructor": {\n      "c": 3\n    }\n  }\n}\n');
  });

  it('fails naming the path, and leaves the file and directory as they were, on a read-only volume', () => {
    const v = volume(dir, { managed: { gateway: { trustedProxies: ['10.1.2.3/32'] } }, existing: pretty({ user: 1 }) });
    const roDir = path.dirname(v.config);
    // Tests run as root, where chmod 0555 does not stop writes; a read-only bind mount in a private mount namespace does.
    const readOnly = ['unshare', '-rm', 'sh', '-c', 'mount --bind -o ro -- "$1" "$1" || exit 97; shift; exec "$@"', 'ro-mount', roDir];
    const r = run(initStateCommand({ dataDir: v.data, configFile: v.config, managedJson: v.managed, generateToken: true }), readOnly);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`${ME.merge}: cannot create a temporary file in ${roDir}; ${v.config} not changed (EROFS)\n`);
    expect(read(v.config)).toBe(pretty({ user: 1 }));
    expect(ls(roDir)).toEqual(['openclaw.json']);
  });

  it('refuses a directory in place of the config, and a config whose gateway.auth is not an object', () => {
    const v = volume(dir);
    fs.mkdirSync(v.config);
    const r = run(initStateCommand({ dataDir: v.data, configFile: v.config, generateToken: true }));
    expect([r.status, r.stderr]).toEqual([1, `${ME.token}: ${v.config} exists but is not a regular file\n`]);
    const w = volume(path.join(dir, 'w'), { existing: '{"gateway": {"auth": "x"}}' });
    const s = run(initStateCommand({ dataDir: w.data, configFile: w.config, generateToken: true }));
    expect([s.status, s.stderr]).toEqual([1, `${ME.token}: ${w.config}: gateway.auth is not an object; no token written, ${w.config} not changed\n`]);
    expect(read(w.config)).toBe('{"gateway": {"auth": "x"}}');
  });
});

describe('the same outcome as the sh + jq scripts (gateway-config, then gateway-token)', () => {
  const MANAGED = { gateway: { controlUi: { allowInsecureAuth: false }, trustedProxies: ['10.0.0.0/8'] }, channels: { discord: { enabled: true } } };
  const EXISTING: Array<[string, string | undefined, number?]> = [
    ['no file', undefined],
    ['a 0-byte file', '', 0o640],
    ['a file without the settings', JSON.stringify({ agents: { defaults: { model: { primary: 'x' } } }, gateway: { trustedProxies: ['1.1.1.1'], controlUi: { allowInsecureAuth: true, allowedOrigins: ['https://o'] } }, channels: { telegram: { enabled: true } } }), 0o640],
    ['a file with the settings and a token', JSON.stringify({ ...MANAGED, gateway: { ...MANAGED.gateway, auth: { token: 'mine' } }, x: 1 }), 0o644],
    ['a password', JSON.stringify({ gateway: { auth: { password: 'p' } } }, null, 4)],
    ['password mode', JSON.stringify({ gateway: { auth: { mode: 'password' } } })],
    ['an empty auth mode', JSON.stringify({ gateway: { auth: { mode: '' } } })],
    ['an empty token', JSON.stringify({ gateway: { auth: { mode: 'token', token: '' } } })],
    ['a SecretRef token', JSON.stringify({ gateway: { auth: { token: { source: 'env', provider: 'default', id: 'T' } } } })],
    ['a null gateway', '{"gateway": null, "a": [1, {"b": null}]}'],
    ['JSON5 with comments', '// mine\n{\n  gateway: { port: 18789, },\n}\n', 0o640],
    ['trailing commas', '{"gateway": {"port": 18789,},}\n'],
    ['a truncated file', '{"gateway": {"auth": {"mode": "tok'],
    ['an array', '[1, 2]\n'],
    ['a string', '"openclaw"\n'],
    ['two objects', '{"a": 1}\n{"b": 2}\n'],
    ['whitespace only', ' \n\n'],
    ['tricky strings', JSON.stringify({ s: 'it\'s "q" $HOME `id` back\\slash\nline\ttab \u0001 é ✓ 😀 \u4e2d', n: [1.5, -0.25, 1e21, 3, true, null], e: {}, a: [] })],
  ];
  const normalize = (text: string, root: string) => text.split(root).join('<root>').replace(/[0-9a-f]{64}/g, '<token>');

  function outcome(root: string, config: string, runs: Array<ReturnType<typeof run>>) {
    const exists = fs.existsSync(config);
    return {
      status: runs.map((r) => r.status),
      stdout: normalize(runs.map((r) => r.stdout).join(''), root),
      stderr: normalize(runs.map((r) => r.stderr).join(''), root),
      file: exists ? normalize(read(config), root) : undefined,
      mode: exists ? mode(config) : undefined,
      listing: ls(path.dirname(config)),
    };
  }

  describe.each([['managed settings and a token', true, true], ['managed settings only', true, false], ['a token only', false, true]])('%s', (_what, withManaged, withToken) => {
    it.each(EXISTING.map(([label, existing, m]) => [label, existing, m ?? 0o644] as const))('%s', (_label, existing, fileMode) => {
      const jqRoot = path.join(dir, 'jq');
      const nodeRoot = path.join(dir, 'node');
      const managed = withManaged ? MANAGED : undefined;
      const j = volume(jqRoot, { managed, existing, mode: fileMode });
      const n = volume(nodeRoot, { managed, existing, mode: fileMode });
      const jqRuns = [
        ...(withManaged ? [run(configMergeCommand(j.managed!, j.config))] : []),
        ...(withToken ? [run(gatewayTokenCommand(j.config))] : []),
      ];
      const nodeRun = run(initStateCommand({ dataDir: n.data, configFile: n.config, managedJson: n.managed, generateToken: withToken }));
      const jq = outcome(jqRoot, j.config, jqRuns);
      const node = outcome(nodeRoot, n.config, [nodeRun]);
      // The node step also makes the state directories, first, in the same run.
      expect({ ...node, status: node.status[0], stdout: node.stdout.replace(`${ME.prepare}: state directories ready in <root>/data\n`, '') })
        .toEqual({ ...jq, status: Math.max(...(jq.status as number[])) });
    });
  });
});
