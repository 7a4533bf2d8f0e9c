/**
 * Env vars, Secrets, ConfigMap keys, the gateway token and channel config: names, and no secret in plain sight.
 */
import { ProblemCollector } from '../core/errors';
import { ENV_NAME, SECRET_LOOKING_NAME, isDnsSubdomain } from '../core/patterns';
import { configMapKeyProblem } from './kubernetes-rules';
import { CHART_ENV } from '../core/pod-layout';
import { OpenClawChartProps } from '../props';
import { BasicSettings } from '../props/settings';

const CHANNEL_SECRET_KEY = /token|secret|password|apikey|api_key/i;

export function checkEnv(props: OpenClawChartProps, s: BasicSettings, p: ProblemCollector): void {
  const env = props.env ?? {};
  checkPlainEnv('env', env, props, p);
  const port = String(s.port);
  if (env.PORT !== undefined && env.PORT !== port) {
    p.add('env.PORT', `must equal the gateway port ${port}: OpenClaw does not read PORT; set service.port to change the port`, env.PORT);
  }
  const seen = new Map<string, string>();
  const claim = (name: string, path: string) => {
    const first = seen.get(name);
    if (first) p.add(path, `duplicate env var name "${name}" (already set by ${first})`, name);
    else seen.set(name, path);
  };
  for (const name of CHART_ENV) seen.set(name, 'the chart');
  // Chart-owned names in env are already reported by checkPlainEnv.
  for (const name of Object.keys(s.env)) if (!CHART_ENV.includes(name)) claim(name, `env.${name}`);
  const existing = props.existingSecret ?? {};
  const keys = existing.keys ?? {};
  if (Object.keys(keys).length && !existing.name) p.add('existingSecret.name', 'is required when existingSecret.keys is set');
  if (existing.name && !isDnsSubdomain(existing.name)) p.add('existingSecret.name', 'must be a Secret name (DNS subdomain)', existing.name);
  for (const [name, key] of Object.entries(keys)) {
    if (!ENV_NAME.test(name)) p.add(`existingSecret.keys.${name}`, 'the env var name must match [A-Za-z_][A-Za-z0-9_]*', name);
    const keyProblem = configMapKeyProblem(key);
    if (keyProblem) p.add(`existingSecret.keys.${name}`, `must be a Secret key: it ${keyProblem}`, key);
    claim(name, `existingSecret.keys.${name}`);
  }
  (props.extraEnv ?? []).forEach((e, i) => {
    const path = `extraEnv[${i}]`;
    if (!e.name || !ENV_NAME.test(e.name)) p.add(`${path}.name`, 'must be an env var name ([A-Za-z_][A-Za-z0-9_]*)', e.name);
    else claim(e.name, `${path}.name`);
    if ((e.value !== undefined) === (e.valueFrom !== undefined)) p.add(path, 'needs exactly one of value or valueFrom', e.value === undefined ? e : { ...e, value: '<redacted>' });
    if (e.value !== undefined && e.name && SECRET_LOOKING_NAME.test(e.name) && !props.allowPlainSecretEnv) {
      p.add(`${path}.value`, `"${e.name}" looks like a secret: use valueFrom.secretKeyRef or existingSecret (or set allowPlainSecretEnv: true)`, '<redacted>');
    }
  });
  for (const [name, value] of Object.entries(props.secret?.data ?? {})) {
    if (!ENV_NAME.test(name)) p.add(`secret.data.${name}`, 'the key becomes an env var name and must match [A-Za-z_][A-Za-z0-9_]*', name);
    if (typeof value !== 'string') p.add(`secret.data.${name}`, 'must be a plain string (it is base64-encoded once by the chart)', '<redacted>');
  }
  const token = props.gateway?.tokenSecret;
  if (token?.name !== undefined && !isDnsSubdomain(token.name)) p.add('gateway.tokenSecret.name', 'must be a Secret name (DNS subdomain)', token.name);
  const tokenKeyProblem = token?.key !== undefined ? configMapKeyProblem(token.key) : undefined;
  if (tokenKeyProblem) p.add('gateway.tokenSecret.key', `must be a Secret key: it ${tokenKeyProblem}`, token!.key);
  const model = props.agentModel;
  if (model !== undefined && !/^[^/\s]+\/\S+$/.test(model)) p.add('agentModel', 'must be "provider/model", e.g. anthropic/claude-sonnet-4-6', model);
  for (const [name, channel] of Object.entries(props.gateway?.channels ?? {})) {
    for (const key of secretKeysIn(channel)) {
      p.add(`gateway.channels.${name}.${key}`, 'channel credentials must come from a Secret (e.g. TELEGRAM_BOT_TOKEN in existingSecret), never from the chart config', '<redacted>');
    }
  }
}

/** Plain env values: valid names, and nothing that looks like a credential unless allowed. */
export function checkPlainEnv(path: string, env: Record<string, string | undefined>, props: OpenClawChartProps, p: ProblemCollector): void {
  for (const [name, value] of Object.entries(env)) {
    if (!ENV_NAME.test(name)) p.add(`${path}.${name}`, 'the env var name must match [A-Za-z_][A-Za-z0-9_]*', name);
    else if (CHART_ENV.includes(name)) p.add(`${path}.${name}`, 'is set by the chart and cannot be overridden (the gateway port comes from service.port)', name);
    if (value !== undefined && typeof value !== 'string') p.add(`${path}.${name}`, 'must be a string (quote numbers and booleans)', value);
    else if (typeof value === 'string' && value.includes('\0')) p.add(`${path}.${name}`, 'must not contain a NUL character');
    if (SECRET_LOOKING_NAME.test(name) && !props.allowPlainSecretEnv) {
      p.add(`${path}.${name}`, 'looks like a secret and would be visible in the StatefulSet: put it in existingSecret (or set allowPlainSecretEnv: true)', '<redacted>');
    }
  }
}

function secretKeysIn(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => secretKeysIn(v, `${prefix}[${i}]`));
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => {
    const path = prefix ? `${prefix}.${k}` : k;
    return typeof v === 'string' && CHANNEL_SECRET_KEY.test(k) ? [path] : secretKeysIn(v, path);
  });
}
