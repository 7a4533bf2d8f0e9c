/**
 * Props and values are read exactly once, here, into plain data: what the checks see is then what
 * the builders render. A JavaScript object can answer differently each time it is read (a getter,
 * a Proxy, a prototype that a merge picked up from an own `__proto__` key), so everything after
 * this copy reads only the copy.
 *
 * The copy holds own enumerable data properties only, in maps with Object.prototype (never a
 * prototype from the input), lists and scalars; `undefined` map values are dropped (they mean
 * "the default"). Refused, each naming its path: accessors (getters and setters), the keys that
 * reach JavaScript's prototypes, class instances, functions, cycles, absurd depth or size.
 */
import { ConfigProblem, ProblemCollector } from '../core/errors';

/** Keys that reach JavaScript's object prototypes: never props or values keys. */
export const PROTOTYPE_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype'];

/** Deeper than any props: a cycle or a hostile input. */
const MAX_DEPTH = 200;
/** Values copied per snapshot: a map shared many times over is copied each time, so this bounds the copy. */
const MAX_NODES = 1_000_000;

/** What the input is called in messages: `props` or `values`. */
export type SnapshotOf = 'props' | 'values';

/** Why a prototype key is refused (one wording for props, values files and --set). */
export function prototypeKeyReason(of: SnapshotOf): string {
  return `is refused: ${PROTOTYPE_KEYS.join(', ')} are never ${of} keys (they would reach JavaScript's object prototypes)`;
}

/**
 * @internal The snapshot of `value` (see the file comment) and the problems found, each with its
 * path; with problems, `data` leaves out what was refused.
 */
export function snapshotData(value: unknown, of: SnapshotOf): { readonly data: any; readonly problems: ConfigProblem[]; readonly jsonExact: boolean } {
  const s = new Snapshot(of);
  const data = s.copy(value, 0);
  return { data, problems: s.problems, jsonExact: s.jsonExact };
}

/**
 * @internal The items of list `value`, each read once (not copied: snapshot each on its own, so
 * that one copy at a time is alive), or the problem that prevents it.
 */
export function listItems(value: unknown, of: SnapshotOf): { readonly items: unknown[]; readonly problems: ConfigProblem[] } {
  const s = new Snapshot(of);
  try {
    if (Array.isArray(value)) return { items: s.items(value), problems: s.problems };
    s.add('must be a list');
  } catch (e) {
    s.add(`cannot be read: ${(e as Error)?.message ?? String(e)}`);
  }
  return { items: [], problems: s.problems };
}

/** snapshotData that throws OpenClawConfigError with every problem. */
export function snapshot<T>(value: T, of: SnapshotOf): T {
  const { data, problems } = snapshotData(value, of);
  const collector = new ProblemCollector();
  for (const p of problems) collector.add(p.path, p.message);
  collector.throwIfAny();
  return data as T;
}

class Snapshot {
  public readonly problems: ConfigProblem[] = [];
  /** Whether JSON text holds the copy exactly (no NaN, infinities, -0 or undefined list items). */
  public jsonExact = true;
  private nodes = 0;
  /** The maps and lists being copied, root first: one met again is a cycle. */
  private readonly parents: object[] = [];
  /** The path being copied, as keys and list indexes: made into text only for a problem. */
  private readonly at: Array<string | number> = [];

  constructor(private readonly of: SnapshotOf) {}

  public copy(v: unknown, depth: number): unknown {
    if (++this.nodes > MAX_NODES) {
      if (this.nodes === MAX_NODES + 1) this.add(`the ${this.of} hold more than ${MAX_NODES.toLocaleString('en-US')} values (a map or list shared many times over?)`);
      return undefined;
    }
    if (v === null || (typeof v !== 'object' && typeof v !== 'function')) {
      if (v === undefined || (typeof v === 'number' && (!Number.isFinite(v) || Object.is(v, -0)))) this.jsonExact = false;
      return v;
    }
    if (typeof v === 'function') {
      this.add('must be plain data (a map, list, string, number or boolean), not a function');
      return undefined;
    }
    if (this.parents.includes(v)) {
      this.add(`refers back to a map or list that contains it (a cycle): ${this.of} must be a tree of plain data`);
      return undefined;
    }
    if (depth >= MAX_DEPTH) {
      this.add(`is nested deeper than ${MAX_DEPTH} levels`);
      return undefined;
    }
    this.parents.push(v);
    try {
      return Array.isArray(v) ? this.list(v, depth) : this.map(v, depth);
    } catch (e) {
      // A revoked Proxy, or a Proxy trap that throws: what it holds cannot be known.
      this.add(`cannot be read: ${(e as Error)?.message ?? String(e)}`);
      return undefined;
    } finally {
      this.parents.pop();
    }
  }

  private list(v: readonly unknown[], depth: number): unknown[] {
    const items = this.items(v);
    for (let i = 0; i < items.length; i++) {
      this.at.push(i);
      items[i] = this.copy(items[i], depth + 1);
      this.at.pop();
    }
    return items;
  }

  /** The items of `v`, each read once, not copied. */
  public items(v: readonly unknown[]): unknown[] {
    const length = this.own(v, 'length', true);
    const out: unknown[] = [];
    const n = typeof length === 'number' ? length : 0;
    // Past the size bound, nothing more is read (a Proxy can claim any length).
    for (let i = 0; i < n && ++this.nodes <= MAX_NODES; i++) {
      this.at.push(i);
      out.push(this.own(v, String(i), false));
      this.at.pop();
    }
    return out;
  }

  private map(v: object, depth: number): Record<string, unknown> | undefined {
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) {
      const name = typeof proto?.constructor?.name === 'string' && proto.constructor.name ? proto.constructor.name : 'object with a prototype';
      this.add(`must be plain data (a map, list, string, number or boolean), not a ${name}`);
      return undefined;
    }
    const out: Record<string, unknown> = {};
    for (const key of Reflect.ownKeys(v)) {
      if (typeof key !== 'string') continue; // symbols are not data
      const d = Reflect.getOwnPropertyDescriptor(v, key);
      if (!d || !d.enumerable) continue;
      this.at.push(key);
      if (PROTOTYPE_KEYS.includes(key)) this.add(`the key "${key}" ${prototypeKeyReason(this.of)}`);
      else if (!('value' in d)) this.add(accessorMessage(this.of));
      else {
        const copied = this.copy(d.value, depth + 1);
        if (copied !== undefined) out[key] = copied;
      }
      this.at.pop();
    }
    return out;
  }

  /** The own data property `key` of `v`, read once; a problem for an accessor. */
  private own(v: object, key: string, required: boolean): unknown {
    const d = Reflect.getOwnPropertyDescriptor(v, key);
    if (!d) {
      if (required) this.add('is a list without a length');
      return undefined;
    }
    if (!('value' in d)) {
      this.add(accessorMessage(this.of));
      return undefined;
    }
    return d.value;
  }

  /** A problem at the current path. */
  public add(message: string): void {
    let path = '';
    for (const seg of this.at) path += typeof seg === 'number' ? `[${seg}]` : path ? `.${seg}` : seg;
    this.problems.push({ path: path || `(${this.of})`, message });
  }
}

function accessorMessage(of: SnapshotOf): string {
  return `is a getter or setter: ${of} are read once, as plain data; give the value itself`;
}
