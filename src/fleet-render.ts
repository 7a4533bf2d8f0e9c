/**
 * One tenant rendered and written, the same in the fleet's thread and in its worker threads:
 * renderRelease (no construct tree) then toManifestYaml, nothing kept afterwards. A tenant whose
 * fingerprint is still the one it was checked with is rendered without checking it again.
 */
import * as fs from 'fs';
import { renderRelease } from './build';
import { OpenClawConfigError } from './errors';
import { OpenClawFleetError, tenantProblems } from './fleet-error';
import { tenantFingerprint } from './fleet-fingerprint';
import { TenantInput, tenantChartProps } from './fleet-validate';
import { toManifestYaml } from './manifest-yaml';
import { OpenClawChartProps } from './props';

/**
 * @internal How a tenant was checked: its fingerprint then (undefined: check it again), and whether
 * the fleet is strict (a warning found when checking again is then an error, as in the first pass).
 */
export interface TenantChecked {
  readonly fingerprint?: readonly [number, number];
  readonly strict: boolean;
}

/** @internal A tenant's objects, with errors naming the tenant. */
export function renderTenant(defaults: OpenClawChartProps, tenant: TenantInput, index: number, checked: TenantChecked): any[] {
  try {
    const was = checked.fingerprint;
    const now = was && tenantFingerprint(tenant.name, tenant.namespace, tenant.props);
    const unchanged = now !== undefined && now[0] === was![0] && now[1] === was![1];
    const { objects, warnings } = renderRelease(tenantChartProps(defaults, tenant), tenant.name, unchanged);
    if (checked.strict && warnings.length) throw new OpenClawConfigError(warnings);
    return objects;
  } catch (e) {
    if (e instanceof OpenClawConfigError) throw new OpenClawFleetError(tenantProblems(tenant.name, index, e.problems));
    const err = new Error(`tenant "${tenant.name}": ${(e as Error)?.message ?? e}`);
    (err as any).cause = e;
    throw err;
  }
}

/** The encoding buffer of this thread: most manifests fit, so writing one allocates nothing. */
let scratch = Buffer.allocUnsafe(256 * 1024);
/** A larger manifest gets a buffer of its own, so the scratch buffer stays small. */
const MAX_SCRATCH = 4 * 1024 * 1024;

/** @internal Renders a tenant into `file`; returns its object count and size in bytes. */
export function writeTenant(
  defaults: OpenClawChartProps, tenant: TenantInput, index: number, file: string, checked: TenantChecked,
): [objects: number, bytes: number] {
  const objects = renderTenant(defaults, tenant, index, checked);
  const yaml = toManifestYaml(objects);
  // UTF-8 is at most 3 bytes per UTF-16 unit: grow the buffer (up to a bound) when the text might not fit.
  if (yaml.length * 3 > scratch.length && yaml.length * 3 <= MAX_SCRATCH) scratch = Buffer.allocUnsafe(yaml.length * 3);
  const data = yaml.length * 3 <= scratch.length ? scratch.subarray(0, scratch.write(yaml)) : Buffer.from(yaml);
  fs.writeFileSync(file, data);
  return [objects.length, data.length];
}

/** @internal Tenants' manifests in one buffer (a worker's reply): each tenant's object count and byte size, in order. */
export interface RenderedChunk {
  readonly objects: number[];
  readonly sizes: number[];
  readonly data: ArrayBuffer;
}

/** @internal Renders tenants `start..` into one buffer, for the fleet's thread to write (a worker's job). */
export function renderChunk(
  defaults: OpenClawChartProps, tenants: readonly TenantInput[], start: number, checked: (k: number) => TenantChecked,
): RenderedChunk {
  const objects: number[] = [];
  const sizes: number[] = [];
  // Each manifest is encoded as soon as it is made (into this thread's buffer, grown as needed),
  // so its text dies young instead of waiting for the whole chunk.
  let at = 0;
  tenants.forEach((t, k) => {
    const rendered = renderTenant(defaults, t, start + k, checked(k));
    const text = toManifestYaml(rendered);
    if (scratch.length - at < text.length * 3) {
      const grown = Buffer.allocUnsafe(Math.max(2 * scratch.length, at + text.length * 3));
      scratch.copy(grown, 0, 0, at);
      scratch = grown;
    }
    const size = scratch.write(text, at);
    at += size;
    objects.push(rendered.length);
    sizes.push(size);
  });
  const data = new ArrayBuffer(at);
  scratch.copy(new Uint8Array(data), 0, 0, at);
  // A chunk of unusually large manifests leaves no lasting large buffer behind.
  if (scratch.length > MAX_CHUNK_SCRATCH) scratch = Buffer.allocUnsafe(MAX_SCRATCH);
  return { objects, sizes, data };
}

/** The scratch buffer kept between chunks: a chunk of 100 typical manifests is about 2 MB. */
const MAX_CHUNK_SCRATCH = 16 * 1024 * 1024;
