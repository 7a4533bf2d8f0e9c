/**
 * Generates schemas/values.schema.json from the props types in src/props/ with the TypeScript
 * compiler API, so the values schema and the props cannot drift apart (test/values/schema.test.ts
 * regenerates it and compares with the checked-in file).
 *
 *   npx ts-node scripts/values-schema.ts --write     # after changing src/props/
 *
 * Build-time only: it needs the `typescript` devDependency and is not exported from the package.
 *
 * How types map:
 * - string, boolean -> string, boolean; number -> integer (every plain number prop is a count, a
 *   port or seconds; fractional numbers only occur in quantities); string literal unions -> enum.
 * - interfaces and object literals -> objects with `additionalProperties: false`; an index
 *   signature makes a free-form map (`additionalProperties` = the value type, `true` for unknown).
 * - Kubernetes types (`k8s.Affinity`, ... in k8s-types.ts) -> plain objects, free-form: they are
 *   written as in a manifest and passed through.
 * - the `Quantity` alias -> `#/definitions/quantity`; CONSTRAINTS below add the formats types
 *   cannot say (ports, DNS names, label keys and values, ...).
 * - JSDoc comments become descriptions; DEFAULTS gives `default` on leaves.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { DEFAULTS } from '../src/props';
import { VALUE_FORMATS, ValueFormatName } from '../src/schema/value-formats';

type Json = Record<string, any>;

const REPO = path.resolve(__dirname, '..');
export const PROPS_FILE = path.join(REPO, 'src/props/openclaw-props.ts');
const SHAPES_FILE = path.join(REPO, 'src/props/values-shapes.ts');
export const VALUES_SCHEMA_FILE = path.join(REPO, 'schemas/values.schema.json');

/**
 * Map types of the props (jsii publishes no struct with free keys) and the TypeScript-only
 * interface in src/props/values-shapes.ts that says which keys the values schema names in them.
 */
export const VALUES_SHAPES: Record<string, string> = {
  EnvProps: 'EnvValues',
  ChannelsProps: 'ChannelsValues',
  ResourceList: 'ResourceListValues',
  VolumeJson: 'VolumeValues',
};

/** Props that are not values: they come from `--release` / `--namespace` (valuesToProps opts). */
export const NOT_VALUES = ['releaseName', 'namespace'];

/**
 * Formats and limits the types cannot express, by values path (`[]` = every list item, `*` = every
 * map value). `ref` replaces the node by a format; `keys` constrains a map's keys; `schema` is
 * merged in. A path that matches no prop is an error, so renaming a prop fails the generator.
 */
const CONSTRAINTS: Record<string, { ref?: ValueFormatName; keys?: ValueFormatName; schema?: Json }> = {
  'nameOverride': { ref: 'dnsLabelOrEmpty' },
  'fullnameOverride': { ref: 'dnsLabelOrEmpty' },
  'image.tag': { ref: 'imageTag' },
  'serviceAccount.name': { ref: 'dnsSubdomainOrEmpty' },
  'serviceAccount.annotations': { keys: 'labelName' },
  'replicaCount': { schema: { minimum: 0 } },
  'maxOldSpaceSizeMiB': { schema: { minimum: 0 } },
  'replicaOverrides': { keys: 'replicaIndex' },
  'replicaOverrides.*.env': { keys: 'envVarName' },
  'service.port': { ref: 'port' },
  'service.targetPort': { ref: 'port' },
  'service.annotations': { keys: 'labelName' },
  'ingress.className': { ref: 'dnsSubdomainOrEmpty' },
  'ingress.annotations': { keys: 'labelName' },
  'ingress.hosts[].host': { ref: 'hostName' },
  'ingress.hosts[].paths[].path': { ref: 'absolutePath' },
  'ingress.tls[].secretName': { ref: 'dnsSubdomain' },
  'ingress.tls[].hosts[]': { ref: 'hostName' },
  'httpRoute.annotations': { keys: 'labelName' },
  'httpRoute.parentRefs[].name': { ref: 'dnsSubdomain' },
  'httpRoute.parentRefs[].namespace': { ref: 'dnsLabel' },
  'httpRoute.hostnames[]': { ref: 'hostName' },
  'httpRoute.path': { ref: 'absolutePath' },
  'persistence.storageClass': { ref: 'dnsSubdomainOrEmpty' },
  'persistence.size': { ref: 'quantity' },
  'persistence.annotations': { keys: 'labelName' },
  // Fractions of an hour are allowed (the one non-integer plain number); at least one minute.
  'backup.intervalHours': { schema: { type: 'number', minimum: 1 / 60, maximum: 8760 } },
  'backup.keep': { schema: { minimum: 1, maximum: 1000 } },
  'backup.size': { ref: 'quantity' },
  'backup.storageClass': { ref: 'dnsSubdomainOrEmpty' },
  'backup.s3.bucket': { schema: { pattern: '^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$' } },
  'backup.s3.endpoint': { schema: { pattern: '^https?://[^/?#@]+/?$' } },
  'backup.s3.keep': { schema: { minimum: 1, maximum: 1000 } },
  // Object keys are signed byte for byte: printable ASCII without a backslash, not starting with /.
  'backup.s3.prefix': { schema: { pattern: '^$|^(?!/)[\\x20-\\x5b\\x5d-\\x7e]{0,511}/$' } },
  'backup.s3.region': { schema: { pattern: '^[a-z0-9][a-z0-9-]{0,31}$' } },
  'backup.restoreFrom.s3.key': { schema: { pattern: '^(?!/)[\\x20-\\x5b\\x5d-\\x7e]{1,1024}$' } },
  'backup.s3.credentialsSecret.name': { ref: 'dnsSubdomain' },
  'backup.s3.credentialsSecret.accessKeyIdKey': { ref: 'dataKey' },
  'backup.s3.credentialsSecret.secretAccessKeyKey': { ref: 'dataKey' },
  'browser.image.tag': { ref: 'imageTag' },
  'browser.port': { ref: 'port' },
  'browser.command': { schema: { minItems: 1 } },
  runtimeClassName: { ref: 'dnsSubdomain' },
  'monitoring.prometheusRule.labels': { keys: 'labelName' },
  'monitoring.prometheusRule.labels.*': { ref: 'labelValue' },
  'monitoring.prometheusRule.claimFullPercent': { schema: { minimum: 1, maximum: 99 } },
  'monitoring.prometheusRule.notReadyMinutes': { schema: { minimum: 1, maximum: 10080 } },
  'monitoring.prometheusRule.pausedHours': { schema: { minimum: 1, maximum: 8760 } },
  'monitoring.serviceMonitor.labels': { keys: 'labelName' },
  'monitoring.serviceMonitor.labels.*': { ref: 'labelValue' },
  'monitoring.serviceMonitor.interval': { ref: 'prometheusDuration' },
  'monitoring.serviceMonitor.tokenSecret.name': { ref: 'dnsSubdomain' },
  'monitoring.serviceMonitor.tokenSecret.key': { ref: 'dataKey' },
  'env': { keys: 'envVarName' },
  'env.DATA_DIR': { ref: 'absolutePath' },
  // As the Helm chart's values.schema.json.
  'env.LOG_LEVEL': { schema: { enum: ['debug', 'info', 'warn', 'error'] } },
  'env.MEMORY_ENABLED': { schema: { enum: ['true', 'false'] } },
  'extraEnv[].name': { ref: 'envVarName' },
  'envFromConfigMap[].configMapRef.name': { ref: 'dnsSubdomain' },
  'envFromSecret[].secretRef.name': { ref: 'dnsSubdomain' },
  'existingSecret.name': { ref: 'dnsSubdomainOrEmpty' },
  'existingSecret.keys': { keys: 'envVarName' },
  'existingSecret.keys.*': { ref: 'dataKey' },
  'configMap.data': { keys: 'dataKey' },
  'secret.data': { keys: 'envVarName' },
  'gateway.tokenSecret.name': { ref: 'dnsSubdomain' },
  'gateway.tokenSecret.key': { ref: 'dataKey' },
  'extraVolumes[].name': { ref: 'dnsLabel' },
  'podAnnotations': { keys: 'labelName' },
  'podLabels': { keys: 'labelName' },
  'podLabels.*': { ref: 'labelValue' },
  'nodeSelector': { keys: 'labelName' },
  'nodeSelector.*': { ref: 'labelValue' },
  'networkPolicy.customEgressPorts[].port': { ref: 'portOrName' },
  'networkPolicy.customEgressPorts[].endPort': { ref: 'port' },
  'networkPolicy.ingress[].ports[].port': { ref: 'portOrName' },
  'networkPolicy.ingress[].ports[].endPort': { ref: 'port' },
  'networkPolicy.egress[].ports[].port': { ref: 'portOrName' },
  'networkPolicy.egress[].ports[].endPort': { ref: 'port' },
  'updateStrategy.rollingUpdate.partition': { schema: { minimum: 0 } },
  'updateStrategy.rollingUpdate.maxUnavailable': { ref: 'intOrPercent' },
  'podDisruptionBudget.maxUnavailable': { ref: 'intOrPercent' },
  'podDisruptionBudget.minAvailable': { ref: 'intOrPercent' },
  ...probeConstraints('livenessProbe'),
  ...probeConstraints('readinessProbe'),
  ...probeConstraints('startupProbe'),
};

function probeConstraints(probe: string): typeof CONSTRAINTS {
  return {
    [`${probe}.tcpSocket.port`]: { ref: 'portOrName' },
    [`${probe}.httpGet.port`]: { ref: 'portOrName' },
    [`${probe}.httpGet.path`]: { ref: 'absolutePath' },
    [`${probe}.initialDelaySeconds`]: { schema: { minimum: 0 } },
    [`${probe}.periodSeconds`]: { schema: { minimum: 1 } },
    [`${probe}.timeoutSeconds`]: { schema: { minimum: 1 } },
    [`${probe}.failureThreshold`]: { schema: { minimum: 1 } },
    [`${probe}.successThreshold`]: { schema: { minimum: 1 } },
  };
}

/** Helm always accepts `global` (values shared with subcharts); this chart has none and ignores it. */
const GLOBAL_SCHEMA = {
  description: "Helm's global values (shared with subcharts). Accepted for compatibility and ignored: this chart has no subcharts.",
  type: 'object',
};

export function generateValuesSchema(): Json {
  const program = ts.createProgram([PROPS_FILE, SHAPES_FILE], {
    strict: true, target: ts.ScriptTarget.ES2020, module: ts.ModuleKind.CommonJS, skipLibCheck: true, noEmit: true,
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(PROPS_FILE);
  if (!source) throw new Error(`cannot read ${PROPS_FILE}`);
  const root = source.statements.find((s): s is ts.InterfaceDeclaration =>
    ts.isInterfaceDeclaration(s) && s.name.text === 'OpenClawChartProps');
  if (!root) throw new Error('OpenClawChartProps not found in src/props/openclaw-props.ts');

  const shapesSource = program.getSourceFile(SHAPES_FILE);
  if (!shapesSource) throw new Error(`cannot read ${SHAPES_FILE}`);
  const shapes = new Map<string, ts.Type>();
  for (const [alias, shape] of Object.entries(VALUES_SHAPES)) {
    const decl = shapesSource.statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === shape);
    if (!decl) throw new Error(`${shape} (the values shape of ${alias}) not found in src/props/values-shapes.ts`);
    shapes.set(alias, checker.getTypeAtLocation(decl));
  }
  const used = new Set<string>();
  const gen = new Generator(checker, used, shapes);
  const schema = gen.objectSchema(checker.getTypeAtLocation(root), '', NOT_VALUES);
  schema.properties.global = GLOBAL_SCHEMA;
  const unused = Object.keys(CONSTRAINTS).filter((p) => !used.has(p));
  if (unused.length) throw new Error(`schema CONSTRAINTS name paths that are not props: ${unused.join(', ')}`);

  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $comment: 'GENERATED from src/props/ by scripts/values-schema.ts (npx ts-node scripts/values-schema.ts --write). Do not edit.',
    title: 'OpenClaw chart values',
    description: 'Values of the openclaw-cdk8s chart: the OpenClaw Helm chart\'s values.yaml, key for key. See OpenClawChartProps.',
    ...schema,
    definitions: Object.fromEntries(Object.entries(VALUE_FORMATS).map(([k, v]) => [k, v.schema])),
  };
}

class Generator {
  constructor(
    private readonly checker: ts.TypeChecker,
    private readonly used: Set<string>,
    private readonly shapes: ReadonlyMap<string, ts.Type>,
  ) {}

  public objectSchema(type: ts.Type, at: string, skip: string[] = []): Json {
    const properties: Json = {};
    const required: string[] = [];
    for (const prop of this.checker.getPropertiesOfType(type)) {
      if (skip.includes(prop.name)) continue;
      const decl = prop.valueDeclaration ?? prop.declarations?.[0];
      if (!decl) throw new Error(`no declaration for ${join(at, prop.name)}`);
      const propPath = join(at, prop.name);
      const propType = this.checker.getTypeOfSymbolAtLocation(prop, decl);
      const typeNode = ts.isPropertySignature(decl) ? decl.type : undefined;
      const node = this.schema(propType, propPath, aliasOf(typeNode));
      properties[prop.name] = withDocs(node, prop, this.checker, propPath);
      if (!(prop.flags & ts.SymbolFlags.Optional)) required.push(prop.name);
    }
    const index = this.checker.getIndexInfosOfType(type).find((i) => i.keyType.flags & ts.TypeFlags.String);
    let additionalProperties: unknown = false;
    if (index) {
      const freeForm = members(index.type).some((t) => t.flags & (ts.TypeFlags.Unknown | ts.TypeFlags.Any));
      additionalProperties = freeForm ? true : this.schema(index.type, `${at}.*`, aliasOf(index.declaration?.type));
    }
    const out: Json = { type: 'object' };
    if (Object.keys(properties).length) out.properties = properties;
    out.additionalProperties = additionalProperties;
    if (required.length) out.required = required;
    return out;
  }

  private schema(type: ts.Type, at: string, alias?: string): Json {
    return this.constrain(this.rawSchema(type, at, alias), at);
  }

  private rawSchema(type: ts.Type, at: string, alias?: string): Json {
    if (alias === 'Quantity' || type.aliasSymbol?.name === 'Quantity') return { $ref: '#/definitions/quantity' };
    const shape = this.shapes.get(alias ?? type.aliasSymbol?.name ?? '');
    if (shape) return this.objectSchema(shape, at);
    const parts = members(type);
    if (parts.length > 1) {
      if (parts.every((p) => p.flags & ts.TypeFlags.BooleanLiteral)) return { type: 'boolean' };
      if (parts.every((p) => p.isStringLiteral())) return { type: 'string', enum: parts.map((p) => (p as ts.StringLiteralType).value) };
      const kinds = parts.map((p) => primitive(p));
      if (kinds.every((k): k is string => !!k)) return { type: [...new Set(kinds)].sort() };
      throw new Error(`${at}: unsupported union type ${this.checker.typeToString(type)}`);
    }
    const t = parts[0];
    if (t.flags & (ts.TypeFlags.Unknown | ts.TypeFlags.Any)) return {};
    const kind = primitive(t);
    if (kind) return { type: kind };
    if (t.isStringLiteral()) return { type: 'string', enum: [t.value] };
    if (this.checker.isArrayType(t)) {
      const [item] = this.checker.getTypeArguments(t as ts.TypeReference);
      return { type: 'array', items: this.schema(item, `${at}[]`) };
    }
    if (t.flags & ts.TypeFlags.Object) {
      const k8s = kubernetesTypeName(t);
      if (k8s) return this.kubernetesSchema(t, k8s);
      return this.objectSchema(t, at);
    }
    throw new Error(`${at}: unsupported type ${this.checker.typeToString(t)}`);
  }

  /** A Kubernetes type: a free-form object (written as in a manifest), with its required fields. */
  private kubernetesSchema(type: ts.Type, name: string): Json {
    const required = this.checker.getPropertiesOfType(type).filter((p) => !(p.flags & ts.SymbolFlags.Optional)).map((p) => p.name);
    return {
      type: 'object',
      description: `A Kubernetes ${name}, written as in a manifest.`,
      ...(required.length ? { required } : {}),
    };
  }

  private constrain(node: Json, at: string): Json {
    const c = CONSTRAINTS[at];
    if (!c) return node;
    this.used.add(at);
    let out = node;
    if (c.ref) out = { $ref: `#/definitions/${c.ref}` };
    if (c.keys) {
      if (out.type !== 'object') throw new Error(`${at}: keys constraint on a non-map`);
      out = { ...out, propertyNames: { $ref: `#/definitions/${c.keys}` } };
    }
    if (c.schema) out = { ...out, ...c.schema };
    return out;
  }
}

function join(at: string, key: string): string {
  return at ? `${at}.${key}` : key;
}

/** The type alias a declared type names (`Quantity`, `Quantity | undefined`), if any. */
function aliasOf(node: ts.TypeNode | undefined): string | undefined {
  if (!node) return undefined;
  if (ts.isTypeReferenceNode(node)) return node.typeName.getText();
  if (ts.isUnionTypeNode(node)) {
    const named = node.types.filter((t) => t.kind !== ts.SyntaxKind.UndefinedKeyword);
    return named.length === 1 ? aliasOf(named[0]) : undefined;
  }
  return undefined;
}

/** The members of a (union) type, without undefined and null (optional props add undefined). */
function members(type: ts.Type): ts.Type[] {
  const all = type.isUnion() ? type.types : [type];
  return all.filter((t) => !(t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null | ts.TypeFlags.Void)));
}

function primitive(t: ts.Type): string | undefined {
  if (t.flags & ts.TypeFlags.String) return 'string';
  if (t.flags & ts.TypeFlags.Number) return 'integer';
  if (t.flags & ts.TypeFlags.Boolean) return 'boolean';
  return undefined;
}

/** `Affinity` for a type declared in the package's Kubernetes types (k8s-types.ts, from cdk8s-plus-28), else undefined. */
function kubernetesTypeName(t: ts.Type): string | undefined {
  const decl = t.getSymbol()?.declarations?.[0];
  const file = decl?.getSourceFile().fileName ?? '';
  return /node_modules\/cdk8s-plus-\d+\/|\/k8s-types\.ts$/.test(file) ? t.getSymbol()!.name : undefined;
}

/** Description from the JSDoc, and `default` from DEFAULTS (or the @default text). */
function withDocs(node: Json, prop: ts.Symbol, checker: ts.TypeChecker, at: string): Json {
  const doc = ts.displayPartsToString(prop.getDocumentationComment(checker)).trim();
  const defaultTag = prop.getJsDocTags(checker).find((t) => t.name === 'default');
  const defaultText = defaultTag?.text ? ts.displayPartsToString(defaultTag.text).trim() : undefined;
  const known = defaultAt(at);
  const leaf = !node.properties;
  const out: Json = {};
  let description = doc || node.description;
  if (defaultText && !(leaf && known !== undefined) && !/^see /.test(defaultText)) {
    description = `${description ? `${description}\n` : ''}Default: ${defaultText}`;
  }
  if (description) out.description = description;
  Object.assign(out, node, description ? { description } : {});
  if (leaf && known !== undefined) out.default = known;
  return out;
}

function defaultAt(at: string): unknown {
  let v: any = DEFAULTS;
  for (const key of at.split('.')) {
    if (v === null || typeof v !== 'object' || !(key in v)) return undefined;
    v = v[key];
  }
  return v;
}

export function valuesSchemaText(): string {
  return `${JSON.stringify(generateValuesSchema(), null, 2)}\n`;
}

if (require.main === module) {
  if (process.argv.includes('--write')) {
    fs.writeFileSync(VALUES_SCHEMA_FILE, valuesSchemaText());
    process.stdout.write(`wrote ${path.relative(process.cwd(), VALUES_SCHEMA_FILE)}\n`);
  } else {
    process.stdout.write(valuesSchemaText());
  }
}
