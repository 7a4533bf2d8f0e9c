/**
 * The props that are raw Kubernetes objects (copied into the manifest as given) may hold only the
 * fields of their Kubernetes type: anything else would reach kubectl and the API server unchecked
 * (src/manifest-check/known-fields.ts says why). Refused with the props path.
 */
import { ProblemCollector } from '../core/errors';
import { OpenClawChartProps } from '../props';
import { MERGE_KEY } from '../core/text-safety';
import { KNOWN_FIELDS_VERSION, unknownFields } from '../manifest-check/known-fields';

const CORE = 'io.k8s.api.core.v1';
const PEER = 'io.k8s.api.networking.v1.NetworkPolicyPeer';

/**
 * Each raw subtree with its Kubernetes definition: the values schema's open objects (the test
 * test/integrity/known-fields.test.ts keeps this list complete).
 */
function rawSubtrees(props: OpenClawChartProps): Array<[path: string, value: unknown, definition: string]> {
  const list = <T>(path: string, values: readonly T[] | undefined, definition: string) =>
    (Array.isArray(values) ? values.map((v, i): [string, unknown, string] => [`${path}[${i}]`, v, definition]) : []);
  const np = props.networkPolicy;
  return [
    ...list('imagePullSecrets', props.imagePullSecrets, `${CORE}.LocalObjectReference`),
    ['podSecurityContext', props.podSecurityContext, `${CORE}.PodSecurityContext`],
    ['securityContext', props.securityContext, `${CORE}.SecurityContext`],
    ...list('extraVolumes', props.extraVolumes, `${CORE}.Volume`),
    ...list('extraVolumeMounts', props.extraVolumeMounts, `${CORE}.VolumeMount`),
    ...(props.extraEnv ?? []).map((e, i): [string, unknown, string] => [`extraEnv[${i}].valueFrom`, e?.valueFrom, `${CORE}.EnvVarSource`]),
    ...list('tolerations', props.tolerations, `${CORE}.Toleration`),
    ['affinity', props.affinity, `${CORE}.Affinity`],
    ...list('rbac.rules', props.rbac?.rules, 'io.k8s.api.rbac.v1.PolicyRule'),
    ...(['ingress', 'egress'] as const).flatMap((way) => (np?.[way] ?? []).flatMap((rule, i) => [
      ...list(`networkPolicy.${way}[${i}].from`, rule?.from, PEER),
      ...list(`networkPolicy.${way}[${i}].to`, rule?.to, PEER),
    ])),
    ...list('networkPolicy.allowedNamespaces', np?.allowedNamespaces, 'io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector'),
    ...list('networkPolicy.allowedPods', np?.allowedPods, PEER),
  ];
}

export function checkKubernetesFields(props: OpenClawChartProps, p: ProblemCollector): void {
  for (const [path, value, definition] of rawSubtrees(props)) {
    if (value === null || typeof value !== 'object') continue;
    for (const field of unknownFields(value, definition, path)) {
      if (field.path.endsWith(`.${MERGE_KEY}`)) continue; // said by the text rule (src/core/text-safety.ts), more precisely
      p.add(field.path, `is not a Kubernetes field here (${field.type}, Kubernetes ${KNOWN_FIELDS_VERSION}): remove it or fix its spelling`);
    }
  }
}
