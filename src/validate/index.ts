/** Strict Kubernetes schema validation of manifests, with `kubeconform -strict` semantics. */
export { KubernetesVersion, SUPPORTED_KUBERNETES_VERSIONS } from './kubernetes-versions';
export { ManifestProblem, formatProblems } from './problems';
export { validateManifests, assertValidManifests } from './validate';
export { validateYamlFiles } from './yaml-files';
