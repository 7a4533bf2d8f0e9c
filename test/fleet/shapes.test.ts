/**
 * The exactness proof of tenant shapes (src/fleet/shapes.ts, src/fleet/check-shapes.ts): random
 * fleets, many tenants per random shape, with names chosen to break a template (every length,
 * names that contain the chart name or a nameOverride, YAML words, digits first, names cut by the
 * 63-character limit), checked and written through the shapes and compared with the plain path:
 * every tenant's check equals checkTenant's, every file equals the tenant rendered alone
 * (renderTenantYaml, what synthYaml returns), byte for byte.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as fc from 'fast-check';
import { FleetTenant, OpenClawChartProps, OpenClawFleet, TenancyMode } from '../../src';
import { checkTenantByShape } from '../../src/fleet/check-shapes';
import { SHAPE_COUNTS } from '../../src/fleet/shapes';
import { renderTenantYaml } from '../../src/fleet/render';
import { checkTenant } from '../../src/fleet/validate';
import { snapshotFleet } from '../../src/fleet/tenant-snapshot';
import { resolvePolicy } from '../../src/fleet/policy';
import { resolveTenancy, tenancyBase } from '../../src/fleet/tenancy';
import { deepMerge } from '../../src/fleet/validate';
import { validCase } from '../helpers/arbitraries';

const SEED = Number(process.env.FC_SEED ?? 20261206);

/** Names that a template must not stand for, or that must still come out right, beside ordinary ones. */
const AWKWARD = ['yes', 'null', 'on', '123456', '2001-12-14', '0x1f2e', '1e3000', 'my-openclaw-1', 'openclaw', 'a', 'ab-cd',
  'x'.repeat(53), `b${'0'.repeat(52)}`, 'qzxjqz', 'xjqzxj', 'bot-robot', 'robot-99', 'tenant-with-a-name-long-enough-to-be-cut-in-suffixes'];

/** The awkward names and `count` random DNS labels. */
function names(rand: Random, count: number): string[] {
  const out = new Set<string>(AWKWARD);
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789-';
  while (out.size < AWKWARD.length + count) {
    // Mostly a few lengths (a shape is per name length), sometimes any.
    const length = [8, 8, 12, 1 + rand.nextInt(0, 52)][rand.nextInt(0, 3)];
    let name = String.fromCharCode(97 + rand.nextInt(0, 25));
    for (let i = 1; i < length; i++) name += alphabet[rand.nextInt(0, i === length - 1 ? 35 : 36)];
    out.add(name);
  }
  return [...out];
}

interface Random { nextInt(min: number, max: number): number }

/** A seeded generator (mulberry32): the same fleets on every run. */
function random(seed: number): Random {
  let a = seed >>> 0;
  return {
    nextInt(min, max) {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return min + Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * (max - min + 1));
    },
  };
}

function tmpdir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'openclaw-shapes-'));
}

/** A few shapes of tenant props: none, labels and annotations with the tenant's name, a model, the release name. */
const SHAPES: Array<(name: string) => OpenClawChartProps | undefined> = [
  () => undefined,
  (name) => ({ podLabels: { 'example.com/owner': name, team: 'a' }, podAnnotations: { owner: name } }),
  (name) => ({ agentModel: 'anthropic/claude-opus-4-1', podLabels: { owner: name } }),
  (name) => ({ releaseName: name }),
];

/** With tenancy on, what the tenants may set (the policy refuses the rest). */
const POLICY = { allow: ['agentModel', 'gateway.channels', 'persistence.size', 'resources', 'env', 'podLabels', 'podAnnotations'] };

/**
 * A fleet's tenants. `valid`: only names whose objects are valid (a letter first, short enough for
 * the StatefulSet), each tenant in a namespace of its own (a random case's fixed object names
 * would clash in one); else a shared namespace for some.
 */
function fleetCase(rand: Random, on: boolean, valid: boolean): FleetTenant[] {
  const list = names(rand, 50).filter((n) => !valid || /^[a-z][a-z0-9-]{0,39}$/.test(n));
  const shapes = on ? SHAPES.slice(0, 3) : SHAPES;
  return list.map((name, i) => ({ name, ...(on ? {} : { namespace: valid || i % 3 === 0 ? name : 'team' }), props: shapes[i % shapes.length](name) }));
}

/** A random case's props as a fleet's defaults (no names of its own: every tenant would render the same objects). */
const props = (c: { props: OpenClawChartProps }): OpenClawChartProps => {
  const { releaseName: _r, namespace: _n, fullnameOverride: _f, ...rest } = c.props;
  return rest;
};

describe.each([
  ['tenancy off', { mode: TenancyMode.OFF }],
  ['tenancy on', {}],
])('tenant shapes, %s', (_label, tenancy) => {
  const on = !('mode' in tenancy);
  const cases = fc.sample(validCase, { numRuns: 3, seed: SEED + (on ? 1 : 0) });

  test('every check equals checkTenant\'s', () => {
    const rand = random(SEED);
    let tenantCount = 0;
    const filled = SHAPE_COUNTS.checks;
    for (const c of cases) {
      const defaults = on ? { nameOverride: tenantCount % 2 ? 'bot' : undefined } : props(c);
      const rules = { tenancy: resolveTenancy(tenancy), policy: resolvePolicy(on ? POLICY : undefined) };
      const { tenants, defaults: d } = snapshotFleet(fleetCase(rand, on, false), defaults);
      const merged = deepMerge(tenancyBase(rules.tenancy) as OpenClawChartProps, d);
      for (let i = 0; i < tenants.length; i++) {
        const t = tenants.at(i);
        expect(checkTenantByShape(t, i, merged, rules)).toEqual(checkTenant(t, i, merged, rules));
        expect(checkTenantByShape(t, i, merged, rules, false)).toEqual(checkTenant(t, i, merged, rules, false));
      }
      tenantCount += tenants.length;
    }
    // A third or more of the checks came from a template (a test of the shapes, not of the plain path).
    expect(SHAPE_COUNTS.checks - filled).toBeGreaterThan(tenantCount / 3);
  });

  test('every file equals the tenant rendered alone, byte for byte', () => {
    const rand = random(SEED + 7);
    let written = 0;
    let tenantCount = 0;
    const filled = SHAPE_COUNTS.filled;
    cases.forEach((c, k) => {
      const defaults = on ? { ingress: { enabled: true }, nameOverride: k % 2 ? 'bot' : undefined } : props(c);
      const tenants = fleetCase(rand, on, true);
      let fleet: OpenClawFleet;
      try {
        fleet = new OpenClawFleet({ tenancy, defaults, tenants, workers: 0, ...(on ? { policy: POLICY } : {}) });
      } catch (e) {
        if (process.env.SHAPES_DEBUG) console.log(String(e).slice(0, 600));
        return; // a random case some tenants of which clash (names): nothing to write
      }
      // In one thread: worker threads render through the same tenantYaml (renderChunk), and start slowly under ts-node.
      const dir = tmpdir();
      const { files } = fleet.writeTo(dir, { workers: 0 });
      files.forEach((f) => expect(fs.readFileSync(f.path, 'utf8')).toBe(fleet.synthYaml(`${f.namespace}/${f.tenant}`)));
      fs.rmSync(dir, { recursive: true, force: true });
      written++;
      tenantCount += tenants.length;
    });
    expect(written).toBeGreaterThan(cases.length / 2);
    // A third or more of the files came from a template.
    expect(SHAPE_COUNTS.filled - filled).toBeGreaterThan(tenantCount / 3);
  });
});

test('renderTenantYaml is the plain path the files are compared with', () => {
  // synthYaml above must not go through the shapes itself: it is renderTenantYaml.
  const rules = { tenancy: resolveTenancy({ mode: TenancyMode.OFF }), policy: resolvePolicy(undefined) };
  const fleet = new OpenClawFleet({ tenancy: { mode: TenancyMode.OFF }, tenants: [{ name: 'alice-12', props: { podLabels: { o: 'alice-12' } } }] });
  expect(fleet.synthYaml('alice-12')).toBe(renderTenantYaml({}, { name: 'alice-12', props: { podLabels: { o: 'alice-12' } } }, 0, { strict: false }, rules).text);
});
