/**
 * Secret-looking values where plain text is written (env of the StatefulSet, the replica-env,
 * files and managed ConfigMaps), refused whatever their name, unless allowPlainSecretEnv: the
 * env var names check.ts knows (`*_API_KEY`, ...) miss `ANTHROPIC_KEY`, `DB_PASS` and tokens
 * nested in lists. The message names the path and the kind of credential, never the value.
 */
import { ProblemCollector } from '../errors';
import { OpenClawChartProps } from '../props';
import { SECRET_LOOKING_NAME, secretLookingValue } from '../secret-patterns';

const ADVICE = 'put it in a Secret (existingSecret, or valueFrom.secretKeyRef) (or set allowPlainSecretEnv: true)';

export function checkSecretLookingValues(props: OpenClawChartProps, p: ProblemCollector): void {
  if (props.allowPlainSecretEnv === true) return;
  const refuse = (at: string, kind: string, where: string) => {
    // Said once per path: a channel key named like a token is already refused by check.ts.
    if (!p.problems.some((known) => known.path === at)) p.add(at, `looks like ${kind} and would be visible in ${where}: ${ADVICE}`);
  };
  const env = (at: string, vars: Record<string, unknown> | undefined, where: string) => {
    for (const [name, value] of Object.entries(vars ?? {})) {
      // A secret-looking name is already refused by its name (check.ts).
      const kind = SECRET_LOOKING_NAME.test(name) ? undefined : secretLookingValue(value);
      if (kind) refuse(`${at}.${name}`, kind, where);
    }
  };
  env('env', props.env, 'the StatefulSet');
  for (const [index, override] of Object.entries(props.replicaOverrides ?? {})) env(`replicaOverrides.${index}.env`, override?.env, 'the replica-env ConfigMap');
  (props.extraEnv ?? []).forEach((e, i) => {
    const kind = e?.name && SECRET_LOOKING_NAME.test(e.name) ? undefined : secretLookingValue(e?.value);
    if (kind) refuse(`extraEnv[${i}].value`, kind, 'the StatefulSet');
  });
  for (const [key, text] of Object.entries(props.configMap?.data ?? {})) {
    // Files: only the well-known formats (certificates and hashes are normal in config files).
    const kind = secretLookingValue(text, false);
    if (kind) refuse(`configMap.data.${key}`, kind, 'the ConfigMap');
  }
  for (const [at, value] of stringsIn(props.gateway?.channels, 'gateway.channels')) {
    const kind = secretLookingValue(value);
    if (kind) refuse(at, kind, 'the gateway-config ConfigMap');
  }
}

/** Every string in a JSON value with its path, lists included. */
function stringsIn(value: unknown, at: string, depth = 0): Array<[string, string]> {
  if (typeof value === 'string') return [[at, value]];
  if (depth > 64 || value === null || typeof value !== 'object') return [];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringsIn(v, `${at}[${i}]`, depth + 1));
  return Object.entries(value).flatMap(([k, v]) => stringsIn(v, `${at}.${k}`, depth + 1));
}
