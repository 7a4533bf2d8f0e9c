/**
 * The few defaulted values the checks (src/check/) and the model (src/model/model.ts) both start
 * from, defaulted here once.
 */
import { DEFAULTS, IngressProps, KubernetesJson, OpenClawChartProps, PersistenceProps } from './';

export interface BasicSettings {
  /** The one gateway port. */
  readonly port: number;
  readonly replicas: number;
  readonly tag: string;
  /** The env map before the chart's own entries: DEFAULTS.env with yours over it. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Where the data volume is mounted. */
  readonly dataDir: string;
  readonly nodeModulesWritable: boolean;
  readonly configMapEnabled: boolean;
  /** The Ingress settings: DEFAULTS.ingress with yours over it (whether or not it is enabled). */
  readonly ingress: Required<IngressProps>;
  /** The claims' settings: DEFAULTS.persistence with yours over it, the retention policy too. */
  readonly persistence: Required<PersistenceProps>;
  /** The containers' securityContext: yours merged over the restricted default, capabilities deeply. */
  readonly securityContext: KubernetesJson;
  /** The pod's securityContext: yours merged over the restricted default. */
  readonly podSecurityContext: KubernetesJson;
}

export function basicSettings(props: OpenClawChartProps): BasicSettings {
  return {
    port: props.service?.port ?? DEFAULTS.service.port,
    replicas: props.replicaCount ?? DEFAULTS.replicaCount,
    tag: props.image?.tag ?? DEFAULTS.image.tag,
    env: { ...DEFAULTS.env, ...props.env },
    dataDir: props.env?.DATA_DIR ?? DEFAULTS.env.DATA_DIR,
    nodeModulesWritable: props.nodeModulesWritable ?? DEFAULTS.nodeModulesWritable,
    configMapEnabled: props.configMap?.enabled ?? DEFAULTS.configMap.enabled,
    ingress: { ...DEFAULTS.ingress, ...props.ingress } as Required<IngressProps>,
    persistence: {
      ...DEFAULTS.persistence,
      ...props.persistence,
      retentionPolicy: { ...DEFAULTS.persistence.retentionPolicy, ...props.persistence?.retentionPolicy },
    } as Required<PersistenceProps>,
    // Merged over the restricted defaults: a values file that sets only `runAsUser` keeps the rest.
    securityContext: {
      ...DEFAULTS.securityContext,
      ...props.securityContext,
      // Adding a capability (e.g. NET_BIND_SERVICE) keeps `drop: [ALL]` unless drop is given too.
      capabilities: { ...DEFAULTS.securityContext.capabilities, ...props.securityContext?.capabilities },
    },
    podSecurityContext: { ...DEFAULTS.podSecurityContext, ...props.podSecurityContext },
  };
}
