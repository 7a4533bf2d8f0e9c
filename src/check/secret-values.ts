/**
 * Secret-looking values where plain text is written (env of the StatefulSet, the replica-env,
 * files and managed ConfigMaps), refused whatever their name, unless allowPlainSecretEnv: the
 * env var names check.ts knows (`*_API_KEY`, ...) miss `ANTHROPIC_KEY`, `DB_PASS` and tokens
 * nested in lists. Probable credentials (a password in a URL, a Basic or Bearer value, names
 * such as `DB_PASS`) are warnings. The message names the path and the kind, never the value.
 */
import { ProblemCollector } from '../core/errors';
import { OpenClawChartProps } from '../props';
import { PASSWORD_LIKE_NAME, SECRET_LOOKING_NAME, credentialInValue, secretLookingValue } from '../core/secret-patterns';

const ADVICE = 'put it in a Secret (existingSecret, or valueFrom.secretKeyRef) (or set allowPlainSecretEnv: true)';
const PROBABLE_ADVICE = 'put it in a Secret (existingSecret, or valueFrom.secretKeyRef)';

export function checkSecretLookingValues(props: OpenClawChartProps, p: ProblemCollector): void {
  if (props.allowPlainSecretEnv === true) return;
  const refuse = (at: string, kind: string, where: string) => {
    // Said once per path: a channel key named like a token is already refused by check.ts.
    if (!p.problems.some((known) => known.path === at)) p.add(at, `looks like ${kind} and would be visible in ${where}: ${ADVICE}`);
  };
  // Probable credentials (a URL's password, a Basic value, DB_PASS) warn, since the name rules
  // also match BYPASS_PROXY: rendered, an error with --strict; the value is never shown.
  const probable = (at: string, name: string | undefined, value: unknown, where: string) => {
    if (typeof value !== 'string' || !value || p.problems.some((known) => known.path === at)) return;
    const kind = credentialInValue(value) ?? (name !== undefined && PASSWORD_LIKE_NAME.test(name) ? 'a password or key (by its name)' : undefined);
    if (kind) p.warn(at, `probably holds ${kind} and would be visible in ${where}: ${PROBABLE_ADVICE}`);
  };
  const env = (at: string, vars: Record<string, unknown> | undefined, where: string) => {
    for (const [name, value] of Object.entries(vars ?? {})) {
      // A secret-looking name is already refused by its name (check.ts).
      const kind = SECRET_LOOKING_NAME.test(name) ? undefined : secretLookingValue(value);
      if (kind) refuse(`${at}.${name}`, kind, where);
      else probable(`${at}.${name}`, name, value, where);
    }
  };
  env('env', props.env, 'the StatefulSet');
  for (const [index, override] of Object.entries(props.replicaOverrides ?? {})) env(`replicaOverrides.${index}.env`, override?.env, 'the replica-env ConfigMap');
  (props.extraEnv ?? []).forEach((e, i) => {
    const kind = e?.name && SECRET_LOOKING_NAME.test(e.name) ? undefined : secretLookingValue(e?.value);
    if (kind) refuse(`extraEnv[${i}].value`, kind, 'the StatefulSet');
    else probable(`extraEnv[${i}].value`, e?.name, e?.value, 'the StatefulSet');
  });
  for (const [key, text] of Object.entries(props.configMap?.data ?? {})) {
    // Files: only the well-known formats (certificates and hashes are normal in config files).
    const kind = secretLookingValue(text, false);
    if (kind) refuse(`configMap.data.${key}`, kind, 'the ConfigMap');
    else probable(`configMap.data.${key}`, undefined, text, 'the ConfigMap');
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
