/**
 * Helm values compatibility: read a values file the OpenClaw Helm chart accepts and get the
 * props of OpenClawChart, validated. The `openclaw-cdk8s` CLI is a thin shell over these.
 */
export { valuesToProps, loadValuesFiles } from './to-props';
export type { ValuesToPropsOptions } from './to-props';
export { VALUES_SCHEMA } from './schema';
