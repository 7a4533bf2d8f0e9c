import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { definitionRef, OBJECT_META } from './k8s-definitions';
import { schemasDir } from './schemas-dir';
import { closeObjects, Schema } from './strict';

/** CRDs whose objects the library emits, beside the built-in kinds. */
const CRD_FILES = [
  'gateway.networking.k8s.io_httproutes.yaml',
  'monitoring.coreos.com_prometheusrules.yaml',
  'monitoring.coreos.com_servicemonitors.yaml',
];

/** The schema of one served version of a CRD kind. */
export interface CrdSchema {
  apiVersion: string;
  kind: string;
  schema: Schema;
}

let cached: CrdSchema[] | undefined;

/**
 * Every served version of every shipped CRD, made strict. The CRD's own `metadata` schema is
 * only `type: object` because the API server checks it as ObjectMeta, so it is pointed at the
 * ObjectMeta of whichever Kubernetes definitions the schema is validated beside.
 */
export function crdSchemas(): CrdSchema[] {
  cached ??= CRD_FILES.flatMap((file) =>
    parseAllDocuments(fs.readFileSync(path.join(schemasDir(), 'crds', file), 'utf8')).flatMap((doc) => {
      const crd = doc.toJS();
      return crd.spec.versions
        .filter((v: any) => v.served)
        .map((v: any) => {
          const schema = closeObjects(jsPatterns(v.schema.openAPIV3Schema));
          schema.properties.metadata = { $ref: definitionRef(OBJECT_META) };
          return { apiVersion: `${crd.spec.group}/${v.name}`, kind: crd.spec.names.kind, schema };
        });
    }),
  );
  return cached;
}

/**
 * CRD patterns are Go (RE2) regular expressions; the one construct the shipped CRDs use that
 * JavaScript lacks is a leading `(?i)` (PrometheusRule's `partial_response_strategy`): it becomes
 * each letter as a class of both cases. Any other `(?` flag is left for Ajv to refuse loudly.
 */
function jsPatterns(schema: any): any {
  if (Array.isArray(schema)) return schema.map(jsPatterns);
  if (schema === null || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema)) {
    out[k] = k === 'pattern' && typeof v === 'string' ? caseless(v) : jsPatterns(v);
  }
  return out;
}

function caseless(pattern: string): string {
  const at = pattern.indexOf('(?i)');
  if (at < 0 || (at > 0 && pattern.slice(0, at) !== '^')) return pattern;
  const rest = pattern.slice(at + 4).replace(/\\.|[a-zA-Z]/g, (c) => (c.length === 1 ? `[${c.toLowerCase()}${c.toUpperCase()}]` : c));
  return pattern.slice(0, at) + rest;
}
