/**
 * Where the gateway's token comes from: one rule for the workload (whether the pods generate
 * their own) and the checks (whether replicas share one).
 */
import { GATEWAY_AUTH_ENV } from '../core/patterns';
import { OpenClawChartProps } from './';

/** Another source than the chart's fallback provides gateway auth (env, existingSecret, secret.data, extraEnv, envFromSecret). */
export function gatewayAuthProvided(props: OpenClawChartProps): boolean {
  return [
    ...Object.keys(props.env ?? {}),
    ...Object.keys(props.existingSecret?.name ? props.existingSecret.keys ?? {} : {}),
    ...Object.keys(props.secret?.enabled ? props.secret.data ?? {} : {}),
    ...(props.extraEnv ?? []).map((e) => e.name),
  ].some((name) => GATEWAY_AUTH_ENV.test(name)) || (props.envFromSecret ?? []).length > 0;
}

/** Every replica has the same token (from a Secret or env): not each its own, generated on its volume. */
export function replicasShareToken(props: OpenClawChartProps): boolean {
  return gatewayAuthProvided(props) || props.gateway?.tokenSecret !== undefined;
}
