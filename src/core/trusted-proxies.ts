/**
 * Who may tell the gateway a caller's address. OpenClaw (since 2026.8.1) refuses authenticated
 * requests from a `gateway.trustedProxies` address that carry no `X-Forwarded-For` (403
 * `proxy_attribution_required`), and believes the `X-Forwarded-For` of any trusted address. So a
 * wide range (the private ranges, the pod CIDR) refuses every pod that calls the gateway directly
 * and lets any of them pose as any client; nothing trusted refuses requests that come through a
 * proxy. Measured in test/e2e/pod-network.test.ts. The default is nothing, and the chart says what
 * to set when an Ingress or HTTPRoute is on.
 */
import { IpRange, familiesCovered, parseRange } from './cidr';

/** What to set and how to find it: the warning (check.ts) and the summary (notes) say the same. */
export function trustedProxiesAdvice(via: 'Ingress' | 'HTTPRoute'): string {
  const controller = via === 'Ingress' ? 'ingress controller' : 'Gateway implementation';
  const pods = via === 'Ingress' ? 'kubectl get pods -n ingress-nginx -o wide' : 'kubectl get pods -n <its namespace> -o wide';
  return `is empty while ${via === 'Ingress' ? 'ingress' : 'httpRoute'} is enabled: OpenClaw refuses authenticated requests `
    + `that come through the ${controller} (403 proxy_attribution_required) until its pod addresses are listed. `
    + `Find them with \`${pods}\` (IP column) and set gateway.trustedProxies to them, or to the narrowest range that holds `
    + `only them (e.g. [10.42.3.17/32]); a wide range such as the pod CIDR or 10.0.0.0/8 lets every pod in it forge X-Forwarded-For`;
}

/** The widest range a proxy list should hold: a /24 of IPv4, a /64 of IPv6 (README: never a wide range). */
const WIDEST_PREFIX = { 4: 24, 6: 64 } as const;
const EVERYTHING = { 4: ['every IPv4 address', '0.0.0.0/0'], 6: ['every IPv6 address', '::/0'] } as const;
const WHY = 'whoever calls from such an address can forge X-Forwarded-For and pose as any client, and direct calls from there are refused; '
  + 'list the ingress controller\'s pod addresses (e.g. 10.42.3.17/32)';

/**
 * Warnings (path, message, value) for trusted ranges wider than a /24 or /64, and for lists that
 * trust every address of a family, however it is spelled (0.0.0.0/0, ::/0, two /1 halves, ...).
 * Entries that are not addresses are the syntax check's (check/network.ts).
 */
export function trustedProxiesWidth(list: readonly unknown[]): Array<[string, string, unknown]> {
  const found: Array<[string, string, unknown]> = [];
  const ranges = list.map(parseRange);
  ranges.forEach((r, i) => {
    if (!r || r.prefix >= WIDEST_PREFIX[r.family]) return;
    found.push([`gateway.trustedProxies[${i}]`, r.prefix === 0 ? `trusts ${EVERYTHING[r.family][0]}: ${WHY}`
      : `is a /${r.prefix}, wider than a /${WIDEST_PREFIX[r.family]}: ${WHY}`, list[i]]);
  });
  const whole = ranges.filter((r): r is IpRange => r !== undefined);
  for (const family of familiesCovered(whole)) {
    if (whole.some((r) => r.family === family && r.prefix === 0)) continue;
    found.push(['gateway.trustedProxies', `together trust ${EVERYTHING[family][0]}, as ${EVERYTHING[family][1]} does: ${WHY}`, list]);
  }
  return found;
}
