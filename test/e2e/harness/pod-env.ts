/** A container's env as the kubelet builds it: service links, envFrom, env with `$(VAR)`, fieldRef, resourceFieldRef. */
import * as crypto from 'crypto';
import * as os from 'os';
import { configMapData, PodModel, SecretStore } from './pod-objects';
import type { K8sObject } from './pod-types';

/** Kubernetes `$(VAR)` expansion (`$$` escapes), unknown references kept verbatim. */
export function expandK8sVars(input: string, vars: Record<string, string>): string {
  let out = '';
  for (let i = 0; i < input.length; i++) {
    const c = input[i];
    if (c === '$' && i + 1 < input.length) {
      const n = input[i + 1];
      if (n === '$') {
        out += '$';
        i++;
        continue;
      }
      if (n === '(') {
        const close = input.indexOf(')', i + 2);
        if (close !== -1) {
          const name = input.slice(i + 2, close);
          if (Object.prototype.hasOwnProperty.call(vars, name)) {
            out += vars[name];
            i = close;
            continue;
          }
        }
      }
    }
    out += c;
  }
  return out;
}

/** Bytes of a Kubernetes quantity (memory) or cores (cpu). */
export function parseQuantity(q0: string | number): number {
  if (typeof q0 === 'number') return q0;
  const m = /^([0-9.]+)([a-zA-Z]*)$/.exec(q0.trim());
  if (!m) throw new Error(`bad quantity ${q0}`);
  const n = Number(m[1]);
  const mult: Record<string, number> = {
    '': 1, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4,
  };
  if (!(m[2] in mult)) throw new Error(`bad quantity suffix ${q0}`);
  return n * mult[m[2]];
}
export function serviceLinkEnv(objects: K8sObject[], pod: PodModel, defaultNs: string): Record<string, string> {
  const env: Record<string, string> = {};
  const add = (svcName: string, ip: string, ports: any[]) => {
    const p = svcName.toUpperCase().replace(/-/g, '_');
    if (!ports.length) return;
    env[`${p}_SERVICE_HOST`] = ip;
    env[`${p}_SERVICE_PORT`] = String(ports[0].port);
    for (const port of ports) {
      if (port.name) env[`${p}_SERVICE_PORT_${String(port.name).toUpperCase().replace(/-/g, '_')}`] = String(port.port);
    }
    const proto0 = String(ports[0].protocol ?? 'TCP').toLowerCase();
    env[`${p}_PORT`] = `${proto0}://${ip}:${ports[0].port}`;
    for (const port of ports) {
      const proto = String(port.protocol ?? 'TCP');
      const base = `${p}_PORT_${port.port}_${proto.toUpperCase()}`;
      env[base] = `${proto.toLowerCase()}://${ip}:${port.port}`;
      env[`${base}_PROTO`] = proto.toLowerCase();
      env[`${base}_PORT`] = String(port.port);
      env[`${base}_ADDR`] = ip;
    }
  };
  // The kubelet always injects the API server's service (from the default namespace).
  add('kubernetes', '10.96.0.1', [{ name: 'https', port: 443, protocol: 'TCP' }]);
  if (pod.spec.enableServiceLinks === false) return env;
  let n = 10;
  for (const svc of objects) {
    if (svc?.kind !== 'Service' || (svc.metadata?.namespace ?? defaultNs) !== pod.namespace) continue;
    if (svc.spec?.clusterIP === 'None' || svc.spec?.type === 'ExternalName') continue;
    add(svc.metadata.name, svc.spec?.clusterIP ?? `10.96.${Math.floor(n / 250)}.${(n++ % 250) + 1}`, svc.spec?.ports ?? []);
  }
  return env;
}

export function fieldRefValue(pod: PodModel, fieldPath: string): string {
  const m = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(fieldPath);
  if (m) return (m[1] === 'labels' ? pod.labels : pod.annotations)[m[2]] ?? '';
  switch (fieldPath) {
    case 'metadata.name':
      return pod.podName;
    case 'metadata.namespace':
      return pod.namespace;
    case 'metadata.uid':
      return crypto.createHash('md5').update(pod.podName).digest('hex').replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');
    case 'spec.nodeName':
      return 'e2e-node';
    case 'spec.serviceAccountName':
      return pod.spec.serviceAccountName ?? 'default';
    case 'status.podIP':
    case 'status.hostIP':
      return '127.0.0.1';
    case 'status.podIPs':
    case 'status.hostIPs':
      return '127.0.0.1';
    case 'metadata.labels':
      return Object.entries(pod.labels).map(([k, v]) => `${k}="${v}"`).join('\n');
    case 'metadata.annotations':
      return Object.entries(pod.annotations).map(([k, v]) => `${k}="${v}"`).join('\n');
    default:
      throw new Error(`fieldRef ${fieldPath} is not supported by the e2e pod runner`);
  }
}

export function resourceFieldValue(container: any, ref: any): string {
  const [section, res] = String(ref.resource).split('.');
  const raw = container.resources?.[section]?.[res];
  const isCpu = res === 'cpu';
  const divisor = parseQuantity(ref.divisor ?? '1');
  const value = raw !== undefined ? parseQuantity(raw) : isCpu ? os.cpus().length : os.totalmem();
  return String(Math.ceil(value / divisor));
}

export interface EnvContext {
  readonly objects: K8sObject[];
  readonly pod: PodModel;
  readonly defaultNs: string;
  readonly secrets: SecretStore;
}

/** The env the kubelet hands to the runtime (before image env defaults). */
export function containerEnv(ctx: EnvContext, container: any, serviceEnv: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = { ...serviceEnv };
  for (const from of container.envFrom ?? []) {
    const prefix = from.prefix ?? '';
    let data: Record<string, string> | undefined;
    if (from.configMapRef) {
      data = configMapData(ctx.objects, ctx.pod, ctx.defaultNs, from.configMapRef.name);
      if (!data && !from.configMapRef.optional) throw new Error(`envFrom: ConfigMap ${from.configMapRef.name} not found`);
    } else if (from.secretRef) {
      data = ctx.secrets.get(from.secretRef.name);
      if (!data && !from.secretRef.optional) throw new Error(`envFrom: Secret ${from.secretRef.name} not found (give it in secretValues)`);
    }
    for (const [k, v] of Object.entries(data ?? {})) {
      if (/^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(prefix + k)) env[prefix + k] = v;
    }
  }
  for (const e of container.env ?? []) {
    if (e.valueFrom === undefined) {
      env[e.name] = expandK8sVars(String(e.value ?? ''), env);
      continue;
    }
    const vf = e.valueFrom;
    if (vf.fieldRef) env[e.name] = fieldRefValue(ctx.pod, vf.fieldRef.fieldPath);
    else if (vf.resourceFieldRef) env[e.name] = resourceFieldValue(container, vf.resourceFieldRef);
    else if (vf.secretKeyRef) {
      const data = ctx.secrets.get(vf.secretKeyRef.name);
      const v = data?.[vf.secretKeyRef.key];
      if (v === undefined) {
        if (!vf.secretKeyRef.optional) throw new Error(`env ${e.name}: secret ${vf.secretKeyRef.name} key ${vf.secretKeyRef.key} not found (give it in secretValues)`);
      } else env[e.name] = v;
    } else if (vf.configMapKeyRef) {
      const v = configMapData(ctx.objects, ctx.pod, ctx.defaultNs, vf.configMapKeyRef.name)?.[vf.configMapKeyRef.key];
      if (v === undefined) {
        if (!vf.configMapKeyRef.optional) throw new Error(`env ${e.name}: configmap ${vf.configMapKeyRef.name} key ${vf.configMapKeyRef.key} not found`);
      } else env[e.name] = v;
    } else throw new Error(`env ${e.name}: unsupported valueFrom ${JSON.stringify(vf)}`);
  }
  return env;
}
