/** `--set` / `--set-string` parse as Helm's strvals does, and are typed by the values schema. */
import { OpenClawConfigError } from '../../src/errors';
import { loadValuesFiles } from '../../src/values';
import { applySetArgument, parseSetArguments } from '../../src/values/set-values';
import { RawScalar, ValuesTree } from '../../src/values/tree';
import { plain } from '../../src/values/yaml-values';

/** Parsed, with numbers and booleans as plain values (no schema typing). */
const set = (...args: string[]) => plain(parseSetArguments(args));
const setString = (...args: string[]) => plain(parseSetArguments(args, true));
/** Parsed and typed by the schema, as the CLI does. */
const load = (sets: string[], stringSets: string[] = []) => loadValuesFiles([], sets, stringSets);

describe('Helm syntax', () => {
  test('dotted paths make nested maps', () => {
    expect(set('a.b.c=x')).toEqual({ a: { b: { c: 'x' } } });
    expect(set('a.b=1', 'a.c=2')).toEqual({ a: { b: 1, c: 2 } });
  });

  test('commas separate assignments', () => {
    expect(set('a=1,b.c=two,d=')).toEqual({ a: 1, b: { c: 'two' }, d: '' });
  });

  test('a backslash escapes dots in keys and commas in values', () => {
    expect(set('nodeSelector.kubernetes\\.io/os=linux')).toEqual({ nodeSelector: { 'kubernetes.io/os': 'linux' } });
    expect(set('podAnnotations.note=a\\,b,x=y')).toEqual({ podAnnotations: { note: 'a,b' }, x: 'y' });
    expect(set('a=b\\\\c')).toEqual({ a: 'b\\c' });
  });

  test('list indices: items, maps in items, nested lists, gaps filled with null', () => {
    expect(set('a[0]=x')).toEqual({ a: ['x'] });
    expect(set('a[2]=z')).toEqual({ a: [null, null, 'z'] });
    expect(set('ingress.hosts[0].host=a.example.com,ingress.hosts[0].paths[0].path=/')).toEqual({
      ingress: { hosts: [{ host: 'a.example.com', paths: [{ path: '/' }] }] },
    });
    expect(set('a[0][1]=x')).toEqual({ a: [[null, 'x']] });
  });

  test('{a,b} is a list, each item typed', () => {
    expect(set('command={node,dist/index.js,--port,8080}')).toEqual({ command: ['node', 'dist/index.js', '--port', 8080] });
    expect(set('a={x,true},b=1')).toEqual({ a: ['x', true], b: 1 });
    expect(set('a={x,}')).toEqual({ a: ['x', ''] });
  });

  test('{} is an empty list (Helm makes [""])', () => {
    expect(set('rbac.rules={}')).toEqual({ rbac: { rules: [] } });
  });

  test('types as Helm: booleans in any case, null, integers not starting with 0; the rest is text', () => {
    expect(set('a=true,b=FALSE,c=null,d=0,e=42,f=-7,g=010,h=1.5,i=1e3,j=9223372036854775808,k=0x10')).toEqual({
      a: true, b: false, c: null, d: 0, e: 42, f: -7, g: '010', h: '1.5', i: '1e3', j: '9223372036854775808', k: '0x10',
    });
  });

  test('numbers and booleans keep the text they were written as', () => {
    const tree = parseSetArguments(['a=TRUE,b=+5']);
    expect(tree.a).toEqual(new RawScalar(true, 'TRUE'));
    expect(tree.b).toEqual(new RawScalar(5, '+5'));
  });

  test('--set-string keeps every value a string', () => {
    expect(setString('a=true,b=42,c=null,d={1,2}')).toEqual({ a: 'true', b: '42', c: 'null', d: ['1', '2'] });
  });

  test('a later assignment replaces an earlier one; a path through a scalar replaces it', () => {
    expect(set('a=1', 'a=2')).toEqual({ a: 2 });
    expect(set('image=x', 'image.tag=y')).toEqual({ image: { tag: 'y' } });
  });

  test.each([
    ['replicaCount', 'key "replicaCount" has no value'],
    ['a,b=1', 'key "a" has no value (cannot end with ",")'],
    ['=x', 'empty key before "="'],
    ['a[x]=1', 'list index "[x]" is not an integer'],
    ['a[-1]=1', 'negative list index -1 is not allowed'],
    ['a[70000]=1', 'list index 70000 is greater than the maximum 65536'],
    ['a[0', 'list index "[0" is not closed with "]"'],
    ['a[0]x=1', 'unexpected "x" after a list index'],
    ['a={x,y', 'a list must end with "}"'],
    ['', 'empty argument'],
  ])('%j is an error: %s', (arg, message) => {
    const problem = applySetArgument({}, arg);
    expect(problem).toEqual({ path: '--set', value: arg, message: `${message}; expected path=value, e.g. service.port=8080 or ingress.hosts[0].host=openclaw.example.com` });
  });
});

describe('applied onto the values files, as helm --set', () => {
  test('an index into a list from a file changes that item and keeps the rest', () => {
    const base: ValuesTree = { ingress: { hosts: [{ host: 'a.example.com', paths: [{ path: '/' }] }, { host: 'b.example.com' }] } };
    applySetArgument(base, 'ingress.hosts[0].host=c.example.com');
    expect(base).toEqual({ ingress: { hosts: [{ host: 'c.example.com', paths: [{ path: '/' }] }, { host: 'b.example.com' }] } });
  });

  test('a whole list given with {} replaces the list', () => {
    const base: ValuesTree = { extraArgs: ['--a', '--b'] };
    applySetArgument(base, 'extraArgs={--c}');
    expect(base).toEqual({ extraArgs: ['--c'] });
  });

  test('--set-string is applied after every --set, whatever the order on the command line', () => {
    expect(load(['podAnnotations.x=1'], ['podAnnotations.x=2'])).toEqual({ podAnnotations: { x: '2' } });
  });

  test('null removes a key', () => {
    expect(load(['resources.limits.cpu=1,resources.limits.memory=2Gi', 'resources.limits.cpu=null'])).toEqual({ resources: { limits: { memory: '2Gi' } } });
  });
});

describe('typed by the schema', () => {
  test('a number or boolean where the chart wants a string is the text as written (env values must be strings)', () => {
    expect(load(['env.PORT=18789,env.MEMORY_ENABLED=TRUE,image.tag=2026.10,podAnnotations.x=1'])).toEqual({
      env: { PORT: '18789', MEMORY_ENABLED: 'TRUE' }, image: { tag: '2026.10' }, podAnnotations: { x: '1' },
    });
    expect(load(['command={node,dist/index.js,--port,18789}'])).toEqual({ command: ['node', 'dist/index.js', '--port', '18789'] });
    expect(load(['replicaOverrides.0.env.WEIGHT=3'])).toEqual({ replicaOverrides: { 0: { env: { WEIGHT: '3' } } } });
  });

  test('numbers and booleans stay typed where the schema wants them, and in free-form Kubernetes fragments', () => {
    expect(load(['replicaCount=2,service.port=8080,ingress.enabled=true,resources.limits.cpu=2,tolerations[0].tolerationSeconds=30'])).toEqual({
      replicaCount: 2, service: { port: 8080 }, ingress: { enabled: true }, resources: { limits: { cpu: 2 } }, tolerations: [{ tolerationSeconds: 30 }],
    });
  });

  test('a string where a number is wanted stays a string (and is reported)', () => {
    expect(load([], ['service.port=8080'])).toEqual({ service: { port: '8080' } });
  });

  test('syntax errors of several arguments are reported together', () => {
    let error: unknown;
    try {
      load(['a', 'b[x]=1'], ['c={']);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OpenClawConfigError);
    expect((error as OpenClawConfigError).problems.map((p) => [p.path, p.value])).toEqual([['--set', 'a'], ['--set', 'b[x]=1'], ['--set-string', 'c={']]);
  });
});
