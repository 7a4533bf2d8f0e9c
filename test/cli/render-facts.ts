/**
 * Comparable facts of a render (ours or the Helm chart's), so the two can be compared field by
 * field without the noise of ordering and formatting: which objects exist, their labels and
 * selectors, and per object the fields that decide behaviour (image, ports, env, mounts, probes,
 * resources, ingress rules, network policy rules, ...).
 *
 * Lists whose order means nothing are keyed: env by name, mounts by path, volumes by name,
 * containers by name, NetworkPolicy rules by their content (rules are ORed). A fact of an object
 * or container that exists on one side only is not compared: the object's own fact says it.
 */
import * as fs from 'fs';
import * as YAML from 'yaml';

export const ABSENT = '(absent)';

export interface Fact {
  /** Object or container the fact belongs to (`StatefulSet/x`, `StatefulSet/x container openclaw`), or '' for the whole render. */
  readonly scope: string;
  readonly fact: string;
  readonly value: unknown;
}

export interface Difference {
  readonly fact: string;
  readonly reference: unknown;
  readonly ours: unknown;
}

/** Key-sorted JSON: equal values give equal text. */
export function canonical(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys((value as any)[k])]));
  }
  return value;
}

export function readManifests(file: string): any[] {
  return parseManifests(fs.readFileSync(file, 'utf8'));
}

export function parseManifests(text: string): any[] {
  return YAML.parseAllDocuments(text).map((d) => d.toJS()).filter((o) => o && typeof o === 'object');
}

export function facts(objects: readonly any[]): { scopes: Set<string>; facts: Fact[] } {
  const out: Fact[] = [];
  const scopes = new Set<string>(['']);
  const add = (scope: string, fact: string, value: unknown) => {
    if (value === undefined || value === null) return;
    out.push({ scope, fact: scope ? `${scope}: ${fact}` : fact, value });
  };

  // Whole render: objects, labels and namespace on every object.
  const labelKeys = new Set(objects.flatMap((o) => Object.keys(o.metadata?.labels ?? {})));
  for (const o of objects) {
    const id = `${o.kind}/${o.metadata.name}`;
    scopes.add(id);
    add('', `object ${id}`, 'present');
  }
  for (const key of [...labelKeys].sort()) {
    add('', `label ${key} (values on all objects)`, distinct(objects.map((o) => o.metadata?.labels?.[key])));
  }
  add('', 'metadata.namespace (values on all objects)', distinct(objects.map((o) => o.metadata?.namespace)));

  for (const o of objects) {
    const id = `${o.kind}/${o.metadata.name}`;
    const f = (fact: string, value: unknown) => add(id, fact, value);
    const spec = o.spec ?? {};
    switch (o.kind) {
      case 'Service':
        f('type', spec.type ?? 'ClusterIP');
        f('clusterIP', spec.clusterIP);
        f('ports', spec.ports);
        f('selector', spec.selector);
        f('annotations', nonEmpty(o.metadata.annotations));
        break;
      case 'ServiceAccount':
        f('automountServiceAccountToken', o.automountServiceAccountToken);
        f('annotations', nonEmpty(o.metadata.annotations));
        break;
      case 'Role':
        f('rules', o.rules);
        break;
      case 'RoleBinding':
        f('roleRef', o.roleRef);
        f('subjects', o.subjects);
        break;
      case 'ConfigMap':
        f('data', configMapData(o.data ?? {}));
        break;
      case 'Secret':
        f('type', o.type);
        f('data', o.data);
        break;
      case 'Ingress':
        f('ingressClassName', spec.ingressClassName);
        f('annotations', nonEmpty(o.metadata.annotations));
        f('tls', spec.tls);
        f('rules', spec.rules);
        break;
      case 'NetworkPolicy':
        f('podSelector', spec.podSelector);
        f('policyTypes', spec.policyTypes);
        for (const rule of spec.ingress ?? []) f(`ingress rule ${canonical(policyRule(rule))}`, 'present');
        for (const rule of spec.egress ?? []) f(`egress rule ${canonical(policyRule(rule))}`, 'present');
        break;
      case 'StatefulSet':
        statefulSetFacts(id, o, add, scopes);
        break;
      default:
        f('spec', spec);
    }
  }
  return { scopes, facts: out };
}

function statefulSetFacts(id: string, o: any, add: (scope: string, fact: string, value: unknown) => void, scopes: Set<string>): void {
  const f = (fact: string, value: unknown) => add(id, fact, value);
  const spec = o.spec;
  f('serviceName', spec.serviceName);
  f('replicas', spec.replicas);
  f('podManagementPolicy', spec.podManagementPolicy);
  f('updateStrategy', spec.updateStrategy);
  f('selector', spec.selector);
  f('persistentVolumeClaimRetentionPolicy', spec.persistentVolumeClaimRetentionPolicy);
  for (const t of spec.volumeClaimTemplates ?? []) {
    f(`volumeClaimTemplate ${t.metadata.name}`, {
      labels: t.metadata.labels,
      annotations: nonEmpty(t.metadata.annotations),
      accessModes: t.spec.accessModes,
      storageClassName: t.spec.storageClassName,
      storage: t.spec.resources?.requests?.storage,
    });
  }
  const template = spec.template;
  const pod = template.spec;
  f('pod labels', template.metadata?.labels);
  f('pod annotation keys', Object.keys(template.metadata?.annotations ?? {}).sort());
  f('pod serviceAccountName', pod.serviceAccountName);
  f('pod automountServiceAccountToken', pod.automountServiceAccountToken);
  f('pod securityContext', pod.securityContext);
  f('pod scheduling', nonEmpty({
    nodeSelector: pod.nodeSelector, tolerations: pod.tolerations, affinity: pod.affinity, imagePullSecrets: pod.imagePullSecrets,
  }));
  f('initContainers', (pod.initContainers ?? []).map((c: any) => c.name));
  for (const c of pod.initContainers ?? []) {
    const scope = `${id} initContainer ${c.name}`;
    scopes.add(scope);
    add(scope, 'image', c.image);
    add(scope, 'mounts', mounts(c.volumeMounts));
  }
  f('containers', (pod.containers ?? []).map((c: any) => c.name));
  for (const c of pod.containers ?? []) {
    const scope = `${id} container ${c.name}`;
    scopes.add(scope);
    const cf = (fact: string, value: unknown) => add(scope, fact, value);
    cf('image', c.image);
    cf('imagePullPolicy', c.imagePullPolicy);
    cf('command', c.command);
    cf('args', c.args);
    cf('ports', c.ports);
    for (const e of c.env ?? []) cf(`env ${e.name}`, e.value !== undefined ? { value: e.value } : { valueFrom: e.valueFrom });
    cf('envFrom', c.envFrom);
    for (const [path, m] of Object.entries(mounts(c.volumeMounts))) cf(`mount ${path}`, m);
    cf('livenessProbe', c.livenessProbe);
    cf('readinessProbe', c.readinessProbe);
    cf('startupProbe', c.startupProbe);
    cf('resources', c.resources);
    cf('securityContext', c.securityContext);
  }
  for (const v of pod.volumes ?? []) {
    const { name, ...source } = v;
    f(`volume ${name}`, source);
  }
}

function mounts(list: any[] | undefined): Record<string, unknown> {
  return Object.fromEntries((list ?? []).map((m) => {
    const { mountPath, ...rest } = m;
    return [mountPath, rest];
  }));
}

/** Protocol TCP is the API default; the same rule written with or without it is the same rule. */
function policyRule(rule: any): any {
  const withTcp = (ports: any[] | undefined) => ports?.map((p) => ({ protocol: 'TCP', ...p }));
  return { ...rule, ...(rule.ports ? { ports: withTcp(rule.ports) } : {}) };
}

/** JSON files (openclaw.json) compared as JSON, not as text. */
function configMapData(data: Record<string, string>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(data).map(([k, v]) => {
    if (k.endsWith('.json')) {
      try {
        return [k, JSON.parse(v)];
      } catch {
        return [k, v];
      }
    }
    return [k, v];
  }));
}

function distinct(values: unknown[]): string[] {
  return [...new Set(values.map((v) => (v === undefined || v === null ? ABSENT : String(v))))].sort();
}

function nonEmpty(value: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!value) return undefined;
  const kept = Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== null));
  return Object.keys(kept).length ? kept : undefined;
}

/** Every fact that differs between the two renders (facts of objects or containers on one side only excepted). */
export function differences(reference: readonly any[], ours: readonly any[]): Difference[] {
  const ref = facts(reference);
  const our = facts(ours);
  const byFact = (list: Fact[]) => new Map(list.map((x) => [x.fact, x]));
  const refFacts = byFact(ref.facts);
  const ourFacts = byFact(our.facts);
  const out: Difference[] = [];
  for (const name of [...new Set([...refFacts.keys(), ...ourFacts.keys()])].sort()) {
    const r = refFacts.get(name);
    const o = ourFacts.get(name);
    const scope = (r ?? o)!.scope;
    if (!ref.scopes.has(scope) || !our.scopes.has(scope)) continue;
    if (r && o && canonical(r.value) === canonical(o.value)) continue;
    out.push({ fact: name, reference: r ? r.value : ABSENT, ours: o ? o.value : ABSENT });
  }
  return out;
}
