import { catalogFor } from './catalog';
import { KubernetesVersion, SUPPORTED_KUBERNETES_VERSIONS } from './kubernetes-versions';
import { describeAjvError, formatProblems, ManifestProblem } from './problems';

/**
 * Every problem of every object against every version (all errors at once, like
 * `kubeconform -strict`), or [] when all are valid.
 */
export function validateManifests(
  objects: object[],
  versions: KubernetesVersion[] = SUPPORTED_KUBERNETES_VERSIONS,
): ManifestProblem[] {
  return objects.flatMap((object) => versions.flatMap((version) => validateObject(object, version)));
}

/** Throws one Error listing every problem, for callers that must not emit invalid manifests. */
export function assertValidManifests(objects: object[], versions?: KubernetesVersion[]): void {
  const problems = validateManifests(objects, versions);
  if (problems.length > 0) throw new Error(formatProblems(problems));
}

function validateObject(object: any, version: KubernetesVersion): ManifestProblem[] {
  const { apiVersion, kind } = object ?? {};
  const name = String(object?.metadata?.name ?? object?.metadata?.generateName ?? '<unnamed>');
  const problem = (path: string, message: string): ManifestProblem => ({ version, kind: String(kind), name, path, message });

  if (typeof object !== 'object' || object === null || Array.isArray(object)) {
    return [problem('', 'a manifest must be a map with apiVersion and kind')];
  }
  if (typeof apiVersion !== 'string') return [problem('/apiVersion', 'must be a string such as apps/v1')];
  if (typeof kind !== 'string') return [problem('/kind', 'must be a string such as StatefulSet')];

  const catalog = catalogFor(version);
  const validate = catalog.validator(apiVersion, kind);
  if (!validate) {
    const served = catalog.apiVersionsOf(kind);
    return served.length === 0
      ? [problem('/kind', `unknown kind '${kind}' (apiVersion '${apiVersion}') in Kubernetes ${version}`)]
      : [problem('/apiVersion', `'${apiVersion}' does not serve kind ${kind} in Kubernetes ${version}; use ${served.join(' or ')}`)];
  }
  if (validate(object)) return [];
  return validate.errors!.map((error) => {
    const { path, message } = describeAjvError(error);
    return problem(path, message);
  });
}
