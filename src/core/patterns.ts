/**
 * The value formats the chart checks, each written once: the props checks (src/check.ts), the
 * values schema (src/schema/value-formats.ts) and the fleet import the patterns from here. Sources are
 * kept as strings so the schema carries exactly the pattern the checks use.
 */

/** One RFC 1123 label, unanchored: lower case letters, digits and "-", alphanumeric at both ends. */
const LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
/** An RFC 1123 subdomain, unanchored: labels joined by ".". */
const SUBDOMAIN = `${LABEL}(\\.${LABEL})*`;
/** The name part of a label key (at most 63 characters). */
const QUALIFIED_NAME = '[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?';

/** Anchored pattern sources, as the values schema writes them. */
export const PATTERNS = {
  dnsLabel: `^${LABEL}$`,
  dnsLabelOrEmpty: `^(${LABEL})?$`,
  dnsSubdomain: `^${SUBDOMAIN}$`,
  dnsSubdomainOrEmpty: `^(${SUBDOMAIN})?$`,
  /** A host name, optionally with a leading "*." wildcard. */
  hostName: `^(\\*\\.)?${SUBDOMAIN}$`,
  /** A label or annotation key: an optional DNS-subdomain prefix and "/", then a name. */
  labelName: `^(${SUBDOMAIN}/)?${QUALIFIED_NAME}$`,
  labelValue: '^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$',
  envVarName: '^[A-Za-z_][A-Za-z0-9_]*$',
  /** A ConfigMap or Secret key (a file name). */
  dataKey: '^[-._a-zA-Z0-9]+$',
  /** A 0-based replica index, as a string. */
  replicaIndex: '^(0|[1-9][0-9]*)$',
  imageTag: '^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$',
  /** A named port (IANA service name): at most 15 lower case letters, digits and "-", with a letter. */
  portName: '^(?=.*[a-z])(?!.*--)[a-z0-9]([-a-z0-9]{0,13}[a-z0-9])?$',
  /** Kubernetes' quantity grammar (as resource.ParseQuantity accepts). */
  quantity: '^[+-]?(\\d+(\\.\\d*)?|\\.\\d+)(([KMGTPE]i)|[numkMGTPE]|[eE][+-]?\\d+)?$',
  intOrPercent: '^[0-9]+%$',
  absolutePath: '^/',
  /** A Prometheus duration (`30s`, `1m30s`), as the ServiceMonitor CRD's pattern, less `0` and the empty string. */
  prometheusDuration: '^(?=[0-9])(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?$',
} as const;

export const DNS_LABEL = new RegExp(PATTERNS.dnsLabel);
export const DNS_SUBDOMAIN = new RegExp(PATTERNS.dnsSubdomain);
export const HOST_NAME = new RegExp(PATTERNS.hostName);
export const ENV_NAME = new RegExp(PATTERNS.envVarName);
export const LABEL_NAME = new RegExp(PATTERNS.labelName);
export const LABEL_VALUE = new RegExp(PATTERNS.labelValue);
export const DATA_KEY = new RegExp(PATTERNS.dataKey);
export const REPLICA_INDEX = new RegExp(PATTERNS.replicaIndex);
export const IMAGE_TAG = new RegExp(PATTERNS.imageTag);
export const PORT_NAME_PATTERN = new RegExp(PATTERNS.portName);
export const QUANTITY = new RegExp(PATTERNS.quantity);
export const PROMETHEUS_DURATION = new RegExp(PATTERNS.prometheusDuration);
/** An image repository such as ghcr.io/openclaw/openclaw (lower case, optional registry port, no tag). */
export const IMAGE_REPOSITORY = /^[a-z0-9]+([._-][a-z0-9]+)*(:\d+)?(\/[a-z0-9]+([._-]+[a-z0-9]+)*)*$/;
/** Names that look like credentials and so must not be plain env values. */
export const SECRET_LOOKING_NAME = /(^|_)(API_KEY|TOKEN|PASSWORD)$|SECRET/i;
/** The env vars that carry gateway auth: when one is given, the chart adds no token of its own. */
export const GATEWAY_AUTH_ENV = /^OPENCLAW_GATEWAY_(TOKEN|PASSWORD)$/;
/** Largest value of the int32 fields (replicas, probe timings, partition) the API server accepts. */
export const INT32_MAX = 2 ** 31 - 1;

export const isDnsSubdomain = (s: unknown): boolean => typeof s === 'string' && s.length <= 253 && DNS_SUBDOMAIN.test(s);

export function isQuantity(q: unknown): boolean {
  return (typeof q === 'number' && Number.isFinite(q) && q >= 0) || (typeof q === 'string' && QUANTITY.test(q));
}
