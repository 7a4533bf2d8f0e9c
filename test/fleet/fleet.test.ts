/**
 * OpenClawFleet: the same objects and bytes as one chart per App, overrides merged over defaults,
 * every tenant problem reported at once and naming the tenant, one file per tenant.
 * Speed is measured by `npm run bench` only; nothing here is timed.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Testing, Yaml } from 'cdk8s';
import * as fc from 'fast-check';
import { FleetLayout, FleetTenant, OpenClawChart, OpenClawChartProps, OpenClawConfigError, OpenClawFleet, OpenClawFleetError, renderObjects } from '../../src';
import { toManifestYaml } from '../../src/output/manifest-yaml';
import { deepMerge } from '../../src/fleet/validate';
import { validCase } from '../helpers/arbitraries';
import { envOf, findObject, mainContainer } from '../helpers/synth';
import { TenancyMode } from '../../src';

/** These tests are about the fleet as a bulk renderer: tenancy (test/fleet/tenancy.test.ts) is off. */
const OFF = { mode: TenancyMode.OFF };

const seed = process.env.FC_SEED === undefined ? {} : { seed: Number(process.env.FC_SEED) };

/** What a user would do without the fleet: the chart alone in its own app. */
function chartAlone(name: string, props: OpenClawChartProps): any[] {
  return Testing.synth(new OpenClawChart(Testing.app(), name, props));
}

function tmpdir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'openclaw-fleet-'));
}

function fleetError(make: () => unknown): OpenClawFleetError {
  try {
    make();
  } catch (e) {
    expect(e).toBeInstanceOf(OpenClawFleetError);
    expect(e).toBeInstanceOf(OpenClawConfigError);
    return e as OpenClawFleetError;
  }
  throw new Error('expected an OpenClawFleetError');
}

const DEFAULTS: OpenClawChartProps = {
  namespace: 'openclaw',
  persistence: { size: '5Gi', storageClass: 'fast' },
  env: { LOG_LEVEL: 'debug' },
  podLabels: { 'example.com/team': 'platform' },
  resources: { requests: { cpu: '250m', memory: '512Mi' }, limits: { cpu: '1', memory: '2Gi' } },
  extraArgs: ['--verbose'],
  agentModel: 'anthropic/claude-sonnet-4-6',
};

function sampleTenants(n: number): FleetTenant[] {
  return Array.from({ length: n }, (_, i) => {
    const name = `user-${String(i).padStart(3, '0')}`;
    switch (i % 4) {
      case 0: return { name };
      case 1: return { name, namespace: `team-${i % 3}`, props: { podLabels: { 'example.com/owner': name } } };
      case 2: return { name, props: { replicaCount: 2, extraArgs: ['--ws-log=compact'], env: { HOST: '127.0.0.1' } } };
      default: return {
        name,
        props: {
          ingress: { enabled: true, className: 'nginx', hosts: [{ host: `${name}.openclaw.example.com` }], tls: [{ secretName: 'wildcard', hosts: [`${name}.openclaw.example.com`] }] },
          configMap: { data: { 'notes.md': `# ${name}\n\nTenant notes: "quoted", 'single', ${'#'} and : colons\n` } },
          persistence: { size: '20Gi' },
        },
      };
    }
  });
}

describe('OpenClawFleet output equals one chart per App', () => {
  const tenants = sampleTenants(12);
  const fleet = new OpenClawFleet({ tenancy: OFF, defaults: DEFAULTS, tenants });

  test.each(['user-000', 'user-001', 'user-002', 'user-003', 'user-007', 'user-011'])('%s: objects and YAML', (name) => {
    const tenant = tenants.find((t) => t.name === name)!;
    const props = { ...deepMerge(DEFAULTS, tenant.props ?? {}), ...(tenant.namespace ? { namespace: tenant.namespace } : {}) };
    const expected = chartAlone(name, props);
    expect(fleet.synthTenant(name)).toStrictEqual(expected);
    expect(fleet.synthYaml(name)).toBe(Yaml.stringify(...expected));
  });

  test('synthObjects yields every tenant once, in order, with its namespace', () => {
    const seen = [...fleet.synthObjects()];
    expect(seen.map((s) => s.tenant)).toEqual(tenants.map((t) => t.name));
    expect(seen[1].namespace).toBe('team-1');
    expect(seen[0].namespace).toBe('openclaw');
    for (const { namespace, objects } of seen) {
      for (const o of objects) {
        if (o.metadata.namespace !== undefined) expect(o.metadata.namespace).toBe(namespace);
      }
    }
    expect(seen[5].objects).toStrictEqual(fleet.synthTenant('user-005'));
  });

  test('synthYamlStream is lazy and matches synthYaml', () => {
    const stream = fleet.synthYamlStream();
    const first = stream.next();
    expect(first.done).toBe(false);
    expect(first.value).toEqual({ tenant: 'user-000', namespace: 'openclaw', yaml: fleet.synthYaml('user-000') });
    expect([...stream]).toHaveLength(tenants.length - 1);
  });

  test('the default chart: a fleet of one equals `cdk8s synth` of main.ts', () => {
    const one = new OpenClawFleet({ tenancy: OFF, tenants: [{ name: 'openclaw' }] });
    expect(one.synthYaml('openclaw')).toBe(Yaml.stringify(...chartAlone('openclaw', {})));
  });

  test('random props: the same objects and bytes as the chart alone, the same problems', () => {
    fc.assert(fc.property(fc.array(validCase, { minLength: 1, maxLength: 3 }), (cases) => {
      // Distinct namespaces: random name overrides may otherwise give two tenants the same objects.
      const fleetTenants = cases.map((c, i): FleetTenant => {
        const { releaseName, namespace: _ns, ...props } = c.props;
        return { name: releaseName ?? c.release, namespace: `${c.namespace.slice(0, 55)}-t${i}`, props };
      });
      // releaseName given explicitly, as the fleet does (src/check.ts checks name lengths with
      // the release "openclaw" when releaseName is absent, not with the chart id).
      const alone = fleetTenants.map((t) => {
        try {
          return { objects: chartAlone(t.name, { ...t.props, releaseName: t.name, namespace: t.namespace }) };
        } catch (e) {
          if (!(e instanceof OpenClawConfigError)) throw e;
          return { problems: e.problems };
        }
      });
      if (alone.some((a) => a.problems)) {
        const e = fleetError(() => new OpenClawFleet({ tenancy: OFF, tenants: fleetTenants }));
        alone.forEach((a, index) => {
          const mine = e.problems.filter((p) => p.index === index).map((p) => [p.propsPath, p.message]);
          expect(mine).toEqual((a.problems ?? []).map((p) => [p.path, p.message]));
        });
        return;
      }
      const f = new OpenClawFleet({ tenancy: OFF, tenants: fleetTenants });
      const streamed = [...f.synthYamlStream()];
      fleetTenants.forEach((t, i) => {
        expect(f.synthTenant(`${t.namespace}/${t.name}`)).toStrictEqual(alone[i].objects);
        expect(streamed[i].yaml).toBe(Yaml.stringify(...alone[i].objects!));
      });
    }), { numRuns: Number(process.env.FC_FLEET_RUNS ?? 40), ...seed });
  });
});

describe('per-tenant props deep-merge over the defaults', () => {
  const fleet = new OpenClawFleet({
    tenancy: OFF,
    defaults: DEFAULTS,
    tenants: [
      { name: 'alice', props: { env: { HOST: '127.0.0.1' }, podLabels: { 'example.com/owner': 'alice' }, extraArgs: ['--ws-log=compact'], resources: { limits: { memory: '8Gi' } } } },
      { name: 'bob', namespace: 'team-b', props: { persistence: { enabled: false } } },
      { name: 'carol', props: { podLabels: undefined, extraArgs: [] } },
    ],
  });

  test('maps merge key by key, lists replace', () => {
    const props = fleet.tenantProps('alice');
    expect(props.env).toEqual({ LOG_LEVEL: 'debug', HOST: '127.0.0.1' });
    expect(props.podLabels).toEqual({ 'example.com/team': 'platform', 'example.com/owner': 'alice' });
    expect(props.extraArgs).toEqual(['--ws-log=compact']);
    expect(props.resources).toEqual({ requests: { cpu: '250m', memory: '512Mi' }, limits: { cpu: '1', memory: '8Gi' } });
    expect(props.releaseName).toBe('alice');
    expect(props.namespace).toBe('openclaw');
  });

  test('the merged props reach the objects', () => {
    const objects = fleet.synthTenant('alice');
    expect(envOf(objects)).toMatchObject({ LOG_LEVEL: 'debug', HOST: '127.0.0.1' });
    expect(mainContainer(objects).args).toEqual(['--ws-log=compact']);
    expect(mainContainer(objects).resources.limits).toEqual({ cpu: '1', memory: '8Gi' });
    const sts = findObject(objects, 'StatefulSet', 'alice-openclaw');
    expect(sts.metadata.namespace).toBe('openclaw');
    expect(sts.spec.template.metadata.labels).toMatchObject({ 'example.com/team': 'platform', 'example.com/owner': 'alice' });
    expect(sts.spec.volumeClaimTemplates[0].spec).toMatchObject({ storageClassName: 'fast', resources: { requests: { storage: '5Gi' } } });
  });

  test('a nested map override keeps the sibling defaults; the tenant namespace wins', () => {
    const props = fleet.tenantProps('bob');
    expect(props.persistence).toEqual({ size: '5Gi', storageClass: 'fast', enabled: false });
    expect(props.namespace).toBe('team-b');
    const sts = findObject(fleet.synthTenant('bob'), 'StatefulSet');
    expect(sts.spec.volumeClaimTemplates).toBeUndefined();
    expect(sts.metadata.namespace).toBe('team-b');
  });

  test('undefined keeps the default, an empty list replaces it', () => {
    const props = fleet.tenantProps('carol');
    expect(props.podLabels).toEqual({ 'example.com/team': 'platform' });
    expect(props.extraArgs).toEqual([]);
  });

  test('the defaults object is not modified', () => {
    expect(DEFAULTS.env).toEqual({ LOG_LEVEL: 'debug' });
    expect(DEFAULTS.podLabels).toEqual({ 'example.com/team': 'platform' });
  });

  test('deepMerge', () => {
    expect(deepMerge({ a: { b: 1, c: [1, 2] }, d: 'x' }, { a: { c: [3] }, d: undefined, e: 2 })).toEqual({ a: { b: 1, c: [3] }, d: 'x', e: 2 });
    expect(deepMerge({ a: 1 }, undefined)).toEqual({ a: 1 });
    expect(deepMerge({ a: { b: 1 } }, { a: 'replaced' })).toEqual({ a: 'replaced' });
  });
});

describe('tenant names and problems', () => {
  test('a duplicate name in one namespace names the tenant', () => {
    const e = fleetError(() => new OpenClawFleet({ tenancy: OFF, tenants: [{ name: 'alice' }, { name: 'bob' }, { name: 'alice' }] }));
    expect(e.problems).toHaveLength(1);
    expect(e.problems[0]).toMatchObject({ tenant: 'alice', index: 2, propsPath: 'name' });
    expect(e.message).toContain('alice: name: duplicate tenant name in namespace "default" (also tenants[0])');
  });

  test('the same name in two namespaces is fine; lookups then need the namespace', () => {
    const fleet = new OpenClawFleet({ tenancy: OFF, tenants: [{ name: 'alice', namespace: 'a' }, { name: 'alice', namespace: 'b' }] });
    expect(fleet.tenants()).toEqual(['alice', 'alice']);
    expect(() => fleet.synthTenant('alice')).toThrow(/"alice" is used in namespaces a, b: say "<namespace>\/alice"/);
    expect(findObject(fleet.synthTenant('b/alice'), 'StatefulSet').metadata.namespace).toBe('b');
    expect(() => fleet.synthTenant('c/alice')).toThrow(/No tenant "c\/alice"/);
  });

  test('invalid names: not a DNS label, too long, missing', () => {
    const long = `a${'b'.repeat(53)}`;
    const e = fleetError(() => new OpenClawFleet({
    tenancy: OFF,
      tenants: [{ name: 'Bad_Name' }, { name: long }, { name: '' }, { name: 'ok' }, { name: '-dash' }],
    }));
    expect(e.problems.map((p) => [p.tenant, p.propsPath])).toEqual([
      ['Bad_Name', 'name'], [long, 'name'], ['tenants[2]', 'name'], ['-dash', 'name'],
    ]);
    expect(e.message).toContain('Bad_Name: name: the tenant name must be a DNS label');
    expect(e.message).toContain(`${long}: name: the tenant name must be at most 53 characters`);
    expect(e.message).toContain('Invalid OpenClaw fleet (4 problems in 4 tenants)');
  });

  test('all problems of all tenants at once, each prefixed with the tenant', () => {
    const e = fleetError(() => new OpenClawFleet({
    tenancy: OFF,
      tenants: [
        { name: 'alice', props: { service: { port: 0 } } },
        { name: 'bob' },
        { name: 'carol', props: { replicaCount: -1, image: { pullPolicy: 'Sometimes' as any } } },
        { name: 'alice' },
        { name: 'dave', props: { releaseName: 'someone-else' } },
      ],
    }));
    expect(e.problems.map((p) => p.path)).toEqual([
      'alice: service.port', 'carol: image.pullPolicy', 'carol: replicaCount', 'alice: name', 'dave: releaseName',
    ]);
    expect(e.problems[0]).toMatchObject({ tenant: 'alice', index: 0, propsPath: 'service.port', value: 0 });
    expect(e.message).toContain('alice: service.port: must be an integer from 1 to 65535 (got 0)');
    expect(e.message).toContain('carol: replicaCount: must be an integer of at least 0 (0 pauses the release and keeps its claims) (got -1)');
    expect(e.message).toContain('dave: releaseName: must not be set: the tenant name is the release name');
  });

  test('a problem shared by many tenants (from the defaults) is listed once with the tenants', () => {
    const e = fleetError(() => new OpenClawFleet({
    tenancy: OFF,
      defaults: { service: { port: 70000 } },
      tenants: sampleTenants(8).map((t) => ({ name: t.name })),
    }));
    expect(e.problems).toHaveLength(8);
    expect(e.message).toContain('8 tenants (user-000, user-001, user-002, user-003, user-004 and 3 more): service.port: must be an integer from 1 to 65535 (got 70000)');
    expect(e.message.split('\n')).toHaveLength(2);
  });

  test('releaseName in the defaults, and a namespace set twice', () => {
    const e = fleetError(() => new OpenClawFleet({
    tenancy: OFF,
      defaults: { releaseName: 'everyone' },
      tenants: [{ name: 'alice', namespace: 'a', props: { namespace: 'b' } }],
    }));
    expect(e.problems.map((p) => p.path)).toEqual(['defaults.releaseName', 'alice: namespace']);
    expect(e.message).toContain('alice: namespace: conflicts with the tenant\'s namespace "a"');
  });

  test('two tenants whose objects would have the same names', () => {
    // `alice` renders alice-openclaw; a release that already contains "openclaw" is used as is.
    const e = fleetError(() => new OpenClawFleet({ tenancy: OFF, tenants: [{ name: 'alice' }, { name: 'alice-openclaw' }] }));
    expect(e.message).toContain('alice-openclaw: name: its StatefulSet "alice-openclaw" in namespace "default" is also rendered by tenant "alice" (tenants[0])');
    // Different namespaces: no clash.
    expect(() => new OpenClawFleet({ tenancy: OFF, tenants: [{ name: 'alice' }, { name: 'alice-openclaw', namespace: 'other' }] })).not.toThrow();
  });

  test('an empty fleet is valid', () => {
    const fleet = new OpenClawFleet({ tenancy: OFF, tenants: [] });
    expect(fleet.tenants()).toEqual([]);
    expect([...fleet.synthObjects()]).toEqual([]);
  });
});

describe('writeTo', () => {
  test('one file per tenant, the same bytes as cdk8s App.synth() writes', () => {
    const tenants = sampleTenants(6);
    const dir = tmpdir();
    const result = new OpenClawFleet({ tenancy: OFF, defaults: DEFAULTS, tenants }).writeTo(path.join(dir, 'fleet'));

    // The naive way: every chart in one App, `cdk8s synth` layout (one file per chart).
    const app = new App({ outdir: path.join(dir, 'plain') });
    for (const t of tenants) {
      new OpenClawChart(app, t.name, { ...deepMerge(DEFAULTS, t.props ?? {}), ...(t.namespace ? { namespace: t.namespace } : {}) });
    }
    app.synth();

    expect(fs.readdirSync(path.join(dir, 'fleet')).sort()).toEqual(['.openclaw-fleet.json', ...tenants.map((t) => `${t.name}.k8s.yaml`)]);
    expect(fs.readdirSync(path.join(dir, 'plain')).sort()).toEqual(tenants.map((t) => `${t.name}.k8s.yaml`));
    for (const t of tenants) {
      const file = `${t.name}.k8s.yaml`;
      expect(fs.readFileSync(path.join(dir, 'fleet', file), 'utf8')).toBe(fs.readFileSync(path.join(dir, 'plain', file), 'utf8'));
    }
    expect(result.files).toHaveLength(6);
    expect(result.files[1]).toMatchObject({ tenant: 'user-001', namespace: 'team-1', path: path.join(dir, 'fleet', 'user-001.k8s.yaml') });
    expect(result.files[1].bytes).toBe(fs.statSync(result.files[1].path).size);
    expect(result.objects).toBe(result.files.reduce((n, f) => n + f.objects, 0));
    expect(result.bytes).toBe(result.files.reduce((n, f) => n + f.bytes, 0));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('the same name in two namespaces needs the by-namespace layout', () => {
    const fleet = new OpenClawFleet({ tenancy: OFF, tenants: [{ name: 'alice', namespace: 'a' }, { name: 'alice', namespace: 'b' }, { name: 'bob', namespace: 'a' }] });
    const dir = tmpdir();
    expect(() => fleet.writeTo(dir)).toThrow(/Cannot write one file per tenant name: "alice" \(namespaces a, b\)\. Use layout FleetLayout.BY_NAMESPACE/);
    expect(fs.readdirSync(dir)).toEqual([]);
    const result = fleet.writeTo(dir, { layout: FleetLayout.BY_NAMESPACE });
    expect(result.files.map((f) => path.relative(dir, f.path))).toEqual([path.join('a', 'alice.k8s.yaml'), path.join('b', 'alice.k8s.yaml'), path.join('a', 'bob.k8s.yaml')]);
    expect(fs.readFileSync(path.join(dir, 'b', 'alice.k8s.yaml'), 'utf8')).toBe(fleet.synthYaml('b/alice'));
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('writeTo on worker threads', () => {
  /** Every file of a directory tree, relative path -> bytes. */
  function readTree(dir: string): Map<string, Buffer> {
    const out = new Map<string, Buffer>();
    for (const f of fs.readdirSync(dir, { recursive: true }) as string[]) {
      const file = path.join(dir, f);
      if (fs.statSync(file).isFile()) out.set(f, fs.readFileSync(file));
    }
    return out;
  }

  /** What one tenant's file must hold: renderObjects and the manifest emitter, nothing of the fleet. */
  function expectedYaml(t: FleetTenant, defaults: OpenClawChartProps = {}): string {
    const merged = deepMerge(defaults, t.props ?? {});
    return toManifestYaml(renderObjects({ ...merged, releaseName: t.name, namespace: t.namespace ?? merged.namespace ?? 'default' }, t.name));
  }

  test('the same files and result as in one thread, in tenant order, each equal to renderObjects + toManifestYaml', () => {
    // 250 tenants: three chunks, so the two workers' replies interleave.
    const tenants = sampleTenants(250);
    const fleet = new OpenClawFleet({ tenancy: OFF, defaults: DEFAULTS, tenants });
    const dir = tmpdir();
    const threaded = fleet.writeTo(path.join(dir, 'workers'), { workers: 2 });
    const inline = fleet.writeTo(path.join(dir, 'inline'), { workers: 0 });
    expect(threaded.files.map((f) => f.tenant)).toEqual(tenants.map((t) => t.name));
    expect(threaded.files.map((f) => ({ ...f, path: path.basename(f.path) })))
      .toEqual(inline.files.map((f) => ({ ...f, path: path.basename(f.path) })));
    expect([threaded.objects, threaded.bytes]).toEqual([inline.objects, inline.bytes]);
    const a = readTree(path.join(dir, 'workers'));
    const b = readTree(path.join(dir, 'inline'));
    expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
    tenants.forEach((t) => {
      const file = `${t.name}.k8s.yaml`;
      expect(a.get(file)!.equals(b.get(file)!)).toBe(true);
      expect(a.get(file)!.toString('utf8')).toBe(expectedYaml(t, DEFAULTS));
    });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('random props, by namespace: every file equals renderObjects + toManifestYaml and `cdk8s synth` of the chart alone', () => {
    const cases = fc.sample(validCase, { numRuns: 120, seed: Number(process.env.FC_SEED ?? 20261201) });
    const tenants = cases.map((c, i): FleetTenant => {
      const { releaseName, namespace: _ns, ...props } = c.props;
      return { name: releaseName ?? c.release, namespace: `${c.namespace.slice(0, 50)}-t${i}`, props };
    });
    const fleet = new OpenClawFleet({ tenancy: OFF, tenants });
    const dir = tmpdir();
    const result = fleet.writeTo(dir, { layout: FleetLayout.BY_NAMESPACE, workers: 2 });
    expect(result.files).toHaveLength(tenants.length);
    tenants.forEach((t, i) => {
      expect(result.files[i].path).toBe(path.join(dir, t.namespace!, `${t.name}.k8s.yaml`));
      const written = fs.readFileSync(result.files[i].path, 'utf8');
      expect(written).toBe(expectedYaml(t));
      expect(written).toBe(Yaml.stringify(...chartAlone(t.name, { ...t.props, releaseName: t.name, namespace: t.namespace })));
    });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('checking on worker threads finds the same problems, in the same order, as in one thread', () => {
    const tenants: FleetTenant[] = [
      ...sampleTenants(130),
      { name: 'user-004' }, { name: 'Bad_Name' }, { name: 'user-004-openclaw', namespace: 'openclaw' },
      { name: 'zed', props: { service: { port: 0 }, releaseName: 'x' } }, { name: 'amy', namespace: 'a', props: { namespace: 'b' } },
    ];
    const [inline, threaded] = [0, 2].map((workers) => fleetError(() => new OpenClawFleet({ tenancy: OFF, defaults: DEFAULTS, tenants, workers })));
    expect(threaded.problems).toEqual(inline.problems);
    expect(threaded.message).toBe(inline.message);
    expect(inline.problems.map((p) => p.path)).toEqual([
      'user-004: name', 'Bad_Name: name', 'user-004-openclaw: name', 'zed: releaseName', 'zed: service.port', 'amy: namespace',
    ]);
  });

  test('a file that cannot be written stops the run with the same error as in one thread', () => {
    const fleet = new OpenClawFleet({ tenancy: OFF, tenants: sampleTenants(150).map((t) => ({ name: t.name })) });
    const messages = [0, 2].map((workers) => {
      const dir = tmpdir();
      fs.mkdirSync(path.join(dir, 'user-120.k8s.yaml')); // a directory where the file should go
      try {
        fleet.writeTo(dir, { workers });
        return 'no error';
      } catch (e) {
        return (e as Error).message;
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
    expect(messages[0]).toMatch(/^cannot write .*user-120\.k8s\.yaml: it is a directory$/);
    expect(messages[1]).toBe(messages[0].replace(/^cannot write .* it/, messages[1].match(/^cannot write .* it/)?.[0] ?? ''));
  });
});

describe('toManifestYaml writes what cdk8s Yaml.stringify writes', () => {
  /** cdk8s's bytes with the one intended difference: a map key `<<` is quoted (plain, it is a merge key to Go's reader). */
  const cdk8sBytes = (...docs: unknown[]) => Yaml.stringify(...docs).replace(/^(\s*(?:- )*)<<:/gm, '$1"<<":');
  const tricky = [
    '', ' ', 'plain', 'true', 'True', 'yes', 'no', 'on', 'off', 'y', 'n', '~', 'null', 'Null', '1', '018789', '0x1f', '0o17', '1_000',
    '1e5', 'e5', '.inf', '-.Inf', '.nan', '1:20', '2026-01-02', '2026-01-02T03:04:05Z', '2026.9.6', '3.14', '-', '?', ':', '- a',
    '? a', 'a: b', 'a:b', 'a #b', '#a', '&a', '*a', '!a', '|', '>', '%a', '@a', '`a', '"a"', "'a'", "it's", 'say "hi"', `both ' and "`,
    '---', '--- a', '...', 'a\n---\nb', '<<', '=', '[a]', '{a}', 'a, b', 'trailing ', ' leading', 'tab\tin', 'é', '🦀', 'e\u0301',
    'line\nbreak', 'line\nbreak\n', 'keep\n\n\n', '\nleading newline', '  indented\nblock', 'trailing space \nline', 'x\n  \n',
    'x\n \t', 'control\u0001char', 'del\u007f', 'nel\u0085', 'nbsp\u00a0', 'ls\u2028', 'cr\rlf', 'a'.repeat(200),
    `${'long line '.repeat(20)}\n${'second '.repeat(20)}`, '{\n  "json": [1, 2]\n}\n', '#!/bin/sh\nset -eu\nexec "$@"\n',
  ];

  test.each(tricky.map((s) => [JSON.stringify(s), s]))('string %s as value, key, list item, nested', (_, s) => {
    const docs = [
      { v: s }, { [s || 'empty']: 'k' }, { list: [s, [s], { [s]: s }] }, { a: { b: { c: s, [s]: [s] } } },
      { [s]: { x: s } },
    ];
    for (const doc of docs) expect(toManifestYaml([doc])).toBe(cdk8sBytes(doc));
  });

  test('numbers, booleans, empty collections, nesting, many documents', () => {
    const docs = [
      { int: 1, neg: -3, zero: 0, negzero: -0, big: 1e21, float: 1.5, small: 1e-7, nan: NaN, inf: -Infinity, max: Number.MAX_SAFE_INTEGER + 2 },
      { t: true, f: false, e: {}, l: [], nested: [[], {}, [[1]], [{ a: [] }]], deep: { a: { b: { c: { d: [1, { e: 'f' }] } } } } },
      { '0': 'numeric key first', b: 1, '10': 'x' },
    ];
    expect(toManifestYaml(docs)).toBe(Yaml.stringify(...docs));
    expect(toManifestYaml([])).toBe(Yaml.stringify());
  });

  test('outside plain JSON: the library path gives the same bytes', () => {
    const shared = { same: 'object' };
    const docs: unknown[] = [
      { list: [null, undefined, 1] }, { a: shared, b: shared }, { e: {}, f: {} }, { date: new Date(0) },
      { ['k'.repeat(1100)]: 1 }, ['top', 'level', 'list'], 'scalar', undefined, {}, { n: null }, { u: undefined },
    ];
    for (const doc of docs) expect(toManifestYaml([doc])).toBe(Yaml.stringify(doc));
    expect(toManifestYaml(docs)).toBe(Yaml.stringify(...docs));
  });

  test('random JSON', () => {
    const key = fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom(...tricky));
    const leaf = fc.oneof(fc.string({ unit: 'binary', maxLength: 30 }), fc.constantFrom(...tricky), fc.integer(), fc.double(), fc.boolean());
    const { value } = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('list'), tie('map')),
      list: fc.array(tie('value'), { maxLength: 4 }),
      map: fc.dictionary(key, tie('value'), { maxKeys: 5 }),
    }));
    fc.assert(fc.property(fc.array(fc.dictionary(key, value, { maxKeys: 6 }), { maxLength: 3 }), (docs) => {
      expect(toManifestYaml(docs)).toBe(cdk8sBytes(...docs));
    }), { numRuns: Number(process.env.FC_YAML_RUNS ?? 300), ...seed });
  });
});
