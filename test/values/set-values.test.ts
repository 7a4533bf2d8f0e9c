/** `--set` / `--set-string` parse as Helm's strvals does, and are typed by the values schema. */
import { OpenClawConfigError } from '../../src/core/errors';
import { loadValuesFiles } from '../../src';
import { MAX_INDEX, SetBudget, applySetArgument, parseSetArguments, splitAssignments } from '../../src/values/set-values';
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
    ['a[0', 'list index "[0" is not closed with "]"'],
    ['a[0]x=1', 'unexpected "x" after a list index'],
    ['a={x,y', 'a list must end with "}"'],
    ['', 'empty argument'],
  ])('%j is an error: %s', (arg, message) => {
    const problem = applySetArgument({}, arg);
    expect(problem).toEqual({ path: '--set', value: arg, message: `${message}; expected path=value, e.g. service.port=8080 or ingress.hosts[0].host=openclaw.example.com` });
  });
});

describe('bounded as a values file: list indices, values made, nesting', () => {
  const problem = (message: string, value: string) => ({ path: '--set', value, message });

  test('an index up to 10,000 fills the list; above, refused before anything is made', () => {
    expect(MAX_INDEX).toBe(10_000);
    expect(((set('a[10000]=x') as { a: unknown[] }).a).length).toBe(10_001);
    expect(applySetArgument({}, 'a[10001]=1')).toEqual(problem("list index 10001 is greater than the maximum 10000 (no list of the chart's values holds that many items)", 'a[10001]=1'));
    expect(applySetArgument({}, 'a[99999999]=1')).toEqual(problem("list index 99999999 is greater than the maximum 10000 (no list of the chart's values holds that many items)", 'a[99999999]=1'));
  });

  test('all arguments together make at most 200,000 values (the items an index fills in count): said once', () => {
    const args = Array.from({ length: 40 }, (_, i) => `extraArgs${i}[10000]=1`);
    let error: OpenClawConfigError | undefined;
    try {
      load(args);
    } catch (e) {
      error = e as OpenClawConfigError;
    }
    // Each argument makes 10,002 values: the 20th passes 200,000.
    expect(error?.problems).toEqual([problem('the --set and --set-string arguments make more than 200000 values (list items up to each index included); they may make at most 200000, as a values file', 'extraArgs19[10000]=1')]);
  });

  test('the budget is shared: one SetBudget across arguments', () => {
    const budget = new SetBudget();
    const target: ValuesTree = {};
    expect(applySetArgument(target, 'a[9999]=1', false, budget)).toBeUndefined();
    expect(budget.left).toBe(200_000 - 10_001);
  });

  test('a path nests at most 64 maps and lists', () => {
    const path64 = `${Array.from({ length: 64 }, () => 'a').join('.')}=1`;
    expect(applySetArgument({}, path64)).toBeUndefined();
    const deep = `${Array.from({ length: 65 }, () => 'a').join('.')}=1`;
    expect(applySetArgument({}, deep)).toEqual(problem('nests deeper than 64 maps and lists; a --set path may nest at most 64, as a values file', deep));
    expect(applySetArgument({}, `x${'[0]'.repeat(64)}=1`)).toEqual(problem('nests deeper than 64 maps and lists; a --set path may nest at most 64, as a values file', `x${'[0]'.repeat(64)}=1`));
  });

  test('a 7 KB argument of large indices is refused at once, without making its lists', () => {
    const arg = Array.from({ length: 600 }, (_, i) => `a${i}[10000][10000]=1`).join(',');
    const started = process.hrtime.bigint();
    const problems = (() => {
      try {
        load([arg]);
        return [];
      } catch (e) {
        return (e as OpenClawConfigError).problems.map((p) => p.message);
      }
    })();
    expect(problems).toEqual(['the --set and --set-string arguments make more than 200000 values (list items up to each index included); they may make at most 200000, as a values file']);
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(1000);
  });
});

describe('split as the parser reads it (for showing an argument)', () => {
  test('escaped commas stay in the value; commas inside {...} too', () => {
    expect(splitAssignments('a=1,b=x\\,y,c={p,q},d')).toEqual([
      { key: 'a', value: '1' }, { key: 'b', value: 'x\\,y' }, { key: 'c', value: '{p,q}' }, { key: 'd' },
    ]);
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
