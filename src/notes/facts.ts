/**
 * model -> what the summary says about one gateway (summary.ts writes the text from these facts).
 *
 * Everything about the gateway comes from its Model: names, port, replicas, where its token comes
 * from, its claims, backups and upgrades. The manifests are read only for what another chart of the
 * same App may add and the model cannot know, in Kubernetes' own fields: which Secrets are among them
 * (kind, name, data keys) and which Ingresses and HTTPRoutes send traffic to the gateway's Service.
 * Nothing a builder chose (container commands, env order, volume layout) is read back.
 */
import { FIRST_BACKUP_DELAY_SECONDS, BACKUPS_SUBPATH } from '../model/backup';
import type { Model } from '../model/model';
import { replicaServiceName } from '../model/network';
import { PATHS, VOLUMES } from '../core/pod-layout';
import { KubernetesJson } from '../props';
import { requiredSecretKeys } from './secrets';
import { routeUrls, secretKeysInOutput } from './routes';

/** What the summary says about one gateway. `details` is undefined for a StatefulSet known only by its manifest. */
export interface GatewayFacts {
  /** The StatefulSet (its pods are `<name>-<i>`). */
  readonly name: string;
  /** The namespace, or NO_NAMESPACE for objects written without one. */
  readonly namespace: string;
  readonly replicas: number;
  readonly image: string;
  /** The gateway's container port. */
  readonly port: number;
  /** The Service in front of the pods (not the headless one). */
  readonly service?: { readonly name: string; readonly port: number; readonly type: string };
  /** URLs of the Ingresses and HTTPRoutes that route to `service`, with what routes them. */
  readonly urls: readonly string[];
  readonly details?: GatewayDetails;
}

/** What only the model knows. */
export interface GatewayDetails {
  readonly heapCapMiB?: number;
  readonly memoryLimit?: string;
  /** The managed `gateway.trustedProxies`; undefined when the chart manages no such key. */
  readonly trustedProxies?: readonly string[];
  /** replicaCount > 1: the name of replica i's own Service is `<replicaServiceBase>-<i>`. */
  readonly replicaServiceBase?: string;
  readonly token: TokenFacts;
  readonly dataDir: string;
  readonly claim?: ClaimFacts;
  readonly backup?: BackupFacts;
  readonly migrateConfig: boolean;
}

export type TokenFacts =
  /** The gateway-token init step writes one per pod into `configFile`. */
  | { readonly source: 'generated'; readonly configFile: string; readonly persisted: boolean }
  /** An env var from one Secret key; `required`: every key the pods cannot start without from that Secret. */
  | { readonly source: 'secret-key'; readonly env: string; readonly secret: string; readonly key: string; readonly inOutput: boolean; readonly required: ReadonlyArray<{ readonly key: string; readonly env: string }> }
  | { readonly source: 'plain'; readonly env: string }
  /** A whole Secret among these manifests (envFrom) that has the key. */
  | { readonly source: 'env-from'; readonly secret: string; readonly key: string }
  /** Whole Secrets not among these manifests (envFrom). */
  | { readonly source: 'env-from-external'; readonly secrets: readonly string[] }
  | { readonly source: 'none' };

export interface ClaimFacts {
  readonly name: string;
  readonly size: string;
  readonly accessModes: readonly string[];
  readonly storageClass?: string;
  readonly whenDeleted: string;
  readonly whenScaled: string;
}

export interface BackupFacts {
  readonly firstDelaySeconds: number;
  readonly intervalSeconds: number;
  readonly keep: number;
  readonly dir: string;
  /** The claim template's name. */
  readonly claim: string;
  /** Set when the archives are a directory of the state claim. */
  readonly subPath?: string;
  readonly size: string;
}

const TOKEN_ENV = 'OPENCLAW_GATEWAY_TOKEN';
const PASSWORD_ENV = 'OPENCLAW_GATEWAY_PASSWORD';

/** The facts of the gateway `model` made, written into `namespace` ('<namespace>' when without one), among `objects`. */
export function modelFacts(model: Model, namespace: string, objects: readonly any[]): GatewayFacts {
  const service = { name: model.names.service, port: model.port, type: model.service.type };
  const gateway = model.managedConfig?.gateway as { trustedProxies?: readonly string[] } | undefined;
  const memoryLimit = (model.resources.limits as KubernetesJson | undefined)?.memory;
  return {
    name: model.names.statefulSet,
    namespace,
    replicas: model.replicas,
    image: model.image.ref,
    port: model.port,
    service,
    urls: routeUrls(objects, service.name, namespace),
    details: {
      heapCapMiB: model.heapLimitMiB ?? userHeapCap(model.env),
      memoryLimit: memoryLimit === undefined || memoryLimit === null || memoryLimit === '' ? undefined : String(memoryLimit),
      trustedProxies: gateway?.trustedProxies,
      replicaServiceBase: model.replicas > 1 ? replicaServiceName(model.names.service, 0).replace(/-0$/, '') : undefined,
      token: tokenFacts(model, namespace, objects),
      dataDir: model.dataDir,
      claim: model.persistence.enabled ? {
        name: VOLUMES.data,
        size: model.persistence.size,
        accessModes: [model.persistence.accessMode],
        storageClass: model.persistence.storageClass || undefined,
        whenDeleted: model.persistence.retentionPolicy?.whenDeleted ?? 'Retain',
        whenScaled: model.persistence.retentionPolicy?.whenScaled ?? 'Retain',
      } : undefined,
      backup: model.backup && {
        firstDelaySeconds: FIRST_BACKUP_DELAY_SECONDS,
        intervalSeconds: model.backup.intervalSeconds,
        keep: model.backup.keep,
        dir: PATHS.backupsDir,
        ...(model.backup.claim === 'own' ? { claim: VOLUMES.backups } : { claim: VOLUMES.data, subPath: BACKUPS_SUBPATH }),
        size: model.backup.size,
      },
      migrateConfig: model.migrateConfig,
    },
  };
}

/** Where the gateway's token (or password) comes from: the first source that provides one, as the gateway looks. */
function tokenFacts(model: Model, ns: string, objects: readonly any[]): TokenFacts {
  if (model.generateToken) return { source: 'generated', configFile: model.configFile, persisted: model.persistence.enabled };
  const env = model.env as ReadonlyArray<{ name?: string; value?: unknown; valueFrom?: any }>;
  const auth = env.find((e) => e.name === TOKEN_ENV) ?? env.find((e) => e.name === PASSWORD_ENV);
  const ref = auth?.valueFrom?.secretKeyRef;
  if (auth && ref) {
    return {
      source: 'secret-key', env: auth.name!, secret: ref.name, key: ref.key,
      inOutput: secretKeysInOutput(objects, ref.name, ns) !== undefined, required: requiredSecretKeys(model.env, ref.name),
    };
  }
  if (auth && auth.value !== undefined) return { source: 'plain', env: auth.name! };
  const secretRefs: string[] = (model.envFrom as any[]).filter((e) => e.secretRef).map((e) => e.secretRef.name);
  for (const secret of secretRefs) {
    const keys = secretKeysInOutput(objects, secret, ns) ?? [];
    const key = keys.find((k) => k === TOKEN_ENV) ?? keys.find((k) => k === PASSWORD_ENV);
    if (key) return { source: 'env-from', secret, key };
  }
  const external = secretRefs.filter((s) => secretKeysInOutput(objects, s, ns) === undefined);
  if (external.length) return { source: 'env-from-external', secrets: external };
  return { source: 'none' };
}

/** The `--max-old-space-size` of a NODE_OPTIONS the user set themselves (then the chart sets no cap). */
function userHeapCap(env: readonly KubernetesJson[]): number | undefined {
  const value = env.find((e) => e.name === 'NODE_OPTIONS')?.value;
  const cap = typeof value === 'string' ? /--max-old-space-size=(\d+)/.exec(value)?.[1] : undefined;
  return cap === undefined ? undefined : Number(cap);
}
