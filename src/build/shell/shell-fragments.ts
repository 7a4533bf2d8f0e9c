/**
 * The shell the init scripts share, one owner each: their logging helpers and argument check, the
 * jq lookup (the default init image has it at /jq), and the atomic replacement of `$target` (a
 * temporary file beside it, so `mv` is a rename, removed on any exit or signal). Static text only.
 */

/** `say`, `warn` and `die` prefixed with the script's name, and the argument count check. */
export function scriptPrelude(name: string, args: readonly string[]): string {
  return `me=${name}
say() { printf '%s: %s\\n' "$me" "$*"; }
warn() { printf '%s: %s\\n' "$me" "$*" >&2; }
die() { warn "$*"; exit 1; }
[ "$#" -eq ${args.length} ] || die "usage: sh -c SCRIPT $me ${args.join(' ')}"`;
}

/** Sets `jq` to the jq on PATH or /jq, or dies saying what could not be done to `$target`. */
export function findJq(whatFails: string): string {
  return `if command -v jq >/dev/null 2>&1; then jq=jq
elif [ -x /jq ]; then jq=/jq
else die "jq not found on PATH or at /jq; ${whatFails}"`;
}

/** The temporary file for replacing `$target` atomically; needs `die`. */
export function atomicReplacePreamble(tempPrefix: string, notWritten: string): string {
  return `dir=$(dirname -- "$target")
mkdir -p -- "$dir" || die "cannot create directory $dir for $target"
tmp=
trap '[ -z "$tmp" ] || rm -f -- "$tmp"' EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM
tmp=$(mktemp "$dir/${tempPrefix}.XXXXXX") || die "cannot create a temporary file in $dir; ${notWritten}"`;
}
