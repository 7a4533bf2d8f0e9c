/**
 * OpenClawFleet: one OpenClaw per person, hundreds to thousands per cluster.
 *
 * Plain cdk8s puts every chart in one App, and `App.synth()` (or `chart.toJson()` on a chart in a
 * shared App) validates and resolves dependencies across the whole construct tree for every chart,
 * so its cost grows faster than linearly with the number of tenants. The fleet resolves each
 * tenant's model once and builds its objects without a construct tree (the same JSON
 * `chart.toJson()` gives, see renderObjects), turns them into YAML and drops them before the next
 * tenant: time grows linearly and memory stays flat.
 *
 * YAML is written exactly as `cdk8s synth` writes it (cdk8s `Yaml.stringify`), by a faster
 * emitter that uses the same `yaml` library, schema and options for every scalar (see
 * {@link toManifestYaml}).
 */
import * as fs from 'fs';
import * as path from 'path';
import { buildObjects } from './build';
import { JsonSink } from './manifest-sink';
import { isPlainObject, toManifestYaml } from './manifest-yaml';
import { ConfigProblem, OpenClawConfigError, describeValue, formatProblem } from './errors';
import { DNS_LABEL } from './formats';
import { MAX_RELEASE_NAME_LENGTH } from './names';
import { OpenClawChartProps } from './props';
import { resolveModel } from './model';
import { Model } from './resolve';

/** One tenant (one person's OpenClaw) of a fleet. */
export interface FleetTenant {
  /**
   * The tenant's name. It becomes the release name (the prefix of every object name and the
   * `app.kubernetes.io/instance` label) and the output file name `<name>.k8s.yaml`.
   * Must be a DNS label of at most 53 characters, unique within its namespace.
   */
  readonly name: string;
  /**
   * Namespace of the tenant's objects. Wins over `namespace` in the defaults.
   * @default - `props.namespace`, else `defaults.namespace`, else 'default'
   */
  readonly namespace?: string;
  /**
   * This tenant's props, deep-merged over the fleet's `defaults`: maps (plain objects) merge key
   * by key, everything else (lists, strings, numbers) replaces the default. `undefined` keeps the
   * default. `releaseName` must not be set (the tenant name is the release name).
   * @default {}
   */
  readonly props?: OpenClawChartProps;
}

/** Props of {@link OpenClawFleet}. */
export interface OpenClawFleetProps {
  /** The tenants, rendered in this order. */
  readonly tenants: readonly FleetTenant[];
  /**
   * Props shared by every tenant; each tenant's `props` are deep-merged over them.
   * `releaseName` must not be set here.
   * @default {}
   */
  readonly defaults?: OpenClawChartProps;
}

/** One tenant's rendered objects, as `cdk8s synth` would write them. */
export interface FleetTenantObjects {
  /** The tenant (and release) name. */
  readonly tenant: string;
  /** The tenant's namespace. */
  readonly namespace: string;
  /** The Kubernetes objects as plain JSON, in `chart.toJson()` order. */
  readonly objects: any[];
}

/** One tenant's rendered manifest. */
export interface FleetTenantYaml {
  /** The tenant (and release) name. */
  readonly tenant: string;
  /** The tenant's namespace. */
  readonly namespace: string;
  /** Multi-document YAML, byte for byte as `cdk8s synth` writes the tenant's chart. */
  readonly yaml: string;
}

/** Where {@link OpenClawFleet.writeTo} puts the files. */
export enum FleetLayout {
  /**
   * `<dir>/<tenant>.k8s.yaml`, as `cdk8s synth` names a chart's file. Tenant names must then be
   * unique across the whole fleet, not only per namespace.
   */
  FLAT = 'flat',
  /** `<dir>/<namespace>/<tenant>.k8s.yaml`: allows the same tenant name in different namespaces. */
  BY_NAMESPACE = 'by-namespace',
}

/** Options of {@link OpenClawFleet.writeTo}. */
export interface FleetWriteOptions {
  /**
   * File layout.
   * @default FleetLayout.FLAT
   */
  readonly layout?: FleetLayout;
}

/** One file written by {@link OpenClawFleet.writeTo}. */
export interface FleetFile {
  readonly tenant: string;
  readonly namespace: string;
  /** Path of the file (as `path.join(dir, ...)`). */
  readonly path: string;
  /** Number of Kubernetes objects in the file. */
  readonly objects: number;
  /** Size of the file in bytes. */
  readonly bytes: number;
}

/** What {@link OpenClawFleet.writeTo} wrote. */
export interface FleetWriteResult {
  /** The output directory. */
  readonly outdir: string;
  /** One entry per tenant, in tenant order. */
  readonly files: readonly FleetFile[];
  /** Total number of Kubernetes objects written. */
  readonly objects: number;
  /** Total bytes written. */
  readonly bytes: number;
}

/** A problem of one tenant (or of the fleet's defaults): a {@link ConfigProblem} that says where. */
export interface FleetProblem extends ConfigProblem {
  /** The tenant's name; undefined for a problem of the shared defaults. */
  readonly tenant?: string;
  /** Index of the tenant in `tenants`; undefined for a problem of the shared defaults. */
  readonly index?: number;
  /** The path within the tenant's (merged) props, e.g. `service.port`; `path` is prefixed with the tenant. */
  readonly propsPath: string;
}

/**
 * All problems of a fleet, found before anything is rendered. `problems` has one entry per tenant
 * and problem, each `path` prefixed with the tenant's name (`alice: service.port`); the message
 * lists a problem that many tenants share (typically one that comes from the defaults) once,
 * with the tenants it concerns.
 */
export class OpenClawFleetError extends OpenClawConfigError {
  public readonly problems: readonly FleetProblem[];

  constructor(problems: readonly FleetProblem[]) {
    super(problems);
    const groups = new Map<string, FleetProblem[]>();
    for (const p of problems) {
      const key = `${p.propsPath}\0${p.message}\0${'value' in p ? describeValue(p.value) : ''}`;
      const group = groups.get(key);
      if (group) group.push(p); else groups.set(key, [p]);
    }
    const lines = [...groups.values()].map((group) => {
      if (group.length === 1) return `  - ${formatProblem(group[0])}`;
      const names = group.slice(0, 5).map((p) => p.tenant).join(', ');
      const more = group.length > 5 ? ` and ${group.length - 5} more` : '';
      return `  - ${group.length} tenants (${names}${more}): ${formatProblem({ ...group[0], path: group[0].propsPath })}`;
    });
    const tenants = new Set(problems.filter((p) => p.index !== undefined).map((p) => p.index)).size;
    const where = tenants ? ` in ${tenants} tenant${tenants === 1 ? '' : 's'}` : '';
    this.message = `Invalid OpenClaw fleet (${problems.length} problem${problems.length === 1 ? '' : 's'}${where}):\n${lines.join('\n')}`;
    this.name = 'OpenClawFleetError';
    this.problems = problems;
  }
}

/** A tenant after validation: its merged props and resolved model. */
interface ResolvedTenant {
  readonly index: number;
  readonly name: string;
  readonly namespace: string;
  readonly props: OpenClawChartProps;
  /** Resolved once while validating, built from when rendering. */
  readonly model?: Model;
}

/**
 * Many OpenClaw instances, one `OpenClawChart` per tenant, rendered on a path whose cost grows
 * linearly with the number of tenants.
 *
 * Construction validates every tenant (name, uniqueness, props) and throws one
 * {@link OpenClawFleetError} with all problems; rendering happens lazily, one tenant at a time.
 *
 * @example
 * const fleet = new OpenClawFleet({
 *   defaults: { namespace: 'openclaw', persistence: { size: '5Gi' } },
 *   tenants: [{ name: 'alice' }, { name: 'bob', props: { agentModel: 'anthropic/claude-opus-4-1' } }],
 * });
 * fleet.writeTo('dist'); // dist/alice.k8s.yaml, dist/bob.k8s.yaml
 */
export class OpenClawFleet {
  private readonly resolved: readonly ResolvedTenant[];
  /** name -> tenants with that name (more than one only across namespaces). */
  private readonly byName = new Map<string, ResolvedTenant[]>();

  constructor(props: OpenClawFleetProps) {
    const defaults = props.defaults ?? {};
    const problems: FleetProblem[] = [];
    if (defaults.releaseName !== undefined) {
      problems.push({
        path: 'defaults.releaseName', propsPath: 'releaseName', value: defaults.releaseName,
        message: 'must not be set: each tenant\'s name is its release name',
      });
    }
    const resolved: ResolvedTenant[] = [];
    /** `<namespace>\0<kind>\0<name>` -> tenant that renders the object. */
    const objectOwners = new Map<string, ResolvedTenant>();
    /** `<namespace>\0<name>` -> index of the first tenant with that name there. */
    const firstByName = new Map<string, number>();

    (props.tenants ?? []).forEach((tenant, index) => {
      const name = tenant?.name;
      const label = typeof name === 'string' && name ? name : `tenants[${index}]`;
      const add = (propsPath: string, message: string, ...value: unknown[]) => {
        problems.push({ path: `${label}: ${propsPath}`, propsPath, message, tenant: label, index, ...(value.length ? { value: value[0] } : {}) });
      };
      const nameOk = checkTenantName(name, add);
      const given = tenant?.props ?? {};
      if (given.releaseName !== undefined && given.releaseName !== name) {
        add('releaseName', 'must not be set: the tenant name is the release name', given.releaseName);
      }
      if (tenant?.namespace !== undefined && given.namespace !== undefined && given.namespace !== tenant.namespace) {
        add('namespace', `conflicts with the tenant's namespace "${tenant.namespace}": set one of them`, given.namespace);
      }
      const merged = deepMerge(defaults, given) as OpenClawChartProps;
      const namespace = tenant?.namespace ?? merged.namespace ?? 'default';
      const tenantProps: OpenClawChartProps = { ...merged, releaseName: nameOk ? name : undefined, namespace };

      let model: Model | undefined;
      try {
        model = resolveModel(tenantProps, nameOk ? name : 'openclaw');
      } catch (e) {
        if (!(e instanceof OpenClawConfigError)) throw e;
        for (const p of e.problems) {
          if (!nameOk && p.path === 'releaseName') continue; // the name was already reported
          add(p.path, p.message, ...('value' in p ? [p.value] : []));
        }
      }
      if (!nameOk) return;
      const entry: ResolvedTenant = { index, name, namespace, props: tenantProps, model };
      const first = firstByName.get(`${namespace}\0${name}`);
      if (first !== undefined) {
        add('name', `duplicate tenant name in namespace "${namespace}" (also tenants[${first}])`, name);
        return;
      }
      firstByName.set(`${namespace}\0${name}`, index);
      for (const [kind, objectName] of model ? objectNames(model) : []) {
        const key = `${namespace}\0${kind}\0${objectName}`;
        const owner = objectOwners.get(key);
        if (!owner) {
          objectOwners.set(key, entry);
        } else {
          add('name', `its ${kind} "${objectName}" in namespace "${namespace}" is also rendered by tenant "${owner.name}" `
            + `(tenants[${owner.index}]): rename one of them or set fullnameOverride`, name);
          return;
        }
      }
      resolved.push(entry);
      const same = this.byName.get(name);
      if (same) same.push(entry); else this.byName.set(name, [entry]);
    });

    if (problems.length) throw new OpenClawFleetError(problems);
    this.resolved = resolved;
  }

  /** Tenant names, in the order given. */
  public tenants(): string[] {
    return this.resolved.map((t) => t.name);
  }

  /**
   * The props a tenant's chart is built from: the defaults with the tenant's props merged over
   * them, `releaseName` set to the tenant name and `namespace` resolved.
   * @param tenant a tenant name, or `<namespace>/<name>` when the name is used in several namespaces
   */
  public tenantProps(tenant: string): OpenClawChartProps {
    return this.find(tenant).props;
  }

  /**
   * One tenant's objects: the same as `Testing.synth(new OpenClawChart(app, name, props))`.
   * @param tenant a tenant name, or `<namespace>/<name>`
   */
  public synthTenant(tenant: string): any[] {
    return this.render(this.find(tenant));
  }

  /**
   * One tenant's manifest, byte for byte as `cdk8s synth` writes the tenant's chart.
   * @param tenant a tenant name, or `<namespace>/<name>`
   */
  public synthYaml(tenant: string): string {
    return toManifestYaml(this.synthTenant(tenant));
  }

  /**
   * Every tenant's objects, one tenant at a time. Each tenant is built in its own construct tree,
   * which is dropped before the next one, so memory stays flat however many tenants there are.
   */
  public *synthObjects(): Generator<FleetTenantObjects> {
    for (const t of this.resolved) yield { tenant: t.name, namespace: t.namespace, objects: this.render(t) };
  }

  /** Every tenant's manifest (as {@link synthYaml}), one tenant at a time. */
  public *synthYamlStream(): Generator<FleetTenantYaml> {
    for (const t of this.resolved) yield { tenant: t.name, namespace: t.namespace, yaml: toManifestYaml(this.render(t)) };
  }

  /**
   * Writes one file per tenant: `<dir>/<tenant>.k8s.yaml` (or `<dir>/<namespace>/<tenant>.k8s.yaml`
   * with {@link FleetLayout.BY_NAMESPACE}). Creates the directories; leaves other files alone.
   * Tenants are rendered and written one at a time, so memory stays flat.
   */
  public writeTo(dir: string, options: FleetWriteOptions = {}): FleetWriteResult {
    const files: FleetFile[] = [];
    for (const { file, data } of this.files(dir, options)) {
      fs.writeFileSync(file.path, data);
      files.push(file);
    }
    return writeResult(dir, files);
  }

  /** Renders the tenants one at a time for writing (making the directories): each file's entry and bytes. */
  private *files(dir: string, options: FleetWriteOptions): Generator<{ file: FleetFile; data: Buffer }> {
    const layout = options.layout ?? FleetLayout.FLAT;
    if (layout === FleetLayout.FLAT) {
      const clashes = [...this.byName.values()].filter((ts) => ts.length > 1);
      if (clashes.length) {
        const list = clashes.map((ts) => `"${ts[0].name}" (namespaces ${ts.map((t) => t.namespace).join(', ')})`).join('; ');
        throw new Error(`Cannot write one file per tenant name: ${list}. Use layout FleetLayout.BY_NAMESPACE.`);
      }
    }
    fs.mkdirSync(dir, { recursive: true });
    const made = new Set<string>();
    for (const t of this.resolved) {
      let folder = dir;
      if (layout === FleetLayout.BY_NAMESPACE) {
        folder = path.join(dir, t.namespace);
        if (!made.has(folder)) {
          fs.mkdirSync(folder, { recursive: true });
          made.add(folder);
        }
      }
      const rendered = this.render(t);
      const data = Buffer.from(toManifestYaml(rendered));
      const file = { tenant: t.name, namespace: t.namespace, path: path.join(folder, `${t.name}.k8s.yaml`), objects: rendered.length, bytes: data.length };
      yield { file, data };
    }
  }

  private find(tenant: string): ResolvedTenant {
    const slash = tenant.indexOf('/');
    const name = slash < 0 ? tenant : tenant.slice(slash + 1);
    const found = (this.byName.get(name) ?? []).filter((t) => slash < 0 || t.namespace === tenant.slice(0, slash));
    if (found.length === 1) return found[0];
    if (!found.length) throw new Error(`No tenant "${tenant}" in the fleet`);
    throw new Error(`Tenant name "${tenant}" is used in namespaces ${found.map((t) => t.namespace).join(', ')}: say "<namespace>/${tenant}"`);
  }

  /**
   * The tenant's objects from its model, without a construct tree (renderObjects' path): cost
   * independent of the fleet size, and the same JSON as the chart in an App of its own.
   */
  private render(t: ResolvedTenant): any[] {
    try {
      const model = t.model ?? resolveModel(t.props, t.name);
      const sink = new JsonSink(model.namespace);
      buildObjects(sink, model);
      return sink.objects;
    } catch (e) {
      if (e instanceof OpenClawConfigError) {
        throw new OpenClawFleetError(e.problems.map((p) => ({ ...p, path: `${t.name}: ${p.path}`, propsPath: p.path, tenant: t.name, index: t.index })));
      }
      const err = new Error(`tenant "${t.name}": ${(e as Error)?.message ?? e}`);
      (err as any).cause = e;
      throw err;
    }
  }
}

function writeResult(outdir: string, files: FleetFile[]): FleetWriteResult {
  let objects = 0;
  let bytes = 0;
  for (const f of files) {
    objects += f.objects;
    bytes += f.bytes;
  }
  return { outdir, files, objects, bytes };
}

function checkTenantName(name: unknown, add: (path: string, message: string, ...value: unknown[]) => void): name is string {
  if (typeof name !== 'string' || !DNS_LABEL.test(name)) {
    add('name', 'the tenant name must be a DNS label: lower case letters, digits and "-", starting and ending with a letter or digit', name);
    return false;
  }
  if (name.length > MAX_RELEASE_NAME_LENGTH) {
    add('name', `the tenant name must be at most ${MAX_RELEASE_NAME_LENGTH} characters (it is the release name, as in Helm)`, name);
    return false;
  }
  return true;
}

/** The objects a tenant creates whose names must be unique per namespace and kind. */
function objectNames(model: Model): Array<[string, string]> {
  const names: Array<[string, string]> = [
    ['StatefulSet', model.names.statefulSet],
    ['Service', model.names.service],
    ['Service', model.names.headlessService],
  ];
  if (model.managedConfig) names.push(['ConfigMap', model.names.managedConfigMap]);
  if (Object.keys(model.configFiles).length) names.push(['ConfigMap', model.names.configFilesConfigMap]);
  if (model.replicaEnv.size) names.push(['ConfigMap', model.names.replicaEnvConfigMap]);
  if (Object.keys(model.secretData).length) names.push(['Secret', model.names.secret]);
  if (model.createServiceAccount) names.push(['ServiceAccount', model.names.serviceAccount]);
  return names;
}

/**
 * `override` deep-merged over `base`: plain objects merge key by key, anything else replaces,
 * `undefined` keeps the base value. Neither input is modified.
 */
export function deepMerge<T>(base: T, override: unknown): T {
  if (override === undefined) return base;
  if (!isPlainObject(base) || !isPlainObject(override)) return override as T;
  const out: Record<string, unknown> = { ...base };
  for (const key of Object.keys(override)) {
    const value = override[key];
    if (value === undefined) continue;
    out[key] = key in base ? deepMerge(base[key], value) : value;
  }
  return out as T;
}

// ---------------------------------------------------------------------------------------------
// YAML
// ---------------------------------------------------------------------------------------------
