/**
 * Values against the values schema: every problem at once, each with the values path
 * (`ingress.hosts[0].host`), the bad value and what is allowed, and a "did you mean" for
 * misspelled keys and enum values.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import { ConfigProblem, MAX_LISTED_PROBLEMS, shapeOf } from '../core/errors';
import { VALUE_FORMATS, formatOfSchemaPath } from './value-formats';
import { SchemaNode, VALUES_SCHEMA, deref, namedPaths } from './values-schema';

/** A path as segments: keys (strings) and list indices (numbers). */
export type PathSegments = ReadonlyArray<string | number>;

export interface SchemaProblem extends ConfigProblem {
  /** Where the bad value is, for removing it before the chart's own checks run. */
  readonly segments: PathSegments;
  /** The problem is a missing key (nothing to remove). */
  readonly missing?: boolean;
}

/** Keys that are not values but options, with what to use instead. */
const OPTION_KEYS: Record<string, string> = {
  namespace: 'is not a values key: the namespace is given with --namespace (valuesToProps: opts.namespace)',
  releaseName: 'is not a values key: the release name is given with --release (valuesToProps: opts.release)',
};

const SCHEMA_HINT = 'see `openclaw-cdk8s schema` for every key';

let compiled: ValidateFunction | undefined;

/** The schema precompiled by scripts/values-validator.ts: no ajv compile at run time. */
function validator(): ValidateFunction {
  if (!compiled) compiled = (require('./values-validator.generated') as { validate: ValidateFunction }).validate;
  return compiled;
}

/** `ingress.hosts[0].host` from segments; keys are joined with dots, as the chart's checks do. */
export function formatPath(segments: PathSegments): string {
  let out = '';
  for (const s of segments) out += typeof s === 'number' ? `[${s}]` : out ? `.${s}` : s;
  return out;
}

export function validateValues(values: unknown): SchemaProblem[] {
  // No values: nothing to check (the schema requires no key), and no 300 KB validator to load.
  if (values !== null && typeof values === 'object' && !Array.isArray(values) && Object.keys(values).length === 0) return [];
  const validate = validator();
  if (validate(values)) return [];
  const problems: SchemaProblem[] = [];
  const seen = new Set<string>();
  for (const error of validate.errors ?? []) {
    // "Did you mean" searches every key of the schema: only for the problems an error lists, so
    // that a flood of unknown keys costs linear time.
    const problem = describe(error, values, problems.length < MAX_LISTED_PROBLEMS);
    if (!problem) continue;
    // One problem per path: a value that breaks several rules of one format is reported once.
    if (seen.has(problem.path)) continue;
    seen.add(problem.path);
    problems.push(problem);
  }
  return problems;
}

/** The segments of an error's instancePath, and the value there (what a verbose Ajv error calls `data`). */
function pointerSegments(pointer: string, data: unknown): { segments: Array<string | number>; value: unknown } {
  const segments: Array<string | number> = [];
  let node: unknown = data;
  if (!pointer) return { segments, value: node };
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const segment = Array.isArray(node) && /^\d+$/.test(key) ? Number(key) : key;
    segments.push(segment);
    node = node !== null && typeof node === 'object' && Object.prototype.hasOwnProperty.call(node, segment) ? (node as any)[segment] : undefined;
  }
  return { segments, value: node };
}

/**
 * The schema node holding the keyword an error's schemaPath ends with (what a verbose Ajv error
 * calls `parentSchema`). The validator is compiled without `verbose`: with it, each error site
 * carried the schema and the value, and the generated code held a second copy of the whole
 * schema, a third of its size and of what every cold render loaded.
 */
function parentSchemaOf(schemaPath: string): SchemaNode | undefined {
  let node: unknown = VALUES_SCHEMA;
  const segments = schemaPath.replace(/^#\/?/, '').split('/').slice(0, -1);
  for (const raw of segments) {
    if (raw === '') continue;
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    node = node !== null && typeof node === 'object' && Object.prototype.hasOwnProperty.call(node, key) ? (node as any)[key] : undefined;
  }
  return node as SchemaNode | undefined;
}

function describe(error: ErrorObject, root: unknown, suggest: boolean): SchemaProblem | undefined {
  // The umbrella error of propertyNames repeats the inner one, which names the key.
  if (error.keyword === 'propertyNames') return undefined;
  const { segments: at, value: data } = pointerSegments(error.instancePath, root);
  const problem = (segments: PathSegments, message: string, value?: { value: unknown }, missing = false): SchemaProblem => {
    const path = formatPath(segments);
    const shown = value && isSecretPath(segments) ? { value: shapeOf(value.value) } : value;
    return { path, message, segments, ...(shown ? { value: shown.value } : {}), ...(missing ? { missing } : {}) };
  };

  if (error.propertyName !== undefined) {
    const key = error.propertyName;
    const format = formatOfSchemaPath(error.schemaPath);
    const rule = format ? VALUE_FORMATS[format].message : `must match ${JSON.stringify(error.params.pattern ?? error.message)}`;
    return problem([...at, key], `the key ${rule}`, { value: key });
  }

  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(error.params.additionalProperty);
      const segments = [...at, key];
      const value = { value: (data as Record<string, unknown>)[key] };
      if (!at.length && Object.prototype.hasOwnProperty.call(OPTION_KEYS, key)) return problem(segments, OPTION_KEYS[key], value);
      // An unknown key may be a misspelled secret key (`secrets:`, `secret.dta`, `extraEnv[].vaule`): its value is shown by shape only.
      const message = suggest ? unknownKeyMessage(key, at, parentSchemaOf(error.schemaPath) as SchemaNode) : `is not a known key (${SCHEMA_HINT})`;
      return problem(segments, message, { value: shapeOf(value.value) });
    }
    case 'required':
      return problem([...at, String(error.params.missingProperty)], 'is required', undefined, true);
    case 'type':
      return problem(at, `must be ${typeWords(error.params.type)}`, { value: data });
    case 'enum': {
      const allowed = (error.params.allowedValues as unknown[]).map(String);
      const hint = typeof data === 'string' ? suggestion(data, allowed) : undefined;
      return problem(at, `must be one of ${allowed.join(', ')}${hint ? `; did you mean ${hint}?` : ''}`, { value: data });
    }
  }
  const format = formatOfSchemaPath(error.schemaPath);
  if (format) return problem(at, VALUE_FORMATS[format].message, { value: data });
  switch (error.keyword) {
    case 'minimum':
      return problem(at, `must be ${integerWord(parentSchemaOf(error.schemaPath))}at least ${error.params.limit}`, { value: data });
    case 'maximum':
      return problem(at, `must be ${integerWord(parentSchemaOf(error.schemaPath))}at most ${error.params.limit}`, { value: data });
    default:
      return problem(at, error.message ?? `is not valid (${error.keyword})`, { value: data });
  }
}

/** Under `secret` (but `secret.enabled`): the Secret's data, also when misspelled or of the wrong type. */
function isSecretPath(segments: PathSegments): boolean {
  return segments[0] === 'secret' && !(segments.length === 2 && segments[1] === 'enabled');
}

function integerWord(schema: unknown): string {
  const type = (deref(schema as SchemaNode) as SchemaNode | undefined)?.type;
  return type === 'integer' ? 'an integer of ' : '';
}

function typeWords(type: string | string[]): string {
  const words: Record<string, string> = {
    string: 'a string', integer: 'an integer', number: 'a number', boolean: 'true or false',
    object: 'a map (key: value)', array: 'a list', null: 'null',
  };
  const list = (Array.isArray(type) ? type : String(type).split(',')).map((t) => words[t] ?? t);
  return list.length > 1 ? `${list.slice(0, -1).join(', ')} or ${list[list.length - 1]}` : list[0];
}

/**
 * Edit distance counting a swap of two neighbours as one edit (optimal string alignment), since
 * `prot` for `port` is one typo. (fastest-levenshtein counts it as two.)
 */
export function typoDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** How many typos a word of this length may hold and still be recognised. */
function typoAllowance(length: number): number {
  return length <= 3 ? 1 : Math.max(2, Math.floor(length / 4));
}

/** The closest of `candidates` to `word`, if close enough to be a typo (case is ignored). */
export function suggestion(word: string, candidates: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const d = typoDistance(lower, candidate.toLowerCase());
    if (!best || d < best.distance) best = { candidate, distance: d };
  }
  return best && best.distance <= typoAllowance(Math.min(word.length, best.candidate.length)) ? best.candidate : undefined;
}

let namedLasts: Array<[path: string, last: string]> | undefined;

/** Every named values path with its last key in lower case, made once. */
function lastSegments(): Array<[path: string, last: string]> {
  namedLasts ??= namedPaths().map((p) => [p, (p.split(/[.[\]]+/).filter(Boolean).pop() ?? '').toLowerCase()]);
  return namedLasts;
}

function unknownKeyMessage(key: string, at: PathSegments, parent: SchemaNode | undefined): string {
  const here = Object.keys(deref(parent)?.properties ?? {});
  const near = suggestion(key, here);
  if (near) return `is not a known key; did you mean ${formatPath([...at, near])}?`;
  // The right key in the wrong place: `storageClass` at the top is `persistence.storageClass`.
  const lower = key.toLowerCase();
  const elsewhere = lastSegments().filter(([, last]) => last === lower || (key.length > 4 && typoDistance(last, lower) <= 1)).map(([p]) => p);
  if (elsewhere.length) return `is not a known key here; did you mean ${elsewhere.slice(0, 3).join(' or ')}?`;
  const list = here.length <= 12 ? `known keys here: ${here.join(', ')}` : SCHEMA_HINT;
  return `is not a known key (${list})`;
}
