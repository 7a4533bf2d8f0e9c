import type Ajv from 'ajv';

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
/** Go's time.RFC3339 layout, which metav1.Time is parsed with: an upper-case T and Z only. */
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

/**
 * The `format`s the Kubernetes OpenAPI definitions and CRDs use. Ajv ships no formats and
 * would warn on the console about each unknown one, so register them, checked the way the
 * API server decodes them.
 */
export function addKubernetesFormats(ajv: Ajv): void {
  ajv.addFormat('int32', { type: 'number', validate: (n: number) => n >= INT32_MIN && n <= INT32_MAX });
  // JavaScript numbers cannot hold the whole int64 range; `type: integer` already checks the rest.
  ajv.addFormat('int64', { type: 'number', validate: () => true });
  ajv.addFormat('double', { type: 'number', validate: () => true });
  // Secret `data` etc. Go's base64 decoder skips line breaks, so they are allowed too.
  ajv.addFormat('byte', { type: 'string', validate: (s: string) => BASE64.test(s.replace(/[\r\n]/g, '')) });
  ajv.addFormat('date-time', RFC3339);
}
