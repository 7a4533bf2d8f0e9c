export { exportHelmChart, escapeTemplate, GENERATED_ANNOTATION } from './export';
export type { HelmExportInput, HelmExportOptions, HelmExportResult } from './export';
export { packageVersion } from '../package-version';
