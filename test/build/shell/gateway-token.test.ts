import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { configMergeCommand } from '../../../src/build/shell/config-merge';
import { gatewayTokenCommand, gatewayTokenScript, readGatewayTokenCommand } from '../../../src/build/shell/gateway-token';

const ME = 'openclaw-gateway-token';
const HEX64 = /^[0-9a-f]{64}$/;

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gateway-token-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function run(command: string[], env: NodeJS.ProcessEnv = process.env) {
  const [cmd, ...args] = command;
  const r = spawnSync(cmd, args, { encoding: 'utf8', env });
  if (r.error) throw r.error;
  return r;
}
const runToken = (target: string) => run(gatewayTokenCommand(target));

function writeTarget(content: string, mode = 0o644): string {
  const file = path.join(dir, 'state', 'openclaw.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  fs.chmodSync(file, mode);
  return file;
}
const read = (file: string) => fs.readFileSync(file, 'utf8');
const json = (file: string) => JSON.parse(read(file));
const mode = (file: string) => fs.statSync(file).mode & 0o777;
const ls = (d: string) => fs.readdirSync(d).sort();

describe('gatewayTokenCommand', () => {
  it('passes the path as an argument to a static script that holds no token', () => {
    expect(gatewayTokenCommand('/data/.openclaw/openclaw.json')).toEqual(['sh', '-c', gatewayTokenScript(), ME, '/data/.openclaw/openclaw.json']);
    expect(gatewayTokenScript()).not.toMatch(/\/data|\/home|[0-9a-f]{32}/);
    // The token goes to jq through the environment, never on a command line.
    expect(gatewayTokenScript()).not.toMatch(/--arg/);
  });
});

describe('gateway-token script (run with sh and jq)', () => {
  it('creates a missing file (and directory) with a 32-byte hex token, mode 0600, nothing else left behind', () => {
    const target = path.join(dir, 'state', '.openclaw', 'openclaw.json');
    const r = runToken(target);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`${ME}: generated a gateway token (32 random bytes, 64 hex characters) into gateway.auth.token of ${target} (mode 0600)\n`);
    const config = json(target);
    expect(Object.keys(config)).toEqual(['gateway']);
    expect(config.gateway).toEqual({ auth: { token: expect.stringMatching(HEX64) } });
    expect(Buffer.from(config.gateway.auth.token, 'hex')).toHaveLength(32);
    expect(mode(target)).toBe(0o600);
    expect(ls(path.dirname(target))).toEqual(['openclaw.json']);
    // The token is never printed.
    expect(r.stdout).not.toContain(config.gateway.auth.token);
  });

  it('gives each volume its own token', () => {
    const tokens = [0, 1, 2].map((i) => {
      const target = path.join(dir, `replica-${i}`, 'openclaw.json');
      expect(runToken(target).status).toBe(0);
      return json(target).gateway.auth.token;
    });
    expect(new Set(tokens).size).toBe(3);
  });

  it('adds a token to a JSON file without one: every other key kept, mode made 0600', () => {
    const before = { agents: { defaults: { model: { primary: 'anthropic/claude-sonnet-4-6' } } }, gateway: { trustedProxies: ['10.0.0.0/8'], auth: { mode: 'token' } } };
    const target = writeTarget(JSON.stringify(before), 0o644);
    const r = runToken(target);
    expect(r.status).toBe(0);
    const after = json(target);
    expect(after.gateway.auth.token).toMatch(HEX64);
    expect({ ...after, gateway: { ...after.gateway, auth: { mode: after.gateway.auth.mode } } }).toEqual(before);
    expect(mode(target)).toBe(0o600);
  });

  it('keeps a token that is already there, byte for byte, at every later start', () => {
    const target = path.join(dir, 'openclaw.json');
    expect(runToken(target).status).toBe(0);
    const first = read(target);
    fs.chmodSync(target, 0o640);
    const r = runToken(target);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`${ME}: ${target} already configures gateway auth; kept\n`);
    expect(read(target)).toBe(first);
    expect(mode(target)).toBe(0o600);
  });

  it.each([
    ['a password', { gateway: { auth: { password: 'from-the-user' } } }],
    ['password mode', { gateway: { auth: { mode: 'password' } } }],
    ['trusted-proxy mode', { gateway: { auth: { mode: 'trusted-proxy' } } }],
    ['a SecretRef token', { gateway: { auth: { token: { source: 'env', provider: 'default', id: 'MY_TOKEN' } } } }],
  ])('leaves a config with %s unchanged', (_what, config) => {
    const content = JSON.stringify(config, null, 4);
    const target = writeTarget(content, 0o600);
    const r = runToken(target);
    expect(r.status).toBe(0);
    expect(read(target)).toBe(content);
  });

  it.each([
    ['JSON5 with comments', '{\n  // mine\n  gateway: { bind: "lan", },\n}\n'],
    ['a truncated file', '{"gateway": {"auth": '],
    ['a JSON array', '[1, 2]\n'],
  ])('never destroys %s: left byte for byte, one line on stderr, exit 0', (_what, content) => {
    const target = writeTarget(content, 0o640);
    const r = runToken(target);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`${ME}: ${target} is not one plain JSON object (JSON5 comments, trailing commas, or truncated); left untouched, no token generated: set gateway.auth.token in it yourself\n`);
    expect(read(target)).toBe(content);
    expect(mode(target)).toBe(0o640);
    expect(ls(path.dirname(target))).toEqual(['openclaw.json']);
  });

  it('treats a 0-byte file as missing', () => {
    const target = writeTarget('', 0o600);
    expect(runToken(target).status).toBe(0);
    expect(json(target).gateway.auth.token).toMatch(HEX64);
  });

  it('refuses a directory in place of the file', () => {
    const target = path.join(dir, 'openclaw.json');
    fs.mkdirSync(target);
    const r = runToken(target);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`${ME}: ${target} exists but is not a regular file\n`);
  });

  it('says so when jq is missing, and writes nothing', () => {
    const bin = path.join(dir, 'bin');
    fs.mkdirSync(bin);
    // Only the tools the script needs besides jq.
    for (const tool of ['sh', 'dirname', 'od', 'tr', 'mktemp', 'chmod', 'mv', 'rm', 'mkdir']) {
      fs.symlinkSync(spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).stdout.trim(), path.join(bin, tool));
    }
    const target = path.join(dir, 'openclaw.json');
    const r = run(['/bin/sh', ...gatewayTokenCommand(target).slice(1)], { PATH: bin });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`${ME}: jq not found on PATH or at /jq; cannot write a gateway token to ${target}\n`);
    expect(fs.existsSync(target)).toBe(false);
  });

  it('runs after config-merge: the managed settings and the token end up side by side', () => {
    const managed = path.join(dir, 'managed.json');
    fs.writeFileSync(managed, JSON.stringify({ gateway: { trustedProxies: ['10.0.0.0/8'] } }));
    const target = path.join(dir, 'state', 'openclaw.json');
    expect(run(configMergeCommand(managed, target)).status).toBe(0);
    expect(runToken(target).status).toBe(0);
    const token = json(target).gateway.auth.token;
    expect(json(target)).toEqual({ gateway: { trustedProxies: ['10.0.0.0/8'], auth: { token } } });
    // config-merge at the next start keeps the token (it merges, and manages no auth key).
    expect(run(configMergeCommand(managed, target)).status).toBe(0);
    expect(json(target).gateway.auth.token).toBe(token);
  });

  it('readGatewayTokenCommand prints exactly the token with node', () => {
    const target = path.join(dir, 'openclaw.json');
    expect(runToken(target).status).toBe(0);
    const r = run(readGatewayTokenCommand(target));
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`${json(target).gateway.auth.token}\n`);
  });
});
