/**
 * Who may tell the gateway a caller's address. OpenClaw (since 2026.8.1) refuses authenticated
 * requests from a `gateway.trustedProxies` address that carry no `X-Forwarded-For` (403
 * `proxy_attribution_required`), and believes the `X-Forwarded-For` of any trusted address. So a
 * wide range (the private ranges, the pod CIDR) refuses every pod that calls the gateway directly
 * and lets any of them pose as any client; nothing trusted refuses requests that come through a
 * proxy. Measured in test/e2e/pod-network.test.ts. The default is nothing, and the chart says what
 * to set when an Ingress or HTTPRoute is on.
 */

/** What to set and how to find it: the warning (check.ts) and the summary (notes) say the same. */
export function trustedProxiesAdvice(via: 'Ingress' | 'HTTPRoute'): string {
  const controller = via === 'Ingress' ? 'ingress controller' : 'Gateway implementation';
  const pods = via === 'Ingress' ? 'kubectl get pods -n ingress-nginx -o wide' : 'kubectl get pods -n <its namespace> -o wide';
  return `is empty while ${via === 'Ingress' ? 'ingress' : 'httpRoute'} is enabled: OpenClaw refuses authenticated requests `
    + `that come through the ${controller} (403 proxy_attribution_required) until its pod addresses are listed. `
    + `Find them with \`${pods}\` (IP column) and set gateway.trustedProxies to them, or to the narrowest range that holds `
    + `only them (e.g. [10.42.3.17/32]); a wide range such as the pod CIDR or 10.0.0.0/8 lets every pod in it forge X-Forwarded-For`;
}
