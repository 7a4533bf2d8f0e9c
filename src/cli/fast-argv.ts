/**
 * The common `synth` command line read without commander (loading commander and the
 * child_process module it needs costs a cold start more than the render's own work). Only plain
 * forms are recognized: `synth` followed by the options below as `-x value`, `--long value` or
 * `--long=value`, and the flags. Anything else (another command, help, an unknown or combined
 * option, a value that starts with "-", a positional argument) returns undefined, and commander
 * parses the command line as always, with its messages.
 */

/** What the fast path gives `synth`: the options commander would give for the same command line. */
export interface FastSynthOptions {
  values?: string[];
  set?: string[];
  setString?: string[];
  release: string;
  namespace: string;
  output?: string;
  quiet?: boolean;
  strict?: boolean;
}

const REPEATED: Record<string, 'values' | 'set' | 'setString'> = { '-f': 'values', '--values': 'values', '--set': 'set', '--set-string': 'setString' };
const SINGLE: Record<string, 'release' | 'namespace' | 'output'> = { '--release': 'release', '-n': 'namespace', '--namespace': 'namespace', '-o': 'output', '--output': 'output' };
const FLAGS: Record<string, 'quiet' | 'strict'> = { '-q': 'quiet', '--quiet': 'quiet', '--strict': 'strict' };

/** `synth`'s options from `argv` (without node and the script), or undefined when commander must parse it. */
export function parseSynthFast(argv: readonly string[], defaults: { release: string; namespace: string }): FastSynthOptions | undefined {
  if (argv[0] !== 'synth' || process.env.OPENCLAW_CDK8S_NO_FAST_ARGV) return undefined;
  const opts: FastSynthOptions = { release: defaults.release, namespace: defaults.namespace };
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (FLAGS[name] && eq < 0) {
      opts[FLAGS[name]] = true;
      continue;
    }
    if (!REPEATED[name] && !SINGLE[name]) return undefined;
    const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || value === '' || (value.startsWith('-') && value !== '-')) return undefined;
    if (REPEATED[name]) (opts[REPEATED[name]] ??= []).push(value);
    else opts[SINGLE[name]] = value;
  }
  return opts;
}
