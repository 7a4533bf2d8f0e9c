import { PATTERNS } from '../core/patterns';

/**
 * The string form of a Kubernetes resource.Quantity, as k8s.io/apimachinery parses it:
 *   <sign>? <digits> | <digits>.<digits>? | .<digits>   then one suffix, or none:
 *   binary SI (Ki Mi Gi Ti Pi Ei), decimal SI (n u m k M G T P E) or a decimal exponent (e3, E-2).
 * The OpenAPI definition only says "string", so without this `storage: ten` would pass.
 * "1E3" still works: the regex backtracks from the suffix E (exa) to the exponent form.
 * The pattern itself is owned by src/core/patterns.ts (the props checks use the same one).
 */
export const QUANTITY_PATTERN: string = PATTERNS.quantity;
