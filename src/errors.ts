/**
 * The one error type for bad props and bad values files. Every problem names the path (as in a
 * values file: `service.port`), the bad value and what is allowed; all problems are reported at once.
 */

export interface ConfigProblem {
  /** Values path, e.g. `ingress.hosts[0].host`. */
  readonly path: string;
  /** The offending value (omitted when the problem is a missing value). */
  readonly value?: unknown;
  /** What is wrong and what is allowed. */
  readonly message: string;
}

export function formatProblem(p: ConfigProblem): string {
  const got = 'value' in p ? ` (got ${describeValue(p.value)})` : '';
  return `${p.path}: ${p.message}${got}`;
}

export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

export class OpenClawConfigError extends Error {
  public readonly problems: readonly ConfigProblem[];

  constructor(problems: readonly ConfigProblem[]) {
    const lines = problems.map((p) => `  - ${formatProblem(p)}`);
    super(`Invalid OpenClaw configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${lines.join('\n')}`);
    this.name = 'OpenClawConfigError';
    this.problems = problems;
  }
}

/** A warning: a legal but dangerous or ineffective setting. Rendered, and said on stderr; `--strict` makes it an error. */
export function formatWarning(w: ConfigProblem): string {
  return `Warning: ${formatProblem(w)}`;
}

/** Collects problems (and warnings) while checking, then throws the problems together. */
export class ProblemCollector {
  private readonly found: ConfigProblem[] = [];
  private readonly warned: ConfigProblem[] = [];

  public add(path: string, message: string, ...value: unknown[]): void {
    this.found.push(value.length ? { path, message, value: value[0] } : { path, message });
  }

  /** A setting that renders, but that the operator should hear about (same shape as a problem). */
  public warn(path: string, message: string, ...value: unknown[]): void {
    this.warned.push(value.length ? { path, message, value: value[0] } : { path, message });
  }

  public get problems(): readonly ConfigProblem[] {
    return this.found;
  }

  public get warnings(): readonly ConfigProblem[] {
    return this.warned;
  }

  public throwIfAny(): void {
    if (this.found.length) throw new OpenClawConfigError(this.found);
  }
}
