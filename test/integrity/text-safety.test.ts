/**
 * Strings that cannot change meaning (src/core/text-safety.ts): why each refused class is refused,
 * shown with the real kubectl, and the exact errors on the cdk8s path, the CLI path and
 * `openclaw-cdk8s validate`.
 */
import * as path from 'path';
import * as fc from 'fast-check';
import { stringify } from 'yaml';
import { Testing, Yaml } from 'cdk8s';
import { OpenClawChart, OpenClawConfigError } from '../../src';
import { ProblemCollector } from '../../src/core/errors';
import { checkText, unsafeTextReason } from '../../src/core/text-safety';
import { cli, tempDir, writeFile } from '../cli/run-cli';
import { kubectlRead } from './kubectl-read-back';

const INJECTION = 'x\u2028      hostPID:\u2028        true';
const LINE_BREAK = 'contains U+2028 (line separator), which kubectl, Helm and every Go YAML reader take for a line break, so the manifest would mean something else than was validated: remove it or write it another way';

function statefulSet(tolerationValue: string): object {
  return {
    apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 's' },
    spec: {
      selector: { matchLabels: { a: 'b' } }, serviceName: 's',
      template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'i' }], tolerations: [{ key: 'k', operator: 'Equal', value: tolerationValue }] } },
    },
  };
}
const configMap = (value: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { v: value } });

describe('what kubectl does with what cdk8s writes (why the rule exists)', () => {
  test('U+2028 in a toleration value, written raw by cdk8s, becomes hostPID: true for kubectl', () => {
    const yaml = Yaml.stringify(statefulSet(INJECTION));
    expect(yaml).toContain(`value: ${INJECTION}\n`);
    const [read] = kubectlRead(yaml);
    expect(read.spec.template.spec.hostPID).toBe(true);
    expect(read.spec.template.spec.tolerations[0].value).toBe('x');
  });

  test.each([
    ['U+0085', 'a\u0085b: c', { read: 'a b: c' }],
    ['U+2029', 'a\u2029b', { error: "could not find expected ':'" }],
    ['U+007F', 'a\u007fb', { error: 'control characters are not allowed' }],
    ['U+0080', 'a\u0080b', { error: 'control characters are not allowed' }],
    ['U+009F', 'a\u009fb', { error: 'control characters are not allowed' }],
    ['U+FFFE', 'a\ufffeb', { error: 'control characters are not allowed' }],
    ['U+D800', 'a\ud800b', { error: 'found invalid Unicode character escape code' }],
    ['0o17', '0o17', { read: 15 }],
    ['0X1F', '0X1F', { read: 31 }],
    ['-_2', '-_2', { read: -2 }],
  ])('%s: kubectl reads something else or refuses the file', (_name, value, kubectl: { read?: unknown; error?: string }) => {
    const read = () => kubectlRead(Yaml.stringify(configMap(value)))[0].data.v;
    if (kubectl.error) expect(read).toThrow(kubectl.error);
    else expect(read()).toBe(kubectl.read);
  });

  test('an integer look-alike in an annotation: kubectl refuses the object', () => {
    const yaml = Yaml.stringify({ ...configMap('x'), metadata: { name: 'c', annotations: { v: '0o17' } } });
    expect(() => kubectlRead(yaml)).toThrow('cannot unmarshal number into Go struct field ObjectMeta.metadata.annotations of type string');
  });

  test('C0 controls, CR, tab, U+FEFF, bidi controls, 0x1f and 0b1 read back unchanged', () => {
    const values = ['\u0000\u0001\u001b\u001f', 'a\rb', 'a\tb', '\ufeffa', '\u202eevil\u202c\u2066x\u2069', '0x1f', '0b1'];
    expect(kubectlRead(values.map((v) => Yaml.stringify(configMap(v))).join('---\n')).map((o) => o.data.v)).toEqual(values);
  });
});

describe('the chart refuses them at synth time, naming the path and the code point only', () => {
  const dir = tempDir();
  const synth = (props: object) => Testing.synth(new OpenClawChart(Testing.app(), 'my-openclaw', props));

  test('the cdk8s path: the exact error', () => {
    expect(() => synth({ tolerations: [{ key: 'k', operator: 'Equal', value: INJECTION }] }))
      .toThrow(new OpenClawConfigError([{ path: 'tolerations[0].value', message: LINE_BREAK }]));
  });

  test('a secret value is never echoed; a key is shown escaped', () => {
    let error: OpenClawConfigError | undefined;
    try {
      synth({ secret: { enabled: true, data: { API: 'sk-ant-\u0085secret' } }, podAnnotations: { 'a\u2028b': 'v' }, env: { MODE: '0X1F' } });
    } catch (e) {
      error = e as OpenClawConfigError;
    }
    expect(error?.message).toContain([
      '  - secret.data.API: contains U+0085 (next line), which kubectl, Helm and every Go YAML reader take for a line break, so the manifest would mean something else than was validated: remove it or write it another way',
      '  - podAnnotations.a\\u2028b: the key contains U+2028 (line separator), which kubectl, Helm and every Go YAML reader take for a line break, so the manifest would mean something else than was validated: rename it',
      '  - env.MODE: is written unquoted by cdk8s but read as a number by kubectl, Helm and every Go YAML reader (which drop "_" and know Go\'s 0o, 0B and 0X prefixes): remove it or write it another way',
    ].join('\n'));
    expect(error?.message).not.toContain('sk-ant');
  });

  test('the CLI path: exit 1 and the same error', async () => {
    const file = writeFile(dir, 'values.yaml', `tolerations:\n  - key: k\n    operator: Equal\n    value: ${JSON.stringify(INJECTION)}\n`);
    const r = await cli('synth', '-f', file, '--quiet');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`Invalid OpenClaw configuration (1 problem):\n  - ${file}:4: tolerations[0].value: ${LINE_BREAK}\n`);
  });
});

describe('openclaw-cdk8s validate flags them in any manifest file', () => {
  const dir = tempDir();

  test('raw characters with file, line and code point; Go integer look-alikes; exit 1', async () => {
    const bad = writeFile(dir, 'bad.yaml', `${Yaml.stringify(statefulSet(INJECTION))}---\n${Yaml.stringify(configMap('0o17'))}`);
    const r = await cli('validate', bad);
    expect(r.code).toBe(1);
    const line = (n: number, cp: string, what: string) => `${bad}:${n}: raw ${cp} (${what}), which kubectl, Helm and every Go YAML reader take for a line break, so the manifest would mean something else than was validated`;
    expect(r.stderr).toBe([
      line(21, 'U+2028', 'line separator'), line(21, 'U+2028', 'line separator'),
      `${bad}:28: the unquoted 0o17 is a string here but a number to kubectl, Helm and every Go YAML reader: quote it`,
      '3 place(s) that kubectl and Helm would read differently from what is validated here', '',
    ].join('\n'));
  });

  test('a control character Go refuses', async () => {
    const bad = writeFile(dir, 'c1.yaml', Yaml.stringify(configMap('a\u0080b')));
    const r = await cli('validate', bad);
    expect(r.stderr).toContain(`${bad}:6: raw U+0080, a control character that kubectl, Helm and every Go YAML reader refuse ("control characters are not allowed")\n`);
    expect(r.code).toBe(1);
  });

  test('the same objects, written safely, are valid', async () => {
    const good = writeFile(dir, 'good.yaml', `${Yaml.stringify(statefulSet('x'))}---\n${Yaml.stringify(configMap('0x1f'))}`);
    const r = await cli('validate', good);
    expect(r.stderr).toBe(`valid for Kubernetes 1.28 and 1.36: ${path.join(dir, 'good.yaml')}\n`);
    expect(r.code).toBe(0);
  });
});

describe('the rule\'s shortcuts find what the full rule finds', () => {
  test('decimal digits are written quoted (an int to YAML 1.1), so they pass: the same answer as the library gives, without it', () => {
    fc.assert(fc.property(fc.tuple(fc.constantFrom('', '-', '+'), fc.stringMatching(/^[0-9]{1,30}$/)), ([sign, digits]) => {
      const s = sign + digits;
      expect(/^["']/.test(stringify(s, { version: '1.1', lineWidth: 0 }))).toBe(true);
      expect(unsafeTextReason(s)).toBeUndefined();
    }), { numRuns: 300 });
  });

  test('an unsafe string or key deep in a value is found, with its path, among values that hold none', () => {
    const p = new ProblemCollector();
    const clean = { a: ['x', { b: 'y', c: [1, true, null] }], d: '0x1f', e: '1' };
    checkText({ ...clean, deep: { list: [clean, { 'k\u2028': 'v' }, { ok: '0o17' }] } }, 'extraEnv', p);
    expect(p.problems.map((x) => x.path)).toEqual(['extraEnv.deep.list[1].k\\u2028', 'extraEnv.deep.list[2].ok']);
    const none = new ProblemCollector();
    checkText(clean, 'extraEnv', none);
    expect(none.problems).toEqual([]);
  });
});
