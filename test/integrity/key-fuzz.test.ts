/**
 * YAML indicators, document markers and spaces at the ends, as map keys and values: the writer's
 * output is read by kubectl (the Go reader of Helm and Argo CD) as exactly the objects written,
 * and a chart render holding them where free text is legal is read back as exactly what was
 * validated. Each group is one kubectl call.
 */
import { Testing } from 'cdk8s';
import { OpenClawChart } from '../../src';
import { renderObjects } from '../../src/build/render-objects';
import { toManifestYaml } from '../../src/output/manifest-yaml';
import { validateManifests } from '../../src';
import { valuesToProps } from '../../src';
import { expectKubectlReadsBack, kubectlRead } from './kubectl-read-back';

const INDICATORS = ['<<', '=', '?', '!', '&', '*', '|', '>', '%', '@', '`', '-', ':', '#', ',', '[', ']', '{', '}', '"', '\'', '~'];
const MARKERS = ['---', '...', '--- x', '... x', '---x', '...x'];
/** Each indicator alone, leading, trailing and with a space after it; the markers; spaces at the ends. */
const FUZZ: readonly string[] = [
  ...INDICATORS.flatMap((c) => [c, `${c}x`, `x${c}`, `${c} x`, `${c}${c}`]),
  ...MARKERS, ' ', ' lead', 'trail ', ' both ', '  ', 'a: b', 'a #b', '<<<', '<< x', ' <<', '<< ',
];

test('the fuzz set has every indicator the issue names', () => {
  for (const s of ['<<', '=', '?', '!', '&', '*', '|', '>', '%', '@', '`', ' lead', 'trail ', '---', '...']) expect(FUZZ).toContain(s);
});

describe('the writer: any key and value, at the top and nested, on the fast and the general path', () => {
  const objects = (general: boolean) => FUZZ.map((s, i) => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: `fuzz-${i}`, annotations: { value: s } },
    data: { [s]: s, [`k${i}`]: s },
    nested: { [s]: { [s]: [s, { [s]: s }] } },
    // At column 0, `---` and `...` would end the document.
    [s]: s,
    ...(general ? { list: [null] } : {}), // a null list item takes the yaml library's document
  }));

  test.each([['fast', false], ['general', true]] as const)('%s path', (_path, general) => {
    const written = objects(general);
    const yaml = toManifestYaml(written);
    if (general) expect(yaml).toContain('!!str "<<"');
    else expect(yaml).toContain('"<<":');
    expect(kubectlRead(yaml)).toEqual(written.map((o) => ({ ...o, metadata: { ...o.metadata, labels: {} } })));
  });
});

describe('a chart render with the fuzz set wherever free text is legal reads back as what was validated', () => {
  /** ConfigMap keys allow only `[-._a-zA-Z0-9]`: the markers and their neighbours that are legal there. */
  const DATA_KEYS = ['---', '-', '_', '-.-', '---.---', '.-'];
  const values = {
    podAnnotations: Object.fromEntries(FUZZ.map((s, i) => [`fuzz.example.com/a${i}`, s])),
    service: { annotations: Object.fromEntries(FUZZ.map((s, i) => [`fuzz.example.com/s${i}`, s])) },
    env: Object.fromEntries(FUZZ.map((s, i) => [`FUZZ_${i}`, s])),
    extraEnv: FUZZ.map((value, i) => ({ name: `EXTRA_${i}`, value })),
    configMap: { enabled: true, data: { ...Object.fromEntries(DATA_KEYS.map((k, i) => [k, FUZZ[i]])), ...Object.fromEntries(FUZZ.map((s, i) => [`v${i}.txt`, s])) } },
    tolerations: FUZZ.map((value) => ({ key: 'dedicated', operator: 'Equal', value, effect: 'NoSchedule' })),
  };

  test('the CLI writer and cdk8s synth: kubectl reads exactly the validated objects', () => {
    const props = valuesToProps(values, { release: 'fuzz', namespace: 'fuzz' });
    jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const objects = renderObjects(props, 'fuzz');
    // What we validated: the strict schemas of both supported versions.
    expect(validateManifests(objects)).toEqual([]);
    const app = Testing.app();
    new OpenClawChart(app, 'fuzz', props);
    expect(expectKubectlReadsBack(`${toManifestYaml(objects)}---\n${app.synthYaml()}`, [...objects, ...objects])).toBe(2 * objects.length);
    const cm = objects.find((o) => o.kind === 'ConfigMap' && o.data?.['---'] !== undefined);
    expect(Object.keys(cm.data)).toEqual(expect.arrayContaining(DATA_KEYS));
  });
});
