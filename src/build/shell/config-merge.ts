/**
 * The config-merge init container (fixes Helm chart defects 8, 9 and 10).
 *
 * The chart's managed openclaw.json settings live in a ConfigMap mounted read-only; this script
 * deep-merges them into OpenClaw's config file on the data volume (`existing * managed` in jq:
 * the user's and OpenClaw's keys are kept, the chart's keys win, arrays are replaced, a managed
 * `false` is written as `false`). The script text is static; the paths are positional arguments.
 *
 * Decisions:
 * - A file jq cannot parse (OpenClaw's JSON5 with comments or trailing commas, a truncated file)
 *   or that is not a single JSON object is left byte-for-byte untouched: one line on stderr, exit 0.
 * - A 0-byte file holds nothing to preserve (an interrupted write or a bare `touch`, which OpenClaw
 *   cannot parse either): it is treated as missing and written with the managed settings.
 * - "Unchanged" means `existing * managed == existing` (compared as JSON values by jq), so an
 *   already-configured file is never rewritten, whatever its formatting.
 * - The result is written to a temporary file in the target's directory, then renamed over the
 *   target. A rewritten file keeps the existing file's mode and owner where possible; a new file
 *   is 0600 (mktemp's mode), since the config may hold secrets.
 * - jq is looked up on PATH, then at /jq (where the old `imega/jq` image has it).
 */

import { atomicReplacePreamble, findJq, scriptPrelude } from './shell-fragments';

const SCRIPT = `set -eu
${scriptPrelude('openclaw-config-merge', ['MANAGED_JSON', 'CONFIG_FILE'])}
managed=$1
target=$2
${findJq('cannot apply the managed settings to $target')}
fi
"$jq" -e -n --slurpfile m "$managed" '$m | length == 1 and (.[0] | type) == "object"' >/dev/null 2>&1 ||
  die "managed settings $managed are missing, unreadable or not one JSON object; $target not changed"
if [ -e "$target" ] && [ ! -f "$target" ]; then die "$target exists but is not a regular file"; fi

if [ -s "$target" ]; then
  [ -r "$target" ] || die "cannot read $target; managed settings not applied"
  if ! "$jq" -n --slurpfile e "$target" empty 2>/dev/null; then
    warn "$target is not plain JSON (JSON5 comments, trailing commas, or truncated); left untouched, managed settings not applied"
    exit 0
  fi
  if ! "$jq" -e -n --slurpfile e "$target" '$e | length == 1 and (.[0] | type) == "object"' >/dev/null 2>&1; then
    warn "$target is not a single JSON object; left untouched, managed settings not applied"
    exit 0
  fi
  if "$jq" -e -n --slurpfile e "$target" --slurpfile m "$managed" '$e[0] == $e[0] * $m[0]' >/dev/null; then
    say "$target already has the managed settings; unchanged"
    exit 0
  fi
  action=merged
elif [ -e "$target" ]; then
  action=created-from-empty # a 0-byte file has nothing to keep: treat it as missing
else
  action=created
fi

${atomicReplacePreamble('.openclaw-config-merge', '$target not written')}
if [ "$action" = merged ]; then
  "$jq" -n --slurpfile e "$target" --slurpfile m "$managed" '$e[0] * $m[0]' >"$tmp" || die "cannot write $tmp; $target not changed"
else
  "$jq" -n --slurpfile m "$managed" '$m[0]' >"$tmp" || die "cannot write $tmp; $target not written"
fi
if [ -e "$target" ]; then # keep the existing file's owner and mode where we can
  chown "$(stat -c %u:%g -- "$target")" "$tmp" 2>/dev/null || :
  chmod "$(stat -c %a -- "$target")" "$tmp" 2>/dev/null || :
fi
mv -f -- "$tmp" "$target" || die "cannot replace $target"
tmp=
case $action in
  merged) say "merged the managed settings into $target" ;;
  created) say "created $target with the managed settings" ;;
  *) say "$target was empty; wrote the managed settings" ;;
esac
`;

/** The script text: static, no user values inside it. `$1` = managed JSON, `$2` = openclaw.json. */
export function configMergeScript(): string {
  return SCRIPT;
}

/** The container command: `['sh', '-c', configMergeScript(), 'openclaw-config-merge', managedJsonPath, configFilePath]`. */
export function configMergeCommand(managedJsonPath: string, configFilePath: string): string[] {
  return ['sh', '-c', configMergeScript(), 'openclaw-config-merge', managedJsonPath, configFilePath];
}
