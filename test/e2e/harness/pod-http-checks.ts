/** Checks made against the running gateway: `openclaw config validate` in the pod and token enforcement over HTTP. */
import { Prober } from './pod-prober';
import { ContainerPlan, execInPod } from './pod-sandbox';
import type { AuthCheckResult, HttpOutcome, ValidateResult } from './pod-types';

export function classifyValidate(exitCode: number | null, output: string): ValidateResult {
  if (exitCode === 0 && /Config valid/i.test(output)) return { status: 'valid', exitCode, output };
  if (/Config file not found/i.test(output)) return { status: 'missing', exitCode, output };
  if (exitCode === 1 && /invalid|Unrecognized|×/i.test(output)) return { status: 'invalid', exitCode, output };
  return { status: 'error', exitCode, output };
}

/** Runs `plan.argv` inside the running pod (mount + network namespace) and classifies it as a validate run. */
export async function runInPod(nsPid: number, plan: ContainerPlan, timeoutMs: number): Promise<ValidateResult> {
  const { code, out } = await execInPod(nsPid, plan, plan.argv, timeoutMs);
  return classifyValidate(code, out);
}

/**
 * Token enforcement on `POST /tools/invoke`, an authenticated endpoint every gateway serves: with the
 * token the request passes authentication and reaches the tool layer (404 `Tool not available` for
 * a tool name that does not exist), without a token or with a wrong one it is refused with 401.
 */
export async function authCheck(prober: Prober, port: number, token: string | undefined): Promise<AuthCheckResult> {
  const endpoint = `POST http://127.0.0.1:${port}/tools/invoke`;
  const body = JSON.stringify({ tool: 'openclaw_e2e_nonexistent_tool' });
  const call = (auth?: string) =>
    prober.request({
      type: 'http',
      host: '127.0.0.1',
      port,
      path: '/tools/invoke',
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(auth ? { Authorization: `Bearer ${auth}` } : {}) },
      body,
      timeoutMs: 10000,
    });
  const withoutToken = await call();
  const wrongToken = await call('e2e-wrong-token');
  const withToken: HttpOutcome = token ? await call(token) : { error: 'no OPENCLAW_GATEWAY_TOKEN in the main container env' };
  const accepted = withToken.status !== undefined && withToken.status !== 401 && withToken.status !== 403;
  return { endpoint, withToken, withoutToken, wrongToken, enforced: accepted && withoutToken.status === 401 && wrongToken.status === 401 };
}