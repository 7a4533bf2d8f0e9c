/**
 * fast-check building blocks for OpenClawChart props: character pools, names, ports, labels,
 * hostile strings, and the chart's constants the generators need.
 *
 * The constants copied from src/ (SECRET_LOOKING_NAME, CHART_ENV, DEFAULT_ENV_KEYS,
 * CHART_MOUNT_PATHS in breakers.ts, the tags by release line) are DELIBERATE ORACLES: written
 * independently of src so that a change there (a renamed env var, a new mount path, a moved
 * version gate) fails the property tests instead of silently moving the generators with it.
 * RESERVED_VOLUMES is imported (the volume names are not a rule, only names).
 */
import { goReadsNumber } from '../../../src/core/text-safety';
import * as fc from 'fast-check';
import type { OpenClawChartProps } from '../../../src';
import {  } from '../../../src';
import { VOLUMES } from '../../../src/core/pod-layout';

/** One generated input: the props plus how the test synthesizes them (construct id, namespace). */
export interface ChartCase {
  readonly props: OpenClawChartProps;
  /** The construct id (the release name when props.releaseName is absent). */
  readonly release: string;
  readonly namespace: string;
}

export const LOWER = [...'abcdefghijklmnopqrstuvwxyz'];
export const UPPER = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'];
export const DIGIT = [...'0123456789'];
export const ALNUM = [...LOWER, ...DIGIT];

/** The image tags by what they mean to the chart (see src/core/versions.ts). */
export const OLD_TAGS = ['2026.1.15', '2026.2.1', '2026.2.26-slim', 'v2026.3.1', '2026.7.21', '2026.7.21-beta.2', '2026.7.35'];
export const NEW_TAGS = ['2026.8.1', '2026.9.6', 'v2026.10.2-beta.1', '2027.1.1'];
export const FLOATING_TAGS = ['latest', 'main', 'nightly'];

/** Env var names that src/check.ts treats as secrets (`*_API_KEY`, `*_TOKEN`, `*_PASSWORD`, `*SECRET*`). */
export const SECRET_LOOKING_NAME = /(^|_)(API_KEY|TOKEN|PASSWORD)$|SECRET/i;
/** Env vars the chart sets itself, and the keys of the chart's default `env`. */
export const CHART_ENV = ['STATEFULSET_REPLICA_INDEX', 'POD_NAME', 'OPENCLAW_GATEWAY_PORT', 'OPENCLAW_STATE_DIR'];
export const DEFAULT_ENV_KEYS = ['CLAUDE_MODEL', 'PORT', 'HOST', 'LOG_LEVEL', 'DATA_DIR', 'MEMORY_ENABLED'];
/** The chart's own volume names (src/core/pod-layout.ts VOLUMES). */
export const RESERVED_VOLUMES: string[] = Object.values(VOLUMES);

// ---------------------------------------------------------------------------------------------
// Building blocks
// ---------------------------------------------------------------------------------------------

/**
 * fc.record that never makes null-prototype objects: props come from code or JSON.parse, never
 * from Object.create(null) (which cdk8s cannot serialize).
 */
export const rec: typeof fc.record = ((model: any, constraints?: any) => fc.record(model, { ...constraints, noNullPrototype: true })) as any;

/** Optional: the key is absent (undefined) a sixth of the time (fast-check's default). */
export function opt<T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> {
  return fc.option(arb, { nil: undefined });
}

/** Drops keys whose value is undefined, so a generated object reads like a values file. */
export function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

export function chars(pool: string[], min: number, max: number): fc.Arbitrary<string> {
  return fc.string({ unit: fc.constantFrom(...pool), minLength: min, maxLength: max });
}

/**
 * A DNS-1123 label of a length uniformly drawn in [min, max] (so long names are as likely as
 * short ones). `letterStart`: also a DNS-1035 label (starts with a letter).
 */
export function dnsLabel(min = 1, max = 63, letterStart = false): fc.Arbitrary<string> {
  const first = letterStart ? LOWER : ALNUM;
  return fc.integer({ min, max }).chain((len) => {
    if (len === 1) return fc.constantFrom(...first);
    return fc.tuple(fc.constantFrom(...first), chars([...ALNUM, '-'], len - 2, len - 2), fc.constantFrom(...ALNUM))
      .map(([a, middle, z]) => a + middle + z);
  // A label Go's YAML reader takes for a number (`123`, `0o1`, `0x1f`) is refused by the chart: not a valid input.
  }).filter((label) => !goReadsNumber(label));
}

/** A DNS-1123 subdomain of 1 to 4 labels. */
export function dnsSubdomain(maxLabels = 3, maxLabelLength = 12): fc.Arbitrary<string> {
  return fc.array(dnsLabel(1, maxLabelLength), { minLength: 1, maxLength: maxLabels }).map((l) => l.join('.'));
}

/** A host name as an Ingress accepts it: a DNS subdomain with a letter TLD, maybe a `*.` wildcard. */
export const hostName: fc.Arbitrary<string> = fc.tuple(
  fc.boolean(), fc.array(dnsLabel(1, 20), { minLength: 0, maxLength: 3 }), dnsLabel(2, 6, true),
).map(([wild, labels, tld]) => `${wild ? '*.' : ''}${[...labels, tld].join('.')}`)
  .filter((h) => h.length <= 253);

/** An env var name (upper case and digits, as people write them). */
export const envName: fc.Arbitrary<string> = fc.tuple(
  fc.constantFrom(...UPPER, '_'), chars([...UPPER, ...DIGIT, '_'], 0, 20),
).map(([a, rest]) => a + rest);

/** A plain env var name: neither the chart's, nor a default key, nor secret-looking. */
export const plainEnvName: fc.Arbitrary<string> = envName.filter(
  (n) => !SECRET_LOOKING_NAME.test(n) && !CHART_ENV.includes(n) && !DEFAULT_ENV_KEYS.includes(n),
);

/** A name src/check.ts considers a secret. */
export const secretEnvName: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('ANTHROPIC_API_KEY', 'OPENAI_API_KEY', 'OPENCLAW_GATEWAY_TOKEN', 'OPENCLAW_GATEWAY_PASSWORD',
    'TELEGRAM_BOT_TOKEN', 'DB_PASSWORD', 'CLIENT_SECRET', 'MY_SECRET_SAUCE', 'api_key'),
  fc.tuple(chars([...UPPER, '_'], 1, 8), fc.constantFrom('_API_KEY', '_TOKEN', '_PASSWORD', '_SECRET', 'SECRET_X'))
    .map(([a, b]) => a + b),
).filter((n) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(n) && !CHART_ENV.includes(n));

/** Strings that break naive quoting: shell metacharacters, quotes, newlines, unicode. No NUL. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '', ' ', "'", '"', "'\\''", '$(id)', '`id`', '${HOME}', '$HOME', 'a\nb', '\n', '\\', '\\n', '; rm -rf / #',
    '#!/bin/sh', '*', '?', '~', '!', 'true', 'null', '018789', '0x10', 'key: value', '- item', '{"a":1}', 'é', '🦀',
    'e\u0301', '\t\r', 'export A=B', "exec sh -c 'id'",
  ),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'grapheme-ascii', maxLength: 60 }),
).filter((s) => !s.includes('\0'));

/** A label name: optional DNS prefix, then 1 to 63 characters. */
export const labelKey: fc.Arbitrary<string> = fc.tuple(
  opt(dnsSubdomain(3, 10)),
  fc.integer({ min: 1, max: 63 }).chain((len) => len === 1
    ? fc.constantFrom(...ALNUM, ...UPPER)
    : fc.tuple(fc.constantFrom(...ALNUM, ...UPPER), chars([...ALNUM, ...UPPER, '-', '_', '.'], len - 2, len - 2), fc.constantFrom(...ALNUM))
      .map(([a, m, z]) => a + m + z)),
).map(([prefix, name]) => (prefix ? `${prefix}/${name}` : name))
  // The chart refuses the keys that reach JavaScript's prototypes (see BREAKERS).
  .filter((k) => !['__proto__', 'constructor', 'prototype'].includes(k));

/** A label value: empty, or 1 to 63 characters starting and ending alphanumeric. */
export const labelValue: fc.Arbitrary<string> = fc.oneof(
  fc.constant(''),
  fc.integer({ min: 1, max: 63 }).chain((len) => len === 1
    ? fc.constantFrom(...ALNUM, ...UPPER)
    : fc.tuple(fc.constantFrom(...ALNUM), chars([...ALNUM, ...UPPER, '-', '_', '.'], len - 2, len - 2), fc.constantFrom(...ALNUM, ...UPPER))
      .map(([a, m, z]) => a + m + z)),
);

export const dictOpts = { noNullPrototype: true } as const;

export const labels = (maxKeys = 4) => fc.dictionary(labelKey, labelValue, { maxKeys, ...dictOpts });

/** Annotations: qualified-name keys, any string values. */
export const annotations = (maxKeys = 3) => fc.dictionary(
  fc.oneof(labelKey, fc.constantFrom('cert-manager.io/cluster-issuer', 'nginx.ingress.kubernetes.io/proxy-body-size',
    'prometheus.io/scrape', 'backup.velero.io/backup-volumes', 'eks.amazonaws.com/role-arn')),
  hostileString, { maxKeys, ...dictOpts },
);

/** An absolute path of simple segments (no `.`/`..`, no `//`), never just `/` unless allowed. */
export const absPath = (minSegments = 1, maxSegments = 4) => fc.array(chars([...ALNUM, '-', '_'], 1, 10), { minLength: minSegments, maxLength: maxSegments })
  .map((s) => `/${s.join('/')}`);

/** An IANA service name (a named port): at most 15 chars, lower case, a letter, no `--`. */
export const portName: fc.Arbitrary<string> = fc.tuple(fc.constantFrom(...LOWER), chars([...ALNUM], 0, 13))
  .map(([a, b]) => a + b);

export const port: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ min: 1, max: 65535 }),
  fc.constantFrom(1, 80, 443, 1024, 8080, 18789, 65535),
);

export const quantityCpu = fc.oneof(fc.constantFrom('100m', '250m', '500m', '1', '2', '1.5', '2000m', '0.1'), fc.integer({ min: 1, max: 8 }));
export const quantityMemory = fc.oneof(fc.constantFrom('64Mi', '128Mi', '512Mi', '1Gi', '4Gi', '1G', '500M', '1e9'), fc.constant(1073741824));
