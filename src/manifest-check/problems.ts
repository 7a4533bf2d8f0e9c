import type { ErrorObject } from 'ajv';
import { KubernetesVersion } from './kubernetes-versions';
import { QUANTITY_PATTERN } from './quantity';

/** One way a manifest is not valid for one Kubernetes version. */
export interface ManifestProblem {
  readonly version: KubernetesVersion;
  readonly kind: string;
  readonly name: string;
  /** JSON pointer to the offending field, e.g. /spec/template/spec/contianers. */
  readonly path: string;
  readonly message: string;
  /** The YAML file the object came from, when validated from files. */
  readonly file?: string;
}

/** One line per problem: `v1.28 StatefulSet/my-openclaw /spec/replicas: must be integer (got "three")`. */
export function formatProblems(problems: ManifestProblem[]): string {
  return problems
    .map((p) => `${p.file ? `${p.file}: ` : ''}v${p.version} ${p.kind}/${p.name} ${p.path || '/'}: ${p.message}`)
    .join('\n');
}

/**
 * An Ajv error as a path and a message a chart author can act on: the path names the unknown
 * or missing field itself, and the message says what value was found.
 */
export function describeAjvError(error: ErrorObject): { path: string; message: string } {
  const at = error.instancePath;
  const got = ` (got ${show(error.data)})`;
  switch (error.keyword) {
    case 'additionalProperties': {
      const field = error.params.additionalProperty;
      return { path: `${at}/${escape(field)}`, message: `must NOT have additional property '${field}'` };
    }
    case 'required': {
      const field = error.params.missingProperty;
      return { path: `${at}/${escape(field)}`, message: `must have required property '${field}'` };
    }
    case 'type':
      return { path: at, message: `must be ${[error.params.type].flat().join(' or ')}${got}` };
    case 'enum':
      return { path: at, message: `must be one of ${error.params.allowedValues.map(show).join(', ')}${got}` };
    case 'pattern':
      if (error.params.pattern === QUANTITY_PATTERN) {
        return { path: at, message: `must be a Kubernetes quantity such as 500m, 1.5 or 10Gi${got}` };
      }
  }
  return { path: at, message: `${error.message}${got}` };
}

/** JSON pointer escaping of one field name (label keys contain '/'). */
function escape(field: string): string {
  return field.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** A short rendering of a value: whole scalars, only the shape of maps and lists. */
function show(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object' && value !== null) return 'a map';
  return JSON.stringify(value) ?? String(value);
}
