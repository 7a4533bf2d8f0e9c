/**
 * The summary's `kubectl create secret` hint: every key the rendered pods require from the Secret,
 * so a Secret made exactly as printed lets them start.
 */

/**
 * Every key the pods cannot start without from Secret `name`: the non-optional `secretKeyRef`s of
 * the model's env, in the order first referenced, each with the env var that reads it. The model's
 * env is the only env of the pod that reads Secrets (the gateway and migrate-config get it; the
 * backup and browser containers read none): test/notes/secret-hint.test.ts holds this to every
 * container of the rendered StatefulSet.
 */
export function requiredSecretKeys(env: readonly object[], name: string): Array<{ readonly key: string; readonly env: string }> {
  const found = new Map<string, string>();
  for (const e of env as ReadonlyArray<{ name: string; valueFrom?: any }>) {
    const ref = e.valueFrom?.secretKeyRef;
    if (ref?.name === name && ref.optional !== true && !found.has(ref.key)) found.set(ref.key, e.name);
  }
  return [...found].map(([key, env]) => ({ key, env }));
}

/**
 * `kubectl create secret` with every required key: the gateway's token key gets a random value,
 * each other key the value of the env var of the same name in your shell (`"$ANTHROPIC_API_KEY"`),
 * so the command runs as printed and no secret is typed into the shell history.
 */
export function createSecretCommand(name: string, ns: string, tokenKey: string, required: ReadonlyArray<{ key: string; env: string }>): string[] {
  const keys = required.some((r) => r.key === tokenKey) ? required : [...required, { key: tokenKey, env: '' }];
  const shellVar = (env: string) => `"$${/^[0-9]/.test(env) ? '_' : ''}${env.replace(/[^A-Za-z0-9_]/g, '_')}"`;
  const literals = keys.map((r) => `--from-literal=${r.key}=${r.key === tokenKey ? '"$(openssl rand -hex 32)"' : shellVar(r.env)}`);
  const head = `Create: kubectl create secret generic ${name} -n ${ns}`;
  if (literals.length === 1) return [`${head} ${literals[0]}`];
  return [`${head} \\`, ...literals.map((l, i) => `          ${l}${i < literals.length - 1 ? ' \\' : ''}`),
    ...(keys.some((r) => r.key !== tokenKey) ? ['        (set each "$NAME" in your shell first, or type the value in its place)'] : [])];
}
