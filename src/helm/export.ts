/**
 * Export rendered manifests as a Helm chart directory, for platforms that deploy with Helm
 * (Argo CD, Flux, `helm install`).
 *
 * The chart is pre-rendered: its templates are the synthesized manifests, exactly as
 * `cdk8s synth` writes them, with Helm's `{{` escaped so that nothing in them (a shell script,
 * a user's annotation) is taken for a template. Helm therefore installs, upgrades, diffs and
 * rolls back exactly the objects that were validated here. The values are applied when
 * exporting, not by Helm: values.yaml only records them (as comments, secret values redacted),
 * and the chart refuses (`helm template`/`install` fail) to be rendered with other values, under
 * another release name or into another namespace than the objects were rendered for, instead of
 * silently ignoring them.
 *
 * (`cdk8s synth --format helm` makes a similar directory, but copies the manifests without
 * escaping `{{`, has no appVersion, names the chart after the current directory, writes every
 * CRD the app imports into crds/ (here: the Gateway API's HTTPRoute CRD, which a cluster
 * operator owns) and accepts any namespace.)
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, Yaml } from 'cdk8s';
import { parse, stringify } from 'yaml';
import { OpenClawChart } from '../chart';
import { notesOf } from '../notes/summary';
import { AppLike, ChartLike, manifestsOf, modelsOf } from '../notes/source';
import { OpenClawChartProps } from '../props';
import { mayBeCredential } from '../core/secret-patterns';
import { makeDirNoFollow, refuseLink, writeFileNoFollow } from '../output/safe-write';
import { forPeople, printable } from '../core/text-safety';
import { toManifestYaml } from '../output/manifest-yaml';
import { snapshot } from '../props/snapshot';
import { PACKAGE_NAME, packageVersion } from '../core/package-version';

/** What to export: the props of one OpenClawChart, or manifests already synthesized. */
export type HelmExportInput = OpenClawChartProps | readonly object[] | ChartLike | AppLike;

export interface HelmExportOptions {
  /**
   * Construct id of the OpenClawChart made from props (the default release name).
   * Only used when the input is props.
   * @default 'openclaw'
   */
  readonly id?: string;
  /**
   * The chart's name in Chart.yaml.
   * @default - `app.kubernetes.io/name` of the OpenClaw StatefulSet ('openclaw'), else 'openclaw'
   */
  readonly chartName?: string;
  /**
   * The chart's version (SemVer 2).
   * @default - the version of this package (openclaw-cdk8s)
   */
  readonly chartVersion?: string;
  /**
   * Chart.yaml appVersion.
   * @default - the OpenClaw image tag of the StatefulSet
   */
  readonly appVersion?: string;
  /**
   * The values the manifests were rendered from (YAML), recorded, commented out, in values.yaml,
   * with every value that is or may be a credential redacted (`secret.data`, secret-looking values
   * anywhere, env values named like credentials: see mayBeCredential).
   * @default - the props as YAML when the input is props; otherwise nothing
   */
  readonly valuesText?: string;
  /**
   * Where those values came from, in words, for values.yaml and the README
   * (e.g. `values.yaml, prod.yaml and --set`).
   * @default - 'the props' when the input is props, else 'the manifests'
   */
  readonly valuesSource?: string;
}

export interface HelmExportResult {
  /** The chart directory. */
  readonly dir: string;
  /** Files written, relative to `dir`, sorted. */
  readonly files: string[];
  /** The manifests in templates/, as plain JSON (what `helm template` renders). */
  readonly objects: any[];
  /**
   * The namespace the chart must be installed into, when all namespaced objects share one.
   * @jsii suppress JSII5018 (the Kubernetes field name; bindings escape it where it is reserved)
   */
  readonly namespace?: string;
}

/** Marks a directory this function made, so that it may be replaced by the next export. */
export const GENERATED_ANNOTATION = `${PACKAGE_NAME}/generated`;

const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;

/**
 * Writes a Helm chart (apiVersion v2) to `outDir`: Chart.yaml, values.yaml, README.md,
 * templates/ (one file per object, plus NOTES.txt and a guard). `outDir` must be missing, empty,
 * or a chart this function wrote before (which is replaced).
 */
export function exportHelmChart(input: HelmExportInput, outDir: string, opts: HelmExportOptions = {}): HelmExportResult {
  const fromProps = isProps(input);
  // Props are read once (src/props/snapshot.ts): the chart and the recorded values see the same data.
  if (fromProps) input = snapshot(input as OpenClawChartProps, 'props');
  // The notes describe each gateway from its model: the chart's, or those the Chart or App holds.
  const source = fromProps ? new OpenClawChart(new App(), opts.id ?? 'openclaw', input as OpenClawChartProps) : input as readonly object[] | ChartLike | AppLike;
  const objects: any[] = manifestsOf(source);
  if (!objects.length) throw new Error('exportHelmChart: nothing to export (no manifests)');

  const gateway = objects.find((o) => o?.kind === 'StatefulSet'
    && (o.spec?.template?.spec?.containers ?? []).some((c: any) => c.name === 'openclaw'));
  const chartName = opts.chartName ?? gateway?.metadata?.labels?.['app.kubernetes.io/name'] ?? 'openclaw';
  const chartVersion = opts.chartVersion ?? packageVersion();
  if (!SEMVER.test(chartVersion)) throw new Error(`exportHelmChart: chart version '${chartVersion}' is not SemVer 2 (e.g. 1.2.3)`);
  const appVersion = opts.appVersion ?? imageTag(gateway);
  const namespaces = [...new Set(objects.map((o) => o?.metadata?.namespace).filter((n) => typeof n === 'string'))] as string[];
  const namespace = namespaces.length === 1 ? namespaces[0] : undefined;
  const valuesSource = opts.valuesSource ?? (fromProps ? 'the props' : 'the manifests');
  const valuesText = opts.valuesText ?? (fromProps ? Yaml.stringify(input) : undefined);

  prepareOutDir(outDir);
  const files = new Map<string, string>();
  files.set('Chart.yaml', chartYaml({
    apiVersion: 'v2',
    name: chartName,
    description: `OpenClaw gateway, pre-rendered by ${PACKAGE_NAME} ${packageVersion()}`,
    type: 'application',
    version: chartVersion,
    ...(appVersion ? { appVersion } : {}),
    // The pods read their ordinal from the apps.kubernetes.io/pod-index label (Kubernetes 1.28+).
    kubeVersion: '>= 1.28.0-0',
    annotations: {
      [GENERATED_ANNOTATION]: 'true',
      ...(namespace ? { [`${PACKAGE_NAME}/namespace`]: namespace } : {}),
    },
  }));
  files.set('values.yaml', valuesFile(valuesText, valuesSource));
  const renderedRelease: string | undefined = gateway?.metadata?.labels?.['app.kubernetes.io/instance'];
  const release = renderedRelease ?? chartName;
  files.set('README.md', forPeople(readme({ chartName, chartVersion, appVersion, namespace, objects, valuesSource, release })));
  files.set('templates/guard.yaml', guardTemplate(namespace, renderedRelease));
  files.set('templates/NOTES.txt', escapeTemplate(notesOf(objects, modelsOf(source), { title: `OpenClaw: ${objects.length} objects installed` })));
  // Our writer: cdk8s's bytes, except that a `<<` key (possible in manifests given as input) is quoted.
  for (const [file, object] of templateFiles(objects)) files.set(file, escapeTemplate(toManifestYaml([object])));

  for (const [file, text] of files) {
    const target = path.join(outDir, file);
    if (path.dirname(file) !== '.') makeDirNoFollow(path.dirname(target));
    writeFileNoFollow(target, text);
  }
  return { dir: outDir, files: [...files.keys()].sort(), objects, namespace };
}

/**
 * Chart.yaml with every string double-quoted (JSON strings are YAML): an appVersion such as
 * 2026.10 must stay a string, not become the number 2026.1.
 */
function chartYaml(fields: Record<string, string | Record<string, string>>): string {
  const lines: string[] = [];
  for (const [key, value] of Object.entries(fields)) {
    if (typeof value === 'string') {
      lines.push(`${key}: ${JSON.stringify(value)}`);
    } else {
      lines.push(`${key}:`, ...Object.entries(value).map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)}`));
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Makes Helm print `text` as it is: every `{{` becomes an action that prints `{{`. */
export function escapeTemplate(text: string): string {
  return text.replace(/\{\{/g, '{{ "{{" }}');
}

function isProps(input: HelmExportInput): boolean {
  return !Array.isArray(input)
    && typeof (input as ChartLike).toJson !== 'function'
    && !Array.isArray((input as AppLike).charts);
}

function imageTag(sts: any): string | undefined {
  const image: string | undefined = sts?.spec?.template?.spec?.containers?.find((c: any) => c.name === 'openclaw')?.image;
  if (!image) return undefined;
  const digest = image.indexOf('@');
  if (digest >= 0) return image.slice(digest + 1);
  const name = image.slice(image.lastIndexOf('/') + 1);
  return name.includes(':') ? name.slice(name.indexOf(':') + 1) : undefined;
}

/** `templates/<kind>-<name>.yaml`, unique, in the order of the objects. */
function templateFiles(objects: any[]): Array<[string, any]> {
  const used = new Set<string>();
  return objects.map((o) => {
    const base = `${o.kind}-${o.metadata?.name ?? 'object'}`.toLowerCase().replace(/[^a-z0-9.-]+/g, '-');
    let file = `templates/${base}.yaml`;
    for (let n = 2; used.has(file); n++) file = `templates/${base}-${n}.yaml`;
    used.add(file);
    return [file, o];
  });
}

/**
 * Fails `helm template`/`install`/`upgrade` (not `helm lint`, which only logs it) when the release
 * namespace is not the one the objects were rendered for (they name it themselves, in RoleBinding
 * subjects and NetworkPolicy selectors too), when the release name is not the one they were
 * rendered for (it is in every object name and `app.kubernetes.io/instance` label: two releases
 * would fight over the same objects), and when values are given: they would be ignored.
 * Renders nothing otherwise.
 */
function guardTemplate(namespace: string | undefined, release: string | undefined): string {
  const lines = [
    `{{- /* Written by ${PACKAGE_NAME}: this chart is pre-rendered. */ -}}`,
  ];
  if (namespace) {
    lines.push(
      `{{- if ne .Release.Namespace ${JSON.stringify(namespace)} }}`,
      `{{- fail (printf "this chart was rendered for namespace ${namespace}: install it with -n ${namespace} `
        + `(not %s), or export it again for that namespace" .Release.Namespace) }}`,
      '{{- end }}',
    );
  }
  if (release) {
    lines.push(
      `{{- if ne .Release.Name ${JSON.stringify(release)} }}`,
      `{{- fail (printf "this chart was rendered for the release name ${release}: install it as ${release} (not %s), `
        + `or export it again with --release %s" .Release.Name .Release.Name) }}`,
      '{{- end }}',
    );
  }
  lines.push(
    '{{- if omit .Values "global" }}',
    `{{- fail "this chart is pre-rendered and takes no values (--set, -f): change the values file and export the chart again with ${PACKAGE_NAME} helm" }}`,
    '{{- end }}',
  );
  return `${lines.join('\n')}\n`;
}

function valuesFile(valuesText: string | undefined, valuesSource: string): string {
  const header = [
    `# This chart is pre-rendered by ${PACKAGE_NAME} ${packageVersion()}: Helm applies no values.`,
    `# Rendered from ${valuesSource}. The values below are for reference only: to change anything,`,
    `# change the values and export the chart again (npx ${PACKAGE_NAME} helm -f <values file> -o <dir>).`,
    '# Installing with --set or -f fails, rather than ignoring them. Secret values are redacted.',
  ];
  const recorded = valuesText === undefined ? undefined : redactedValues(valuesText);
  // Every line a YAML reader sees is a comment: Go's reader also ends lines at \r, U+0085,
  // U+2028 and U+2029 and refuses other controls, which are written as escapes here.
  const body = recorded === undefined
    ? []
    : ['#', ...recorded.replace(/\n+$/, '').split('\n').map((l) => forPeople(printable(l))).map((l) => (l ? `# ${l}` : '#'))];
  return `${[...header, ...body].join('\n')}\n`;
}

/** What stands in for a secret value in values.yaml. */
const REDACTED = '<redacted>';

/**
 * The values as YAML with every value that is or may be a credential replaced by REDACTED (the
 * one rule, mayBeCredential): all of `secret.data`; any value that looks like one (API keys,
 * tokens, a URL's password, a Basic or Bearer value, long random runs), wherever it is; and by
 * name, the values of `env` maps (`env`, `replicaOverrides.*.env`) and of `{name, value}` items
 * (`extraEnv`) named like one (`*_TOKEN`, `DB_PASS`, `POSTGRES_PASSWD`, ...).
 */
function redactedValues(valuesText: string): string {
  let values: any;
  try {
    values = parse(valuesText);
  } catch {
    return '(the values could not be read back to be recorded)';
  }
  if (values === null || typeof values !== 'object') return stringify(values);
  redactCredentials(values, false, 0);
  const data = values.secret?.data;
  if (data !== null && typeof data === 'object' && !Array.isArray(data)) for (const key of Object.keys(data)) data[key] = REDACTED;
  return stringify(values);
}

/** Replaces, in place, what mayBeCredential says may be a credential; `envMap`: the keys of `node` are env var names. */
function redactCredentials(node: any, envMap: boolean, depth: number): void {
  if (node === null || typeof node !== 'object' || depth > 64) return;
  if (Array.isArray(node)) {
    node.forEach((item, i) => {
      if (item !== null && typeof item === 'object') redactCredentials(item, false, depth + 1);
      else if (mayBeCredential(undefined, item)) node[i] = REDACTED;
    });
    return;
  }
  // An env var written as {name, value} (extraEnv): its name speaks for its value.
  if (typeof node.name === 'string' && 'value' in node && node.value !== null && typeof node.value !== 'object' && mayBeCredential(node.name, node.value)) {
    node.value = REDACTED;
  }
  for (const [key, value] of Object.entries(node)) {
    if (value !== null && typeof value === 'object') redactCredentials(value, key === 'env', depth + 1);
    else if (value !== null && value !== REDACTED && mayBeCredential(envMap ? key : undefined, value)) node[key] = REDACTED;
  }
}

function readme(o: {
  chartName: string; chartVersion: string; appVersion?: string; namespace?: string; objects: any[]; valuesSource: string; release: string;
}): string {
  const ns = o.namespace ? ` -n ${o.namespace}` : '';
  const rows = o.objects.map((x) => `| ${x.kind} | ${x.metadata?.name ?? ''} | ${x.metadata?.namespace ?? ''} |`);
  return [
    `# ${o.chartName} ${o.chartVersion}`,
    '',
    `OpenClaw${o.appVersion ? ` ${o.appVersion}` : ''}, exported as a Helm chart by \`${PACKAGE_NAME} helm\`.`,
    '',
    'The templates are the manifests that were rendered and validated, not templates of values:',
    'Helm installs, upgrades and rolls back exactly these objects, and takes no values.',
    `\`values.yaml\` records the values they were rendered from (${o.valuesSource}); to change anything, change`,
    'the values and export again. Do not edit the files here: the next export replaces them.',
    '',
    '```sh',
    ...(o.namespace ? [`kubectl create namespace ${o.namespace}   # if it does not exist yet`] : []),
    `helm upgrade --install ${o.release} .${ns}`,
    '```',
    '',
    o.namespace
      ? `The objects name their namespace (\`${o.namespace}\`): the chart refuses to be installed into another one.`
      : 'The objects name their namespaces themselves.',
    '',
    '| Kind | Name | Namespace |',
    '| --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}

/** What an export writes at the top of its directory (and replaces on the next export). */
const OWN_ENTRIES = ['templates', 'Chart.yaml', 'values.yaml', 'README.md'];

function prepareOutDir(outDir: string): void {
  if (!fs.existsSync(outDir)) {
    fs.mkdirSync(outDir, { recursive: true });
    return;
  }
  if (!fs.statSync(outDir).isDirectory()) throw new Error(`exportHelmChart: ${outDir} is not a directory`);
  const entries = fs.readdirSync(outDir);
  if (!entries.length) return;
  // A link among the files an export writes is refused before anything is read or removed.
  for (const entry of OWN_ENTRIES) refuseLink(path.join(outDir, entry));
  const chartFile = path.join(outDir, 'Chart.yaml');
  const ours = fs.existsSync(chartFile) && fs.readFileSync(chartFile, 'utf8').includes(`${JSON.stringify(GENERATED_ANNOTATION)}: "true"`);
  if (!ours) {
    throw new Error(`exportHelmChart: ${outDir} is not empty and is not a chart exported by ${PACKAGE_NAME}; choose an empty or new directory`);
  }
  // A previous export: replace what it wrote (templates of objects that are gone must not stay).
  for (const entry of OWN_ENTRIES) {
    fs.rmSync(path.join(outDir, entry), { recursive: true, force: true });
  }
}
