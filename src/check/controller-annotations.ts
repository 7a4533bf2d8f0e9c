/**
 * Annotations that reach past this release: on the Ingress, those that inject text into the
 * ingress controller's own configuration (the controller holds every Ingress's TLS keys and, with
 * ingress-nginx, a token that reads every Secret of the cluster); on a LoadBalancer Service, those
 * that pick its address or make it public.
 */
import { ProblemCollector } from '../core/errors';
import { OpenClawChartProps } from '../props';

/**
 * ingress-nginx annotations whose text is copied into nginx.conf unchecked: the IngressNightmare
 * CVEs of 2025 (auth-url: CVE-2025-24514, auth-tls-match-cn: CVE-2025-1097, mirror-*: CVE-2025-1098).
 * Every `*-snippet(s)` annotation of any controller is caught by its name.
 */
const INJECTING = ['nginx.ingress.kubernetes.io/auth-url', 'nginx.ingress.kubernetes.io/auth-tls-match-cn',
  'nginx.ingress.kubernetes.io/mirror-target', 'nginx.ingress.kubernetes.io/mirror-host'];
const SNIPPET = /^[^/]+\/.*snippets?$/;

/** Annotations with which a Service picks its load balancer address or pool (MetalLB, Cilium, kube-vip). */
const ADDRESS_PICKING = /^(metallb\.universe\.tf|metallb\.io)\/(loadBalancerIPs|address-pool|ip-allocated-from-pool|allow-shared-ip)$|^(io\.cilium|lbipam\.cilium\.io)\/(lb-ipam-ips|ips|sharing-key)$|^kube-vip\.io\/loadbalancerIPs$/;
/** Cloud annotations that make a load balancer internal, when set to "false", or public (AWS scheme). */
const INTERNAL = /^service\.beta\.kubernetes\.io\/[a-z-]*load-balancer-internal$/;

const CONTROLLER_RISK = 'whoever writes this value configures, and with ingress-nginx has run code in, the controller that serves every Ingress of the cluster and holds their TLS keys';

export function checkControllerAnnotations(props: OpenClawChartProps, p: ProblemCollector): void {
  if (props.ingress?.enabled) {
    for (const key of Object.keys(props.ingress.annotations ?? {})) {
      if (SNIPPET.test(key)) {
        p.danger(`ingress.annotations.${key}`, `injects configuration text into the ingress controller: ${CONTROLLER_RISK}; ingress-nginx refuses snippets unless allow-snippet-annotations is on`);
      } else if (INJECTING.includes(key)) {
        p.danger(`ingress.annotations.${key}`, `is copied into the ingress controller's nginx.conf, where a crafted value injects configuration (the IngressNightmare CVEs of 2025): ${CONTROLLER_RISK}`);
      }
    }
  }
  if (props.service?.type !== 'LoadBalancer') return;
  for (const [key, value] of Object.entries(props.service.annotations ?? {})) {
    if (ADDRESS_PICKING.test(key)) {
      p.danger(`service.annotations.${key}`, 'picks the LoadBalancer\'s address or pool: a release can take (or with a sharing key, share) an address meant for another Service; let the platform assign it', value);
    } else if ((INTERNAL.test(key) && String(value).toLowerCase() === 'false') || (key === 'service.beta.kubernetes.io/aws-load-balancer-scheme' && value === 'internet-facing')) {
      p.danger(`service.annotations.${key}`, 'makes the load balancer public: the gateway is reachable from the internet, not only from your network', value);
    }
  }
}
