/**
 * The prepare-state init container's script. It runs in the OpenClaw image as the pod's user:
 * the kubelet creates missing subPath directories as root (mode 0755), which OpenClaw's user could
 * not write, so the state directories are made here first. Static text: paths arrive as arguments.
 */
const SCRIPT = [
  'set -eu',
  'data="$1"',
  'mkdir -p "$data/.openclaw" "$data/.config/openclaw"',
  // The auth-profile key lives here: keep it private to the user.
  'chmod 700 "$data/.config/openclaw"',
  'if [ "$#" -ge 3 ]; then',
  // A writable copy of the image's global node_modules (npm included), so plugin installs work.
  '  if [ -d "$2" ]; then cp -R "$2/." "$3/"; fi',
  'fi',
  'echo "openclaw-prepare-state: state directories ready in $data"',
].join('\n');

export function prepareStateScript(): string {
  return SCRIPT;
}

/** `sh -c SCRIPT openclaw-prepare-state <dataDir> [<seedFrom> <seedTo>]` */
export function prepareStateCommand(dataDir: string, seed?: { from: string; to: string }): string[] {
  return ['sh', '-c', SCRIPT, 'openclaw-prepare-state', dataDir, ...(seed ? [seed.from, seed.to] : [])];
}
