/**
 * Per-replica environment for the StatefulSet (fixes Helm chart defects 3 and 4).
 *
 * One ConfigMap holds one key per replica, `replica-<i>.env`, whose content is
 * `export NAME='value'` lines. The main container's command is wrapped so that pod <i>
 * sources only `<dir>/replica-<i>.env` (when present) and then execs the original command.
 */
import { ENV_NAME } from '../../core/patterns';
import { shellQuote } from './shell-quote';

/** The ConfigMap key (and file name) for replica `index`: `replica-0.env`. */
export function replicaEnvFileName(index: number): string {
  if (!Number.isSafeInteger(index) || index < 0) {
    throw new Error(`replica index must be a non-negative integer, got ${index}`);
  }
  return `replica-${index}.env`;
}

/** The file content: one `export NAME='value'` line per variable. Throws on a bad name. */
export function replicaEnvFile(env: Record<string, string>): string {
  return Object.entries(env)
    .map(([name, value]) => {
      if (!ENV_NAME.test(name)) {
        throw new Error(`invalid environment variable name ${JSON.stringify(name)}: must match [A-Za-z_][A-Za-z0-9_]*`);
      }
      return `export ${name}=${shellQuote(value)}\n`;
    })
    .join('');
}

/**
 * `['sh', '-c', WRAPPER, 'openclaw-replica-env', ...command]`. The wrapper refuses an unset or
 * non-numeric STATEFULSET_REPLICA_INDEX (no path traversal), sources the replica's file if it
 * exists (a replica without overrides has none) and execs `command` in its place.
 */
export function replicaWrapperCommand(envDir: string, command: string[]): string[] {
  if (command.length === 0) {
    throw new Error('replicaWrapperCommand needs the command to run');
  }
  const wrapper = [
    'set -eu',
    'i=${STATEFULSET_REPLICA_INDEX-}',
    'case $i in',
    "  ''|*[!0-9]*)",
    `    printf 'openclaw-replica-env: STATEFULSET_REPLICA_INDEX must be the pod ordinal (a non-negative integer), got "%s"\\n' "$i" >&2`,
    '    exit 1 ;;',
    'esac',
    `f=${shellQuote(envDir.replace(/\/+$/, '') + '/')}replica-$i.env`,
    'if [ -f "$f" ]; then . "$f"; fi',
    'exec "$@"',
  ].join('\n');
  return ['sh', '-c', wrapper, 'openclaw-replica-env', ...command];
}
