/**
 * One snapshot at the boundary (src/props/snapshot.ts): chart props, values, fleet defaults and each
 * tenant are read once into plain data, and what renders is what the checks saw. Every way a
 * JavaScript object can answer differently on a second read is either refused, naming its path,
 * or read exactly once.
 */
import { Testing } from 'cdk8s';
import { OpenClawChart, OpenClawFleet, OpenClawFleetError, valuesToProps } from '../../src';
import { renderObjects } from '../../src/build/render-objects';
import { TenancyMode } from '../../src';
import { problemLines } from '../helpers/synth';

/** These tests are about the fleet as a bulk renderer: tenancy (test/fleet/tenancy.test.ts) is off. */
const OFF = { mode: TenancyMode.OFF };

const PROTO = 'is refused: __proto__, constructor, prototype are never props keys (they would reach JavaScript\'s object prototypes)';
const GETTER = 'is a getter or setter: props are read once, as plain data; give the value itself';

const podSpec = (objects: any[]) => objects.find((o) => o.kind === 'StatefulSet').spec.template.spec;
const quiet = () => jest.spyOn(process.stderr, 'write').mockImplementation(() => true);

/** A getter that answers something safe to the first read and `true` to every later one. */
function turningGetter(key: string): Record<string, unknown> {
  let reads = 0;
  return Object.defineProperty({}, key, { enumerable: true, get: () => (reads++ === 0 ? undefined : true) });
}

describe('accessors are refused, naming the path, on every way in', () => {
  test('chart props, renderObjects, Testing.synth', () => {
    const props = turningGetter('hostPID');
    expect(problemLines(() => renderObjects(props as any, 'openclaw'))).toEqual([`hostPID: ${GETTER}`]);
    expect(problemLines(() => new OpenClawChart(Testing.app(), 'openclaw', props as any))).toEqual([`hostPID: ${GETTER}`]);
  });

  test('a getter deep inside, and a setter, each with its path', () => {
    const props = { securityContext: turningGetter('privileged'), extraVolumes: [Object.defineProperty({ name: 'v' }, 'hostPath', { enumerable: true, set: () => undefined })] };
    expect(problemLines(() => renderObjects(props as any, 'openclaw'))).toEqual([
      `securityContext.privileged: ${GETTER}`,
      `extraVolumes[0].hostPath: ${GETTER}`,
    ]);
  });

  test('a getter on a list item', () => {
    const volumes: unknown[] = [];
    Object.defineProperty(volumes, 0, { enumerable: true, get: () => ({ name: 'host', hostPath: { path: '/' } }) });
    Object.defineProperty(volumes, 'length', { value: 1 });
    expect(problemLines(() => renderObjects({ extraVolumes: volumes } as any, 'openclaw'))).toEqual([`extraVolumes[0]: ${GETTER}`]);
  });

  test('values (valuesToProps) say "values"', () => {
    expect(problemLines(() => valuesToProps(turningGetter('hostNetwork')))).toEqual([
      'hostNetwork: is a getter or setter: values are read once, as plain data; give the value itself',
    ]);
  });

  test('fleet defaults and tenants', () => {
    const error = (() => {
      try {
        return new OpenClawFleet({ tenancy: OFF, defaults: turningGetter('hostPID') as any, tenants: [{ name: 'alice', props: turningGetter('hostNetwork') as any }, Object.defineProperty({ name: 'bob' }, 'props', { enumerable: true, get: () => ({}) }) as any] });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(OpenClawFleetError);
    expect((error as OpenClawFleetError).problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      `defaults.hostPID: ${GETTER}`,
      `alice: hostNetwork: ${GETTER}`,
      `bob: props: ${GETTER}`,
    ]);
  });
});

describe('Proxies are read once, through their property descriptors: what renders is what was checked', () => {
  test('a get trap that turns hostPID on after the first read is never asked', () => {
    const gets: string[] = [];
    const props = new Proxy({ hostPID: false, podLabels: { team: 'a' } }, {
      get(target, key, receiver) {
        gets.push(String(key));
        return key === 'hostPID' && gets.length > 1 ? true : Reflect.get(target, key, receiver);
      },
    });
    quiet();
    for (let i = 0; i < 3; i++) expect(podSpec(renderObjects(props as any, 'openclaw')).hostPID).toBeUndefined();
    expect(gets).toEqual([]);
  });

  test('a descriptor trap that answers differently each time is read once per key', () => {
    let reads = 0;
    const props = new Proxy({ hostNetwork: false } as Record<string, unknown>, {
      getOwnPropertyDescriptor(target, key) {
        const d = Reflect.getOwnPropertyDescriptor(target, key);
        if (key !== 'hostNetwork' || !d) return d;
        reads++;
        return { ...d, value: reads > 1 };
      },
    });
    const objects = Testing.synth(new OpenClawChart(Testing.app(), 'openclaw', props as any));
    expect(reads).toBe(1);
    expect(podSpec(objects).hostNetwork).toBeUndefined();
  });

  test('a revoked Proxy is refused, naming the path', () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    expect(problemLines(() => renderObjects({ podSecurityContext: proxy } as any, 'openclaw'))).toEqual([
      'podSecurityContext: cannot be read: Cannot perform \'IsArray\' on a proxy that has been revoked',
    ]);
  });
});

describe('prototype keys are refused wherever they come from, naming the path', () => {
  test('chart props: __proto__ (as JSON.parse makes it), constructor, prototype', () => {
    const props = JSON.parse('{"__proto__": {"hostNetwork": true}, "securityContext": {"constructor": {"privileged": true}}, "podLabels": {"prototype": "x"}}');
    expect(problemLines(() => renderObjects(props, 'openclaw'))).toEqual([
      `__proto__: the key "__proto__" ${PROTO}`,
      `securityContext.constructor: the key "constructor" ${PROTO}`,
      `podLabels.prototype: the key "prototype" ${PROTO}`,
    ]);
  });

  test('the fleet merge: a tenant\'s own __proto__ never becomes the prototype of its merged props', () => {
    const attacks = [
      '{"__proto__": {"hostNetwork": true, "hostPID": true}}',
      '{"securityContext": {"__proto__": {"privileged": true}}}',
      '{"rbac": {"create": true, "rules": [{"__proto__": {"verbs": ["*"]}, "apiGroups": [""], "resources": ["pods"], "verbs": ["get"]}]}}',
    ];
    const tenants = attacks.map((json, i) => ({ name: `t${i}`, props: JSON.parse(json) }));
    const defaults = JSON.parse('{"securityContext": {"runAsUser": 1000}, "podSecurityContext": {"__proto__": {"runAsUser": 0}}}');
    let error: unknown;
    try {
      new OpenClawFleet({ tenancy: OFF, defaults, tenants, strict: true, workers: 0 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OpenClawFleetError);
    expect((error as OpenClawFleetError).problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      `defaults.podSecurityContext.__proto__: the key "__proto__" ${PROTO}`,
      `t0: __proto__: the key "__proto__" ${PROTO}`,
      `t1: securityContext.__proto__: the key "__proto__" ${PROTO}`,
      `t2: rbac.rules[0].__proto__: the key "__proto__" ${PROTO}`,
    ]);
  });

  test('values from JSON.parse say "values"', () => {
    expect(problemLines(() => valuesToProps(JSON.parse('{"extraVolumes": [{"name": "a", "__proto__": {"hostPath": {"path": "/"}}}]}')))).toEqual([
      'extraVolumes[0].__proto__: the key "__proto__" is refused: __proto__, constructor, prototype are never values keys (they would reach JavaScript\'s object prototypes)',
    ]);
  });
});

describe('only plain data', () => {
  test('class instances, functions and cycles are refused, naming the path', () => {
    const cycle: Record<string, unknown> = { name: 'v' };
    cycle.emptyDir = cycle;
    expect(problemLines(() => renderObjects({ podLabels: new Map([['a', 'b']]), nodeSelector: { zone: () => 'a' }, extraVolumes: [cycle] } as any, 'openclaw'))).toEqual([
      'podLabels: must be plain data (a map, list, string, number or boolean), not a Map',
      'nodeSelector.zone: must be plain data (a map, list, string, number or boolean), not a function',
      'extraVolumes[0].emptyDir: refers back to a map or list that contains it (a cycle): props must be a tree of plain data',
    ]);
  });

  test('maps without a prototype, non-enumerable and symbol keys: read as the plain data they hold', () => {
    const labels = Object.assign(Object.create(null), { team: 'a' });
    Object.defineProperty(labels, 'hidden', { value: 'x', enumerable: false });
    labels[Symbol('s')] = 'y';
    quiet();
    expect(renderObjects({ podLabels: labels }, 'openclaw')).toEqual(renderObjects({ podLabels: { team: 'a' } }, 'openclaw'));
  });
});
