export { OpenClawChart } from './chart';
export * from './props';
export { OpenClawConfigError, ConfigProblem, formatProblem } from './errors';
export { Model, ResolvedProbe } from './resolve';
export { PATHS, VOLUMES, PORT_NAME } from './layout';
export {
  DEFAULT_OPENCLAW_VERSION, HEALTH_ENDPOINTS_SINCE, STARTUP_ENDPOINT_SINCE, ALLOW_INSECURE_AUTH_RETIRED_IN,
  ImageFeatures, imageFeatures,
} from './versions';
