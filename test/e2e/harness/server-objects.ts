/**
 * What the API server kept of what we rendered: every field we wrote must read back equal, after the
 * server's own normalisations (quantities in canonical form, Secret stringData folded into data).
 * Fields the server adds (defaults, status, metadata) are not ours to compare.
 */
import { getJson } from './control-plane';

const SUFFIX: Record<string, number> = {
  '': 1, n: 1e-9, u: 1e-6, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
  Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
};

/** The value of a quantity string, or undefined for anything else. */
function quantity(v: unknown): number | undefined {
  if (typeof v !== 'string' && typeof v !== 'number') return undefined;
  const m = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(?:([eE][+-]?\d+)|([a-zA-Z]*))$/.exec(String(v));
  if (!m) return undefined;
  if (m[2]) return Number(m[1] + m[2]);
  const f = SUFFIX[m[3] ?? ''];
  return f === undefined ? undefined : Number(m[1]) * f;
}

/** Paths where `rendered` has a value that `live` does not hold (quantities compared by value). */
export function differences(rendered: unknown, live: unknown, at = ''): string[] {
  if (Array.isArray(rendered)) {
    if (!Array.isArray(live) || live.length !== rendered.length) return [`${at}: ${JSON.stringify(rendered)} became ${JSON.stringify(live)}`];
    return rendered.flatMap((v, i) => differences(v, live[i], `${at}[${i}]`));
  }
  if (rendered !== null && typeof rendered === 'object') {
    if (live === null || typeof live !== 'object') return [`${at}: an object became ${JSON.stringify(live)}`];
    return Object.entries(rendered).flatMap(([k, v]) => differences(v, (live as any)[k], at ? `${at}.${k}` : k));
  }
  if (rendered === live) return [];
  const [a, b] = [quantity(rendered), quantity(live)];
  if (a !== undefined && b !== undefined && Math.abs(a - b) <= Math.abs(a) * 1e-12) return [];
  return [`${at}: ${JSON.stringify(rendered)} became ${JSON.stringify(live)}`];
}

/** `rendered` as the server is expected to store it. */
function asStored(o: any): any {
  if (o.kind !== 'Secret' || !o.stringData) return o;
  const { stringData, ...rest } = o;
  const data = { ...rest.data };
  for (const [k, v] of Object.entries(stringData)) data[k] = Buffer.from(String(v)).toString('base64');
  return { ...rest, data };
}

/** The live object for a rendered one (same kind, name and namespace). */
export function liveOf(o: any, ns: string): any {
  const resource = `${o.kind.toLowerCase()}${o.apiVersion.includes('/') ? `.${o.apiVersion.split('/')[0]}` : ''}`;
  return getJson([resource, o.metadata.name, ...(o.kind === 'Namespace' ? [] : ['-n', o.metadata.namespace ?? ns])]);
}

/** Each rendered object's differences from its live copy, `Kind/name: path ...`. */
export function notKeptByServer(objects: any[], ns: string): string[] {
  return objects.flatMap((o) => differences(asStored(o), liveOf(o, ns)).map((d) => `${o.kind}/${o.metadata.name}: ${d}`));
}
