/**
 * The migrate-config init container: OpenClaw's own upgrade path, run before the gateway.
 *
 * A newer OpenClaw can refuse the config an older release wrote (measured: 2026.7.35's state under
 * 2026.9.6 fails `openclaw config validate` with `meta: Unrecognized key: "lastTouchedAt"` and the
 * retired `gateway.controlUi.allowInsecureAuth`; users report jumps that crash-loop until
 * `openclaw doctor --fix` runs). This script runs in the OpenClaw image with the gateway's env and
 * mounts, as the last init container:
 *
 * 1. No config yet, a config last written by this very release (`meta.lastTouchedVersion` equals
 *    the image's package version), or one this script already validated for this release (the
 *    release in `.openclaw-cdk8s-validated-release` beside it, which backups carry along): nothing
 *    to migrate, exit 0 at once, without starting OpenClaw. So only the first start of a release
 *    pays for a validate (2 to 5 s).
 * 2. Otherwise `openclaw config validate`; valid: the release is recorded, exit 0.
 * 3. Invalid: `openclaw doctor --fix --non-interactive` (OpenClaw's "safe migrations only"; it
 *    keeps the previous file as openclaw.json.bak), then validate again; valid: recorded, exit 0.
 * 4. Still invalid: the gateway is not started. The script exits 1 with a message that names both
 *    releases and what to do, also written to the termination log (`kubectl describe pod`); the
 *    validate output (key paths and OpenClaw's reasons) is in this container's log.
 *
 * An image without OpenClaw's CLI in its working directory (`dist/index.js`, `package.json`) is not
 * blocked: one line on stderr, exit 0. OpenClaw's commands are bounded by `timeout` where the image
 * has it, so a hung migration cannot hold the pod forever. The script text is static; the config
 * path is a positional argument.
 */

import { scriptPrelude } from './shell-fragments';

/** The init container's name: the summary's `kubectl logs -c` points at it. */
export const MIGRATE_CONFIG_CONTAINER = 'migrate-config';

/** Upper bound for one OpenClaw command (doctor took 17 s on an idle 2-core machine, 181 s under load). */
export const MIGRATION_COMMAND_TIMEOUT_SECONDS = 900;

/** Pre-upgrade archives kept on the claim: one per release change, the newest few. */
export const PRE_UPGRADE_KEEP = 3;

/**
 * Prints the newest of the releases given (OpenClaw's calendar versions, `YYYY.M.D[-beta.N]`,
 * compared field by field; a prerelease below its release); ignores what is not a version.
 */
const NEWEST_RELEASE_JS = [
  'const v = (s) => { const m = /^(\\d+)\\.(\\d+)\\.(\\d+)(?:-beta\\.(\\d+))?$/.exec(s); return m && [+m[1], +m[2], +m[3], m[4] === undefined ? Infinity : +m[4]]; };',
  'const cmp = (a, b) => { for (let i = 0; i < 4; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1; return 0; };',
  'const all = process.argv.slice(1).filter((s) => v(s)).sort((a, b) => cmp(v(b), v(a)));',
  'process.stdout.write(all[0] || "");',
].join(' ');

const SCRIPT = `set -u
${scriptPrelude('openclaw-migrate-config', ['CONFIG_FILE', 'PRE_UPGRADE_DIR', 'ALLOW_DOWNGRADE'])}
config=$1; pre_upgrade=$2; allow_downgrade=$3
if [ ! -s "$config" ]; then
  say "no config at $config yet; nothing to migrate"
  exit 0
fi
# An image laid out differently (a custom command) is not blocked: the gateway reports its own config problems.
if [ ! -f dist/index.js ] || ! running=$(node -p 'require("./package.json").version' 2>/dev/null) || [ -z "$running" ]; then
  warn "no OpenClaw CLI (dist/index.js and package.json) in $(pwd) of this image; the config was not checked"
  exit 0
fi
marker=$(dirname -- "$config")/.openclaw-cdk8s-validated-release
if [ -f "$marker" ] && [ "$(cat -- "$marker" 2>/dev/null)" = "$running" ]; then
  say "$config was already validated for OpenClaw $running; nothing to migrate"
  exit 0
fi
touched=$(node -e 'try { const c = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); process.stdout.write(String((c && c.meta && c.meta.lastTouchedVersion) || "")); } catch (e) {}' "$config" 2>/dev/null) || touched=
if [ "$touched" = "$running" ]; then
  say "$config was last written by OpenClaw $running, this image's release; nothing to migrate"
  exit 0
fi
if [ -n "$touched" ]; then from="OpenClaw $touched"; else from="an unknown OpenClaw release"; fi
bounded() {
  if command -v timeout >/dev/null 2>&1; then timeout ${MIGRATION_COMMAND_TIMEOUT_SECONDS} "$@"; else "$@"; fi
}
refuse() {
  { printf '%s: %s\\n' "$me" "$1" >/dev/termination-log; } 2>/dev/null || true
  die "$1"
}
# The newest release known to have written the state: meta.lastTouchedVersion, or the release this
# script last validated it for. A downgrade is a start below it.
validated=$(cat -- "$marker" 2>/dev/null) || validated=
newest=$(node -e '${NEWEST_RELEASE_JS}' "$touched" "$validated" "$running" 2>/dev/null) || newest=
if [ -n "$newest" ] && [ "$newest" != "$running" ]; then
  if [ "$allow_downgrade" != true ]; then
    refuse "the state on the data volume ($config) was written by OpenClaw $newest, newer than this image's $running; an older release may not read it, so the gateway was not started. To roll back, restore the archive taken before the upgrade and keep image.tag at the old release (docs/day-two.md, 'Undoing an upgrade'), or set image.tag back to $newest. To start anyway, set upgrade.allowDowngrade: true."
  fi
  warn "starting OpenClaw $running on state written by OpenClaw $newest: allowed by upgrade.allowDowngrade"
fi
# Before anything touches the state of another release: an archive of it, also off-site with backup.s3.
# A plain tar, not openclaw backup create: the new release's CLI refuses state whose database it
# has not migrated yet (measured: 2026.9.6 on 2026.7.35's state, "schema migration required").
# No gateway runs while init containers do, so the files are at rest.
if [ -n "$pre_upgrade" ] && [ -n "$touched$validated" ]; then
  old=\${touched:-$validated}
  data=$(dirname -- "$(dirname -- "$config")")
  name=$(date -u +%Y-%m-%dT%H-%M-%SZ)-openclaw-$old-pre-upgrade.tar.gz
  say "release change ($from -> $running): archiving the state into $pre_upgrade/$name first"
  mkdir -p -- "$pre_upgrade" && chmod 700 "$pre_upgrade" || refuse "cannot create $pre_upgrade for the pre-upgrade archive; the gateway was not started. Free the claim, or set upgrade.backupFirst: false to upgrade without one."
  part=$pre_upgrade/.partial.$name
  # The archive holds credentials: private from its first byte.
  if ! (umask 077 && cd "$data" && tar -czf "$part" .openclaw $( [ -d .config/openclaw ] && echo .config/openclaw )) ||
     ! gzip -t "$part" || ! tar -tzf "$part" | grep -qx '.openclaw/openclaw.json'; then
    rm -f -- "$part"
    refuse "cannot archive the state of $from into $pre_upgrade before the upgrade to $running (disk full?); the state was not touched and the gateway was not started. Free the claim, or set upgrade.backupFirst: false to upgrade without an archive."
  fi
  mv -- "$part" "$pre_upgrade/$name" || refuse "cannot move the pre-upgrade archive into $pre_upgrade"
  say "pre-upgrade archive $pre_upgrade/$name verified: $(wc -c <"$pre_upgrade/$name" | tr -d ' ') bytes (state of $from)"
  if [ -n "\${OPENCLAW_S3_CLIENT:-}" ]; then
    node -e "$OPENCLAW_S3_CLIENT" put "$pre_upgrade/$name" "\${OPENCLAW_S3_PREFIX:-}\${POD_NAME}/pre-upgrade/$name" ||
      refuse "cannot upload the pre-upgrade archive to s3://$OPENCLAW_S3_BUCKET (see above); it is on the claim at $pre_upgrade/$name. The gateway was not started: fix the bucket, or set upgrade.backupFirst: false."
  fi
  ls -1t -- "$pre_upgrade" | grep -e '-pre-upgrade\.tar\.gz$' | tail -n +${PRE_UPGRADE_KEEP + 1} | while IFS= read -r gone; do
    rm -f -- "$pre_upgrade/$gone" && say "removed old pre-upgrade archive $gone (keeping the newest ${PRE_UPGRADE_KEEP})"
  done
fi
validate() {
  bounded node dist/index.js config validate
}
record() {
  printf '%s\\n' "$running" >"$marker" 2>/dev/null || warn "cannot write $marker; the next start validates again"
}
say "$config was last written by $from; this image is $running: openclaw config validate"
if validate; then
  say "the config is valid for OpenClaw $running"
  record
  exit 0
fi
say "the config is not valid for OpenClaw $running: openclaw doctor --fix --non-interactive (the previous file is kept as $config.bak)"
if ! bounded node dist/index.js doctor --fix --non-interactive; then
  warn "openclaw doctor --fix --non-interactive failed"
fi
if validate; then
  say "migrated: the config written by $from is valid for OpenClaw $running"
  record
  exit 0
fi
msg="the config on the data volume ($config, last written by $from) does not validate on OpenClaw $running, even after openclaw doctor --fix --non-interactive; the gateway was not started. This container's log has the keys OpenClaw refuses. Fix them (kubectl debug, or a pod on the claim), restore a backup, or set image.tag back to the release that wrote the state."
printf '%s: %s\\n' "$me" "$msg" >/dev/termination-log 2>/dev/null || true
die "$msg"
`;

/** The script text: static, no user values inside it. `$1` = openclaw.json. */
export function configMigrationScript(): string {
  return SCRIPT;
}

export interface MigrationOptions {
  /** Where the pre-upgrade archive goes; '' for none (`upgrade.backupFirst` off, or nowhere persistent). */
  readonly preUpgradeDir: string;
  /** `upgrade.allowDowngrade` */
  readonly allowDowngrade: boolean;
}

/** The init container command: `['sh', '-c', SCRIPT, 'openclaw-migrate-config', configFilePath, preUpgradeDir, allowDowngrade]`. */
export function configMigrationCommand(configFilePath: string, o: MigrationOptions): string[] {
  return ['sh', '-c', SCRIPT, 'openclaw-migrate-config', configFilePath, o.preUpgradeDir, String(o.allowDowngrade)];
}
