/**
 * The shell that both init scripts use to replace a file atomically: a temporary file beside the
 * target (same filesystem, so `mv` is a rename), removed on any exit or signal. Static text: the
 * target is `$target`, and a `die` function must be defined before it.
 */
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
