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

const SCRIPT = `set -u
${scriptPrelude('openclaw-migrate-config', ['CONFIG_FILE'])}
config=$1
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

/** The init container command: `['sh', '-c', configMigrationScript(), 'openclaw-migrate-config', configFilePath]`. */
export function configMigrationCommand(configFilePath: string): string[] {
  return ['sh', '-c', SCRIPT, 'openclaw-migrate-config', configFilePath];
}
