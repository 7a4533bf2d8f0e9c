/**
 * props -> the resolved StatefulSet, pod and PodDisruptionBudget settings: every default, so
 * src/build/workload.ts only writes them out. Part of the model (src/model/model.ts).
 */
import { PodManagementPolicy } from '../props/enumerations';
import { DEFAULTS, KubernetesJson, OpenClawChartProps, ResourcesProps } from '../props';

export interface ResolvedWorkload {
  readonly podManagementPolicy: PodManagementPolicy;
  /** The StatefulSet's updateStrategy; rollingUpdate only with RollingUpdate (the API server rejects it with OnDelete). */
  readonly updateStrategy: KubernetesJson;
  /** Your pod labels (the selector labels are added over them). */
  readonly podLabels: Record<string, string>;
  /** Your pod annotations (the config checksum is added to them). */
  readonly podAnnotations: Record<string, string>;
  readonly imagePullSecrets: readonly object[];
  readonly nodeSelector: Record<string, string>;
  readonly tolerations: readonly object[];
  readonly affinity: object;
  readonly runtimeClassName?: string;
  readonly extraVolumeMounts: readonly object[];
  /** `/usr/local/lib/node_modules` is a writable emptyDir, seeded from the image. */
  readonly nodeModulesWritable: boolean;
  readonly initContainerResources: ResourcesProps;
  /** The PodDisruptionBudget's spec without its selector; undefined when there is none. */
  readonly disruptionBudget?: KubernetesJson;
}

export function resolveWorkload(props: OpenClawChartProps, replicas: number): ResolvedWorkload {
  const update = props.updateStrategy ?? DEFAULTS.updateStrategy;
  const updateType = update.type ?? 'RollingUpdate';
  const pdb = props.podDisruptionBudget ?? {};
  return {
    podManagementPolicy: props.podManagementPolicy ?? DEFAULTS.podManagementPolicy,
    updateStrategy: updateType === 'RollingUpdate'
      ? { type: updateType, rollingUpdate: { ...DEFAULTS.updateStrategy.rollingUpdate, ...update.rollingUpdate } }
      : { type: updateType },
    podLabels: { ...props.podLabels },
    podAnnotations: { ...props.podAnnotations },
    imagePullSecrets: props.imagePullSecrets ?? [],
    nodeSelector: props.nodeSelector ?? {},
    tolerations: props.tolerations ?? [],
    affinity: props.affinity ?? {},
    ...(props.runtimeClassName ? { runtimeClassName: props.runtimeClassName } : {}),
    extraVolumeMounts: props.extraVolumeMounts ?? [],
    nodeModulesWritable: props.nodeModulesWritable ?? DEFAULTS.nodeModulesWritable,
    initContainerResources: DEFAULTS.initContainerResources,
    // Paused (replicaCount 0): a budget would protect nothing.
    disruptionBudget: replicas > 0 && (pdb.enabled ?? replicas > 1)
      ? (pdb.minAvailable !== undefined ? { minAvailable: pdb.minAvailable } : { maxUnavailable: pdb.maxUnavailable ?? 1 })
      : undefined,
  };
}
