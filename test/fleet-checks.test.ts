/**
 * OpenClawFleet's checks beyond problems: warnings aggregated for a reader of 100,000 tenants
 * (fleet.warnings and the lines to say, never printed; `strict`), a tenant changed after the fleet checked it is checked
 * again when rendered instead of being rendered unchecked, and object names kept unique by key.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Testing, Yaml } from 'cdk8s';
import { FleetTenant, OpenClawChart, OpenClawChartProps, OpenClawFleet, OpenClawFleetError, OpenClawFleetProps } from '../src';
import { trustedProxiesAdvice } from '../src/trusted-proxies';
import { MAX_DISTINCT } from '../src/fleet-warnings';
import { checkTenant, validateFleet } from '../src/fleet-validate';

const WILDCARD = 'grants "*" in verbs: the agent runs shell commands on a model\'s instructions; list the groups, resources and verbs it needs';
const WILD_RULES: OpenClawChartProps['rbac'] = { create: true, rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['*'] }] };
const INGRESS: OpenClawChartProps = { ingress: { enabled: true, hosts: [{ host: 'x.example.com' }] } };

function names(n: number, from = 0): FleetTenant[] {
  return Array.from({ length: n }, (_, i) => ({ name: `user-${String(from + i).padStart(3, '0')}` }));
}

/** The fleet and the lines it gives to say (`said`); it must print nothing itself (a library never prints). */
function construct(props: OpenClawFleetProps): { fleet?: OpenClawFleet; error?: unknown; said: string } {
  const writes: string[] = [];
  const spy = jest.spyOn(process.stderr, 'write').mockImplementation((s: any) => (writes.push(String(s)), true));
  try {
    const fleet = new OpenClawFleet(props);
    return { fleet, said: fleet.warningLines.map((l) => `${l}\n`).join('') };
  } catch (error) {
    return { error, said: '' };
  } finally {
    spy.mockRestore();
    expect(writes).toEqual([]);
  }
}

describe('fleet warnings', () => {
  const tenants: FleetTenant[] = [
    ...names(7).map((t) => ({ ...t, props: { rbac: WILD_RULES } })),
    { name: 'ingress-one', props: INGRESS },
    { name: 'plain' },
  ];

  test('one entry per path and message, with the tenant count and the first five tenants, in the order first seen', () => {
    const { fleet, said } = construct({ tenants });
    expect(fleet!.warnings).toEqual([
      { path: 'rbac.rules[0]', message: WILDCARD, tenants: 7, examples: ['user-000', 'user-001', 'user-002', 'user-003', 'user-004'] },
      { path: 'gateway.trustedProxies', message: trustedProxiesAdvice('Ingress'), tenants: 1, examples: ['ingress-one'] },
    ]);
    expect(said).toBe(
      `Warning: rbac.rules[0]: ${WILDCARD} (7 tenants: user-000, user-001, user-002, user-003, user-004 and 2 more)\n`
      + `Warning: gateway.trustedProxies: ${trustedProxiesAdvice('Ingress')} (tenant ingress-one)\n`,
    );
  });

  test('a warning from the defaults is said once for every tenant; the manifests still render', () => {
    const { fleet, said } = construct({ defaults: { rbac: WILD_RULES }, tenants: names(3) });
    expect(said).toBe(`Warning: rbac.rules[0]: ${WILDCARD} (3 tenants: user-000, user-001, user-002)\n`);
    expect(fleet!.synthYaml('user-001')).toBe(Yaml.stringify(...Testing.synth(new OpenClawChart(Testing.app(), 'user-001', {
      rbac: WILD_RULES, releaseName: 'user-001', namespace: 'default',
    }))));
  });

  test('no warning, nothing said', () => {
    const { fleet, said } = construct({ tenants: names(3) });
    expect(fleet!.warnings).toEqual([]);
    expect(said).toBe('');
  });

  test('checked on worker threads: the same warnings and lines as in one thread', () => {
    // 250 tenants: three chunks on two workers.
    const many = names(250).map((t, i) => (i % 3 ? t : { ...t, props: { rbac: WILD_RULES } }));
    const [inline, threaded] = [0, 2].map((workers) => construct({ tenants: many, workers }));
    expect(threaded.fleet!.warnings).toEqual(inline.fleet!.warnings);
    expect(threaded.said).toBe(inline.said);
    expect(inline.fleet!.warnings[0]).toMatchObject({ tenants: 84, examples: ['user-000', 'user-003', 'user-006', 'user-009', 'user-012'] });
  });

  test(`bounded: at most ${MAX_DISTINCT} distinct warnings are kept, the rest counted in one line`, () => {
    const rules = Array.from({ length: MAX_DISTINCT + 5 }, () => ({ apiGroups: [''], resources: ['pods'], verbs: ['*'] }));
    const { fleet, said } = construct({ tenants: [{ name: 'alice', props: { rbac: { create: true, rules } } }, { name: 'bob', props: { rbac: { create: true, rules } } }] });
    expect(fleet!.warnings).toHaveLength(MAX_DISTINCT);
    expect(fleet!.warnings[MAX_DISTINCT - 1]).toEqual({ path: `rbac.rules[${MAX_DISTINCT - 1}]`, message: WILDCARD, tenants: 2, examples: ['alice', 'bob'] });
    const lines = said.trimEnd().split('\n');
    expect(lines).toHaveLength(MAX_DISTINCT + 1);
    expect(lines[MAX_DISTINCT]).toBe(`Warning: 5 more distinct warnings (10 in all) are not listed: the fleet lists the first ${MAX_DISTINCT}`);
  });

  test('strict: every tenant\'s warnings are problems of the one OpenClawFleetError, nothing is said', () => {
    const { error, said } = construct({ tenants, strict: true });
    expect(error).toBeInstanceOf(OpenClawFleetError);
    const e = error as OpenClawFleetError;
    expect(e.problems.map((p) => p.path)).toEqual([...names(7).map((t) => `${t.name}: rbac.rules[0]`), 'ingress-one: gateway.trustedProxies']);
    expect(e.message).toContain(`7 tenants (user-000, user-001, user-002, user-003, user-004 and 2 more): rbac.rules[0]: ${WILDCARD}`);
    expect(e.message.startsWith('Invalid OpenClaw fleet (8 problems in 8 tenants):\n')).toBe(true);
    expect(said).toBe('');
    expect(construct({ tenants: names(3), strict: true }).fleet!.warnings).toEqual([]);
  });
});

describe('a tenant changed after the fleet checked it is checked again', () => {
  function chartYaml(name: string, props: OpenClawChartProps): string {
    return Yaml.stringify(...Testing.synth(new OpenClawChart(Testing.app(), name, { ...props, releaseName: name, namespace: props.namespace ?? 'default' })));
  }

  test('changed to invalid props: the render throws the tenant\'s problem instead of rendering it', () => {
    const tenant: { name: string; props: OpenClawChartProps } = { name: 'alice', props: { service: { port: 8080 } } };
    const fleet = new OpenClawFleet({ tenants: [tenant, { name: 'bob' }] });
    (tenant.props.service as { port: number }).port = 0;
    expect(() => fleet.synthTenant('alice')).toThrow(OpenClawFleetError);
    expect(() => fleet.synthTenant('alice')).toThrow('alice: service.port: must be an integer from 1 to 65535 (got 0)');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openclaw-fleet-'));
    try {
      expect(() => fleet.writeTo(dir, { workers: 0 })).toThrow('alice: service.port: must be an integer from 1 to 65535 (got 0)');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    expect(fleet.synthYaml('bob')).toBe(chartYaml('bob', {}));
  });

  test('changed defaults: every tenant is checked again, on worker threads too', () => {
    const defaults: OpenClawChartProps = { replicaCount: 1 };
    // Checked in this thread, so that only writeTo starts worker threads (the test's time).
    const fleet = new OpenClawFleet({ defaults, tenants: names(150), workers: 0 });
    (defaults as { replicaCount: number }).replicaCount = -1;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openclaw-fleet-'));
    try {
      expect(() => fleet.writeTo(dir, { workers: 2 })).toThrow('user-000: replicaCount: must be an integer of at least 0');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('changed to other valid props: the output is that of the new props, on worker threads too', () => {
    const tenants = names(150).map((t) => ({ ...t, props: { podLabels: { team: 'a' } as Record<string, string> } }));
    const fleet = new OpenClawFleet({ tenants, workers: 2 });
    tenants[120].props.podLabels.team = 'b';
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openclaw-fleet-'));
    try {
      fleet.writeTo(dir, { workers: 2 });
      expect(fs.readFileSync(path.join(dir, 'user-120.k8s.yaml'), 'utf8')).toBe(chartYaml('user-120', { podLabels: { team: 'b' } }));
      expect(fs.readFileSync(path.join(dir, 'user-119.k8s.yaml'), 'utf8')).toBe(chartYaml('user-119', { podLabels: { team: 'a' } }));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('object names unique per namespace, checked by key', () => {
  const CLASH = 'alice-openclaw: name: its StatefulSet "alice-openclaw" in namespace "default" is also rendered by tenant "alice" (tenants[10])';

  test('checked on worker threads (replies carry keys, not names): the same clash and message as in one thread', () => {
    const tenants = names(250);
    tenants[10] = { name: 'alice' };
    tenants[200] = { name: 'alice-openclaw' };
    for (const workers of [0, 2]) {
      const { error } = construct({ tenants, workers });
      expect(error).toBeInstanceOf(OpenClawFleetError);
      expect((error as Error).message).toContain(CLASH);
      expect((error as OpenClawFleetError).problems).toHaveLength(1);
    }
  });

  test('two objects whose keys collide are told apart by their names, with or without the names at hand', () => {
    const tenants: FleetTenant[] = [{ name: 'alice' }, { name: 'bob' }, { name: 'alice-openclaw' }, { name: 'carol' }];
    for (const withNames of [true, false]) {
      // Every object gets the same key: each match must be confirmed by name.
      const result = validateFleet(tenants, {}, true, false, (each) => tenants.forEach((t, i) => {
        const check = checkTenant(t, i, {}, withNames);
        each(i, { ...check, objectKeys: check.objectKeys!.map(() => 7) });
      }));
      expect(result.problems.map((p) => p.path)).toEqual(['alice-openclaw: name']);
      expect(result.problems[0].message).toContain('its StatefulSet "alice-openclaw" in namespace "default" is also rendered by tenant "alice" (tenants[0])');
    }
  });
});
