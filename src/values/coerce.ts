/**
 * Loaded values -> plain JSON, typed as the schema expects: a number or boolean given where only a
 * string is allowed (env values, annotations, command items, `image.tag`, ...) becomes its text, as
 * written in the file or `--set` (`1.10` stays "1.10", `yes` stays "yes"). Helm would pass an int
 * to the template there; the chart needs strings, so converting is what the user meant.
 * Everything else keeps its type; the validator reports what still does not fit.
 */
import { SchemaNode, childSchema, expectsOnlyString, itemSchema } from '../schema/values-schema';
import { RawScalar, isMap } from './tree';

export function coerceToSchema(value: unknown, schema: SchemaNode | undefined): unknown {
  const asText = expectsOnlyString(schema);
  if (value instanceof RawScalar) return asText ? value.source : value.value;
  if (asText && (typeof value === 'number' || typeof value === 'boolean')) return String(value);
  if (Array.isArray(value)) {
    const items = itemSchema(schema);
    return value.map((v) => coerceToSchema(v, items));
  }
  if (isMap(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = coerceToSchema(v, childSchema(schema, k));
    return out;
  }
  return value;
}
