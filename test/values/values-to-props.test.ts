/** valuesToProps: Helm values in, validated OpenClawChartProps out (or every problem at once). */
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import * as YAML from 'yaml';
import { OpenClawChartProps, OpenClawConfigError, formatProblem, loadValuesFiles, valuesToProps } from '../../src';
import { namedPaths } from '../../src/schema/values-schema';
import { synthObjects } from '../helpers/synth';
import { REFERENCE_VALUES, SCENARIOS_DIR } from '../helpers/fixtures';

const SCENARIOS = SCENARIOS_DIR;

function problemsOf(values: unknown, opts = {}): string[] {
  try {
    valuesToProps(values, opts);
  } catch (e) {
    if (e instanceof OpenClawConfigError) return e.problems.map(formatProblem);
    throw e;
  }
  throw new Error('expected an OpenClawConfigError');
}

test.each(fs.readdirSync(SCENARIOS).filter((f) => f.endsWith('.yaml')))('scenario %s: the values are the props', (file) => {
  const values = YAML.parse(fs.readFileSync(path.join(SCENARIOS, file), 'utf8')) ?? {};
  const props = valuesToProps(loadValuesFiles([path.join(SCENARIOS, file)]), { release: 'my-openclaw', namespace: 'openclaw' });
  expect(props).toEqual({ ...values, releaseName: 'my-openclaw', namespace: 'openclaw' });
});

test('the props build the same chart as the same props written in TypeScript', () => {
  const values = { replicaCount: 2, ingress: { enabled: true, className: 'nginx', hosts: [{ host: 'openclaw.example.com' }] }, env: { LOG_LEVEL: 'debug' } };
  const props = valuesToProps(values, { release: 'my-openclaw', namespace: 'openclaw' });
  const direct: OpenClawChartProps = { replicaCount: 2, ingress: { enabled: true, className: 'nginx', hosts: [{ host: 'openclaw.example.com' }] }, env: { LOG_LEVEL: 'debug' } };
  expect(synthObjects(props)).toEqual(synthObjects(direct));
});

test('options: release and namespace become releaseName and namespace; their problems are named after the option', () => {
  expect(valuesToProps({}, { release: 'r', namespace: 'ns' })).toEqual({ releaseName: 'r', namespace: 'ns' });
  expect(valuesToProps({})).toEqual({});
  expect(problemsOf({}, { release: 'R!', namespace: 'Not A Namespace' })).toEqual([
    'opts.release: must be a DNS label: lower case letters, digits and "-", starting and ending with a letter or digit (got "R!")',
    'opts.namespace: must be a DNS label of at most 63 characters (got "Not A Namespace")',
  ]);
});

test('numbers and booleans where a string is wanted become strings', () => {
  expect(valuesToProps({ env: { PORT: 18789, MEMORY_ENABLED: true }, podAnnotations: { n: 1 }, command: ['node', 'x', '--port', 18789] })).toEqual({
    env: { PORT: '18789', MEMORY_ENABLED: 'true' }, podAnnotations: { n: '1' }, command: ['node', 'x', '--port', '18789'],
  });
});

test("Helm's global values are accepted and ignored", () => {
  expect(valuesToProps({ global: { imageRegistry: 'x' }, replicaCount: 1 })).toEqual({ replicaCount: 1 });
  expect(problemsOf({ global: 'x' })).toEqual(['global: must be a map (key: value) (got "x")']);
});

test('values that are not a map', () => {
  expect(problemsOf(['a'])).toEqual(['(values): must be a map of values (key: value), like the chart\'s values.yaml (got ["a"])']);
  expect(problemsOf(null)).toEqual(['(values): must be a map of values (key: value), like the chart\'s values.yaml (got null)']);
});

test("the Helm chart's reference values.yaml builds as it is (allowInsecureAuth is dropped with a warning at render)", () => {
  const props = valuesToProps(loadValuesFiles([REFERENCE_VALUES]), { release: 'my-openclaw' });
  expect(props.gateway?.controlUi?.allowInsecureAuth).toBe(true);
  expect(props.image).toEqual({ repository: 'ghcr.io/openclaw/openclaw', tag: 'latest', pullPolicy: 'IfNotPresent' });
  expect(props.livenessProbe?.tcpSocket).toEqual({ port: 18789 });
  expect(props.service).toEqual({ type: 'ClusterIP', port: 18789, targetPort: 18789, annotations: {} });
  expect(props.rbac).toEqual({ create: true, rules: [] });
  expect(synthObjects(props).map((o) => o.kind)).toContain('StatefulSet');
});

test('a value the schema refuses is reported once, not again by the chart\'s own checks', () => {
  expect(problemsOf({ service: { port: 70000 }, persistence: { size: '10GB' } })).toEqual([
    'service.port: must be a port number: an integer from 1 to 65535 (got 70000)',
    'persistence.size: must be a Kubernetes quantity such as 500m, 2, 1Gi or 10Gi (a number, then optionally one of m, k, M, G, T, P, E, Ki, Mi, Gi, Ti, Pi, Ei) (got "10GB")',
  ]);
});

test('list items of the wrong shape are reported at their index, and the other items are still checked', () => {
  expect(problemsOf({ ingress: { enabled: true, hosts: ['a.example.com', { host: 'B.example.com' }] } })).toEqual([
    'ingress.hosts[0]: must be a map (key: value) (got "a.example.com")',
    'ingress.hosts[1].host: must be a lower case DNS name without scheme, port or path (e.g. openclaw.example.com; "*." allowed in front) (got "B.example.com")',
  ]);
  expect(problemsOf({ extraVolumeMounts: [5, { name: 'nope', mountPath: '/x' }] })).toEqual([
    'extraVolumeMounts[0]: must be a map (key: value) (got 5)',
    expect.stringMatching(/^extraVolumeMounts\[1\]\.name: must name a volume of the pod/),
  ]);
});

describe('never anything but OpenClawConfigError, whatever the values', () => {
  // Values of any JSON shape at the chart's own key paths (and at unknown ones).
  const paths = namedPaths().map((p) => p.replace(/\[\]/g, '[0]'));
  const setPath = (target: any, p: string, value: unknown) => {
    const parts = p.split('.').flatMap((s) => s.split(/\[(\d+)\]/).filter(Boolean).map((x) => (/^\d+$/.test(x) ? Number(x) : x)));
    let node = target;
    parts.forEach((part, i) => {
      if (i === parts.length - 1) node[part] = value;
      else {
        if (node[part] === null || typeof node[part] !== 'object') node[part] = typeof parts[i + 1] === 'number' ? [] : {};
        node = node[part];
      }
    });
  };

  test('random values at random paths', () => {
    fc.assert(fc.property(
      fc.array(fc.tuple(fc.constantFrom(...paths, 'unknownKey', 'env.SOME_VAR'), fc.jsonValue({ maxDepth: 2 })), { maxLength: 6 }),
      (assignments) => {
        const values: any = {};
        for (const [p, v] of assignments) setPath(values, p, v);
        try {
          valuesToProps(values, { release: 'r' });
        } catch (e) {
          if (!(e instanceof OpenClawConfigError)) throw e;
          expect(e.problems.length).toBeGreaterThan(0);
        }
      },
    ), { numRuns: 400 });
  });
});
