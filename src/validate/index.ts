/** Strict Kubernetes schema validation of manifests, with `kubeconform -strict` semantics. */
export type { KubernetesVersion } from './kubernetes-versions';
export { SUPPORTED_KUBERNETES_VERSIONS } from './kubernetes-versions';
export type { ManifestProblem } from './problems';
export { formatProblems } from './problems';
export { validateManifests, assertValidManifests } from './validate';
export { validateYamlFiles } from './yaml-files';
