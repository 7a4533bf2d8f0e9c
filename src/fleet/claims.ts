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

type AddFor = (index: number) => (path: string, message: string, ...value: unknown[]) => void;

/** @internal The owners of hosts and paths, and the names tenants wrote, across a fleet. */
export class FleetClaims {
  /** `host\0path` -> the tenant that routes exactly that path. */
  private readonly exact = new Map<string, number>();
  /** `host\0prefix` -> a tenant that routes that prefix or a path under it. */
  private readonly under = new Map<string, number>();
  private readonly refs: Array<{ readonly index: number; readonly path: string; readonly name: string }> = [];

  constructor(private readonly names: (index: number) => string, private readonly addFor: AddFor) {}

  /** Records tenant `index`'s claims; refuses a host and path another tenant's route overlaps. */
  public add(index: number, claims: TenantClaims | undefined): void {
    if (!claims) return;
    for (const [path, host, given] of claims.routes) {
      const prefixes = pathPrefixes(given);
      const urlPath = prefixes[prefixes.length - 1];
      // Prefix matching (Ingress Prefix, HTTPRoute PathPrefix) by path element: "/" covers "/api".
      let owner: number | undefined;
      for (const p of prefixes) {
        const o = this.exact.get(`${host}\0${p}`);
        if (o !== undefined && o !== index) owner = o;
      }
      const below = this.under.get(`${host}\0${urlPath}`);
      if (owner === undefined && below !== undefined && below !== index) owner = below;
      if (owner !== undefined) {
        this.addFor(index)(path, `routes "${host}${urlPath}", which tenant "${this.names(owner)}" (tenants[${owner}]) routes too: a host and path belong to one tenant`);
        continue;
      }
      this.exact.set(`${host}\0${urlPath}`, index);
      for (const p of prefixes) if (!this.under.has(`${host}\0${p}`)) this.under.set(`${host}\0${p}`, index);
    }
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
