/**
 * One tenant rendered and written, the same in the fleet's thread and in its worker threads:
 * renderRelease (no construct tree), its YAML written as the builders go (yaml-sink.ts), nothing
 * kept afterwards. A tenant whose fingerprint is still the one it was checked with is rendered
 * without checking it again.
 */
import { renderRelease, renderReleaseYaml } from '../build/render-objects';
import { ConfigProblem, OpenClawConfigError } from '../core/errors';
import { OpenClawFleetError, tenantProblems } from './errors';
import { tenantFingerprint } from './fingerprint';
import { FleetShapes } from './shapes';
import { TenantInput, TenantRules, tenantChartProps } from './validate';
import { TenancyMode, namespaceObjects } from './tenancy';
import { toManifestYaml } from '../output/manifest-yaml';
import { OpenClawChartProps } from '../props';
import { writeFileNoFollow } from '../output/safe-write';

/**
 * @internal How a tenant was checked: its fingerprint then (undefined: check it again), and whether
 * the fleet is strict (a warning found when checking again is then an error, as in the first pass).
 */
export interface TenantChecked {
  readonly fingerprint?: readonly [number, number];
  readonly strict: boolean;
}

/** @internal A tenant's objects, with errors naming the tenant. */
export function renderTenant(defaults: OpenClawChartProps, tenant: TenantInput, index: number, checked: TenantChecked, rules: TenantRules): any[] {
  const props = tenantChartProps(defaults, tenant, rules);
  const { objects } = tenantRelease(props, tenant, index, checked, renderRelease);
  return rules.tenancy.mode === TenancyMode.NAMESPACE_PER_TENANT ? [...namespaceObjects(rules.tenancy, tenant.name, props.namespace!), ...objects] : objects;
}

/** @internal A tenant's manifest (`toManifestYaml` of renderTenant) and its object count. */
export function renderTenantYaml(
  defaults: OpenClawChartProps, tenant: TenantInput, index: number, checked: TenantChecked, rules: TenantRules,
): { readonly text: string; readonly objects: number } {
  const props = tenantChartProps(defaults, tenant, rules);
  const release = tenantRelease(props, tenant, index, checked, renderReleaseYaml);
  if (rules.tenancy.mode !== TenancyMode.NAMESPACE_PER_TENANT) return release;
  // The namespace and its guards first: `kubectl apply -f` creates them before the tenant's objects.
  const guards = namespaceObjects(rules.tenancy, tenant.name, props.namespace!);
  return { text: `${toManifestYaml(guards)}---\n${release.text}`, objects: guards.length + release.objects };
}

/** `props`: the tenant's chart props (tenantChartProps). */
function tenantRelease<R extends { readonly warnings: readonly ConfigProblem[] }>(
  props: OpenClawChartProps, tenant: TenantInput, index: number, checked: TenantChecked,
  render: (props: OpenClawChartProps, id: string, checked: boolean) => R,
): R {
  try {
    const was = checked.fingerprint;
    const now = was && tenantFingerprint(tenant.name, tenant.namespace, tenant.props);
    const unchanged = now !== undefined && now[0] === was![0] && now[1] === was![1];
    const release = render(props, tenant.name, unchanged);
    if (checked.strict && release.warnings.length) throw new OpenClawConfigError(release.warnings);
    return release;
  } catch (e) {
    if (e instanceof OpenClawConfigError) throw new OpenClawFleetError(tenantProblems(tenant.name, index, e.problems));
    const err = new Error(`tenant "${tenant.name}": ${(e as Error)?.message ?? e}`);
    (err as any).cause = e;
    throw err;
  }
}

/** This thread's tenant shapes of the fleet whose defaults these are (a worker serves one fleet). */
const shapesOf = new WeakMap<OpenClawChartProps, FleetShapes>();

/**
 * @internal renderTenantYaml, from the tenant's shape when the fleet checked it and an earlier tenant
 * had the same shape (shapes.ts): the same text.
 */
export function tenantYaml(
  defaults: OpenClawChartProps, tenant: TenantInput, index: number, checked: TenantChecked, rules: TenantRules,
): { readonly text: string; readonly objects: number } {
  if (!checked.fingerprint) return renderTenantYaml(defaults, tenant, index, checked, rules);
  let shapes = shapesOf.get(defaults);
  if (!shapes) shapesOf.set(defaults, shapes = new FleetShapes(defaults));
  return shapes.yaml(tenant, (t, fleet) => renderTenantYaml(defaults, t as TenantInput, index, fleet ? checked : { strict: checked.strict }, rules));
}

/** The encoding buffer of this thread: most manifests fit, so writing one allocates nothing. */
let scratch = Buffer.allocUnsafe(256 * 1024);
/** A larger manifest gets a buffer of its own, so the scratch buffer stays small. */
const MAX_SCRATCH = 4 * 1024 * 1024;

/** @internal Renders a tenant into `file`; returns its object count and size in bytes. */
export function writeTenant(
  defaults: OpenClawChartProps, tenant: TenantInput, index: number, file: string, checked: TenantChecked, rules: TenantRules,
): [objects: number, bytes: number] {
  const { text: yaml, objects } = tenantYaml(defaults, tenant, index, checked, rules);
  // UTF-8 is at most 3 bytes per UTF-16 unit: grow the buffer (up to a bound) when the text might not fit.
  if (yaml.length * 3 > scratch.length && yaml.length * 3 <= MAX_SCRATCH) scratch = Buffer.allocUnsafe(yaml.length * 3);
  const data = yaml.length * 3 <= scratch.length ? scratch.subarray(0, scratch.write(yaml)) : Buffer.from(yaml);
  writeFileNoFollow(file, data);
  return [objects, data.length];
}

/** @internal Tenants' manifests in one buffer (a worker's reply): each tenant's object count and byte size, in order. */
export interface RenderedChunk {
  readonly objects: number[];
  readonly sizes: number[];
  /** The manifests one after the other from byte 0 (the buffer may be longer); moved, not copied. */
  readonly data: ArrayBuffer;
}

/**
 * @internal Renders tenants `start..` into one buffer, for the fleet's thread to write (a worker's
 * job): into `reuse` (a buffer the fleet's thread is done with) when it is given, so a chunk costs
 * no new memory to be mapped and zeroed.
 */
export function renderChunk(
  defaults: OpenClawChartProps, rules: TenantRules, tenants: readonly TenantInput[], start: number,
  checked: (k: number) => TenantChecked, reuse?: ArrayBuffer,
): RenderedChunk {
  const objects: number[] = [];
  const sizes: number[] = [];
  let data = reuse ?? new ArrayBuffer(CHUNK_BUFFER);
  let out = Buffer.from(data);
  // Each manifest is encoded as soon as it is made, so its text dies young.
  let at = 0;
  tenants.forEach((t, k) => {
    const { text, objects: count } = tenantYaml(defaults, t, start + k, checked(k), rules);
    if (out.length - at < text.length * 3) {
      const grown = new ArrayBuffer(Math.max(2 * out.length, at + text.length * 3));
      out.copy(new Uint8Array(grown), 0, 0, at);
      data = grown;
      out = Buffer.from(data);
    }
    const size = out.write(text, at);
    at += size;
    objects.push(count);
    sizes.push(size);
  });
  return { objects, sizes, data };
}

/** A chunk's buffer to start with: 100 typical manifests are about 2.5 MB. */
const CHUNK_BUFFER = 4 * 1024 * 1024;
/** @internal A chunk buffer larger than this (unusually large manifests) is not reused. */
export const MAX_REUSED_BUFFER = 16 * 1024 * 1024;
