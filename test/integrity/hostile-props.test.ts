/**
 * The hostile-string set (test/helpers/hostile-strings.ts) on every free-text prop, as a values
 * file would give it: each string is either refused with an error naming its path (and never
 * echoing it), or it reaches kubectl unchanged. The free-text props are enumerated from the
 * values schema (every string without enum, pattern or format), so a new prop fails the coverage
 * test until it is added here. All accepted renders go through one kubectl call.
 */
import { Yaml } from 'cdk8s';
import { OpenClawConfigError } from '../../src';
import { renderObjects } from '../../src/build/render-objects';
import { toManifestYaml } from '../../src/output/manifest-yaml';
import { VALUES_SCHEMA, valuesToProps } from '../../src';
import { REFUSED_STRINGS, ROUND_TRIP_STRINGS } from '../helpers/hostile-strings';
import { expectKubectlReadsBack } from './kubectl-read-back';

type Values = Record<string, any>;
type Shape = 'scalar' | 'map' | 'list';

/** How to put strings at one values path (with what it needs to be rendered). */
interface FreeText {
  readonly shape: Shape;
  /** The values for `strings` at this path: one for a scalar, all at once for a map or list. */
  readonly values: (strings: string[]) => Values;
  /** The problem path of string i. */
  readonly at: (i: number) => string;
}

const map = (path: string, values: (m: Record<string, string>) => Values, key = (i: number) => `k${i}`): FreeText => ({
  shape: 'map', at: (i) => `${path}.${key(i)}`, values: (s) => values(Object.fromEntries(s.map((v, i) => [key(i), v]))),
});
const list = (path: string, values: (l: string[]) => Values): FreeText => ({ shape: 'list', at: (i) => `${path}[${i}]`, values });
const scalar = (path: string, values: (v: string) => Values): FreeText => ({ shape: 'scalar', at: () => path, values: (s) => values(s[0]) });
const envKey = (i: number) => `V${i}`;
const channel = (name: string) => list(`gateway.channels.${name}.allowFrom`, (l) => ({ gateway: { channels: { [name]: { enabled: true, allowFrom: l } } } }));
const gatewayRoute = { enabled: true, parentRefs: [{ name: 'public' }] };

const FREE_TEXT: Record<string, FreeText> = {
  'image.repository': scalar('image.repository', (v) => ({ image: { repository: v } })),
  'serviceAccount.annotations.*': map('serviceAccount.annotations', (m) => ({ serviceAccount: { create: true, annotations: m } })),
  'replicaOverrides.*.env.*': map('replicaOverrides.0.env', (m) => ({ replicaCount: 2, replicaOverrides: { 0: { env: m } } }), envKey),
  'service.annotations.*': map('service.annotations', (m) => ({ service: { annotations: m } })),
  'ingress.annotations.*': map('ingress.annotations', (m) => ({ ingress: { enabled: true, annotations: m } })),
  'httpRoute.annotations.*': map('httpRoute.annotations', (m) => ({ httpRoute: { ...gatewayRoute, annotations: m } })),
  'httpRoute.parentRefs[].sectionName': scalar('httpRoute.parentRefs[0].sectionName', (v) => ({ httpRoute: { enabled: true, parentRefs: [{ name: 'public', sectionName: v }] } })),
  'persistence.annotations.*': map('persistence.annotations', (m) => ({ persistence: { enabled: true, annotations: m } })),
  'env.CLAUDE_MODEL': scalar('env.CLAUDE_MODEL', (v) => ({ env: { CLAUDE_MODEL: v } })),
  'env.PORT': scalar('env.PORT', (v) => ({ env: { PORT: v } })),
  'env.HOST': scalar('env.HOST', (v) => ({ env: { HOST: v } })),
  'env.*': map('env', (m) => ({ env: m }), envKey),
  'extraEnv[].value': { shape: 'list', at: (i) => `extraEnv[${i}].value`, values: (s) => ({ extraEnv: s.map((value, i) => ({ name: envKey(i), value })) }) },
  agentModel: scalar('agentModel', (v) => ({ agentModel: v })),
  'gateway.controlUi.allowedOrigins[]': list('gateway.controlUi.allowedOrigins', (l) => ({ gateway: { controlUi: { allowedOrigins: l } } })),
  'gateway.initImage': scalar('gateway.initImage', (v) => ({ gateway: { initImage: v }, ingress: { enabled: true } })),
  'gateway.trustedProxies[]': list('gateway.trustedProxies', (l) => ({ gateway: { trustedProxies: l } })),
  'browser.image.repository': scalar('browser.image.repository', (v) => ({ browser: { enabled: true, image: { repository: v } } })),
  'browser.command[]': list('browser.command', (l) => ({ browser: { enabled: true, command: l } })),
  'browser.extraArgs[]': list('browser.extraArgs', (l) => ({ browser: { enabled: true, extraArgs: l } })),
  'browser.allowedHostnames[]': list('browser.allowedHostnames', (l) => ({ browser: { enabled: true, allowedHostnames: l } })),
  'gateway.channels.telegram.allowFrom[]': channel('telegram'),
  'gateway.channels.discord.allowFrom[]': channel('discord'),
  'gateway.channels.slack.allowFrom[]': channel('slack'),
  'gateway.channels.whatsapp.allowFrom[]': channel('whatsapp'),
  'gateway.channels.*.allowFrom[]': channel('matrix'),
  'envFromConfigMap[].prefix': scalar('envFromConfigMap[0].prefix', (v) => ({ envFromConfigMap: [{ configMapRef: { name: 'settings' }, prefix: v }] })),
  'envFromSecret[].prefix': scalar('envFromSecret[0].prefix', (v) => ({ envFromSecret: [{ secretRef: { name: 'credentials' }, prefix: v }] })),
  'configMap.data.*': map('configMap.data', (m) => ({ configMap: { enabled: true, data: m } })),
  'secret.data.*': map('secret.data', (m) => ({ secret: { enabled: true, data: m } }), envKey),
  'command[]': list('command', (l) => ({ command: l })),
  'extraArgs[]': list('extraArgs', (l) => ({ extraArgs: l })),
  'podAnnotations.*': map('podAnnotations', (m) => ({ podAnnotations: m })),
  // Free text in Kubernetes types (the schema refers to their definitions).
  'nodeSelector.*': map('nodeSelector', (m) => ({ nodeSelector: m })),
  'tolerations[].value': { shape: 'list', at: (i) => `tolerations[${i}].value`, values: (s) => ({ tolerations: s.map((value) => ({ key: 'dedicated', operator: 'Equal', value, effect: 'NoSchedule' })) }) },
};

/** Values paths of every string the values schema leaves free (no enum, pattern or format). */
function freeTextPaths(): string[] {
  const found = new Set<string>();
  const walk = (s: any, path: string): void => {
    if (!s || s.$ref) return; // Kubernetes types: listed by hand above
    for (const k of ['anyOf', 'oneOf', 'allOf']) (s[k] ?? []).forEach((x: any) => walk(x, path));
    if (s.type === 'string' && !s.enum && !s.pattern && !s.format) found.add(path);
    for (const [k, v] of Object.entries(s.properties ?? {})) walk(v, path ? `${path}.${k}` : k);
    if (s.additionalProperties && typeof s.additionalProperties === 'object') walk(s.additionalProperties, `${path}.*`);
    if (s.items) walk(s.items, `${path}[]`);
  };
  walk(VALUES_SCHEMA, '');
  return [...found].sort();
}

test('every free-text prop of the values schema is in the fuzz table', () => {
  const missing = freeTextPaths().filter((p) => !(p in FREE_TEXT));
  expect(missing).toEqual([]);
});

const release = 'my-openclaw';
const render = (values: Values) => renderObjects(valuesToProps(values, { release, namespace: 'openclaw' }), release);
const allStrings = (v: unknown): string[] => (typeof v === 'string' ? [v] : v && typeof v === 'object' ? Object.values(v).flatMap(allStrings) : []);

describe.each(Object.entries(FREE_TEXT))('%s', (_, prop) => {
  test.each(REFUSED_STRINGS.map((r) => [JSON.stringify(r.value), r]))('%s is refused, naming the path', (_shown, { value, says }) => {
    let error: unknown;
    try {
      render(prop.values(prop.shape === 'scalar' ? [value] : ['fine', value]));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OpenClawConfigError);
    const atPath = (error as OpenClawConfigError).problems.filter((p) => p.path === prop.at(prop.shape === 'scalar' ? 0 : 1));
    expect(atPath).not.toEqual([]);
    // Said by the text rule, without the value (a stricter rule of the prop, such as a label value's, may refuse it first).
    const byTextRule = atPath.filter((p) => p.message.includes(says));
    if (!atPath.some((p) => /must /.test(p.message))) expect(byTextRule).toHaveLength(1);
    for (const p of byTextRule) expect(p).not.toHaveProperty('value');
    if (prop.at(0).startsWith('secret.')) expect((error as Error).message).not.toContain(JSON.stringify(value).slice(1, -1));
  });
});

test('every other hostile string, on every free-text prop, is refused naming its path or reaches kubectl unchanged', () => {
  const objects: any[] = [];
  const outcome: Record<string, { accepted: number; refused: number }> = {};
  for (const [name, prop] of Object.entries(FREE_TEXT)) {
    const tally = (outcome[name] = { accepted: 0, refused: 0 });
    const tryRender = (strings: string[]): void => {
      try {
        const rendered = render(prop.values(strings));
        const texts = allStrings(rendered);
        // Each accepted string is in the output (whole, or inside a rendered file such as openclaw.json).
        strings.forEach((s) => {
          // As is, in JSON (openclaw.json), in a shell word (replica env files), base64 (Secret data).
          const forms = [s, JSON.stringify(s).slice(1, -1), s.replace(/'/g, "'\\''"), Buffer.from(s).toString('base64')];
          if (s.trim() && !texts.some((t) => forms.some((f) => t.includes(f)))) throw new Error(`${name}: ${JSON.stringify(s.slice(0, 40))} accepted but not rendered`);
        });
        objects.push(...rendered);
        tally.accepted += strings.length;
      } catch (e) {
        if (!(e instanceof OpenClawConfigError)) throw e;
        // Refused: each problem names one of these strings' paths; render the others without them.
        const refused = new Set<number>();
        for (const p of e.problems) {
          const i = strings.findIndex((_s, j) => p.path === prop.at(j) || p.path.startsWith(`${prop.at(j)}.`));
          if (i < 0) throw new Error(`${name}: a problem names no fuzzed path: ${p.path}: ${p.message}`);
          refused.add(i);
        }
        tally.refused += refused.size;
        if (process.env.ROUND_TRIP_COUNTS) for (const p of e.problems) process.stderr.write(`${name} refused: ${p.path}: ${p.message.slice(0, 100)}\n`);
        const rest = strings.filter((_s, i) => !refused.has(i));
        if (rest.length) tryRender(rest);
      }
    };
    // Scalars take one render per string: every third string keeps the run short; maps and lists take them all.
    if (prop.shape === 'scalar') ROUND_TRIP_STRINGS.filter((_s, i) => i % 3 === 0).forEach((s) => tryRender([s]));
    else tryRender([...ROUND_TRIP_STRINGS]);
  }
  const ours = toManifestYaml(objects);
  expect(ours).toBe(objects.map((o) => Yaml.stringify(o)).join('---\n'));
  const compared = expectKubectlReadsBack(ours, objects);
  const accepted = Object.values(outcome).reduce((n, o) => n + o.accepted, 0);
  if (process.env.ROUND_TRIP_COUNTS) process.stderr.write(`hostile strings: ${accepted} accepted, ${compared} objects read back by kubectl; per prop ${JSON.stringify(outcome)}\n`);
  // Free text is free: most of the set must be accepted where a string may be anything.
  for (const name of ['podAnnotations.*', 'configMap.data.*', 'command[]', 'secret.data.*', 'tolerations[].value']) expect(outcome[name].refused).toBe(0);
});
