/** The oldest and newest Kubernetes versions the synthesized manifests must be valid for. */
export type KubernetesVersion = '1.28' | '1.36';

export const SUPPORTED_KUBERNETES_VERSIONS: KubernetesVersion[] = ['1.28', '1.36'];

/** Directory of that version's definitions under `schemas/k8s/` (named like the upstream patch release). */
export function definitionsDirName(version: KubernetesVersion): string {
  return `v${version}.0`;
}
