/**
 * What tenants claim across the fleet: a host and path belong to one tenant, and in a shared
 * namespace a name under one tenant's prefix that is another tenant's ("alice-openclaw-x-..."
 * under "alice-openclaw-") is refused. Kept only for tenants that route hosts or write names,
 * so memory grows with those, never with the rest.
 */
import { VOLUMES } from '../core/pod-layout';
import { fullName } from '../core/names';
import { OpenClawChartProps } from '../props';
import { TenantClaims } from './references';
import { KeyedPairs } from './key-table';

type AddFor = (index: number) => (path: string, message: string, ...value: unknown[]) => void;

/** @internal The owners of hosts and paths, and the names tenants wrote, across a fleet. */
export class FleetClaims {
  /**
   * host and path -> the tenant that routes exactly that path. Held as numbers in tables outside
   * the heap (key-table.ts), as the object names are; a taken key is confirmed against the owner's
   * routes, made again (only when two tenants share a host, or two keys collide).
   */
  private readonly exact: KeyedPairs;
  /** host and prefix -> a tenant that routes a path under that prefix. */
  private readonly under: KeyedPairs;
  private readonly refs: Array<{ readonly index: number; readonly path: string; readonly name: string }> = [];
  /** The tenant being added, with its claims: a confirmation may ask for it. */
  private adding?: { readonly index: number; readonly claims: TenantClaims };
  private rechecked?: { readonly index: number; readonly routes: ReadonlyArray<[string, string, string]> };

  /** `recheck(index)`: tenant `index`'s claims, made again (checkTenant). */
  constructor(
    private readonly names: (index: number) => string, private readonly addFor: AddFor,
    private readonly recheck: (index: number) => TenantClaims | undefined,
  ) {
    this.exact = new KeyedPairs((owner, host, urlPath) => this.routesOf(owner)
      .some(([, h, given]) => h === host && lastOf(pathPrefixes(given)) === urlPath));
    this.under = new KeyedPairs((owner, host, prefix) => this.routesOf(owner)
      .some(([, h, given]) => h === host && pathPrefixes(given).slice(0, -1).includes(prefix)));
  }

  /** Records tenant `index`'s claims; refuses a host and path another tenant's route overlaps. */
  public add(index: number, claims: TenantClaims | undefined): void {
    if (!claims) return;
    this.adding = { index, claims };
    for (const [path, host, given] of claims.routes) {
      const prefixes = pathPrefixes(given);
      const urlPath = lastOf(prefixes);
      // Prefix matching (Ingress Prefix, HTTPRoute PathPrefix) by path element: "/" covers "/api".
      let owner: number | undefined;
      for (const p of prefixes) {
        const o = this.exact.get(host, p);
        if (o !== undefined && o !== index) owner = o;
      }
      const below = this.under.get(host, urlPath);
      if (owner === undefined && below !== undefined && below !== index) owner = below;
      if (owner !== undefined) {
        this.addFor(index)(path, `routes "${host}${urlPath}", which tenant "${this.names(owner)}" (tenants[${owner}]) routes too: a host and path belong to one tenant`);
        continue;
      }
      this.exact.add(host, urlPath, index);
      // Strict prefixes only: a route of exactly this path is found in `exact` (a route of "/",
      // the usual one, records nothing here).
      for (const p of prefixes) if (p !== urlPath) this.under.add(host, p, index);
    }
    this.adding = undefined;
    for (const [path, name] of claims.refs) this.refs.push({ index, path, name });
  }

  /**
   * In a shared namespace (every tenant's full name from `defaults`, since tenants may not
   * override names): refuses each written name under a longer tenant's full name.
   */
  public checkSharedNames(count: number, defaults: OpenClawChartProps, valid: (index: number) => boolean): void {
    if (!this.refs.length) return;
    const byFull = new Map<string, number>();
    for (let i = 0; i < count; i++) if (valid(i)) byFull.set(fullName(this.names(i), defaults.nameOverride, defaults.fullnameOverride), i);
    for (const { index, path, name } of this.refs) {
      const owner = longestOwner(byFull, name);
      if (owner !== undefined && owner !== index) {
        this.addFor(index)(path, `names "${name}", which is tenant "${this.names(owner)}"'s (tenants[${owner}]): a tenant's references must name its own objects`);
      }
    }
  }

  /** A tenant's routes: the one being added, or another's made again (the last one kept). */
  private routesOf(owner: number): ReadonlyArray<[string, string, string]> {
    if (this.adding?.index === owner) return this.adding.claims.routes;
    if (this.rechecked?.index !== owner) this.rechecked = { index: owner, routes: this.recheck(owner)?.routes ?? [] };
    return this.rechecked.routes;
  }
}

function lastOf<T>(list: readonly T[]): T {
  return list[list.length - 1];
}

/** "/a/b" -> ["/", "/a", "/a/b"]; a trailing "/" is dropped ("/a/" is "/a"). */
function pathPrefixes(urlPath: string): string[] {
  const parts = urlPath.split('/').filter((p) => p !== '');
  const out = ['/'];
  for (let i = 1; i <= parts.length; i++) out.push(`/${parts.slice(0, i).join('/')}`);
  return out;
}

/** The volume part of a StatefulSet claim's name (`data-<fullname>-0`). */
const CLAIM_VOLUME = new RegExp(`^(?:${VOLUMES.data}|${VOLUMES.backups})-`);

/** The tenant whose full name is the longest that `name` is, or starts with before a "-" (claims: after `data-`/`backups-`). */
function longestOwner(byFull: ReadonlyMap<string, number>, name: string): number | undefined {
  const bare = name.replace(CLAIM_VOLUME, '');
  for (const text of bare === name ? [name] : [name, bare]) {
    for (let end = text.length; end > 0; end = text.lastIndexOf('-', end - 1)) {
      const owner = byFull.get(text.slice(0, end));
      if (owner !== undefined) return owner;
    }
  }
  return undefined;
}
