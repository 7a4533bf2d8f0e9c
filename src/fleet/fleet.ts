/**
 * OpenClawFleet: one OpenClaw per person, hundreds to a hundred thousand per cluster.
 *
 * Plain cdk8s puts every chart in one App, and `App.synth()` (or `chart.toJson()` on a chart in a
 * shared App) validates and resolves dependencies across the whole construct tree for every chart,
 * so its cost grows faster than linearly with the number of tenants. The fleet checks every tenant
 * first, keeping only names and namespaces (validate.ts), then renders each tenant without
 * a construct tree, straight to YAML (yaml-sink.ts: the bytes `cdk8s synth` writes), and drops it
 * before the next one: time grows linearly and memory stays flat. `writeTo` renders large fleets
 * on every core (src/fleet/worker-pool.ts), with the same files and results.
 */
import * as fs from 'fs';
import * as path from 'path';
import { OpenClawFleetError } from './errors';
import { tenantFingerprint } from './fingerprint';
import { TenantChecked, renderTenant, renderTenantYaml, writeTenant } from './render';
import { checkTenantByShape } from './check-shapes';
import { FleetIndex, TenantRules, deepMerge, tenantChartProps, validateFleet } from './validate';
import { TenantList, snapshotFleet } from './tenant-snapshot';
import type { TenantNamespaces } from './tenant-namespaces';
import { resolveTenancy, tenancyBase } from './tenancy';
import { resolvePolicy } from './policy';
import { FleetTenantObjects, FleetTenantYaml, OpenClawFleetProps } from './fleet-props';
import {
  FleetFile, FleetLayout, FleetWriteOptions, FleetWriteResult, filePath, filesOfTenants, ownedFiles, recordOwned, relativePath, removeStale,
} from './outdir';
import { snapshot } from '../props/snapshot';
import { FleetWarning } from './warnings';
import { CHUNK, FleetPool, defaultWorkers } from './worker-pool';
import { OpenClawChartProps } from '../props';
import { makeDirNoFollow } from '../output/safe-write';

export { OpenClawFleetError } from './errors';
export type { FleetProblem } from './errors';
export type { FleetWarning } from './warnings';
export { FLEET_MANIFEST, FleetLayout } from './outdir';
export { TENANT_LIMITS, TENANT_QUOTA, TenancyMode } from './tenancy';
export type { FleetTenancy, IngressControllerPeer } from './tenancy';
export { TENANT_SAFE_PROPS } from './policy';
export type { FleetPolicy } from './policy';
export type { FleetFile, FleetWriteOptions, FleetWriteResult } from './outdir';

/**
 * Many OpenClaw instances, one `OpenClawChart` per tenant, rendered on a path whose cost grows
 * linearly with the number of tenants and whose memory does not.
 *
 * Construction reads the defaults and tenants once, into plain data (a getter or a `__proto__` key
 * is an error), validates every tenant (name, uniqueness, props) and throws one
 * {@link OpenClawFleetError} with all problems; rendering happens lazily, one tenant at a time, from that copy.
 *
 * @example
 * const fleet = new OpenClawFleet({
 *   defaults: { namespace: 'openclaw', persistence: { size: '5Gi' } },
 *   tenants: [{ name: 'alice' }, { name: 'bob', props: { agentModel: 'anthropic/claude-opus-4-1' } }],
 * });
 * fleet.writeTo('dist'); // dist/alice.k8s.yaml, dist/bob.k8s.yaml
 */
export class OpenClawFleet {
  /**
   * The tenants' warnings (legal but dangerous or ineffective settings), one entry per distinct
   * path and message with the number of tenants, in the order first seen. A dangerous one names
   * every tenant that has it and is never left out; a harmless one names the first five, and one
   * tenant's repeats of it (the same path but for list indices) are listed five times, then only
   * counted in {@link OpenClawFleet.warningLines}. The fleet never prints them: {@link OpenClawFleet.warningLines} are the
   * lines to say. Empty with `strict` (warnings are then errors).
   */
  public readonly warnings: FleetWarning[];
  /**
   * {@link OpenClawFleet.warnings} as lines to print, one per distinct warning:
   * `Warning: path: message (N tenants: a, b, c, d, e and N-5 more)`.
   */
  public readonly warningLines: string[];
  private readonly defaults: OpenClawChartProps;
  private readonly index: FleetIndex;
  private readonly strict: boolean;
  private readonly rules: TenantRules;
  /** The defaults' fingerprint when checked: changed defaults make every tenant be checked again. */
  private readonly defaultsFingerprint?: [number, number];
  /** The longest props text of the defaults and tenants: it decides the workers' heap cap. */
  private readonly largestProps: number;
  /** The check pass's worker threads, kept for a `writeTo` in the same turn of the event loop. */
  private pool?: FleetPool;

  constructor(props: OpenClawFleetProps) {
    const tenancy = resolveTenancy(props.tenancy);
    const { tenants, defaults, largestProps } = snapshotFleet(props.tenants, props.defaults);
    this.largestProps = largestProps;
    this.rules = { tenancy, policy: resolvePolicy(props.policy) };
    // The platform's defaults go over what tenancy sets for every tenant.
    this.defaults = deepMerge(tenancyBase(tenancy) as OpenClawChartProps, defaults);
    this.strict = props.strict ?? false;
    const plainData = true; // a snapshot (snapshotFleet) is plain data: it can go to worker threads as it is
    // Large fleets are checked on worker threads too: faster, and the models made while checking
    // never reach this thread's heap.
    const workers = plainData ? props.workers ?? defaultWorkers(tenants.length) : 0;
    if (workers > 0 && tenants.length > 0) this.pool = new FleetPool(this.defaults, this.rules, workers, tenants.length, this.largestProps);
    let result: ReturnType<typeof validateFleet>;
    try {
      result = validateFleet(tenants, this.defaults, plainData, this.strict, (each) => {
        if (this.pool) this.pool.check(tenants.length, (i) => tenants.posted(i), this.strict, each);
        else for (let i = 0; i < tenants.length; i++) each(i, checkTenantByShape(tenants.at(i), i, this.defaults, this.rules));
      }, this.rules);
    } catch (e) {
      this.closePool();
      throw e;
    }
    if (result.problems.length) {
      this.closePool();
      throw new OpenClawFleetError(result.problems);
    }
    this.index = result.index;
    this.defaultsFingerprint = plainData ? tenantFingerprint(undefined, undefined, this.defaults) : undefined;
    this.warnings = result.warnings.list();
    this.warningLines = result.warnings.lines();
    // The threads serve writeTo when it follows at once (the usual script); otherwise they go.
    if (this.pool) setTimeout(() => this.closePool(), 0).unref();
  }

  /** Tenant names, in the order given. */
  public tenants(): string[] {
    const { tenants } = this.index;
    return Array.from({ length: tenants.length }, (_, i) => tenants.name(i));
  }

  /**
   * The props a tenant's chart is built from (a copy): the defaults with the tenant's props merged
   * over them, `releaseName` set to the tenant name and `namespace` resolved.
   * @param tenant a tenant name, or `<namespace>/<name>` when the name is used in several namespaces
   */
  public tenantProps(tenant: string): OpenClawChartProps {
    return snapshot(tenantChartProps(this.defaults, this.index.tenants.at(this.find(tenant)), this.rules), 'props');
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
    return this.renderYaml(this.find(tenant));
  }

  /**
   * Every tenant's objects, one tenant at a time, each dropped once the caller moves on.
   * TypeScript only (jsii has no generators).
   * @jsii ignore
   */
  public *synthObjects(): Generator<FleetTenantObjects> {
    const { tenants, namespaces } = this.index;
    for (let i = 0; i < tenants.length; i++) yield { tenant: tenants.name(i), namespace: namespaces.get(i), objects: this.render(i) };
  }

  /**
   * Every tenant's manifest (as {@link OpenClawFleet.synthYaml}), one tenant at a time. TypeScript only.
   * @jsii ignore
   */
  public *synthYamlStream(): Generator<FleetTenantYaml> {
    const { tenants, namespaces } = this.index;
    for (let i = 0; i < tenants.length; i++) yield { tenant: tenants.name(i), namespace: namespaces.get(i), yaml: this.renderYaml(i) };
  }

  /**
   * Writes one file per tenant: `<dir>/<tenant>.k8s.yaml` (or `<dir>/<namespace>/<tenant>.k8s.yaml`
   * with {@link FleetLayout.BY_NAMESPACE}). Creates the directories. The directory is exactly the
   * fleet: the files are recorded in `<dir>/.openclaw-fleet.json` ({@link FLEET_MANIFEST}), and files
   * an earlier `writeTo` wrote for tenants no longer in the fleet are removed; files it did not write
   * are never touched. Each file is written beside its target and renamed over it; a symbolic link
   * at a tenant's file or namespace folder is an error that names it (src/output/safe-write.ts).
   * Each file is written as soon as it is rendered, so memory stays flat; large fleets render on
   * every core (see {@link FleetWriteOptions.workers}).
   */
  public writeTo(dir: string, options: FleetWriteOptions = {}): FleetWriteResult {
    const layout = options.layout ?? FleetLayout.FLAT;
    const { tenants, namespaces } = this.index;
    if (layout === FleetLayout.FLAT) {
      const clashes = this.index.names.repeatedNames();
      if (clashes.length) {
        const list = clashes.map((ts) => `"${tenants.name(ts[0])}" (namespaces ${ts.map((t) => namespaces.get(t)).join(', ')})`).join('; ');
        throw new Error(`Cannot write one file per tenant name: ${list}. Use layout FleetLayout.BY_NAMESPACE.`);
      }
    }
    fs.mkdirSync(dir, { recursive: true });
    const before = ownedFiles(dir);
    const kept = filesOfTenants(before, options.keepTenants ?? []);
    // Tenant i's file relative to the directory, `/`-separated (names are DNS labels).
    const relative = (i: number) => relativePath(layout, namespaces.get(i), tenants.name(i));
    const progress = options.onProgress;
    // Owned before anything is written: a write cut short leaves no file the next one would not own.
    // With nothing before, the tenants' files alone, each path distinct.
    const owned = (): string[] => [...Array.from({ length: tenants.length }, (_, i) => relative(i)), ...kept];
    if (before.length) recordOwned(dir, [...before, ...owned()]);
    else recordOwned(dir, owned(), true);
    // A file's path is the directory's prefix and its relative path: no path.join per file.
    const prefix = path.join(dir, 'x').slice(0, -1);
    const pathOf = (i: number): string => filePath(prefix, layout, namespaces.get(i), tenants.name(i));
    const made = new Set<string>();
    const fileOf = (i: number): string => {
      if (layout === FleetLayout.BY_NAMESPACE) {
        const folder = path.join(dir, namespaces.get(i));
        if (!made.has(folder)) {
          makeDirNoFollow(folder);
          made.add(folder);
        }
      }
      return pathOf(i);
    };
    const workers = options.workers ?? defaultWorkers(tenants.length);
    // Each file's object count and size; `files` is made from them when it is read.
    const counts = new Int32Array(tenants.length);
    const sizes = new Float64Array(tenants.length);
    let objects = 0;
    let bytes = 0;
    const add = (i: number, count: number, size: number) => {
      counts[i] = count;
      sizes[i] = size;
      objects += count;
      bytes += size;
    };
    const defaultsSame = this.defaultsUnchanged();
    if (workers > 0 && this.index.plainData && tenants.length > 0) {
      // The check pass's threads when they fit (and hold these defaults), else new ones.
      if (!this.pool || this.pool.size !== Math.min(workers, Math.ceil(tenants.length / CHUNK)) || !defaultsSame) this.closePool();
      const pool = this.pool ?? new FleetPool(this.defaults, this.rules, workers, tenants.length, this.largestProps);
      this.pool = undefined;
      try {
        const fingerprints = defaultsSame ? this.index.fingerprints : undefined;
        pool.write(tenants.length, (i) => tenants.posted(i), fileOf, this.strict, fingerprints, add,
          progress && ((written) => progress(written, tenants.length)));
      } finally {
        pool.close();
      }
    } else {
      this.closePool();
      for (let i = 0; i < tenants.length; i++) {
        const file = fileOf(i);
        const [count, size] = writeTenant(this.defaults, tenants.at(i), i, file, this.checked(i, defaultsSame), this.rules);
        add(i, count, size);
        progress?.(i + 1, tenants.length);
      }
    }
    // The relative paths are made again rather than kept through the writes (100,000 strings).
    let removed: string[] = [];
    // The manifest already says exactly this when nothing was there before.
    if (before.length) {
      const now = owned();
      removed = removeStale(dir, before, now);
      recordOwned(dir, now);
    }
    return writeResult(dir, fileList(prefix, layout, tenants, namespaces, counts, sizes), objects, bytes, removed);
  }

  private find(tenant: string): number {
    const slash = tenant.indexOf('/');
    const name = slash < 0 ? tenant : tenant.slice(slash + 1);
    const all = this.index.names.get(name);
    const found = all.filter((i) => slash < 0 || this.index.namespaces.get(i) === tenant.slice(0, slash));
    if (found.length === 1) return found[0];
    if (!found.length) throw new Error(`No tenant "${tenant}" in the fleet`);
    throw new Error(`Tenant name "${tenant}" is used in namespaces ${found.map((i) => this.index.namespaces.get(i)).join(', ')}: say "<namespace>/${tenant}"`);
  }

  /** Tenant `i`'s objects (renderObjects' path: no construct tree, the same JSON as the chart alone). */
  private render(i: number): any[] {
    return renderTenant(this.defaults, this.index.tenants.at(i), i, this.checked(i, this.defaultsUnchanged()), this.rules);
  }

  /** Tenant `i`'s manifest: `toManifestYaml` of {@link OpenClawFleet.render}, written as the builders go (yaml-sink.ts). */
  private renderYaml(i: number): string {
    return renderTenantYaml(this.defaults, this.index.tenants.at(i), i, this.checked(i, this.defaultsUnchanged()), this.rules).text;
  }

  /** How tenant `i` was checked: its fingerprint then, unless the defaults changed since. */
  private checked(i: number, defaultsSame: boolean): TenantChecked {
    const prints = this.index.fingerprints;
    return { fingerprint: prints && defaultsSame ? [prints[2 * i], prints[2 * i + 1]] : undefined, strict: this.strict };
  }

  private defaultsUnchanged(): boolean {
    const was = this.defaultsFingerprint;
    const now = was && tenantFingerprint(undefined, undefined, this.defaults);
    return now !== undefined && now[0] === was![0] && now[1] === was![1];
  }

  private closePool(): void {
    this.pool?.close();
    this.pool = undefined;
  }
}

/**
 * What writeTo returns, its `files` made when first read (then kept): a caller that reads only
 * the totals (a large fleet's usual script) never holds 100,000 entries, which were a tenth of
 * the fleet's peak memory there.
 */
function writeResult(outdir: string, files: () => FleetFile[], objects: number, bytes: number, removed: string[]): FleetWriteResult {
  let made: FleetFile[] | undefined;
  const result = { outdir } as { outdir: string; files: FleetFile[]; objects: number; bytes: number; removed: string[] };
  Object.defineProperty(result, 'files', { enumerable: true, configurable: true, get: () => (made ??= files()) });
  result.objects = objects;
  result.bytes = bytes;
  result.removed = removed;
  return result;
}

/** The `files` of a write, made from the tenants and each file's counts (made here: a closure in writeTo would keep its whole scope). */
function fileList(
  prefix: string, layout: FleetLayout, tenants: TenantList, namespaces: TenantNamespaces, counts: Int32Array, sizes: Float64Array,
): () => FleetFile[] {
  return () => Array.from(counts, (count, i) => ({
    tenant: tenants.name(i), namespace: namespaces.get(i), path: filePath(prefix, layout, namespaces.get(i), tenants.name(i)), objects: count, bytes: sizes[i],
  }));
}
