/**
 * The value formats of the values schema: each is a `definitions` entry of
 * schemas/values.schema.json (so editors check them too) with the one message the CLI prints when
 * a value does not fit. The generator puts them in the schema; the validator finds the message
 * from the definition an error comes from.
 */
import { PATTERNS } from '../core/patterns';

export interface ValueFormat {
  /** The schema of the definition (draft-07). */
  readonly schema: Record<string, unknown>;
  /** What is allowed, as the error message says it. */
  readonly message: string;
}

export const VALUE_FORMATS = {
  quantity: {
    schema: {
      description: 'A Kubernetes quantity such as 500m, 2, 1Gi, 10Gi.',
      type: ['string', 'number'],
      pattern: PATTERNS.quantity,
      minimum: 0,
    },
    message: 'must be a Kubernetes quantity such as 500m, 2, 1Gi or 10Gi (a number, then optionally one of m, k, M, G, T, P, E, Ki, Mi, Gi, Ti, Pi, Ei)',
  },
  port: {
    schema: { description: 'A TCP/UDP port number.', type: 'integer', minimum: 1, maximum: 65535 },
    message: 'must be a port number: an integer from 1 to 65535',
  },
  portOrName: {
    schema: {
      description: 'A port number (1-65535) or a port name such as http.',
      type: ['integer', 'string'],
      minimum: 1,
      maximum: 65535,
      pattern: PATTERNS.portName,
    },
    message: 'must be a port: an integer from 1 to 65535, or a port name (at most 15 lower case letters, digits and "-")',
  },
  intOrPercent: {
    schema: { description: 'A count or a percentage such as 25%.', type: ['integer', 'string'], minimum: 0, pattern: PATTERNS.intOrPercent },
    message: 'must be a non-negative integer or a percentage such as 25%',
  },
  dnsLabel: {
    schema: { description: 'A DNS label (RFC 1123).', type: 'string', maxLength: 63, pattern: PATTERNS.dnsLabel },
    message: 'must be a DNS label: at most 63 lower case letters, digits and "-", starting and ending with a letter or digit',
  },
  dnsLabelOrEmpty: {
    schema: { description: 'A DNS label (RFC 1123), or empty.', type: 'string', maxLength: 63, pattern: PATTERNS.dnsLabelOrEmpty },
    message: 'must be empty or a DNS label: at most 63 lower case letters, digits and "-", starting and ending with a letter or digit',
  },
  dnsSubdomain: {
    schema: { description: 'A DNS subdomain (RFC 1123), as Kubernetes object names are.', type: 'string', maxLength: 253, pattern: PATTERNS.dnsSubdomain },
    message: 'must be a DNS subdomain: lower case letters, digits, "-" and ".", starting and ending with a letter or digit, at most 253 characters',
  },
  dnsSubdomainOrEmpty: {
    schema: { description: 'A DNS subdomain (RFC 1123), or empty.', type: 'string', maxLength: 253, pattern: PATTERNS.dnsSubdomainOrEmpty },
    message: 'must be empty or a DNS subdomain: lower case letters, digits, "-" and ".", starting and ending with a letter or digit, at most 253 characters',
  },
  hostName: {
    schema: { description: 'A host name, optionally with a leading "*." wildcard.', type: 'string', maxLength: 253, pattern: PATTERNS.hostName },
    message: 'must be a lower case DNS name without scheme, port or path (e.g. openclaw.example.com; "*." allowed in front)',
  },
  labelName: {
    schema: {
      description: 'A label or annotation key: an optional DNS-subdomain prefix and "/", then a name.',
      type: 'string',
      pattern: PATTERNS.labelName,
    },
    message: 'must be a label/annotation key: an optional DNS prefix and "/", then at most 63 letters, digits, "-", "_" and ".", starting and ending with a letter or digit',
  },
  labelValue: {
    schema: { description: 'A label value.', type: 'string', maxLength: 63, pattern: PATTERNS.labelValue },
    message: 'must be a label value: at most 63 letters, digits, "-", "_" and ".", starting and ending with a letter or digit (or empty)',
  },
  prometheusDuration: {
    schema: { description: 'A Prometheus duration such as 30s, 1m or 1m30s.', type: 'string', pattern: PATTERNS.prometheusDuration },
    message: 'must be a Prometheus duration such as 30s, 1m or 1m30s',
  },
  envVarName: {
    schema: { description: 'An environment variable name.', type: 'string', pattern: PATTERNS.envVarName },
    message: 'must be an environment variable name: letters, digits and "_", not starting with a digit',
  },
  dataKey: {
    schema: { description: 'A ConfigMap or Secret key (a file name).', type: 'string', maxLength: 253, pattern: PATTERNS.dataKey },
    message: 'must be a ConfigMap/Secret key: letters, digits, "-", "_" and "."',
  },
  replicaIndex: {
    schema: { description: 'A 0-based replica index, as a string: "0", "1", ...', type: 'string', pattern: PATTERNS.replicaIndex },
    message: 'must be a replica index: a non-negative integer such as "0" or "1"',
  },
  imageTag: {
    schema: { description: 'A container image tag.', type: 'string', pattern: PATTERNS.imageTag },
    message: 'must be an image tag: letters, digits, "_", "." and "-", at most 128 characters, not starting with "." or "-"',
  },
  absolutePath: {
    schema: { description: 'An absolute path.', type: 'string', pattern: PATTERNS.absolutePath },
    message: 'must be an absolute path starting with "/"',
  },
} satisfies Record<string, ValueFormat>;

export type ValueFormatName = keyof typeof VALUE_FORMATS;

/** The format a schema path such as `#/definitions/quantity/pattern` belongs to. */
export function formatOfSchemaPath(schemaPath: string): ValueFormatName | undefined {
  const m = /^#\/definitions\/([^/]+)\//.exec(schemaPath);
  return m && m[1] in VALUE_FORMATS ? (m[1] as ValueFormatName) : undefined;
}
