/**
 * The restore-state init container's script (`backup.restoreFrom`): puts an archive from the bucket
 * in place as the state directory before anything else reads or writes it.
 *
 * `sh -c SCRIPT openclaw-restore-state DATA_DIR SOURCE OVERWRITE`: SOURCE is `latest` (the newest
 * archive under `$OPENCLAW_S3_PREFIX$POD_NAME/`) or `key:<object key>`; OVERWRITE `true`/`false`.
 * Runs in the OpenClaw image (cwd /app) with the S3 client's env (src/backup-s3.ts).
 *
 * Decisions:
 * - Done once per source: the source is recorded in DATA_DIR/.openclaw-cdk8s-restored, and a
 *   restart with the same source exits at once, so a restored (and since changed) state is never
 *   restored over, nor refused, at the next restart. Another source restores again.
 * - A state directory with anything in it is refused (exit 1, the reason in the log and the
 *   termination message) unless OVERWRITE is true; then it is moved to
 *   `.openclaw.before-restore.<epoch>` on the same claim, never deleted.
 * - The archive is downloaded into DATA_DIR/.restore-state (the claim, not the pod's memory or
 *   /tmp), its SHA-256 checked against the server's, then `openclaw backup verify`, then
 *   `openclaw backup restore --target` (OpenClaw restores only into an empty directory); only a
 *   restored tree that holds openclaw.json replaces the state directory.
 */
import { scriptPrelude } from './shell-fragments';

const SCRIPT = `set -u
${scriptPrelude('openclaw-restore-state', ['DATA_DIR', 'SOURCE', 'OVERWRITE'])}
data=$1; source=$2; overwrite=$3
state=$data/.openclaw
done_marker=$data/.openclaw-cdk8s-restored
stage=$data/.restore-state
refuse() {
  { printf '%s: %s\\n' "$me" "$1" >/dev/termination-log; } 2>/dev/null || true
  rm -rf -- "$stage"
  die "$1"
}
if [ -f "$done_marker" ] && [ "$(cat -- "$done_marker" 2>/dev/null)" = "$source" ]; then
  say "already restored from $source (recorded in $done_marker); nothing to do"
  exit 0
fi
if [ -d "$state" ] && [ -n "$(ls -A -- "$state" 2>/dev/null)" ]; then
  if [ "$overwrite" != true ]; then
    refuse "$state already holds state; refusing to restore $source over it. To replace it, set backup.restoreFrom.overwrite: true (the current state is moved to $state.before-restore.<time>); to keep it, remove backup.restoreFrom."
  fi
  say "$state holds state and backup.restoreFrom.overwrite is true: it will be moved aside"
fi
[ -n "\${OPENCLAW_S3_CLIENT:-}" ] || die "OPENCLAW_S3_CLIENT is not set"
prefix="\${OPENCLAW_S3_PREFIX:-}\${POD_NAME:?POD_NAME is not set}/"
s3() { node -e "$OPENCLAW_S3_CLIENT" "$@"; }
case $source in
  latest) key=$(s3 latest "$prefix") || refuse "no archive to restore: listing s3://$OPENCLAW_S3_BUCKET/$prefix found none or failed (see above)" ;;
  key:?*) key=\${source#key:} ;;
  *) die "SOURCE must be latest or key:<object key>, got '$source'" ;;
esac
rm -rf -- "$stage"
mkdir -p -- "$stage" && chmod 700 "$stage" || die "cannot create $stage"
archive=$stage/archive.tar.gz
s3 get "$key" "$archive" || refuse "cannot download s3://$OPENCLAW_S3_BUCKET/$key (see above); the state was not touched"
node dist/index.js backup verify "$archive" || refuse "openclaw backup verify refused s3://$OPENCLAW_S3_BUCKET/$key; the state was not touched"
node dist/index.js backup restore "$archive" --target "$stage/out" || refuse "openclaw backup restore failed for s3://$OPENCLAW_S3_BUCKET/$key; the state was not touched"
restored=
for d in "$stage"/out/*/payload/posix/home/node/.openclaw; do [ -f "$d/openclaw.json" ] && restored=$d; done
[ -n "$restored" ] || refuse "s3://$OPENCLAW_S3_BUCKET/$key holds no state directory with openclaw.json; the state was not touched"
if [ -d "$state" ] && [ -n "$(ls -A -- "$state" 2>/dev/null)" ]; then
  aside=$state.before-restore.$(date +%s)
  mv -- "$state" "$aside" || die "cannot move $state aside"
  say "moved the previous state to $aside"
else
  rm -rf -- "$state"
fi
mv -- "$restored" "$state" || die "cannot move the restored state into $state"
rm -rf -- "$stage"
printf '%s\\n' "$source" >"$done_marker" || warn "cannot write $done_marker: the next start would restore again"
say "restored s3://$OPENCLAW_S3_BUCKET/$key into $state"
`;

export function restoreStateScript(): string {
  return SCRIPT;
}

/** `['sh', '-c', SCRIPT, 'openclaw-restore-state', dataDir, source, overwrite]` */
export function restoreStateCommand(dataDir: string, source: string, overwrite: boolean): string[] {
  return ['sh', '-c', SCRIPT, 'openclaw-restore-state', dataDir, source, String(overwrite)];
}
