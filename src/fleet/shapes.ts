/**
 * Tenant shapes: most tenants of a fleet render the same chart but for their name. A shape is the
 * tenant's props and namespace with the tenant's name taken out (where a pod label or annotation
 * value, the namespace or the release name equals it) and the name's length. The second tenant of a
 * shape has the shape rendered into a template, which renders every later tenant of that shape by
 * filling its name in, and the checksum of its config (hashed again from the filled-in text):
 * a string join instead of resolving and building the chart.
 *
 * Exact by construction and checked: a template is made only when
 * - the name is one the chart treats as an opaque token: a DNS label of 6 to 53 characters that
 *   starts with a letter (no YAML 1.1 word such as `yes`, `null` or a number, which quoting would
 *   tell apart) and does not contain the chart name (`fullName` keeps a release name that does);
 * - the shape rendered with two different placeholder names of that length gives the same text
 *   with each placeholder filled in (so no name is truncated, hashed or tested character by
 *   character except the checksums, which are refilled), and the same hashed texts;
 * - the template filled with the tenant's own name gives byte for byte the text the plain path
 *   rendered for it.
 * Anything else (an error, a warning in a strict fleet, a mismatch) renders the plain way.
 * test/fleet/shapes.test.ts compares random fleets byte for byte with the plain path.
 */
import { recordDigests, sha256Hex } from '../core/digest';
import { CHART_NAME } from '../core/names';
import { OpenClawChartProps } from '../props';

/** @internal A tenant as the shapes see it. */
export interface ShapeTenant {
  readonly name: string;
  readonly namespace?: string;
  readonly props?: OpenClawChartProps;
}

/**
 * @internal Renders a tenant the plain way: `fleet` true for a tenant of the fleet (as the fleet
 * checked it), false for a placeholder tenant (its props checked again).
 */
export type ShapeRender = (tenant: ShapeTenant, fleet: boolean) => { readonly text: string; readonly objects: number };

/** Names a template may stand for (see above). */
const OPAQUE_NAME = /^[a-z][a-z0-9-]{4,51}[a-z0-9]$/;
/** Maps of the props whose values are rendered as they are (label and annotation values). */
const VERBATIM_MAPS = ['podLabels', 'podAnnotations'] as const;
/** Shapes remembered per fleet and thread: a fleet of unique tenants keeps no more than this. */
const MAX_SEEN = 4096;
const MAX_TEMPLATES = 256;
/** Where a shape key holds the tenant's name. */
const NAME_MARK = '\u0000';

interface Template {
  /** The text between the slots: parts.length === slots.length + 1. */
  readonly parts: string[];
  /** -1: the tenant's name; k >= 0: the checksum of hashed text k. */
  readonly slots: number[];
  /** The texts hashed while rendering, with the placeholder in them. */
  readonly hashed: string[];
  readonly placeholder: string;
  readonly objects: number;
}

/** @internal Tenants of this thread rendered and checked from a template (tests look). */
export const SHAPE_COUNTS = { filled: 0, checks: 0 };

/** @internal The shapes of one fleet's tenants in one thread. */
export class FleetShapes {
  private readonly seen = new Set<string>();
  /** null: this shape renders the plain way. */
  private readonly templates = new Map<string, Template | null>();
  private readonly nameOverride: unknown;

  constructor(defaults: OpenClawChartProps) {
    this.nameOverride = defaults.nameOverride;
  }

  /** The tenant's manifest: from its shape's template when there is one, else rendered by `render` (checked: true). */
  public yaml(tenant: ShapeTenant, render: ShapeRender): { readonly text: string; readonly objects: number } {
    const key = shapeKey(tenant, [this.nameOverride, tenant.props?.nameOverride]);
    if (key === undefined) return render(tenant, true);
    const template = this.templates.get(key);
    if (template) {
      SHAPE_COUNTS.filled++;
      return { text: fill(template, tenant.name), objects: template.objects };
    }
    if (template === null || !this.seen.has(key)) {
      if (template === undefined) this.remember(key);
      return render(tenant, true);
    }
    // The shape's second tenant: its own plain text is what the template must give for it.
    const plain = render(tenant, true);
    if (this.templates.size < MAX_TEMPLATES) this.templates.set(key, makeTemplate(tenant, plain, render));
    return plain;
  }

  private remember(key: string): void {
    if (this.seen.size >= MAX_SEEN) this.seen.clear();
    this.seen.add(key);
  }
}

/**
 * The tenant's shape, or undefined when its name is not one a template may stand for.
 * `chartNames`: the nameOverride of the defaults and of the tenant (a name containing any is left out).
 */
export function shapeKey(tenant: ShapeTenant, chartNames: readonly unknown[]): string | undefined {
  const { name } = tenant;
  if (typeof name !== 'string' || !OPAQUE_NAME.test(name) || name.includes(CHART_NAME)) return undefined;
  if (chartNames.some((c) => typeof c !== 'string' && c !== undefined && c !== null)) return undefined;
  if (chartNames.some((c) => typeof c === 'string' && c !== '' && name.includes(c))) return undefined;
  const props = tenant.props === undefined ? undefined : withName(tenant.props, name, NAME_MARK);
  const namespace = tenant.namespace === name ? NAME_MARK : tenant.namespace;
  return `${name.length}\u0001${namespace ?? ''}\u0001${JSON.stringify(props) ?? ''}`;
}

/** `props` with `name` replaced by `by` where it is the whole value of a pod label or annotation, or the release name. */
function withName(props: OpenClawChartProps, name: string, by: string): OpenClawChartProps {
  let out: Record<string, any> = props as Record<string, any>;
  const copy = () => (out === props ? (out = { ...props }) : out);
  for (const key of VERBATIM_MAPS) {
    const map = props[key];
    if (map === null || typeof map !== 'object' || Array.isArray(map)) continue;
    if (!Object.values(map).includes(name)) continue;
    const replaced: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(map)) replaced[k] = v === name ? by : v;
    copy()[key] = replaced;
  }
  if (props.releaseName === name) copy().releaseName = by;
  return out as OpenClawChartProps;
}

/** @internal A placeholder name of `length` letters (never hex digits, so it never meets a checksum). */
export function placeholder(length: number, pattern: string): string {
  return pattern.repeat(Math.ceil(length / pattern.length)).slice(0, length);
}

/** @internal The tenant with the placeholder `p` where shapeKey takes its name out. */
export function asPlaceholder(tenant: ShapeTenant, p: string): ShapeTenant {
  return {
    name: p,
    namespace: tenant.namespace === tenant.name ? p : tenant.namespace,
    props: tenant.props === undefined ? undefined : withName(tenant.props, tenant.name, p),
  };
}

/** The shape's template, or null when it would not give the plain path's bytes (see the file's comment). */
function makeTemplate(tenant: ShapeTenant, plain: { text: string; objects: number }, render: ShapeRender): Template | null {
  const p1 = placeholder(tenant.name.length, 'qzxj');
  const p2 = placeholder(tenant.name.length, 'xjqz');
  let one: { result: { text: string; objects: number }; texts: string[] };
  let two: { result: { text: string; objects: number }; texts: string[] };
  try {
    one = recordDigests(() => render(asPlaceholder(tenant, p1), false));
    two = recordDigests(() => render(asPlaceholder(tenant, p2), false));
  } catch {
    return null;
  }
  const template = parse(one.result.text, p1, one.texts, one.result.objects);
  const same = (t: { result: { text: string; objects: number }; texts: string[] }, name: string, text: string, objects: number) => objects === template.objects
    && fill(template, name) === text && (t === one || (t.texts.length === one.texts.length && one.texts.every((h, k) => h.split(p1).join(name) === t.texts[k])));
  if (!same(two, p2, two.result.text, two.result.objects) || !same(one, tenant.name, plain.text, plain.objects)) return null;
  return template;
}

function parse(text: string, p: string, hashed: string[], objects: number): Template {
  const marks: Array<[at: number, length: number, slot: number]> = [];
  for (let at = text.indexOf(p); at >= 0; at = text.indexOf(p, at + p.length)) marks.push([at, p.length, -1]);
  hashed.forEach((h, k) => {
    const hex = sha256Hex(h);
    for (let at = text.indexOf(hex); at >= 0; at = text.indexOf(hex, at + hex.length)) marks.push([at, hex.length, k]);
  });
  marks.sort((a, b) => a[0] - b[0]);
  const parts: string[] = [];
  const slots: number[] = [];
  let from = 0;
  for (const [at, length, slot] of marks) {
    parts.push(text.slice(from, at));
    slots.push(slot);
    from = at + length;
  }
  parts.push(text.slice(from));
  return { parts, slots, hashed, placeholder: p, objects };
}

function fill(template: Template, name: string): string {
  const { parts, slots, hashed, placeholder: p } = template;
  const sums = hashed.map((h) => sha256Hex(h.split(p).join(name)));
  let out = parts[0];
  for (let i = 0; i < slots.length; i++) out += (slots[i] < 0 ? name : sums[slots[i]]) + parts[i + 1];
  return out;
}
