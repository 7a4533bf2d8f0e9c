/**
 * A fleet's output directory is exactly the fleet: `writeTo` records the files it writes in a
 * manifest in the directory (FLEET_MANIFEST) and, on the next write, removes the files it wrote
 * before that are no longer the fleet's (a removed tenant), so a GitOps tool syncing the directory
 * stops deploying them. Files it did not write are never touched, even beside its own.
 */
import * as fs from 'fs';
import * as path from 'path';

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
  /**
   * Worker threads that render the manifests, which the calling thread writes in tenant order
   * (each tenant's file is the same either way, and so is `files`); 0 renders in the calling thread.
   * @default - the number of CPU cores (at most 8) for fleets of 1,000 tenants or more on a
   * machine with several cores, else 0
   */
  readonly workers?: number;
  /**
   * Tenants not in the fleet whose files from an earlier write stay, still recorded as the
   * fleet's: a run that refuses a tenant (the CLI's `--partial`) keeps its last good manifest
   * deployed instead of removing it.
   * @default []
   */
  readonly keepTenants?: string[];
  /**
   * Called as files are written (after each tenant, or each chunk of tenants on worker threads),
   * with the number written so far and the total: progress for long runs. It must not throw.
   * TypeScript only (jsii has no function types).
   * @default - none
   * @jsii ignore
   */
  readonly onProgress?: (written: number, total: number) => void;
}

/** One file written by {@link OpenClawFleet.writeTo}. */
export interface FleetFile {
  readonly tenant: string;
  /** @jsii suppress JSII5018 (the Kubernetes field name; bindings escape it where it is reserved) */
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
  /**
   * One entry per tenant, in tenant order. Made when first read, then kept: a script that reads
   * only the totals never holds an entry per tenant.
   */
  readonly files: FleetFile[];
  /** Total number of Kubernetes objects written. */
  readonly objects: number;
  /** Total bytes written. */
  readonly bytes: number;
  /**
   * Files an earlier `writeTo` into this directory wrote for tenants that are no longer in the
   * fleet, now removed (as `path.join(dir, ...)`).
   */
  readonly removed: string[];
}

/** The manifest of the files a fleet wrote into its output directory. */
export const FLEET_MANIFEST = '.openclaw-fleet.json';

/** The manifest's content: paths relative to the directory, `/`-separated. */
interface ManifestJson {
  readonly generator: 'openclaw-cdk8s fleet';
  readonly files: readonly string[];
}

/** The files a previous writeTo recorded in `dir` (none when there is no manifest). Throws on a manifest it cannot read. */
export function ownedFiles(dir: string): string[] {
  const file = path.join(dir, FLEET_MANIFEST);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  let files: unknown;
  try {
    files = (JSON.parse(text) as ManifestJson).files;
  } catch {
    files = undefined;
  }
  if (!Array.isArray(files) || !files.every((f) => typeof f === 'string' && isOwnable(f))) {
    throw new Error(`${file} is not a fleet manifest (a list of the files the fleet wrote): nothing was written or removed; delete it to start over`);
  }
  return files;
}

/** Records `files` (relative, `/`-separated) as the fleet's, atomically. */
export function recordOwned(dir: string, files: readonly string[], unique = false): void {
  const file = path.join(dir, FLEET_MANIFEST);
  // A fresh fleet's own files are distinct already: no Set of 100,000 names to drop them.
  const json: ManifestJson = { generator: 'openclaw-cdk8s fleet', files: (unique ? [...files] : [...new Set(files)]).sort() };
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(json, null, 2)}\n`);
  fs.renameSync(tmp, file);
}

/**
 * Removes the files of `before` that are not in `now`, and their folders when that leaves them
 * empty (the by-namespace layout). Returns the removed paths (as `path.join(dir, ...)`).
 */
export function removeStale(dir: string, before: readonly string[], now: readonly string[]): string[] {
  if (!before.length) return [];
  const keep = new Set(now);
  const removed: string[] = [];
  for (const rel of before) {
    if (keep.has(rel)) continue;
    const file = path.join(dir, ...rel.split('/'));
    try {
      fs.unlinkSync(file);
      removed.push(file);
    } catch (e) {
      // Already gone (removed by hand): nothing to do.
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    const folder = path.dirname(file);
    if (folder !== path.resolve(dir) && folder !== dir) {
      try {
        fs.rmdirSync(folder);
      } catch {
        // Not empty (other tenants, or files of yours): kept.
      }
    }
  }
  return removed;
}

/** The files of `before` that belong to one of `tenants` (`<tenant>.k8s.yaml`, in any namespace folder). */
export function filesOfTenants(before: readonly string[], tenants: readonly string[]): string[] {
  if (!tenants.length) return [];
  const names = new Set(tenants.map((t) => relativePath(FleetLayout.FLAT, '', t)));
  return before.filter((rel) => names.has(rel.slice(rel.lastIndexOf('/') + 1)));
}

/** A manifest entry the fleet could have written: `<tenant>.k8s.yaml` or `<namespace>/<tenant>.k8s.yaml`, nothing outside. */
function isOwnable(rel: string): boolean {
  return /^(?:[a-z0-9-]+\/)?[a-z0-9-]+\.k8s\.yaml$/.test(rel);
}

/** @internal A tenant's file relative to the output directory, `/`-separated (names and namespaces are DNS labels). */
export function relativePath(layout: FleetLayout, namespace: string, name: string): string {
  return layout === FleetLayout.BY_NAMESPACE ? `${namespace}/${name}.k8s.yaml` : `${name}.k8s.yaml`;
}

/**
 * @internal A tenant's file: the directory's prefix (`path.join(dir, 'x')` but the `x`) and its relative
 * path, as one flat string (a join): `prefix + name` would be a pair of strings, and a third once
 * the file system flattens it.
 */
export function filePath(prefix: string, layout: FleetLayout, namespace: string, name: string): string {
  const relative = relativePath(layout, namespace, name);
  return [prefix, path.sep === '/' ? relative : relative.replace('/', path.sep)].join('');
}
