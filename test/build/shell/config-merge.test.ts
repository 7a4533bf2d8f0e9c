import { spawnSync, SpawnSyncReturns } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { configMergeCommand, configMergeScript } from '../../../src/build/shell/config-merge';

const ME = 'openclaw-config-merge';
const pretty = (value: unknown): string => JSON.stringify(value, null, 2) + '\n';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'config-merge-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Runs `prefix... sh -c SCRIPT openclaw-config-merge managed target` for real. */
function run(managed: string, target: string, opts: { env?: NodeJS.ProcessEnv; prefix?: string[] } = {}): SpawnSyncReturns<string> {
  const [cmd, ...args] = [...(opts.prefix ?? []), ...configMergeCommand(managed, target)];
  const r = spawnSync(cmd, args, { encoding: 'utf8', env: opts.env ?? process.env });
  if (r.error) throw r.error;
  return r;
}

/** Writes the managed settings the way the ConfigMap would hold them (compact JSON). */
function managedFile(value: unknown, name = 'managed.json'): string {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(value));
  return file;
}

function writeTarget(content: string, rel = 'openclaw.json', mode = 0o600): string {
  const file = path.join(dir, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content, { mode });
  fs.chmodSync(file, mode);
  return file;
}

const read = (file: string) => fs.readFileSync(file, 'utf8');
const mode = (file: string) => fs.statSync(file).mode & 0o7777;
/** Exact listing of a directory: shows any temporary file left behind. */
const ls = (d: string) => fs.readdirSync(d).sort();

const MANAGED = {
  gateway: { controlUi: { allowInsecureAuth: false }, trustedProxies: ['10.0.0.0/8'] },
  channels: { discord: { enabled: true } },
};

describe('configMergeCommand', () => {
  it('passes the paths as arguments to a static script', () => {
    expect(configMergeCommand('/cfg/managed.json', '/data/.openclaw/openclaw.json')).toEqual([
      'sh', '-c', configMergeScript(), ME, '/cfg/managed.json', '/data/.openclaw/openclaw.json',
    ]);
    expect(configMergeScript()).not.toMatch(/\/data|\/tmp|\/home/);
    expect(configMergeScript()).toMatch(/^set -eu\n/);
  });
});

describe('config-merge script (run with sh and jq)', () => {
  it('creates a missing file and its missing directories with exactly the managed JSON, mode 0600', () => {
    const managed = managedFile(MANAGED);
    const target = path.join(dir, 'state', '.openclaw', 'openclaw.json');
    const r = run(managed, target);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`${ME}: created ${target} with the managed settings\n`);
    expect(read(target)).toBe(pretty(MANAGED));
    expect(mode(target)).toBe(0o600);
    expect(ls(path.dirname(target))).toEqual(['openclaw.json']);
  });

  it('merges into a valid file: other keys kept, managed keys win, nested merge, arrays replaced, mode kept', () => {
    const managed = managedFile(MANAGED);
    const target = writeTarget(
      JSON.stringify({
        agents: { defaults: { model: { primary: 'anthropic/claude-sonnet-4-6' } } },
        gateway: {
          auth: { mode: 'token', token: 'secret' },
          trustedProxies: ['192.168.0.1', '172.16.0.0/12'],
          controlUi: { allowInsecureAuth: true, allowedOrigins: ['https://openclaw.example.com'] },
        },
        channels: { telegram: { enabled: true, botToken: 'tg' } },
        meta: { lastTouchedVersion: '2026.9.6' },
      }),
      'openclaw.json',
      0o640,
    );
    const r = run(managed, target);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`${ME}: merged the managed settings into ${target}\n`);
    expect(read(target)).toBe(
      pretty({
        agents: { defaults: { model: { primary: 'anthropic/claude-sonnet-4-6' } } },
        gateway: {
          auth: { mode: 'token', token: 'secret' },
          trustedProxies: ['10.0.0.0/8'],
          controlUi: { allowInsecureAuth: false, allowedOrigins: ['https://openclaw.example.com'] },
        },
        channels: { telegram: { enabled: true, botToken: 'tg' }, discord: { enabled: true } },
        meta: { lastTouchedVersion: '2026.9.6' },
      }),
    );
    expect(mode(target)).toBe(0o640);
    expect(ls(dir)).toEqual(['managed.json', 'openclaw.json']);
  });

  it('turns a flag on, off and on again (each run writes the managed value)', () => {
    const target = writeTarget(pretty({ gateway: { port: 18789 } }));
    for (const flag of [true, false, true]) {
      const managed = managedFile({ gateway: { controlUi: { allowInsecureAuth: flag } } });
      const r = run(managed, target);
      expect(r.status).toBe(0);
      expect(r.stderr).toBe('');
      expect(r.stdout).toBe(`${ME}: merged the managed settings into ${target}\n`);
      expect(read(target)).toBe(pretty({ gateway: { port: 18789, controlUi: { allowInsecureAuth: flag } } }));
    }
    expect(ls(dir)).toEqual(['managed.json', 'openclaw.json']);
  });

  it('does not rewrite a file that already has the managed settings (same bytes, mtime, inode), whatever its formatting', () => {
    const managed = managedFile(MANAGED);
    const content = '{"channels":{"discord":{"enabled":true}},"gateway":{"trustedProxies":["10.0.0.0/8"],"controlUi":{"allowInsecureAuth":false}},"x":1}';
    const target = writeTarget(content);
    const past = new Date('2020-01-01T00:00:00Z');
    fs.utimesSync(target, past, past);
    const before = fs.statSync(target);
    const r = run(managed, target);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`${ME}: ${target} already has the managed settings; unchanged\n`);
    const after = fs.statSync(target);
    expect(read(target)).toBe(content);
    expect(after.mtimeMs).toBe(before.mtimeMs);
    expect(after.ino).toBe(before.ino);
    expect(ls(dir)).toEqual(['managed.json', 'openclaw.json']);
  });

  const NOT_JSON = 'is not plain JSON (JSON5 comments, trailing commas, or truncated); left untouched, managed settings not applied';
  const NOT_OBJECT = 'is not a single JSON object; left untouched, managed settings not applied';
  it.each([
    ['JSON5 with comments', '// OpenClaw config\n{\n  /* gateway */\n  gateway: { port: 18789 },\n}\n', NOT_JSON],
    ['JSON5 trailing commas', '{"gateway": {"port": 18789,},}\n', NOT_JSON],
    ['truncated JSON', '{"gateway": {"auth": {"mode": "tok', NOT_JSON],
    ['an array', '[1, 2]\n', NOT_OBJECT],
    ['a string', '"openclaw"\n', NOT_OBJECT],
    ['two objects', '{"a": 1}\n{"b": 2}\n', NOT_OBJECT],
    ['whitespace only', ' \n\n', NOT_OBJECT],
  ])('leaves %s byte-for-byte untouched, exits 0 and logs exactly one line', (_label, content, reason) => {
    const managed = managedFile(MANAGED);
    const target = writeTarget(content);
    const r = run(managed, target);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`${ME}: ${target} ${reason}\n`);
    expect(read(target)).toBe(content);
    expect(ls(dir)).toEqual(['managed.json', 'openclaw.json']);
  });

  it('treats an empty (0-byte) file as missing: writes the managed JSON, keeps the mode', () => {
    const managed = managedFile(MANAGED);
    const target = writeTarget('', 'openclaw.json', 0o640);
    const r = run(managed, target);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`${ME}: ${target} was empty; wrote the managed settings\n`);
    expect(read(target)).toBe(pretty(MANAGED));
    expect(mode(target)).toBe(0o640);
  });

  it('works with a custom mount path and a managed file path containing spaces', () => {
    const managed = managedFile(MANAGED, "config map's dir/managed settings.json");
    const target = path.join(dir, 'my data dir', '.openclaw state', 'open claw.json');
    expect(run(managed, target).stdout).toBe(`${ME}: created ${target} with the managed settings\n`);
    fs.writeFileSync(target, JSON.stringify({ user: 'kept' }));
    const r = run(managed, target);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`${ME}: merged the managed settings into ${target}\n`);
    expect(read(target)).toBe(pretty({ user: 'kept', ...MANAGED }));
    expect(ls(path.dirname(target))).toEqual(['open claw.json']);
  });

  describe('read-only target directory (a read-only bind mount in a private mount namespace: `unshare -rm`)', () => {
    // Tests run as root, where chmod 0555 does not stop writes; a read-only mount does.
    const readOnly = (roDir: string) => [
      'unshare', '-rm', 'sh', '-c', 'mount --bind -o ro -- "$1" "$1" || exit 97; shift; exec "$@"', 'ro-mount', roDir,
    ];

    it('fails with a message naming the path and leaves the file and directory as they were', () => {
      const managed = managedFile(MANAGED);
      const content = pretty({ user: 1 });
      const target = writeTarget(content, 'ro/openclaw.json');
      const roDir = path.dirname(target);
      const r = run(managed, target, { prefix: readOnly(roDir) });
      expect(r.status).toBe(1);
      expect(r.stderr).toContain('Read-only file system'); // the mount took effect
      expect(r.stderr).toContain(`${ME}: cannot create a temporary file in ${roDir}; ${target} not written\n`);
      expect(r.stdout).toBe('');
      expect(read(target)).toBe(content);
      expect(ls(roDir)).toEqual(['openclaw.json']);
    });

    it('fails naming the directory it cannot create', () => {
      const managed = managedFile(MANAGED);
      const roDir = path.join(dir, 'ro');
      fs.mkdirSync(roDir);
      const target = path.join(roDir, '.openclaw', 'openclaw.json');
      const r = run(managed, target, { prefix: readOnly(roDir) });
      expect(r.status).toBe(1);
      expect(r.stderr).toContain('Read-only file system');
      expect(r.stderr).toContain(`${ME}: cannot create directory ${path.dirname(target)} for ${target}\n`);
      expect(ls(roDir)).toEqual([]);
    });

    it('succeeds when nothing needs writing', () => {
      const managed = managedFile(MANAGED);
      const target = writeTarget(pretty(MANAGED), 'ro/openclaw.json');
      const r = run(managed, target, { prefix: readOnly(path.dirname(target)) });
      expect(r.status).toBe(0);
      expect(r.stdout).toBe(`${ME}: ${target} already has the managed settings; unchanged\n`);
    });
  });

  it('fails with one clear line when jq is neither on PATH nor at /jq', () => {
    expect(fs.existsSync('/jq')).toBe(false); // precondition of this test, stated rather than skipped
    const managed = managedFile(MANAGED);
    const emptyBin = path.join(dir, 'bin');
    fs.mkdirSync(emptyBin);
    const target = path.join(dir, 'openclaw.json');
    const sh = spawnSync('sh', ['-c', 'command -v sh'], { encoding: 'utf8' }).stdout.trim(); // PATH below has no sh
    const [, ...args] = configMergeCommand(managed, target);
    const r = spawnSync(sh, args, { encoding: 'utf8', env: { PATH: emptyBin } });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`${ME}: jq not found on PATH or at /jq; cannot apply the managed settings to ${target}\n`);
    expect(fs.existsSync(target)).toBe(false);
  });

  it('round-trips quotes, $, backticks, backslashes, newlines, control characters and unicode exactly', () => {
    const tricky = {
      gateway: { auth: { token: 'it\'s "quoted" $HOME `id` back\\slash\nsecond line\ttab \u0001 é ✓ 😀 \u4e2d' } },
      'key with spaces $x \'q\'': ['a\\b', '"', '$(reboot)'],
    };
    const managed = managedFile(tricky);
    const target = path.join(dir, 'openclaw.json');
    expect(run(managed, target).status).toBe(0);
    expect(read(target)).toBe(pretty(tricky));
    fs.writeFileSync(target, JSON.stringify({ before: 'ü "x"', gateway: { auth: { mode: 'token' } } }));
    expect(run(managed, target).status).toBe(0);
    expect(read(target)).toBe(pretty({ before: 'ü "x"', gateway: { auth: { mode: 'token', token: tricky.gateway.auth.token } }, 'key with spaces $x \'q\'': tricky['key with spaces $x \'q\''] }));
  });

  it.each([
    ['invalid JSON', '{"gateway":'],
    ['not an object', '[]'],
  ])('fails (exit 1) on managed settings that are %s, leaving the target alone', (_label, content) => {
    const managed = path.join(dir, 'managed.json');
    fs.writeFileSync(managed, content);
    const target = writeTarget(pretty({ user: 1 }));
    const r = run(managed, target);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`${ME}: managed settings ${managed} are missing, unreadable or not one JSON object; ${target} not changed\n`);
    expect(read(target)).toBe(pretty({ user: 1 }));
  });

  it('fails (exit 1) when the managed settings file is missing', () => {
    const managed = path.join(dir, 'nope.json');
    const target = path.join(dir, 'openclaw.json');
    const r = run(managed, target);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`${ME}: managed settings ${managed} are missing, unreadable or not one JSON object; ${target} not changed\n`);
    expect(ls(dir)).toEqual([]);
  });

  it('fails (exit 1) when the target is a directory, or the arguments are wrong', () => {
    const managed = managedFile(MANAGED);
    const target = path.join(dir, 'openclaw.json');
    fs.mkdirSync(target);
    const r = run(managed, target);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`${ME}: ${target} exists but is not a regular file\n`);
    const usage = spawnSync('sh', ['-c', configMergeScript(), ME, managed], { encoding: 'utf8' });
    expect(usage.status).toBe(1);
    expect(usage.stderr).toBe(`${ME}: usage: sh -c SCRIPT ${ME} MANAGED_JSON CONFIG_FILE\n`);
  });

  describe('atomicity: a write that fails half-way leaves no partial target and no temporary file', () => {
    // A jq that behaves normally except for the final write, where it prints half an object and fails.
    function failingJqEnv(): NodeJS.ProcessEnv {
      const realJq = spawnSync('sh', ['-c', 'command -v jq'], { encoding: 'utf8' }).stdout.trim();
      expect(realJq).not.toBe('');
      const bin = path.join(dir, 'fake bin');
      fs.mkdirSync(bin);
      fs.writeFileSync(
        path.join(bin, 'jq'),
        `#!/bin/sh\nfor a in "$@"; do case $a in '$e[0] * $m[0]'|'$m[0]') printf '{"partial":'; exit 5 ;; esac; done\nexec '${realJq}' "$@"\n`,
        { mode: 0o755 },
      );
      return { ...process.env, PATH: `${bin}:${process.env.PATH}` };
    }

    it('merge case: the existing file is kept', () => {
      const env = failingJqEnv();
      const managed = managedFile(MANAGED);
      const content = pretty({ user: 1 });
      const target = writeTarget(content);
      const r = run(managed, target, { env });
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(new RegExp(`^${ME}: cannot write .*; ${target} not changed\\n$`));
      expect(read(target)).toBe(content);
      expect(ls(dir)).toEqual(['fake bin', 'managed.json', 'openclaw.json']);
    });

    it('create case: no target appears', () => {
      const env = failingJqEnv();
      const managed = managedFile(MANAGED);
      const target = path.join(dir, 'openclaw.json');
      const r = run(managed, target, { env });
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(new RegExp(`^${ME}: cannot write .*; ${target} not written\\n$`));
      expect(ls(dir)).toEqual(['fake bin', 'managed.json']);
    });
  });
});
