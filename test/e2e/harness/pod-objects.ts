/** The objects a pod reads: its workload (pod name, labels, claim templates), Secrets with test values, ConfigMaps. */
import * as crypto from 'crypto';
import type { K8sObject, RunPodOptions } from './pod-types';

export interface PodModel {
  readonly workloadKind: string;
  readonly workloadName: string;
  readonly podName: string;
  readonly namespace: string;
  readonly index: number;
  readonly spec: any;
  readonly labels: Record<string, string>;
  readonly annotations: Record<string, string>;
  readonly claimTemplates: Set<string>;
}

export function findWorkload(objects: K8sObject[], opts: RunPodOptions): PodModel {
  const workloads = objects.filter((o) => o && (o.kind === 'StatefulSet' || o.kind === 'Deployment'));
  const chosen = opts.workloadName ? workloads.filter((w) => w.metadata?.name === opts.workloadName) : workloads;
  if (chosen.length !== 1) {
    throw new Error(`expected exactly one StatefulSet/Deployment${opts.workloadName ? ` named ${opts.workloadName}` : ''}, found ${chosen.length}`);
  }
  const w = chosen[0];
  const name: string = w.metadata?.name;
  const namespace: string = w.metadata?.namespace ?? opts.namespace ?? 'default';
  const index = opts.replicaIndex ?? 0;
  const replicas = w.spec?.replicas ?? 1;
  if (index < 0 || index >= Math.max(replicas, 1)) throw new Error(`replica index ${index} out of range (replicas: ${replicas})`);
  const tmpl = w.spec?.template ?? {};
  const hash = crypto.createHash('sha256').update(JSON.stringify(tmpl)).digest('hex').slice(0, 10);
  const podName = w.kind === 'StatefulSet' ? `${name}-${index}` : `${name}-${hash}-e2e${index}`;
  const labels: Record<string, string> = { ...(tmpl.metadata?.labels ?? {}) };
  if (w.kind === 'StatefulSet') {
    labels['controller-revision-hash'] = `${name}-${hash}`;
    labels['statefulset.kubernetes.io/pod-name'] = podName;
    labels['apps.kubernetes.io/pod-index'] = String(index);
  } else {
    labels['pod-template-hash'] = hash;
  }
  const claimTemplates = new Set<string>((w.spec?.volumeClaimTemplates ?? []).map((t: any) => t.metadata?.name));
  return {
    workloadKind: w.kind!,
    workloadName: name,
    podName,
    namespace,
    index,
    spec: tmpl.spec ?? {},
    labels,
    annotations: { ...(tmpl.metadata?.annotations ?? {}) },
    claimTemplates,
  };
}

export function byKindName(objects: K8sObject[], kind: string, name: string, namespace: string, defaultNs: string): K8sObject | undefined {
  return objects.find((o) => o?.kind === kind && o.metadata?.name === name && (o.metadata?.namespace ?? defaultNs) === namespace);
}

/** Secret data as the pod sees it: rendered keys with test values, plus `secretValues`. */
export class SecretStore {
  readonly seen: Record<string, Record<string, string>> = {};
  constructor(
    private readonly objects: K8sObject[],
    private readonly pod: PodModel,
    private readonly defaultNs: string,
    private readonly overrides: Record<string, Record<string, string>>,
  ) {}

  /** All keys of a Secret, or undefined when it exists neither in the objects nor in `secretValues`. */
  get(name: string): Record<string, string> | undefined {
    const rendered = byKindName(this.objects, 'Secret', name, this.pod.namespace, this.defaultNs);
    const override = this.overrides[name];
    if (!rendered && !override) return undefined;
    const out: Record<string, string> = {};
    if (rendered) {
      const keys = new Set([...Object.keys(rendered.data ?? {}), ...Object.keys(rendered.stringData ?? {})]);
      for (const key of keys) out[key] = `e2e-${name}-${key}`.replace(/[^A-Za-z0-9._-]/g, '-');
    }
    Object.assign(out, override ?? {});
    this.seen[name] = { ...(this.seen[name] ?? {}), ...out };
    return out;
  }
}

export function configMapData(objects: K8sObject[], pod: PodModel, defaultNs: string, name: string): Record<string, string> | undefined {
  const cm = byKindName(objects, 'ConfigMap', name, pod.namespace, defaultNs);
  if (!cm) return undefined;
  const out: Record<string, string> = { ...(cm.data ?? {}) };
  for (const [k, v] of Object.entries<string>(cm.binaryData ?? {})) out[k] = decodeB64(v);
  return out;
}

function decodeB64(v: string): string {
  return Buffer.from(v, 'base64').toString('utf8');
}
