import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { replicaEnvFile, replicaEnvFileName, replicaWrapperCommand } from '../../../src/build/shell/replica-env';
import { shellQuote } from '../../../src/build/shell/shell-quote';

const ME = 'openclaw-replica-env';

const EXAMPLE: Record<string, Record<string, string>> = {
  '0': { REPLICA_ROLE: 'primary', REPLICA_PRIORITY: 'high' },
  '1': { REPLICA_ROLE: 'secondary', CUSTOM_VAR: 'replica-1-value' },
  '2': { REPLICA_ROLE: 'secondary', CUSTOM_VAR: 'replica-2-value' },
};

const HOSTILE = ' two  spaces \'single\' "double" $HOME ${PATH} `echo pwned` $(id) back\\slash \\\' a=b=c\nembedded newline\n';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'replica env-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Runs the wrapped command for real with a minimal environment; `index` undefined = unset. */
function runWrapped(envDir: string, command: string[], index: string | undefined) {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: '/nonexistent-home' };
  if (index !== undefined) env.STATEFULSET_REPLICA_INDEX = index;
  const [cmd, ...args] = replicaWrapperCommand(envDir, command);
  const r = spawnSync(cmd, args, { encoding: 'utf8', env, cwd: dir });
  if (r.error) throw r.error;
  return r;
}

/** The environment the command sees, parsed exactly from `env -0`. */
function envSeen(envDir: string, index: string): Record<string, string> {
  const r = runWrapped(envDir, ['env', '-0'], index);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  const out: Record<string, string> = {};
  for (const entry of r.stdout.split('\0').slice(0, -1)) {
    const eq = entry.indexOf('=');
    out[entry.slice(0, eq)] = entry.slice(eq + 1);
  }
  return out;
}

describe('shellQuote', () => {
  it('single-quotes, escaping a quote as \'\\\'\'', () => {
    expect(shellQuote('plain')).toBe("'plain'");
    expect(shellQuote("it's")).toBe("'it'\\''s'");
    expect(shellQuote('')).toBe("''");
  });

  it.each([[HOSTILE], [''], ["'"], ["''"], ['\\'], ['-n'], ['\n'], ['*'], ['~'], ['é ✓ 😀']])(
    'round-trips %j through sh exactly',
    (value) => {
      const r = spawnSync('sh', ['-c', `printf '%s' ${shellQuote(value)}`], { encoding: 'utf8' });
      expect(r.stdout).toBe(value);
    },
  );

  it('refuses a NUL byte', () => {
    expect(() => shellQuote('a\0b')).toThrow(/NUL/);
  });
});

describe('replicaEnvFileName / replicaEnvFile', () => {
  it('names the ConfigMap key per replica', () => {
    expect(replicaEnvFileName(0)).toBe('replica-0.env');
    expect(replicaEnvFileName(12)).toBe('replica-12.env');
    for (const bad of [-1, 1.5, NaN, Infinity]) expect(() => replicaEnvFileName(bad)).toThrow(/non-negative integer/);
  });

  it('writes one export line per variable', () => {
    expect(replicaEnvFile(EXAMPLE['0'])).toBe("export REPLICA_ROLE='primary'\nexport REPLICA_PRIORITY='high'\n");
    expect(replicaEnvFile({ Q: "it's" })).toBe("export Q='it'\\''s'\n");
    expect(replicaEnvFile({})).toBe('');
  });

  it.each([['1ABC'], ['A-B'], ['A B'], [''], ['A=B'], ['Ä'], ['$(id)'], ['A\nB']])('throws for the bad name %j, naming it', (name) => {
    expect(() => replicaEnvFile({ GOOD: 'x', [name]: 'v' })).toThrow(JSON.stringify(name));
  });
});

describe('replicaWrapperCommand (run with sh)', () => {
  it('wraps the command', () => {
    const cmd = replicaWrapperCommand('/etc/openclaw/replica-env', ['node', 'dist/index.js', 'gateway']);
    expect(cmd.slice(0, 2)).toEqual(['sh', '-c']);
    expect(cmd.slice(3)).toEqual([ME, 'node', 'dist/index.js', 'gateway']);
    expect(cmd[2]).toContain("f='/etc/openclaw/replica-env/'replica-$i.env");
    expect(() => replicaWrapperCommand('/x', [])).toThrow(/command/);
  });

  it('gives each replica of the example exactly its own values and none of the others\' keys', () => {
    const envDir = path.join(dir, "replica env's dir");
    fs.mkdirSync(envDir);
    for (const [i, env] of Object.entries(EXAMPLE)) {
      fs.writeFileSync(path.join(envDir, replicaEnvFileName(Number(i))), replicaEnvFile(env));
    }
    const base = envSeen(envDir, '7'); // replica 7 has no file: the plain environment
    expect(Object.keys(base).filter((k) => /REPLICA_ROLE|REPLICA_PRIORITY|CUSTOM_VAR/.test(k))).toEqual([]);
    for (const i of ['0', '1', '2']) {
      expect(envSeen(envDir, i)).toEqual({ ...base, STATEFULSET_REPLICA_INDEX: i, ...EXAMPLE[i] });
    }
    expect(envSeen(envDir, '0')).not.toHaveProperty('CUSTOM_VAR');
    expect(envSeen(envDir, '1').CUSTOM_VAR).toBe('replica-1-value');
    expect(envSeen(envDir, '2').CUSTOM_VAR).toBe('replica-2-value');
    expect(envSeen(envDir, '1')).not.toHaveProperty('REPLICA_PRIORITY');
  });

  it('delivers hostile values byte-exact (and an empty value)', () => {
    fs.writeFileSync(path.join(dir, replicaEnvFileName(0)), replicaEnvFile({ HOSTILE, EMPTY: '', TRAILING_BACKSLASH: 'x\\' }));
    const env = envSeen(dir, '0');
    expect(env.HOSTILE).toBe(HOSTILE);
    expect(env.EMPTY).toBe('');
    expect(env.TRAILING_BACKSLASH).toBe('x\\');
  });

  it('passes the original arguments through exactly', () => {
    const r = runWrapped(dir, ['printf', '%s|', 'a b', "it's", '$HOME', '`id`'], '3');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe("a b|it's|$HOME|`id`|");
  });

  it('still runs the command when the replica has no file, or the directory does not exist', () => {
    expect(runWrapped(dir, ['sh', '-c', 'echo ran'], '5').stdout).toBe('ran\n');
    expect(runWrapped(path.join(dir, 'missing'), ['sh', '-c', 'echo ran'], '0').stdout).toBe('ran\n');
  });

  it.each([['../x'], ['0/../../etc/passwd'], [''], ['-1'], ['1 '], ['my-openclaw-1'], ['*']])(
    'refuses STATEFULSET_REPLICA_INDEX=%j (exit 1, one line, command not run)',
    (index) => {
      fs.writeFileSync(path.join(dir, 'replica-0.env'), replicaEnvFile({ A: 'a' }));
      const r = runWrapped(dir, ['sh', '-c', 'echo ran'], index);
      expect(r.status).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(`${ME}: STATEFULSET_REPLICA_INDEX must be the pod ordinal (a non-negative integer), got "${index}"\n`);
    },
  );

  it('refuses an unset STATEFULSET_REPLICA_INDEX', () => {
    const r = runWrapped(dir, ['sh', '-c', 'echo ran'], undefined);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`${ME}: STATEFULSET_REPLICA_INDEX must be the pod ordinal (a non-negative integer), got ""\n`);
  });
});
