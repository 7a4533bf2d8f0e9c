/**
 * The backup container's script: a verified OpenClaw archive shortly after start, then one every
 * interval, into the backups claim; the newest `keep` archives are kept.
 *
 * `sh -c SCRIPT openclaw-backup OUT_DIR FIRST_DELAY_S INTERVAL_S KEEP OPENCLAW...` where OPENCLAW
 * is the CLI's argv (`node dist/index.js` in the image). Static text: values arrive as arguments.
 *
 * Decisions:
 * - Each run writes into a fresh staging directory on the same claim
 *   (`OUT_DIR/.partial.XXXXXX`), with `openclaw backup create --verify --output STAGING`; only an
 *   archive that OpenClaw wrote and verified is moved into OUT_DIR. A half-written archive (full
 *   disk, killed pod) never counts as a backup and never pushes a good one out.
 * - A failed run says so on stderr with OpenClaw's exit code and deletes nothing: retention runs
 *   only after a success, and counts only archives in OUT_DIR.
 * - Archives and staging directories are private (umask 077, archives chmod 0600): they hold
 *   credentials. Only names, sizes and timings are logged, never archive content.
 * - The newest are chosen by modification time (`ls -t`), so the local-time offset in OpenClaw's
 *   file names does not matter.
 * - After a failure the next attempt comes sooner: in min(INTERVAL_S, 300) s (e.g. the gateway held
 *   its database at startup), so one bad moment does not cost a whole interval.
 * - TERM (pod shutdown) ends the sleep at once; a run in progress is left to finish or be killed.
 * - With backup.s3 (the S3 client's env, src/backup-s3.ts) each archive is uploaded to
 *   `$OPENCLAW_S3_PREFIX$POD_NAME/<archive>` and counts only once the server confirmed its SHA-256;
 *   then the bucket keeps the newest OPENCLAW_S3_KEEP. A failed upload is a failed backup (no
 *   .last-verified, the sooner retry), the archive stays on the claim.
 * - After each verified archive the time (epoch seconds) goes to OUT_DIR/.last-verified (written
 *   beside, then renamed). The container's liveness check (backupFreshnessCheck) reads it: nothing
 *   outside the pod can see a file's age, but kube-state-metrics sees the restart a failed check
 *   causes, so stale or failing backups become an alert without a metrics endpoint.
 */

const SCRIPT = `set -u
me=openclaw-backup
say() { printf '%s: %s\\n' "$me" "$*"; }
warn() { printf '%s: %s\\n' "$me" "$*" >&2; }
[ "$#" -ge 5 ] || { warn "usage: sh -c SCRIPT $me OUT_DIR FIRST_DELAY_S INTERVAL_S KEEP OPENCLAW..."; exit 2; }
out=$1; first=$2; interval=$3; keep=$4
shift 4
for n in "$first" "$interval" "$keep"; do
  case $n in ''|*[!0-9]*) warn "FIRST_DELAY_S, INTERVAL_S and KEEP must be non-negative integers, got '$n'"; exit 2 ;; esac
done
[ "$keep" -ge 1 ] || { warn "KEEP must be at least 1"; exit 2; }
[ "$interval" -ge 1 ] || { warn "INTERVAL_S must be at least 1"; exit 2; }
umask 077
sleeper=
stage=
trap 'say "stopping"; [ -z "$sleeper" ] || kill "$sleeper" 2>/dev/null; [ -z "$stage" ] || rm -rf -- "$stage"; exit 0' TERM INT HUP
pause() { sleep "$1" & sleeper=$!; wait "$sleeper" || :; sleeper=; }

prune() {
  # Newest first; everything after the first KEEP goes.
  ls -1t -- "$out" | grep -e '-openclaw-backup\\.tar\\.gz$' | tail -n +"$((keep + 1))" | while IFS= read -r old; do
    if rm -f -- "$out/$old"; then say "removed old archive $old (keeping the newest $keep)"; else warn "cannot remove old archive $old"; fi
  done
}

backup_once() {
  started=$(date +%s)
  stage=$(mktemp -d "$out/.partial.XXXXXX") || { warn "backup FAILED: cannot create a staging directory in $out (disk full or not writable); older archives kept"; return 1; }
  if "$@" backup create --verify --output "$stage"; then :; else
    rc=$?
    rm -rf -- "$stage"
    stage=
    warn "backup FAILED: openclaw backup create exited with $rc; older archives kept"
    return 1
  fi
  made=0
  for f in "$stage"/*-openclaw-backup.tar.gz; do
    [ -f "$f" ] || continue
    name=\${f##*/}
    chmod 600 "$f" && mv -- "$f" "$out/$name" || { rm -rf -- "$stage"; warn "backup FAILED: cannot move $name into $out; older archives kept"; return 1; }
    size=$(wc -c <"$out/$name" | tr -d ' ')
    say "archive $name verified: $size bytes in $(( $(date +%s) - started )) s"
    made=1
  done
  rm -rf -- "$stage"
  stage=
  if [ "$made" -eq 0 ]; then warn "backup FAILED: openclaw backup create wrote no archive; older archives kept"; return 1; fi
  if [ -n "\${OPENCLAW_S3_CLIENT:-}" ]; then
    if ! node -e "$OPENCLAW_S3_CLIENT" put "$out/$name" "$s3prefix$name"; then
      warn "upload FAILED: $name is kept on the claim; the next attempt makes and uploads a new archive"
      prune
      return 1
    fi
    node -e "$OPENCLAW_S3_CLIENT" prune "$s3prefix" "\${OPENCLAW_S3_KEEP:-$keep}" || warn "cannot remove old archives from the bucket (see above)"
  fi
  { date +%s >"$out/.last-verified.tmp" && mv -f -- "$out/.last-verified.tmp" "$out/.last-verified"; } ||
    warn "cannot record the archive's time in $out/.last-verified: the liveness check will restart this container"
  prune
}

[ -d "$out" ] && [ -w "$out" ] || { warn "$out is not a writable directory; no backups"; exit 1; }
rm -rf -- "$out"/.partial.* 2>/dev/null || :
say "first archive in $first s, then every $interval s into $out; keeping the newest $keep"
s3prefix=
if [ -n "\${OPENCLAW_S3_CLIENT:-}" ]; then
  s3prefix="\${OPENCLAW_S3_PREFIX:-}\${POD_NAME:?POD_NAME is not set}/"
  say "each archive is uploaded to s3://$OPENCLAW_S3_BUCKET/$s3prefix and verified by SHA-256; keeping the newest \${OPENCLAW_S3_KEEP:-$keep} there"
fi
pause "$first"
retry=$interval
[ "$retry" -le 300 ] || retry=300
while :; do
  if backup_once "$@"; then pause "$interval"; else say "next attempt in $retry s"; pause "$retry"; fi
done
`;

/** The script text: static, no user values inside it. */
export function backupLoopScript(): string {
  return SCRIPT;
}

export interface BackupSchedule {
  readonly outDir: string;
  /** Seconds from container start to the first archive. */
  readonly firstDelaySeconds: number;
  readonly intervalSeconds: number;
  readonly keep: number;
}

/** `['sh', '-c', SCRIPT, 'openclaw-backup', outDir, first, interval, keep, ...openclaw]` */
export function backupLoopCommand(s: BackupSchedule, openclaw: readonly string[]): string[] {
  return ['sh', '-c', SCRIPT, 'openclaw-backup', s.outDir, String(s.firstDelaySeconds), String(s.intervalSeconds), String(s.keep), ...openclaw];
}

/**
 * The backup container's liveness check: `sh -c CHECK openclaw-backup-check OUT_DIR MAX_AGE_S`
 * fails when OUT_DIR/.last-verified (written by the loop) is missing or older than MAX_AGE_S.
 */
const CHECK = `set -u
f=$1/.last-verified
t=
{ read -r t <"$f"; } 2>/dev/null || :
case $t in ''|*[!0-9]*) echo "no verified archive recorded in $f" >&2; exit 1 ;; esac
age=$(( $(date +%s) - t ))
[ "$age" -le "$2" ] || { echo "the last verified archive is $age s old (limit $2 s)" >&2; exit 1; }
`;

/** `['sh', '-c', CHECK, 'openclaw-backup-check', outDir, maxAgeSeconds]` */
export function backupFreshnessCheck(outDir: string, maxAgeSeconds: number): string[] {
  return ['sh', '-c', CHECK, 'openclaw-backup-check', outDir, String(maxAgeSeconds)];
}
