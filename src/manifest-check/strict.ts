/** A JSON schema node, as read from the Kubernetes definitions or a CRD. */
export type Schema = { [keyword: string]: any };

/** Keywords whose values are one sub-schema. */
const SUBSCHEMA = ['items', 'additionalProperties', 'not'];
/** Keywords whose values are lists of sub-schemas. */
const SUBSCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf'];

/**
 * kubeconform `-strict`: an object schema that lists `properties` but says nothing about
 * `additionalProperties` is closed, so a misspelled field (`contianers`) is an error rather
 * than silently dropped by the API server. CRD nodes marked
 * `x-kubernetes-preserve-unknown-fields` stay open, as the API server keeps their unknown fields.
 * Mutates and returns `schema`.
 */
export function closeObjects(schema: Schema): Schema {
  if (schema.properties) {
    if (schema.additionalProperties === undefined && !schema['x-kubernetes-preserve-unknown-fields']) {
      schema.additionalProperties = false;
    }
    Object.values(schema.properties as Record<string, Schema>).forEach(closeObjects);
  }
  for (const k of SUBSCHEMA) if (isSchema(schema[k])) closeObjects(schema[k]);
  for (const k of SUBSCHEMA_LISTS) if (Array.isArray(schema[k])) schema[k].forEach(closeObjects);
  return schema;
}

function isSchema(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null;
}
