import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { backupFreshnessCheck, backupLoopCommand, backupLoopScript } from '../../../src/build/shell/backup-loop';

const ME = 'openclaw-backup';

let dir: string;
let out: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'backup-loop-'));
  out = path.join(dir, 'backups');
  fs.mkdirSync(out);
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/**
 * A fake `openclaw`: call n follows word n of `plan` —
 *   ok    writes `<n>-openclaw-backup.tar.gz` into --output and exits 0 (like a verified archive)
 *   fail  writes nothing and exits 3 (unreadable state)
 *   full  writes a partial archive into --output and exits 1 (ENOSPC mid-write)
 *   empty exits 0 without writing an archive
 * Past the plan it stops the loop (TERM to its parent) and fails, so each test ends on its own.
 */
function fakeOpenClaw(plan: string[]): string {
  const file = path.join(dir, 'fake-openclaw');
  fs.writeFileSync(file, `#!/bin/sh
set -eu
[ "$1 $2 $3" = "backup create --verify" ] && [ "$4" = "--output" ] || { echo "fake: unexpected args: $*" >&2; exit 64; }
dest=$5
n=$(( $(cat "${dir}/calls" 2>/dev/null || echo 0) + 1 ))
echo "$n" >"${dir}/calls"
ls -A "$dest" >"${dir}/dest-before-$n"
plan="${plan.join(' ')}"
set -- $plan
if [ "$n" -gt "$#" ]; then kill -TERM "$PPID"; exit 1; fi
shift $((n - 1))
name=$(printf '2026-12-01T00-00-%02d.000+00-00-openclaw-backup.tar.gz' "$n")
case $1 in
  ok) printf 'archive %s' "$n" >"$dest/$name"; echo "Created $dest/$name"; echo "Archive verification: passed" ;;
  fail) echo "Error: EACCES: permission denied, open '/home/node/.openclaw/state/openclaw.sqlite'" >&2; exit 3 ;;
  full) printf 'partial' >"$dest/$name"; echo "Error: ENOSPC: no space left on device, write" >&2; exit 1 ;;
  empty) echo "nothing to do" ;;
esac
`, { mode: 0o755 });
  return file;
}

/** Runs the loop for real (first archive at once, 1 s interval) until the fake stops it. */
function runLoop(plan: string[], keep = 3) {
  const fake = fakeOpenClaw(plan);
  const [cmd, ...args] = backupLoopCommand({ outDir: out, firstDelaySeconds: 0, intervalSeconds: 1, keep }, [fake]);
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 60_000 });
  if (r.error) throw r.error;
  return r;
}

/** The archives in OUT_DIR (not the .last-verified record). */
const archives = () => fs.readdirSync(out).filter((f) => !f.startsWith('.')).sort();
const MARKER = () => path.join(out, '.last-verified');
const nameOf = (n: number) => `2026-12-01T00-00-${String(n).padStart(2, '0')}.000+00-00-openclaw-backup.tar.gz`;
const mode = (file: string) => fs.statSync(file).mode & 0o777;

describe('backupLoopCommand', () => {
  it('passes the schedule and the CLI as arguments to a static script', () => {
    expect(backupLoopCommand({ outDir: '/backups', firstDelaySeconds: 30, intervalSeconds: 86400, keep: 7 }, ['node', 'dist/index.js'])).toEqual([
      'sh', '-c', backupLoopScript(), ME, '/backups', '30', '86400', '7', 'node', 'dist/index.js',
    ]);
    expect(backupLoopScript()).not.toMatch(/\/backups|\/home|dist\/index/);
  });
});

describe('backup loop (run with sh and a fake openclaw)', () => {
  it('keeps the newest KEEP archives, each mode 0600, and logs names, sizes and timings only', () => {
    const r = runLoop(['ok', 'ok', 'ok', 'ok', 'ok'], 3);
    expect(r.status).toBe(0);
    expect(archives()).toEqual([nameOf(3), nameOf(4), nameOf(5)]);
    for (const a of archives()) expect(mode(path.join(out, a))).toBe(0o600);
    expect(r.stdout).toContain(`${ME}: first archive in 0 s, then every 1 s into ${out}; keeping the newest 3\n`);
    expect(r.stdout).toMatch(new RegExp(`${ME}: archive ${nameOf(1).replace(/[.+]/g, '\\$&')} verified: 9 bytes in \\d+ s\\n`));
    expect(r.stdout).toContain(`${ME}: removed old archive ${nameOf(1)} (keeping the newest 3)\n`);
    expect(r.stdout).toContain(`${ME}: removed old archive ${nameOf(2)} (keeping the newest 3)\n`);
    expect(r.stdout).toMatch(new RegExp(`${ME}: stopping\\n$`));
    // Each run got a fresh, empty, private staging directory on the same claim.
    expect(fs.readFileSync(path.join(dir, 'dest-before-2'), 'utf8')).toBe('');
  });

  it('a failed backup (unreadable state) is reported on stderr and deletes no older archive', () => {
    const r = runLoop(['ok', 'ok', 'fail', 'fail', 'fail'], 2);
    expect(archives()).toEqual([nameOf(1), nameOf(2)]);
    const failures = r.stderr.split('\n').filter((l) => l.startsWith(`${ME}: backup FAILED`));
    expect(failures).toEqual(Array(3).fill(`${ME}: backup FAILED: openclaw backup create exited with 3; older archives kept`));
    // The next attempt comes after min(interval, 300 s), said in the log.
    expect(r.stdout).toContain(`${ME}: next attempt in 1 s\n`);
    // OpenClaw's own message reaches the container log too.
    expect(r.stderr).toContain('EACCES: permission denied');
  });

  it('a full disk leaves no partial archive, never counts it, and keeps the older ones', () => {
    const r = runLoop(['ok', 'full', 'ok', 'full'], 2);
    expect(archives()).toEqual([nameOf(1), nameOf(3)]);
    expect(r.stderr).toContain(`${ME}: backup FAILED: openclaw backup create exited with 1; older archives kept\n`);
    expect(r.stderr).toContain('ENOSPC');
  });

  it('an exit 0 without an archive is a failure, not a backup', () => {
    const r = runLoop(['ok', 'empty'], 1);
    expect(archives()).toEqual([nameOf(1)]);
    expect(r.stderr).toContain(`${ME}: backup FAILED: openclaw backup create wrote no archive; older archives kept\n`);
  });

  it('clears staging directories a killed run left behind, keeping the archives', () => {
    fs.mkdirSync(path.join(out, '.partial.abc123'));
    fs.writeFileSync(path.join(out, '.partial.abc123', nameOf(9)), 'half');
    fs.writeFileSync(path.join(out, nameOf(0)), 'old');
    runLoop(['ok'], 5);
    expect(fs.readdirSync(out).sort()).toEqual(['.last-verified', nameOf(0), nameOf(1)]);
  });

  it('records the time of the last verified archive in .last-verified, and only after a verified archive', () => {
    const before = Math.floor(Date.now() / 1000);
    runLoop(['ok', 'fail'], 3);
    const recorded = Number(fs.readFileSync(MARKER(), 'utf8'));
    expect(recorded).toBeGreaterThanOrEqual(before);
    expect(recorded).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
    expect(mode(MARKER())).toBe(0o600);
    fs.rmSync(MARKER());
    fs.rmSync(path.join(dir, 'calls'));
    runLoop(['fail', 'full', 'empty'], 3);
    expect(fs.existsSync(MARKER())).toBe(false);
  });

  it('refuses bad arguments and an unwritable output directory', () => {
    const bad = (args: string[]) => spawnSync('sh', ['-c', backupLoopScript(), ME, ...args], { encoding: 'utf8' });
    expect(bad([out, '0', '1', '0', 'x'])).toMatchObject({ status: 2, stderr: `${ME}: KEEP must be at least 1\n` });
    expect(bad([out, '0', '1h', '3', 'x'])).toMatchObject({ status: 2, stderr: `${ME}: FIRST_DELAY_S, INTERVAL_S and KEEP must be non-negative integers, got '1h'\n` });
    expect(bad([path.join(dir, 'missing'), '0', '1', '3', 'x'])).toMatchObject({ status: 1, stderr: `${ME}: ${path.join(dir, 'missing')} is not a writable directory; no backups\n` });
  });
});

describe('backupFreshnessCheck (the backup container\'s liveness check, run with sh)', () => {
  const check = (maxAge: number) => {
    const [cmd, ...args] = backupFreshnessCheck(out, maxAge);
    return spawnSync(cmd, args, { encoding: 'utf8' });
  };
  const record = (secondsAgo: number) => fs.writeFileSync(MARKER(), `${Math.floor(Date.now() / 1000) - secondsAgo}\n`);

  it('passes while the last verified archive is younger than the limit', () => {
    record(100);
    expect(check(3600)).toMatchObject({ status: 0, stderr: '' });
  });

  it('fails, saying why, when it is older, missing or unreadable', () => {
    record(7200);
    const old = check(3600);
    expect(old.status).toBe(1);
    expect(old.stderr).toMatch(/^the last verified archive is 720\d s old \(limit 3600 s\)\n$/);
    fs.rmSync(MARKER());
    expect(check(3600)).toMatchObject({ status: 1, stderr: `no verified archive recorded in ${MARKER()}\n` });
    fs.writeFileSync(MARKER(), 'garbage');
    expect(check(3600)).toMatchObject({ status: 1, stderr: `no verified archive recorded in ${MARKER()}\n` });
  });

  it('the loop\'s record satisfies the check', () => {
    runLoop(['ok'], 3);
    expect(check(60).status).toBe(0);
  });
});
