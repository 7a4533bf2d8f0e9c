/**
 * The `openclaw-cdk8s` command: Helm-style values files in, Kubernetes manifests out.
 *
 *   openclaw-cdk8s synth [-f values.yaml]... [--set path=value]... [--set-string path=value]...
 *                        [--release NAME] [-n|--namespace NS | --no-namespace] [-o DIR]
 *   openclaw-cdk8s helm -o DIR [-f values.yaml]... [--set ...] [--release NAME] [-n NS] [--chart-version V]
 *   openclaw-cdk8s schema [--fleet]
 *   openclaw-cdk8s fleet -f tenants.yaml -o DIR [--partial] [--strict] [--layout flat|by-namespace]
 *
 * A thin shell over loadValuesFiles, valuesToModel and the builders. Exit codes: 0 done,
 * 1 invalid values (every problem listed, no stack trace), 2 wrong usage.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Command } from 'commander';
import { renderModel } from '../build/render-objects';
import { ConfigProblem, formatWarning, OpenClawConfigError } from '../core/errors';
import { toManifestYaml } from '../output/manifest-yaml';
import { notesOf } from '../notes/summary';
import { renderedFrom } from '../notes/source';
import { packageVersion } from '../core/package-version';
import { OutputLinkError, writeFileNoFollow } from '../output/safe-write';
import { forPeople } from '../core/text-safety';
import { withoutNamespace } from '../output/portable';
import type { KubernetesVersion } from '../manifest-check/kubernetes-versions';
import { parseSynthFast } from './fast-argv';
import { loadValuesFiles, valuesToModel } from '../values/to-props';
// Each command loads only what it needs (cold start): the Helm export, the strict Kubernetes
// validator and the values schema are required inside their commands.

/** Where the CLI writes; process.stdout/stderr in the real command, buffers in tests. */
export interface CliIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
}

export const DEFAULT_RELEASE = 'openclaw';
export const DEFAULT_NAMESPACE = 'default';

/** Exit codes. */
export const EXIT_OK = 0;
export const EXIT_INVALID = 1;
export const EXIT_USAGE = 2;

interface SynthOptions {
  readonly values?: string[];
  readonly set?: string[];
  readonly setString?: string[];
  readonly release: string;
  /** false: `--no-namespace` (synth only). */
  readonly namespace: string | false;
  readonly output?: string;
  readonly quiet?: boolean;
  readonly strict?: boolean;
}

interface HelmOptions extends SynthOptions {
  readonly namespace: string;
  readonly output: string;
  readonly chartVersion?: string;
}

const EXAMPLES = `
Examples:
  # what \`helm template my-openclaw openclaw/openclaw -n openclaw -f values.yaml\` rendered
  $ openclaw-cdk8s synth -f values.yaml --release my-openclaw --namespace openclaw | kubectl apply -f -

  # several files (later ones win) and --set as in Helm
  $ openclaw-cdk8s synth -f base.yaml -f prod.yaml --set replicaCount=2,ingress.enabled=true \\
      --set ingress.hosts[0].host=openclaw.example.com

  # write dist/my-openclaw.k8s.yaml
  $ openclaw-cdk8s synth -f values.yaml --release my-openclaw -o dist

Values are the OpenClaw Helm chart's values.yaml keys; \`openclaw-cdk8s schema\` prints them all.
Numbers and booleans given where a string is expected (--set env.PORT=18789) are taken as text.
`;

/** Runs the command line `argv` (without `node` and the script) and returns the exit code. */
export async function runCli(argv: readonly string[], given: CliIo): Promise<number> {
  // Everything said on stderr is for people: control characters from values or paths are escaped
  // there, once. stdout carries the manifests, byte for byte, and messages escaped where they are made.
  const io: CliIo = { stdout: given.stdout, stderr: { write: (text: string) => given.stderr.write(forPeople(String(text))) } };
  // The common `synth` command line without loading commander (see fast-argv.ts).
  const fast = parseSynthFast(argv, { release: DEFAULT_RELEASE, namespace: DEFAULT_NAMESPACE });
  if (fast) return synth(fast, io);
  const { Command, CommanderError } = require('commander') as typeof import('commander');
  let exitCode = EXIT_OK;
  const program = new Command('openclaw-cdk8s')
    .description('Render OpenClaw on Kubernetes from the values files of the OpenClaw Helm chart, with the openclaw-cdk8s construct library.')
    .version(packageVersion(), '-V, --version')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .showHelpAfterError('(add --help for usage)');

  withValuesOptions(program.command('synth')
    .description('render the Kubernetes manifests: multi-document YAML on stdout, or <dir>/<release>.k8s.yaml with -o'))
    .option('-o, --output <dir>', 'write <dir>/<release>.k8s.yaml instead of printing to stdout')
    .option('-q, --quiet', 'print no summary (objects, how to reach the gateway, its token, its state) on stderr')
    .option('--no-namespace', 'write no namespace at all: the objects take the one they are applied to (kubectl apply -n, a Kustomize overlay)')
    .addHelpText('after', EXAMPLES)
    .action((opts: SynthOptions) => {
      exitCode = synth(opts, io);
    });

  withValuesOptions(program.command('helm')
    .description('export a Helm chart of the rendered manifests to <dir>: Chart.yaml, values.yaml (for reference), README.md, templates/'))
    .requiredOption('-o, --output <dir>', 'the chart directory: new, empty, or a chart exported before (replaced)')
    .option('--chart-version <version>', 'the chart version (SemVer); default: the openclaw-cdk8s version')
    .action((opts: HelmOptions) => {
      exitCode = helm(opts, io);
    });

  program.command('validate')
    .description('check manifest files (multi-document YAML) strictly against the Kubernetes 1.28 and 1.36 schemas: unknown fields are errors')
    .argument('<files...>', 'manifest files')
    .option('--kubernetes <version>', 'check one version only: 1.28 or 1.36')
    .action((files: string[], opts: { kubernetes?: string }) => {
      exitCode = validate(files, opts.kubernetes, io);
    });

  program.command('schema')
    .description('print the JSON schema (draft-07) of the values, generated from the chart\'s typed props')
    .option('--fleet', 'the schema of a tenants file for `openclaw-cdk8s fleet` instead')
    .action((opts: { fleet?: boolean }) => {
      const { VALUES_SCHEMA } = require('../schema/values-schema') as typeof import('../schema/values-schema');
      const schema = opts.fleet ? (require('./fleet-schema') as typeof import('./fleet-schema')).fleetSchema() : VALUES_SCHEMA;
      io.stdout.write(`${JSON.stringify(schema, null, 2)}\n`);
    });

  program.command('fleet')
    .description('render a tenants file (the platform\'s tenancy, defaults and policy, and the tenants) into <dir>, one file per tenant, as OpenClawFleet.writeTo; exit 1 when any tenant is refused')
    .requiredOption('-f, --file <file>', 'the tenants file (YAML or JSON; schema: openclaw-cdk8s schema --fleet)')
    .requiredOption('-o, --output <dir>', 'the fleet\'s directory: exactly the fleet (files of tenants no longer in it are removed)')
    .option('--partial', 'write every tenant that is not refused (a refused tenant\'s earlier file is kept); still exit 1')
    .option('--strict', 'treat warnings (legal but dangerous or ineffective settings) as errors')
    .option('--layout <layout>', 'flat (<dir>/<tenant>.k8s.yaml) or by-namespace (<dir>/<namespace>/<tenant>.k8s.yaml)')
    .option('--workers <n>', 'worker threads (default: the cores, at most 8, for 1,000 tenants or more)')
    .option('-q, --quiet', 'no progress on stderr')
    .action((opts: import('./fleet-command').FleetOptions) => {
      exitCode = (require('./fleet-command') as typeof import('./fleet-command')).fleetCommand(opts, io);
    });

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    return reportError(e, io);
  }
}

function synth(opts: SynthOptions, io: CliIo): number {
  try {
    const values = loadValuesFiles(opts.values ?? [], opts.set ?? [], opts.setString ?? []);
    const namespace = opts.namespace === false ? DEFAULT_NAMESPACE : opts.namespace;
    const { model } = locatedValuesToModel(values, opts, namespace);
    // The construct-free path: the same objects as the chart in an App, without loading cdk8s,
    // from the model the values were checked into (nothing is checked twice).
    const { objects: rendered, warnings } = renderModel(model);
    const objects = opts.namespace === false ? withoutNamespace(rendered, namespace) : rendered;
    if (!sayWarnings(warnings, opts, io)) return EXIT_INVALID;
    const yaml = toManifestYaml(objects);
    // The summary goes to stderr, so stdout stays pure YAML.
    const notes = () => {
      if (!opts.quiet) io.stderr.write(notesOf(objects, [model]));
    };
    if (opts.output === undefined) {
      io.stdout.write(yaml);
      notes();
      return EXIT_OK;
    }
    const file = path.join(opts.output, `${opts.release}.k8s.yaml`);
    try {
      fs.mkdirSync(opts.output, { recursive: true });
      writeFileNoFollow(file, yaml);
    } catch (e) {
      io.stderr.write(`Error: ${e instanceof OutputLinkError ? e.message : `cannot write ${file}: ${(e as Error).message}`}\n`);
      return EXIT_INVALID;
    }
    io.stdout.write(forPeople(`wrote ${file} (${objects.length} objects)\n`));
    notes();
    return EXIT_OK;
  } catch (e) {
    return reportError(e, io);
  }
}

function helm(opts: HelmOptions, io: CliIo): number {
  const { exportHelmChart } = require('../helm/export') as typeof import('../helm/export');
  const { stringify } = require('yaml') as typeof import('yaml');
  try {
    const values = loadValuesFiles(opts.values ?? [], opts.set ?? [], opts.setString ?? []);
    const { model } = locatedValuesToModel(values, opts, opts.namespace);
    const { objects, warnings } = renderModel(model);
    if (!sayWarnings(warnings, opts, io)) return EXIT_INVALID;
    // The objects with the model they came from: NOTES.txt describes the gateway from it.
    const result = exportHelmChart(renderedFrom(model, objects), opts.output, {
      id: opts.release,
      chartVersion: opts.chartVersion,
      // What was rendered, after every -f and --set: recorded (commented out) in values.yaml.
      valuesText: Object.keys(values).length ? stringify(values) : '{}\n',
      valuesSource: valuesSource(opts),
    });
    io.stdout.write(forPeople(`wrote the Helm chart ${opts.output} (${result.objects.length} objects); install it with:\n`
      + `  helm upgrade --install ${opts.release} ${opts.output} -n ${opts.namespace}\n`));
    return EXIT_OK;
  } catch (e) {
    return reportError(e, io);
  }
}

/** valuesToModel, its problems named with their file and line or their --set argument. */
function locatedValuesToModel(values: Record<string, unknown>, opts: SynthOptions, namespace: string): ReturnType<typeof valuesToModel> {
  try {
    return valuesToModel(values, { release: opts.release, namespace });
  } catch (e) {
    if (!(e instanceof OpenClawConfigError)) throw e;
    const { locateProblems } = require('./value-sources') as typeof import('./value-sources');
    throw new OpenClawConfigError(locateProblems(e.problems, { files: opts.values ?? [], set: opts.set ?? [], setString: opts.setString ?? [] }));
  }
}

/** `a.yaml, b.yaml and --set`, for the exported chart's values.yaml and README. */
function valuesSource(opts: HelmOptions): string {
  const sources = [...(opts.values ?? []).map((f) => (f === '-' ? 'standard input' : f)), ...(opts.set?.length || opts.setString?.length ? ['--set'] : [])];
  if (!sources.length) return 'the defaults (no values file)';
  return sources.length === 1 ? sources[0] : `${sources.slice(0, -1).join(', ')} and ${sources[sources.length - 1]}`;
}

/** Problems as the library words them, with the options named as on the command line. */
/** The options every values-driven command shares: the values sources, the release and the namespace. */
function withValuesOptions(command: Command): Command {
  return command
    .option('-f, --values <file>', 'a values file (YAML), as helm -f; repeat for several, later files win; "-" reads stdin', collect)
    .option('--set <path=value>', 'set values as helm --set: a.b=1,list[0].key=x,list={a,b}; repeatable', collect)
    .option('--set-string <path=value>', 'as --set, with every value a string; repeatable', collect)
    .option('--release <name>', 'release name: object name prefix and app.kubernetes.io/instance', DEFAULT_RELEASE)
    .option('-n, --namespace <namespace>', 'namespace set on every namespaced object', DEFAULT_NAMESPACE)
    .option('--strict', 'treat warnings (legal but dangerous or ineffective settings) as errors: exit 1, nothing rendered');
}

/** `openclaw-cdk8s validate`: one line per problem on stderr, exit 1 when any. */
function validate(files: string[], version: string | undefined, io: CliIo): number {
  const { SUPPORTED_KUBERNETES_VERSIONS } = require('../manifest-check/kubernetes-versions') as typeof import('../manifest-check/kubernetes-versions');
  const { formatProblems } = require('../manifest-check/problems') as typeof import('../manifest-check/problems');
  const { validateYamlFiles } = require('../manifest-check/yaml-files') as typeof import('../manifest-check/yaml-files');
  if (version !== undefined && !(SUPPORTED_KUBERNETES_VERSIONS as string[]).includes(version)) {
    io.stderr.write(`--kubernetes: must be one of ${SUPPORTED_KUBERNETES_VERSIONS.join(', ')} (got ${JSON.stringify(version)})\n`);
    return EXIT_USAGE;
  }
  try {
    const problems = validateYamlFiles(files, version ? [version as KubernetesVersion] : undefined);
    if (problems.length) {
      io.stderr.write(`${formatProblems(problems)}\n${problems.length} problem(s) in ${files.length} file(s)\n`);
      return EXIT_INVALID;
    }
    io.stderr.write(`valid for Kubernetes ${(version ? [version] : SUPPORTED_KUBERNETES_VERSIONS).join(' and ')}: ${files.join(', ')}\n`);
    return EXIT_OK;
  } catch (e) {
    io.stderr.write(`${(e as Error).message}\n`);
    return EXIT_INVALID;
  }
}

/** Says each warning on stderr; with --strict they are errors instead. Returns whether to go on. */
function sayWarnings(warnings: readonly ConfigProblem[], opts: SynthOptions, io: CliIo): boolean {
  if (opts.strict && warnings.length) {
    const error = new OpenClawConfigError(warnings);
    io.stderr.write(`${error.message.replace(/^Invalid OpenClaw configuration/, 'Refused with --strict')}\n`);
    return false;
  }
  for (const warning of warnings) io.stderr.write(`${formatWarning(warning)}\n`);
  return true;
}

function reportError(e: unknown, io: CliIo): number {
  if (e instanceof OpenClawConfigError) {
    const options: Record<string, string> = { 'opts.release': '--release', 'opts.namespace': '--namespace' };
    const problems = e.problems.map((p): ConfigProblem => (Object.prototype.hasOwnProperty.call(options, p.path) ? { ...p, path: options[p.path] } : p));
    io.stderr.write(`${new OpenClawConfigError(problems).message}\n`);
    return EXIT_INVALID;
  }
  const message = e instanceof Error ? e.message : String(e);
  io.stderr.write(`Error: ${message}\n`);
  if (process.env.OPENCLAW_CDK8S_DEBUG && e instanceof Error && e.stack) io.stderr.write(`${e.stack}\n`);
  return EXIT_INVALID;
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}
