/**
 * Ingress, HTTPRoute, trusted proxies, Control UI origins and the NetworkPolicy.
 */
import { INGRESS_PATH_TYPES, POLICY_TYPES, PROTOCOLS, isOneOf, orList } from '../props/enumerations';
import { ProblemCollector } from '../core/errors';
import { HOST_NAME, PORT_NAME_PATTERN, isDnsSubdomain } from '../core/patterns';
import { NetworkPolicyPortProps, OpenClawChartProps } from '../props';
import { BasicSettings } from '../props/settings';
import { parseRange } from '../core/cidr';
import { trustedProxiesAdvice, trustedProxiesWidth } from '../core/trusted-proxies';

/** A C0 control or DEL: a newline in a path ends the line of the controller's config it is copied into (ingress-nginx's location). */
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;
const CONTROL_IN_PATH = 'must not contain control characters (newline, tab, ESC, ...): controllers copy the path into their own configuration (ingress-nginx into nginx.conf), where a newline starts a directive of the writer\'s choosing';

export function checkNetwork(props: OpenClawChartProps, s: BasicSettings, p: ProblemCollector): void {
  const ingress = props.ingress;
  if (ingress?.enabled) {
    const hosts = new Set<string>();
    s.ingress.hosts.forEach((h, i) => {
      if (!h.host || !HOST_NAME.test(h.host) || h.host.length > 253) {
        p.add(`ingress.hosts[${i}].host`, 'must be a lower case DNS name without scheme, port or path (e.g. openclaw.example.com)', h.host);
      } else if (/^[0-9.]+$/.test(h.host)) p.add(`ingress.hosts[${i}].host`, 'must be a DNS name, not an IP address (the API server rejects IP hosts)', h.host);
      hosts.add(h.host);
      (h.paths ?? []).forEach((path, j) => {
        if (path.path !== undefined && CONTROL_CHARACTER.test(path.path)) p.add(`ingress.hosts[${i}].paths[${j}].path`, CONTROL_IN_PATH, path.path);
        else if (path.path !== undefined && !path.path.startsWith('/')) p.add(`ingress.hosts[${i}].paths[${j}].path`, 'must start with "/"', path.path);
        else if (path.path !== undefined && path.pathType !== 'ImplementationSpecific' && /\/\/|\/\.\.?(\/|$)|%2f/i.test(path.path)) {
          p.add(`ingress.hosts[${i}].paths[${j}].path`, 'must not contain "//", "/./", "/../" or "%2f", nor end with "/." or "/.." (the API server rejects them)', path.path);
        }
        if (path.pathType !== undefined && !isOneOf(INGRESS_PATH_TYPES, path.pathType)) {
          p.add(`ingress.hosts[${i}].paths[${j}].pathType`, `must be ${orList(INGRESS_PATH_TYPES)}`, path.pathType);
        }
      });
    });
    (ingress.tls ?? []).forEach((t, i) => (t.hosts ?? []).forEach((h, j) => {
      if (!hosts.has(h)) p.add(`ingress.tls[${i}].hosts[${j}]`, `must be one of the ingress hosts (${[...hosts].join(', ')})`, h);
    }));
    if (ingress.className && !isDnsSubdomain(ingress.className)) p.add('ingress.className', 'must be an IngressClass name (DNS subdomain)', ingress.className);
  }
  const route = props.httpRoute;
  if (route?.enabled) {
    if (!route.parentRefs?.length) p.add('httpRoute.parentRefs', 'needs at least one Gateway when httpRoute is enabled');
    (route.hostnames ?? []).forEach((h, i) => {
      if (!HOST_NAME.test(h)) p.add(`httpRoute.hostnames[${i}]`, 'must be a lower case DNS name without scheme', h);
    });
    if (route.path !== undefined && CONTROL_CHARACTER.test(route.path)) p.add('httpRoute.path', CONTROL_IN_PATH, route.path);
    else if (route.path !== undefined && !route.path.startsWith('/')) p.add('httpRoute.path', 'must start with "/"', route.path);
  }
  (props.gateway?.trustedProxies ?? []).forEach((cidr, i) => {
    if (!parseRange(cidr)) p.add(`gateway.trustedProxies[${i}]`, 'must be an IP address or CIDR such as 10.42.3.17/32', cidr);
  });
  for (const [at, message, value] of trustedProxiesWidth(props.gateway?.trustedProxies ?? [])) p.danger(at, message, value);
  if ((props.ingress?.enabled || route?.enabled) && !props.gateway?.trustedProxies?.length) {
    p.warn('gateway.trustedProxies', trustedProxiesAdvice(props.ingress?.enabled ? 'Ingress' : 'HTTPRoute'));
  }
  (props.gateway?.controlUi?.allowedOrigins ?? []).forEach((o, i) => {
    if (!/^https?:\/\/[^/\s]+$/.test(o)) p.add(`gateway.controlUi.allowedOrigins[${i}]`, 'must be an origin: http(s)://host[:port], no path', o);
  });
  const np = props.networkPolicy;
  const checkPorts = (path: string, ports: NetworkPolicyPortProps[] | undefined) => (ports ?? []).forEach((port, i) => {
    if (port.protocol !== undefined && !isOneOf(PROTOCOLS, port.protocol)) p.add(`${path}[${i}].protocol`, `must be ${orList(PROTOCOLS)}`, port.protocol);
    if (typeof port.port === 'number' && !(Number.isInteger(port.port) && port.port >= 1 && port.port <= 65535)) {
      p.add(`${path}[${i}].port`, 'must be an integer from 1 to 65535 or a port name', port.port);
    } else if (typeof port.port === 'string' && !PORT_NAME_PATTERN.test(port.port)) {
      p.add(`${path}[${i}].port`, 'must be a port number or a port name (at most 15 lower case letters, digits and "-", with a letter)', port.port);
    }
    if (port.endPort !== undefined && !(typeof port.port === 'number' && Number.isInteger(port.endPort) && port.endPort >= port.port && port.endPort <= 65535)) {
      p.add(`${path}[${i}].endPort`, 'needs a numeric port and must be from that port to 65535', port.endPort);
    }
  });
  checkPorts('networkPolicy.customEgressPorts', np?.customEgressPorts);
  (np?.ingress ?? []).forEach((r, i) => checkPorts(`networkPolicy.ingress[${i}].ports`, r.ports));
  (np?.egress ?? []).forEach((r, i) => checkPorts(`networkPolicy.egress[${i}].ports`, r.ports));
  (np?.policyTypes ?? []).forEach((t, i) => {
    if (!isOneOf(POLICY_TYPES, t)) p.add(`networkPolicy.policyTypes[${i}]`, `must be ${orList(POLICY_TYPES)}`, t);
  });
}
