import { formatProblems, validateManifests } from '../../src';

/**
 * Fails the test unless every object is schema-valid (kubeconform -strict semantics) for every
 * supported Kubernetes version; the failure lists each problem on its own line.
 */
export function expectValidManifests(objects: object[]): void {
  const problems = validateManifests(objects);
  if (problems.length > 0) {
    throw new Error(`${problems.length} Kubernetes schema problem(s):\n${formatProblems(problems)}`);
  }
}
