/**
 * The one error type for bad props and bad values files. Every problem names the path (as in a
 * values file: `service.port`), the bad value and what is allowed; all problems are reported at once.
 * A value that may be a secret is never printed: only its type and size (see shownValue).
 */
import { PASSWORD_LIKE_NAME, SECRET_LOOKING_NAME, credentialInValue, secretLookingValue } from './secret-patterns';

export interface ConfigProblem {
  /** Values path, e.g. `ingress.hosts[0].host`. */
  readonly path: string;
  /** The offending value (omitted when the problem is a missing value). */
  readonly value?: unknown;
  /** What is wrong and what is allowed. */
  readonly message: string;
  /**
   * Set on a warning whose setting relaxes the pod's, the network's or RBAC's security (the
   * controls of docs/security-warnings.md). A fleet lists every such warning, never capping it away.
   */
  readonly dangerous?: true;
}

export function formatProblem(p: ConfigProblem): string {
  const got = 'value' in p ? ` (got ${describeValue(shownValue(p.path, p.value))})` : '';
  return `${p.path}: ${p.message}${got}`;
}

export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value instanceof ValueShape) return value.text;
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/**
 * A value shown only by its type and size (`<string, 12 characters>`, `<map, 2 keys>`), never its
 * content: for values that may be secrets (under a secret-bearing path, or under an unknown key,
 * which may be a misspelled secret key).
 */
export class ValueShape {
  constructor(public readonly text: string) {}
}

export function shapeOf(value: unknown): ValueShape {
  const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (value instanceof ValueShape) return value;
  if (typeof value === 'string') return new ValueShape(`<string, ${count([...value].length, 'character')}>`);
  if (Array.isArray(value)) return new ValueShape(`<list, ${count(value.length, 'item')}>`);
  if (value === null) return new ValueShape('<null>');
  if (typeof value === 'object') return new ValueShape(`<map, ${count(Object.keys(value).length, 'key')}>`);
  return new ValueShape(`<${typeof value}>`);
}

/**
 * Where values are secrets: the Secret's data (and anything under `secret` but `enabled`), the
 * channels config, plain extraEnv values, and env values under a secret-looking name.
 */
const SECRET_BEARING_PATH = /^secret(\.(?!enabled$)|\[|$)|^gateway\.channels(\.|\[|$)|^extraEnv\[\d+\]\.value$/;
const ENV_PATH = /^(?:env|replicaOverrides\.[^.]+\.env)\.(.+)$/;

/** The value a problem may show: its shape where it may be a secret, else the value itself. */
export function shownValue(path: string, value: unknown): unknown {
  if (value === REDACTED || value instanceof ValueShape) return value;
  const envName = ENV_PATH.exec(path)?.[1];
  if (SECRET_BEARING_PATH.test(path) || (envName !== undefined && (SECRET_LOOKING_NAME.test(envName) || PASSWORD_LIKE_NAME.test(envName))) || containsSecretLookingValue(value)) {
    return shapeOf(value);
  }
  return value;
}

/** What secret values that are known to be secrets are shown as. */
export const REDACTED = '<redacted>';

function containsSecretLookingValue(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return secretLookingValue(value, false) !== undefined || credentialInValue(value) !== undefined;
  if (depth > 20 || value === null || typeof value !== 'object') return false;
  return Object.values(value).some((v) => containsSecretLookingValue(v, depth + 1));
}

/**
 * The most problems an error message lists; the rest are counted ("... and 39,950 more"), so
 * that a file of 40,000 unknown keys gives a readable message in linear time. All of them stay
 * in OpenClawConfigError.problems.
 */
export const MAX_LISTED_PROBLEMS = 50;

/**
 * A configuration that cannot render, with every problem. TypeScript only (jsii cannot publish a
 * subclass of `Error`): in other languages it arrives as the runtime's error with the same message.
 * @jsii ignore
 */
export class OpenClawConfigError extends Error {
  public readonly problems: readonly ConfigProblem[];

  constructor(problems: readonly ConfigProblem[]) {
    const lines = problems.slice(0, MAX_LISTED_PROBLEMS).map((p) => `  - ${formatProblem(p)}`);
    if (problems.length > MAX_LISTED_PROBLEMS) lines.push(`  ... and ${(problems.length - MAX_LISTED_PROBLEMS).toLocaleString('en-US')} more`);
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

  /** A warning that relaxes a security control (see ConfigProblem.dangerous). */
  public danger(path: string, message: string, ...value: unknown[]): void {
    this.warned.push(value.length ? { path, message, value: value[0], dangerous: true } : { path, message, dangerous: true });
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
