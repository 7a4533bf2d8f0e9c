/**
 * The values reader as a long-running service would use it (loadValuesFiles, valuesToProps):
 * hostile input gives the exact problem and never touches Object.prototype; what is fine (UTF-8
 * text, a BOM, aliases within the bound, a 40,000-key map) still loads.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { OpenClawConfigError, formatProblem } from '../../src/core/errors';
import { loadValuesFiles, valuesToProps } from '../../src';
import { firstInvalidUtf8 } from '../../src/core/read-file';
import { renderObjects } from '../../src/build/render-objects';
import { HOSTILE_CASES, aliasBomb, manyKeys, materialize } from './hostile-values';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openclaw-reader-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
let n = 0;
const file = (content: string | Buffer) => {
  const f = path.join(dir, `v${n++}.yaml`);
  fs.writeFileSync(f, content);
  return f;
};

function problemLines(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof OpenClawConfigError) return e.problems.map(formatProblem);
    throw e;
  }
  throw new Error('expected an OpenClawConfigError');
}

/** Everything a polluted prototype would show. */
function prototypeIsClean(): void {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(CLEAN_PROTOTYPE);
  expect(({} as any).enabled).toBeUndefined();
  expect(({} as any).nodeSelector).toBeUndefined();
}
const CLEAN_PROTOTYPE = Object.getOwnPropertyNames(Object.prototype).sort();

describe('every hostile file and --set, in process: the exact problem, and Object.prototype untouched', () => {
  const inProcess = HOSTILE_CASES.map((c, i) => [c.name, c, i] as const).filter(([, c]) => c.stdin === undefined);

  test.each(inProcess)('%s', (_name, c, i) => {
    const { args, file: f } = materialize(c, dir, 1000 + i);
    const files = args.filter((_, k) => args[k - 1] === '-f');
    const sets = args.filter((_, k) => args[k - 1] === '--set');
    const stringSets = args.filter((_, k) => args[k - 1] === '--set-string');
    expect(problemLines(() => loadValuesFiles(files, sets, stringSets))).toEqual([c.problem.replace(/^FILE/, f)]);
    prototypeIsClean();
  });
});

describe('no key reaches a prototype', () => {
  test('valuesToProps refuses an own "__proto__" key (as JSON.parse makes), at any depth, naming the path', () => {
    const values = JSON.parse('{"podDisruptionBudget": {"__proto__": {"enabled": true}}}');
    expect(problemLines(() => valuesToProps(values))).toEqual([
      'podDisruptionBudget.__proto__: the key "__proto__" is refused: __proto__, constructor, prototype are never values keys (they would reach JavaScript\'s object prototypes)',
    ]);
    expect(problemLines(() => valuesToProps(JSON.parse('{"extraVolumes": [{"name": "a", "constructor": {}}]}')))).toEqual([
      'extraVolumes[0].constructor: the key "constructor" is refused: __proto__, constructor, prototype are never values keys (they would reach JavaScript\'s object prototypes)',
    ]);
    prototypeIsClean();
  });

  test('a key named like an Object.prototype method is an ordinary key, not a function', () => {
    const values = loadValuesFiles([file('toString: x\nhasOwnProperty: 1\n')]);
    expect(values).toEqual({ toString: 'x', hasOwnProperty: 1 });
    expect(typeof values.toString).toBe('string');
  });

  test('toString: and valueOf: as keys give the usual unknown-key problem (the value by shape)', () => {
    const values = loadValuesFiles([file('toString: x\nservice:\n  valueOf: 1\n')]);
    expect(problemLines(() => valuesToProps(values))).toEqual([
      'toString: is not a known key (see `openclaw-cdk8s schema` for every key) (got <string, 1 character>)',
      'service.valueOf: is not a known key (known keys here: type, port, targetPort, annotations) (got <number>)',
    ]);
  });

  test('the PodDisruptionBudget of `--set __proto__.enabled=true` does not appear when the argument is refused, nor later', () => {
    expect(() => loadValuesFiles([], ['__proto__.enabled=true'])).toThrow(OpenClawConfigError);
    const objects = renderObjects(valuesToProps(loadValuesFiles([], ['replicaCount=1'])), 'openclaw');
    expect(objects.map((o) => o.kind)).not.toContain('PodDisruptionBudget');
    prototypeIsClean();
  });
});

describe('what is fine still loads', () => {
  test('UTF-8 text, with or without a byte order mark', () => {
    expect(loadValuesFiles([file('podAnnotations:\n  note: "café ☕ 𝄞"\n')])).toEqual({ podAnnotations: { note: 'café ☕ 𝄞' } });
    expect(loadValuesFiles([file(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('replicaCount: 2\n')]))])).toEqual({ replicaCount: 2 });
  });

  test('aliases within the bound expand as before', () => {
    expect(loadValuesFiles([file('a: &a [x, y]\nextraArgs: *a\n')]).extraArgs).toEqual(['x', 'y']);
    // 6 levels of 6: 46,656 values, under the 200,000 bound (and an unknown key, so valuesToProps would refuse it).
    const values = loadValuesFiles([file(aliasBomb(6, 6, 300))]);
    expect(JSON.stringify(values).length).toBeGreaterThan(46_656 * 5);
  });

  test('40,000 distinct keys load (linear duplicate check)', () => {
    const values = loadValuesFiles([file(manyKeys(40_000, false))]) as any;
    expect(Object.keys(values.configMap.data).length).toBe(40_000);
  });
});

describe('firstInvalidUtf8: RFC 3629, the offset of the first bad sequence', () => {
  test.each([
    ['ASCII', [0x61, 0x62], undefined],
    ['two, three and four byte forms', [...Buffer.from('é☕𝄞')], undefined],
    ['a lone continuation byte', [0x61, 0x80], 1],
    ['a truncated sequence at the end', [0x61, 0xe2, 0x98], 1],
    ['an overlong "/" (C0 AF)', [0xc0, 0xaf], 0],
    ['an overlong three-byte form (E0 80 AF)', [0xe0, 0x80, 0xaf], 0],
    ['a UTF-16 surrogate (ED A0 80)', [0x61, 0xed, 0xa0, 0x80], 1],
    ['past U+10FFFF (F4 90 80 80)', [0xf4, 0x90, 0x80, 0x80], 0],
    ['a UTF-16 byte order mark', [0xff, 0xfe, 0x61, 0x00], 0],
  ])('%s', (_name, bytes, expected) => {
    expect(firstInvalidUtf8(Uint8Array.from(bytes as number[]))).toBe(expected);
  });
});

test('props with an own "__proto__" key (as JSON.parse makes them) are refused, not silently dropped', () => {
  const props = JSON.parse('{"configMap": {"data": {"__proto__": "x", "ok.json": "{}"}}}');
  expect(() => renderObjects(props, 'openclaw')).toThrow('configMap.data.__proto__: the key "__proto__" is refused: __proto__, constructor, prototype are never props keys (they would reach JavaScript\'s object prototypes)');
});
