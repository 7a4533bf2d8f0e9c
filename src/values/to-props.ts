/**
 * Helm-style values -> OpenClawChartProps. The values keys are the props keys, so this mostly
 * validates: the values schema (types, enums, formats, unknown keys) and then the chart's own
 * semantic checks (check.ts), and reports every problem of both at once.
 */
import { checkProps } from '../check';
import { ConfigProblem, MAX_LISTED_PROBLEMS, OpenClawConfigError, ProblemCollector } from '../core/errors';
import { OpenClawChartProps } from '../props';
import { Model, withReleaseName } from '../model/model';
import { resolveModel } from '../model/resolve-model';
import { coerceToSchema } from './coerce';
import { SchemaNode, VALUES_SCHEMA, childSchema, deref, itemSchema } from '../schema/values-schema';
import { SetBudget, applySetArgument } from './set-values';
import { MAX_VALUES_TOTAL_BYTES, readValuesFile } from '../core/read-file';
import { ValuesTree, isMap, mergeValues, newMap, removeNulls } from './tree';
import { snapshot } from '../props/snapshot';
import { SchemaProblem, validateValues } from '../schema/validate-values';
import { parseValuesYaml } from './yaml-values';

/** The props that come from the options, not the values: their problems are named after the option. */
const OPTION_PATHS: Record<string, string> = { releaseName: 'opts.release', namespace: 'opts.namespace' };

export interface ValuesToPropsOptions {
  /** The release name (`helm install <release>`): becomes `releaseName`. @default - the chart's construct id */
  readonly release?: string;
  /**
   * The namespace of every namespaced object: becomes `namespace`. @default 'default'
   * @jsii suppress JSII5018 (the Kubernetes field name; bindings escape it where it is reserved)
   */
  readonly namespace?: string;
}

/**
 * Validates Helm-style values (a parsed values.yaml) and returns the chart's props. Throws
 * OpenClawConfigError with every problem: unknown keys (with "did you mean"), wrong types, bad
 * enums and formats, and the chart's own checks. Numbers and booleans where the schema expects a
 * string become strings (`env: { PORT: 18789 }`). Helm's top-level `global` is ignored.
 */
export function valuesToProps(values: unknown, opts: ValuesToPropsOptions = {}): OpenClawChartProps {
  return valuesToModel(values, opts).props;
}

/**
 * @internal valuesToProps with the Model those props resolve to: the checks run once, and the
 * model carries their warnings, so a render from it (the CLI's synth and helm) checks nothing again.
 */
export function valuesToModel(values: unknown, opts: ValuesToPropsOptions = {}): { readonly props: OpenClawChartProps; readonly model: Model } {
  if (!isMap(values)) {
    throw new OpenClawConfigError([{ path: '(values)', message: 'must be a map of values (key: value), like the chart\'s values.yaml', value: values }]);
  }
  // Read once (src/props/snapshot.ts): getters, Proxies and own "__proto__" keys (JSON.parse makes them)
  // never reach a check or a copy that could read them otherwise.
  const typed = coerceToSchema(snapshot(values, 'values'), VALUES_SCHEMA) as ValuesTree;
  const schemaProblems = validateValues(typed);
  // More schema problems than an error lists: the chart's checks would add only to the count
  // (a flood of unknown keys costs no second pass).
  if (schemaProblems.length > MAX_LISTED_PROBLEMS) throw new OpenClawConfigError(schemaProblems.map(publicProblem));
  const cleaned = withoutBadValues(typed, schemaProblems);
  delete cleaned.global;
  const props: OpenClawChartProps = {
    ...cleaned,
    ...(opts.release !== undefined ? { releaseName: opts.release } : {}),
    ...(opts.namespace !== undefined ? { namespace: opts.namespace } : {}),
  };
  const release = opts.release ?? 'openclaw';
  const schemaPaths = new Set(schemaProblems.map((s) => s.path));
  const checked = chartChecks(withReleaseName(props, release), schemaProblems.length > 0);
  const chartProblems = checked.problems
    .map((p) => (Object.prototype.hasOwnProperty.call(OPTION_PATHS, p.path) ? { ...p, path: OPTION_PATHS[p.path] } : p))
    .filter((p) => !coveredBy(schemaPaths, p.path));
  const problems: ConfigProblem[] = [...schemaProblems.map(publicProblem), ...chartProblems];
  if (problems.length) throw new OpenClawConfigError(problems);
  // Everything the chart derives must work too (it throws OpenClawConfigError if not); the checks
  // above are not made again.
  return { props, model: resolveModel(props, release, { warnings: checked.warnings }) };
}

/**
 * Reads values files and applies `--set` / `--set-string` as `helm template -f ... --set ...`
 * does: files merge in order (maps deeply, lists and scalars replaced, later wins), then each
 * `--set`, then each `--set-string`; `null` removes a key. `-` reads standard input. Throws
 * OpenClawConfigError naming the file (or the `--set` argument) when one is not YAML, not a map,
 * or not Helm's `--set` syntax. The result is plain JSON, typed as the schema expects.
 *
 * Safe for untrusted input in a long-running process: only regular files (or `-`), at most
 * 4 MiB each and 8 MiB with the --set arguments, UTF-8 only, bounded alias expansion and
 * nesting, and no key reaches a prototype (`__proto__`, `constructor`, `prototype` are refused).
 */
export function loadValuesFiles(files: readonly string[], sets: readonly string[] = [], stringSets: readonly string[] = []): Record<string, unknown> {
  const problems: ConfigProblem[] = [];
  let merged: ValuesTree = newMap();
  let budget = MAX_VALUES_TOTAL_BYTES - [...sets, ...stringSets].reduce((n, a) => n + Buffer.byteLength(a), 0);
  if (budget < 0) problems.push({ path: '--set', message: `the --set and --set-string arguments are too large: at most ${MAX_VALUES_TOTAL_BYTES / 1024 / 1024} MiB together with the values files` });
  for (const file of files) {
    const read = readValuesFile(file, Math.max(budget, 0));
    if ('problem' in read) {
      problems.push({ path: file, message: read.problem });
      continue;
    }
    budget -= read.bytes;
    const parsed = parseValuesYaml(read.text, file);
    if ('problem' in parsed) problems.push(parsed.problem);
    else merged = mergeValues(merged, parsed.values);
  }
  // One budget for all arguments: together they may make as many values as one values file.
  const setBudget = new SetBudget();
  for (const [arg, stringValues] of [...sets.map((a) => [a, false] as const), ...stringSets.map((a) => [a, true] as const)]) {
    const problem = applySetArgument(merged, arg, stringValues, setBudget);
    if (problem) problems.push(problem);
    // Past the budget every later argument would be refused too: said once.
    if (setBudget.left < 0) break;
  }
  if (problems.length) throw new OpenClawConfigError(problems);
  return coerceToSchema(removeNulls(merged), VALUES_SCHEMA) as Record<string, unknown>;
}

/** The chart's own checks. With schema problems the values may be odd shapes; checks that trip on them are left for the next run. */
function chartChecks(props: OpenClawChartProps, afterSchemaProblems: boolean): ProblemCollector {
  const collector = new ProblemCollector();
  try {
    checkProps(props, collector);
  } catch (e) {
    if (!afterSchemaProblems) throw e;
  }
  return collector;
}

/**
 * True when `path` or a path it is inside is in `paths` (`a.b` covers `a.b`, `a.b.c`, `a.b[0]`):
 * a look-up per prefix, so that many problems of both kinds cost linear time.
 */
function coveredBy(paths: ReadonlySet<string>, path: string): boolean {
  if (paths.has(path)) return true;
  for (let i = 0; i < path.length; i++) if ((path[i] === '.' || path[i] === '[') && paths.has(path.slice(0, i))) return true;
  return false;
}

function publicProblem(p: SchemaProblem): ConfigProblem {
  return 'value' in p ? { path: p.path, message: p.message, value: p.value } : { path: p.path, message: p.message };
}

/**
 * A copy without the values the schema refused, so the chart's checks see only well-typed values
 * (and do not report the same value twice). List items are replaced by an empty value of the
 * expected type, so that the indices of the other items stay as the user wrote them.
 */
function withoutBadValues(tree: ValuesTree, problems: readonly SchemaProblem[]): ValuesTree {
  const copy = JSON.parse(JSON.stringify(tree)) as ValuesTree;
  for (const p of problems) {
    if (p.missing || !p.segments.length) continue;
    let node: any = copy;
    let schema: SchemaNode | undefined = VALUES_SCHEMA;
    for (const s of p.segments.slice(0, -1)) {
      node = node?.[s];
      schema = typeof s === 'number' ? itemSchema(schema) : childSchema(schema, s);
    }
    const last = p.segments[p.segments.length - 1];
    if (Array.isArray(node) && typeof last === 'number') node[last] = placeholder(itemSchema(schema));
    else if (isMap(node)) delete node[last as string];
  }
  return copy;
}

function placeholder(schema: SchemaNode | undefined): unknown {
  const type = deref(schema)?.type;
  if (type === 'object') return {};
  if (type === 'string') return '';
  if (type === 'array') return [];
  return undefined;
}
