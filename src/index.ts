/** The public API of openclaw-cdk8s: the chart and its props, the fleet, values files, validation, Helm export, notes. */
export { OpenClawChart } from './chart';
export { OpenClaw } from './openclaw';
export type { OpenClawProps } from './openclaw';
export type { OpenClawChartInfo } from './chart';
export * from './props';
export { OpenClawConfigError, formatProblem, formatWarning } from './errors';
export type { ConfigProblem } from './errors';
export { PATHS, VOLUMES, PORT_NAME } from './layout';
export {
  DEFAULT_OPENCLAW_VERSION, HEALTH_ENDPOINTS_SINCE, STARTUP_ENDPOINT_SINCE, ALLOW_INSECURE_AUTH_RETIRED_IN,
  imageFeatures,
} from './versions';
export type { ImageFeatures } from './versions';
export * from './fleet';
export * from './values';
export { exportHelmChart, GENERATED_ANNOTATION } from './helm';
export type { HelmExportInput, HelmExportOptions, HelmExportResult } from './helm';
export { renderNotes, DEFAULT_LOCAL_PORT } from './notes';
export type { NotesOptions, NotesSource, ChartLike, AppLike } from './notes';
export * from './validate';
export { renderObjects } from './build';
export { toManifestYaml } from './manifest-yaml';
export { withoutNamespace } from './portable';
