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
export function snapshotFleet(tenants: unknown, defaults: unknown): { tenants: TenantInput[]; defaults: OpenClawChartProps; largestProps: number } {
  const problems: FleetProblem[] = [];
  const d = snapshotData(defaults ?? {}, 'props');
  for (const p of d.problems) problems.push({ path: `defaults.${p.path}`, propsPath: p.path, message: p.message });
  const list = listItems(tenants ?? [], 'props');
  for (const p of list.problems) problems.push({ path: `tenants${p.path.startsWith('[') ? p.path : ''}`, propsPath: p.path, message: p.message });
  // One tenant copied at a time: at 100,000 tenants, a copy of them all would double the peak memory.
  const texts: PropsTexts = { shared: new Map(), largest: d.jsonExact ? JSON.stringify(d.data ?? {}).length : Infinity };
  const out = list.items.map((item, index) => {
    const t = snapshotData(item, 'props');
    const name = t.data?.name;
    const label = typeof name === 'string' && name ? name : `tenants[${index}]`;
    for (const p of t.problems) {
      const rest = p.path === '(props)' ? '(tenant)' : p.path;
      const propsPath = rest.startsWith('props.') ? rest.slice('props.'.length) : rest;
      problems.push({ path: `${label}: ${propsPath}`, propsPath, message: p.message, tenant: label, index });
    }
    return new TenantSnapshot(t.data?.name, t.data?.namespace, t.data?.props, t.jsonExact, texts);
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
 * A tenant as read once. Its props are kept as JSON text when that holds them exactly; each read
 * parses the same data anew. Tenants whose props differ only by their name (a label, a host)
 * share one text with the name taken out: at 100,000 tenants their own texts were 7 MB of the
 * fleet's heap. Exact: the text is split at the name and joined with NAME, which no JSON text
 * holds, so joining it with the name again gives the text back.
 */
class TenantSnapshot implements TenantInput {
  private readonly text?: string | SharedProps;
  private readonly data?: OpenClawChartProps;

  constructor(
    public readonly name: string, public readonly namespace: string | undefined, props: OpenClawChartProps | undefined, exact: boolean,
    texts: PropsTexts,
  ) {
    if (!exact || props === undefined || props === null) {
      if (props !== undefined && props !== null) texts.largest = Infinity;
      this.data = props;
      return;
    }
    const json = JSON.stringify(props);
    texts.largest = Math.max(texts.largest, json.length);
    const { shared } = texts;
    if (typeof name !== 'string' || name === '' || name.includes(NAME) || !json.includes(name)) {
      this.text = json;
      return;
    }
    const text = json.split(name).join(NAME);
    let same = shared.get(text);
    if (!same && shared.size < MAX_SHARED) shared.set(text, same = new SharedProps(text));
    this.text = same ?? json;
  }

  /** The props as JSON text, when that holds them exactly. */
  public get json(): string | undefined {
    return this.text instanceof SharedProps ? this.text.of(this.name) : this.text;
  }

  public get props(): OpenClawChartProps | undefined {
    const json = this.json;
    return json === undefined ? this.data : JSON.parse(json);
  }
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

/** @internal `tenant` as posted to a worker. */
export function postedTenant(tenant: TenantInput | undefined): PostedTenant {
  const json = tenant instanceof TenantSnapshot ? tenant.json : undefined;
  if (json !== undefined) return { name: tenant!.name, namespace: tenant!.namespace, json };
  return { name: tenant?.name as string, namespace: tenant?.namespace, props: tenant?.props };
}

/** @internal A posted tenant as the worker reads it. */
export function receivedTenant(tenant: PostedTenant): TenantInput {
  return tenant.json === undefined ? tenant : { name: tenant.name, namespace: tenant.namespace, props: JSON.parse(tenant.json) };
}
