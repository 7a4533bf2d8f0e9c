/**
 * The fleet's input read once: the defaults and each tenant as plain data (src/props/snapshot.ts),
 * kept compactly, and as the tenants travel to worker threads.
 */
import { FleetProblem, OpenClawFleetError } from './errors';
import { listItems, snapshotData } from '../props/snapshot';
import { OpenClawChartProps } from '../props';
import type { TenantInput } from './validate';

/**
 * @internal The fleet's input read once (src/props/snapshot.ts): the defaults and every tenant (name,
 * namespace, props) as plain data, which is all the fleet reads afterwards. Throws
 * OpenClawFleetError naming each getter, Proxy trap, prototype key or non-data value.
 */
export function snapshotFleet(tenants: unknown, defaults: unknown): { tenants: TenantList; defaults: OpenClawChartProps; largestProps: number } {
  const problems: FleetProblem[] = [];
  const d = snapshotData(defaults ?? {}, 'props');
  for (const p of d.problems) problems.push({ path: `defaults.${p.path}`, propsPath: p.path, message: p.message });
  const list = listItems(tenants ?? [], 'props');
  for (const p of list.problems) problems.push({ path: `tenants${p.path.startsWith('[') ? p.path : ''}`, propsPath: p.path, message: p.message });
  // One tenant copied at a time: at 100,000 tenants, a copy of them all would double the peak memory.
  const texts: PropsTexts = { shared: new Map(), largest: d.jsonExact ? JSON.stringify(d.data ?? {}).length : Infinity };
  const out = new TenantList();
  list.items.forEach((item, index) => {
    const t = snapshotData(item, 'props');
    const name = t.data?.name;
    const label = typeof name === 'string' && name ? name : `tenants[${index}]`;
    for (const p of t.problems) {
      const rest = p.path === '(props)' ? '(tenant)' : p.path;
      const propsPath = rest.startsWith('props.') ? rest.slice('props.'.length) : rest;
      problems.push({ path: `${label}: ${propsPath}`, propsPath, message: p.message, tenant: label, index });
    }
    out.add(t.data?.name, t.data?.namespace, t.data?.props, t.jsonExact, texts);
  });
  if (problems.length) throw new OpenClawFleetError(problems);
  return { tenants: out, defaults: d.data, largestProps: texts.largest };
}

/** Where a tenant's name stands in a shared props text: a character JSON text never holds raw. */
const NAME = '\u0000';
/** Shared props texts per fleet: beyond this many distinct ones, each tenant keeps its own. */
const MAX_SHARED = 4096;

/** The props texts of a fleet's tenants as they are read. */
interface PropsTexts {
  /** The shared texts, by text. */
  readonly shared: Map<string, SharedProps>;
  /** The longest props text so far (characters); Infinity when some props are not JSON text. */
  largest: number;
}

/** The JSON text of tenants' props with each tenant's name taken out (NAME): one per shape of props. */
class SharedProps {
  constructor(public readonly text: string) {}

  /** The props text of the tenant called `name`. */
  public of(name: string): string {
    return this.text.split(NAME).join(name);
  }
}

/**
 * @internal The fleet's tenants as read once, in columns: the names as given, the namespaces
 * given (none, usually), and the props, as JSON text when that holds them exactly (each read
 * parses the same data anew) or as data. Tenants whose props differ only by their name (a label,
 * a host) share one text with the name taken out. At 100,000 tenants an object and a text per
 * tenant were 12 MB of the fleet's heap, and, made all at once, they made V8 double the young
 * generation (16 MB more). Exact: a text is split at the name and joined with NAME, which no
 * JSON text holds, so joining it with the name again gives the text back.
 */
export class TenantList {
  private readonly names: string[] = [];
  private namespaces?: Array<string | undefined>;
  private readonly texts: Array<string | SharedProps | undefined> = [];
  /** Props that JSON text does not hold exactly, by tenant. */
  private readonly data = new Map<number, OpenClawChartProps>();

  public get length(): number {
    return this.names.length;
  }

  /** Adds a tenant as read. */
  public add(name: string, namespace: string | undefined, props: OpenClawChartProps | undefined, exact: boolean, texts: PropsTexts): void {
    const i = this.names.length;
    this.names.push(name);
    if (namespace !== undefined) (this.namespaces ??= [])[i] = namespace;
    this.texts.push(propsText(name, props, exact, texts));
    if (props !== undefined && props !== null && !exact) this.data.set(i, props);
  }

  public name(i: number): string {
    return this.names[i];
  }

  public namespace(i: number): string | undefined {
    return this.namespaces?.[i];
  }

  /** Tenant `i`'s props as JSON text, when that holds them exactly. */
  public json(i: number): string | undefined {
    const text = this.texts[i];
    return text instanceof SharedProps ? text.of(this.names[i]) : text;
  }

  /** Tenant `i` (its props parsed anew). */
  public at(i: number): TenantInput {
    const json = this.json(i);
    return { name: this.names[i], namespace: this.namespace(i), props: json === undefined ? this.data.get(i) : JSON.parse(json) };
  }

  /** Tenant `i` as posted to a worker: its props as text, parsed there. */
  public posted(i: number): PostedTenant {
    const json = this.json(i);
    if (json !== undefined) return { name: this.names[i], namespace: this.namespace(i), json };
    return { name: this.names[i], namespace: this.namespace(i), props: this.data.get(i) };
  }
}

/** The props' text: shared when another tenant's differ only by the name, else its own; undefined when not JSON. */
function propsText(name: string, props: OpenClawChartProps | undefined, exact: boolean, texts: PropsTexts): string | SharedProps | undefined {
  if (props === undefined || props === null) return undefined;
  if (!exact) {
    texts.largest = Infinity;
    return undefined;
  }
  const json = JSON.stringify(props);
  texts.largest = Math.max(texts.largest, json.length);
  if (typeof name !== 'string' || name === '' || name.includes(NAME) || !json.includes(name)) return json;
  const text = json.split(name).join(NAME);
  let same = texts.shared.get(text);
  if (!same && texts.shared.size < MAX_SHARED) texts.shared.set(text, same = new SharedProps(text));
  return same ?? json;
}

/**
 * @internal A tenant as posted to a worker thread: its props as the snapshot's JSON text when it
 * holds them so, parsed in the worker. Parsing them here only to have postMessage copy the
 * objects cost this thread the time and the garbage of both.
 */
export interface PostedTenant {
  readonly name: string;
  readonly namespace?: string;
  readonly props?: OpenClawChartProps;
  readonly json?: string;
}

/** @internal A posted tenant as the worker reads it. */
export function receivedTenant(tenant: PostedTenant): TenantInput {
  return tenant.json === undefined ? tenant : { name: tenant.name, namespace: tenant.namespace, props: JSON.parse(tenant.json) };
}
