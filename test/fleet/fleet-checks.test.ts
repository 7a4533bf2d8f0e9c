/**
 * OpenClawFleet's checks beyond problems: warnings aggregated for a reader of 100,000 tenants
 * (fleet.warnings and the lines to say, never printed; `strict`), the input read once (a tenant
 * changed after construction renders as it was checked), and object names kept unique by key.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Testing, Yaml } from 'cdk8s';
import { FleetTenant, OpenClawChart, OpenClawChartProps, OpenClawFleet, OpenClawFleetError, OpenClawFleetProps } from '../../src';
import { trustedProxiesAdvice } from '../../src/core/trusted-proxies';
import { MAX_REPEATS } from '../../src/fleet/warnings';
import { checkTenant } from '../../src/fleet/validate';
import { ObjectOwners } from '../../src/fleet/owners';
import { resolveTenancy } from '../../src/fleet/tenancy';
import { resolvePolicy } from '../../src/fleet/policy';
import { TenancyMode } from '../../src';

/** These tests are about the fleet as a bulk renderer: tenancy (test/fleet/tenancy.test.ts) is off. */
const OFF = { mode: TenancyMode.OFF };

const WILDCARD = 'grants "*" in verbs: the agent runs shell commands on a model\'s instructions; list the groups, resources and verbs it needs';
const WILD_RULES: OpenClawChartProps['rbac'] = { create: true, rules: [{ apiGroups: [''], resources: ['services'], verbs: ['*'] }] };
const INGRESS: OpenClawChartProps = { ingress: { enabled: true, hosts: [{ host: 'x.example.com' }] } };

function names(n: number, from = 0): FleetTenant[] {
  return Array.from({ length: n }, (_, i) => ({ name: `user-${String(from + i).padStart(3, '0')}` }));
}

/** The fleet and the lines it gives to say (`said`); it must print nothing itself (a library never prints). */
function construct(props: OpenClawFleetProps): { fleet?: OpenClawFleet; error?: unknown; said: string } {
  const writes: string[] = [];
  const spy = jest.spyOn(process.stderr, 'write').mockImplementation((s: any) => (writes.push(String(s)), true));
  try {
    const fleet = new OpenClawFleet({ tenancy: OFF, ...props });
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
      { path: 'rbac.rules[0]', message: WILDCARD, tenants: 7, examples: names(7).map((t) => t.name), dangerous: true },
      { path: 'gateway.trustedProxies', message: trustedProxiesAdvice('Ingress'), tenants: 1, examples: ['ingress-one'], dangerous: false },
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
    expect(inline.fleet!.warnings[0]).toMatchObject({ tenants: 84, examples: many.filter((_, i) => i % 3 === 0).map((t) => t.name) });
  });

  test('kept per tenant: one tenant\'s 1,000 harmless warnings leave every other tenant\'s dangerous ones listed', () => {
    // 1,000 namespaces selected by the label "name" (ineffective, not dangerous): one warning each.
    const flood = Array.from({ length: 1000 }, (_, i) => ({ matchLabels: { name: `team-${i}` } }));
    const nameWarning = (i: number) => `selects namespaces by the label "name", which Kubernetes does not set: unless you label the namespaces yourself it matches nothing; Kubernetes sets kubernetes.io/metadata.name: "team-${i}"`;
    const { fleet, said } = construct({ tenants: [
      { name: 'noisy', props: { networkPolicy: { enabled: true, allowedNamespaces: flood } } },
      { name: 'mallory', props: { securityContext: { privileged: true, allowPrivilegeEscalation: true }, extraVolumes: [{ name: 'host', hostPath: { path: '/' } }] } },
    ] });
    const listed = fleet!.warnings.map((w) => [w.path, w.examples.join(' ')]);
    expect(listed).toEqual([
      ...Array.from({ length: MAX_REPEATS }, (_, i) => [`networkPolicy.allowedNamespaces[${i}].matchLabels.name`, 'noisy']),
      ['securityContext.privileged', 'mallory'],
      ['securityContext.allowPrivilegeEscalation', 'mallory'],
      ['extraVolumes[0].hostPath', 'mallory'],
    ]);
    expect(fleet!.warnings[0]).toEqual({ path: 'networkPolicy.allowedNamespaces[0].matchLabels.name', message: nameWarning(0), tenants: 1, examples: ['noisy'], dangerous: false });
    expect(said.trimEnd().split('\n').slice(-4)).toEqual([
      'Warning: securityContext.privileged: is true: the containers get every capability and the host\'s devices, which is root on the node (tenant mallory)',
      'Warning: securityContext.allowPrivilegeEscalation: is true: a process may gain more privileges than its parent (setuid binaries) (tenant mallory)',
      'Warning: extraVolumes[0].hostPath: mounts the node\'s root filesystem "/": whoever controls the agent controls the node (tenant mallory)',
      `Warning: 995 more warnings at networkPolicy.allowedNamespaces[].matchLabels.name are not listed (tenant noisy): each tenant's harmless repeats are listed ${MAX_REPEATS} times`,
    ]);
  });

  test('dangerous warnings are never capped: 1,005 wildcard rules of one tenant and every tenant with them are listed', () => {
    const rules = Array.from({ length: 1005 }, () => ({ apiGroups: [''], resources: ['services'], verbs: ['*'] }));
    const tenants = names(8).map((t) => ({ ...t, props: { rbac: { create: true, rules } } }));
    const { fleet, said } = construct({ tenants });
    const wildcards = fleet!.warnings.filter((w) => w.message === WILDCARD);
    expect(wildcards).toHaveLength(1005);
    expect(wildcards[1004]).toEqual({ path: 'rbac.rules[1004]', message: WILDCARD, tenants: 8, examples: tenants.map((t) => t.name), dangerous: true });
    expect(said).toContain(`Warning: rbac.rules[1004]: ${WILDCARD} (8 tenants: user-000, user-001, user-002, user-003, user-004 and 3 more)\n`);
    expect(said).not.toContain('not listed');
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

describe('the fleet reads its input once: a tenant or default changed after construction changes nothing', () => {
  function chartYaml(name: string, props: OpenClawChartProps): string {
    return Yaml.stringify(...Testing.synth(new OpenClawChart(Testing.app(), name, { ...props, releaseName: name, namespace: props.namespace ?? 'default' })));
  }

  test('changed to invalid props: the tenant renders as it was checked', () => {
    const tenant: { name: string; props: OpenClawChartProps } = { name: 'alice', props: { service: { port: 8080 } } };
    const fleet = new OpenClawFleet({ tenancy: OFF, tenants: [tenant, { name: 'bob' }] });
    (tenant.props.service as { port: number }).port = 0;
    expect(fleet.synthYaml('alice')).toBe(chartYaml('alice', { service: { port: 8080 } }));
    expect(fleet.tenantProps('alice').service).toEqual({ port: 8080 });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openclaw-fleet-'));
    try {
      fleet.writeTo(dir, { workers: 0 });
      expect(fs.readFileSync(path.join(dir, 'alice.k8s.yaml'), 'utf8')).toBe(chartYaml('alice', { service: { port: 8080 } }));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    expect(fleet.synthYaml('bob')).toBe(chartYaml('bob', {}));
  });

  test('changed defaults, and a changed tenantProps() result: every tenant renders as checked, on worker threads too', () => {
    const defaults: OpenClawChartProps = { replicaCount: 1, podLabels: { team: 'a' } };
    // Checked in this thread, so that only writeTo starts worker threads (the test's time).
    const fleet = new OpenClawFleet({ tenancy: OFF, defaults, tenants: names(150), workers: 0 });
    (defaults as { replicaCount: number }).replicaCount = -1;
    (fleet.tenantProps('user-000').podLabels as Record<string, string>).team = 'b';
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openclaw-fleet-'));
    try {
      fleet.writeTo(dir, { workers: 2 });
      expect(fs.readFileSync(path.join(dir, 'user-000.k8s.yaml'), 'utf8')).toBe(chartYaml('user-000', { replicaCount: 1, podLabels: { team: 'a' } }));
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
    const rules = { tenancy: resolveTenancy({ mode: TenancyMode.OFF }), policy: resolvePolicy({}) };
    const objectsOf = (i: number) => checkTenant(tenants[i], i, {}, rules).objects!;
    for (const withNames of [true, false]) {
      // Every object gets the same key: each match must be confirmed by name.
      const namespaces = tenants.map(() => 'default');
      const owners = new ObjectOwners((i) => namespaces[i], objectsOf, () => 7);
      const clashes = tenants.map((_, i) => {
        const objects = objectsOf(i);
        return owners.claimAll('default', objects.map(() => 7), i, withNames ? objects : undefined);
      });
      expect(clashes.map((c) => c && `${c.object.join(' ')} of tenants[${c.owner}]`)).toEqual([undefined, undefined, 'StatefulSet alice-openclaw of tenants[0]', undefined]);
    }
  });

  test('a namespace with one tenant records none of its objects; a second tenant there records the first\'s and finds the clash', () => {
    const tenants: FleetTenant[] = [{ name: 'alice' }, { name: 'bob' }, { name: 'alice-openclaw' }];
    const rules = { tenancy: resolveTenancy({ mode: TenancyMode.OFF }), policy: resolvePolicy({}) };
    const namespaces = ['team-a', 'team-b', 'team-a'];
    let rechecked = 0;
    const owners = new ObjectOwners((i) => namespaces[i], (i) => {
      rechecked++;
      return checkTenant({ ...tenants[i], namespace: namespaces[i] }, i, {}, rules).objects!;
    });
    const claim = (i: number) => {
      const check = checkTenant({ ...tenants[i], namespace: namespaces[i] }, i, {}, rules);
      return owners.claimAll(namespaces[i], check.objectKeys!, i, check.objects);
    };
    expect(claim(0)).toBeUndefined();
    expect(claim(1)).toBeUndefined();
    expect(rechecked).toBe(0);
    // alice's objects are made again once, when alice-openclaw comes to team-a.
    expect(claim(2)).toEqual({ owner: 0, object: ['StatefulSet', 'alice-openclaw'] });
    expect(rechecked).toBe(1);
  });
});
