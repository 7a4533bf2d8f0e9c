/**
 * The package as a platform team gets it: `npm pack`, then a cdk8s app outside the repository
 * (in os.tmpdir()) made like `cdk8s init typescript-app` makes one, into which the README's
 * install section is run as written (see install-snippet.ts). Then, in that app: `cdk8s synth`
 * of the README's code, every example, `tsc` over all of it with the user's strict settings (no
 * skipLibCheck, lib es2016), `require`/`import` of the package, its `openclaw-cdk8s` command,
 * and a jest snapshot test written as a user would. Then the same with the oldest versions of
 * the peer dependencies that package.json accepts.
 *
 * Only the npm registry is used, cache first; the apps' third-party packages are installed once
 * and reused (see consumer-app.ts). OPENCLAW_CONSUMER_CACHE moves the cache directory.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { expectValidManifests } from '../helpers/k8s-valid';
import {
  CACHE, CDK8S_SYNTH, CLI_TEMPLATE, ensureApp, initDependencies, lock, MINUTES, parseManifests, readManifests, sh, synthExamples, timed, timings,
} from './consumer-app';
import { InstallSnippet, isNpmInstall, readInstallSnippet, withTarball } from './install-snippet';
import { packPackage, PackResult, REPO } from './pack';

jest.setTimeout(15 * MINUTES);

const PKG = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
const EXAMPLES = fs.readdirSync(path.join(REPO, 'examples')).filter((d) => fs.existsSync(path.join(REPO, 'examples', d, 'main.ts'))).sort();
/** What the app's own files may be left from the previous run. */
const RUN_FILES = ['dist', '__snapshots__', 'examples', 'main.ts', 'main.test.ts', 'openclaw.test.ts', 'typed-with-plus.ts', 'values.yaml', 'chart', 'synth-examples.js'];

/** The oldest version of each peer dependency that its range in package.json accepts and the registry has. */
const OLDEST_PEERS = Object.entries(PKG.peerDependencies as Record<string, string>)
  .map(([name, range]) => `${name}@${range.replace(/^\^/, '')}`);

let snippet: InstallSnippet;
let packed: PackResult;
let runDir: string;
const releases: Array<() => void> = [];

/** The app `name`, locked for this run, its run files removed, with the tarball installed by `install`. */
function prepareApp(name: string, commands: string[], install: (app: string) => void): string {
  const app = timed(`${name}: third-party packages (installed once, then cached)`, () => ensureApp(name, commands));
  releases.push(lock(app));
  for (const f of RUN_FILES) fs.rmSync(path.join(app, f), { recursive: true, force: true });
  copyTemplateTest(app);
  timed(`${name}: install the tarball`, () => install(app));
  return app;
}

/** The test `cdk8s init typescript-app` writes (it imports the template's MyChart), with its snapshot. */
function copyTemplateTest(app: string): void {
  fs.copyFileSync(path.join(CLI_TEMPLATE, 'main.test.ts'), path.join(app, 'main.test.ts'));
  fs.cpSync(path.join(CLI_TEMPLATE, '__snapshots__'), path.join(app, '__snapshots__'), { recursive: true });
}

function copyExamples(app: string): void {
  for (const name of EXAMPLES) {
    const dir = path.join(app, 'examples', name);
    fs.mkdirSync(dir, { recursive: true });
    for (const file of ['main.ts', 'cdk8s.yaml']) fs.copyFileSync(path.join(REPO, 'examples', name, file), path.join(dir, file));
  }
}

beforeAll(() => {
  snippet = readInstallSnippet();
  fs.mkdirSync(CACHE, { recursive: true });
  runDir = fs.mkdtempSync(path.join(CACHE, 'run-'));
  packed = timed('npm pack (stage, build, pack)', () => packPackage(runDir));
});

afterAll(() => {
  releases.forEach((release) => release());
  if (runDir) fs.rmSync(runDir, { recursive: true, force: true });
  // eslint-disable-next-line no-console
  console.log(`consumer test timings (s): ${JSON.stringify(timings, null, 2)}`);
});

/** The bundled dependencies and every package they need, from package-lock.json. */
function bundledClosure(): Set<string> {
  const lock = JSON.parse(fs.readFileSync(path.join(REPO, 'package-lock.json'), 'utf8'));
  const out = new Set<string>();
  const add = (name: string): void => {
    if (out.has(name)) return;
    out.add(name);
    Object.keys(lock.packages[`node_modules/${name}`]?.dependencies ?? {}).forEach(add);
  };
  (PKG.bundledDependencies as string[]).forEach(add);
  return out;
}

describe('the tarball', () => {
  test('holds the compiled JavaScript with types and maps, the sources the maps name, schemas, bin, README, LICENSE', () => {
    const files = new Set(packed.files);
    for (const f of ['package.json', 'README.md', 'LICENSE', 'bin/openclaw-cdk8s.js',
      'lib/src/index.js', 'lib/src/index.d.ts', 'lib/src/index.js.map', 'lib/src/index.d.ts.map', 'src/index.ts',
      'lib/imports/gateway.networking.k8s.io.js', 'schemas/crds/gateway.networking.k8s.io_httproutes.yaml',
      'schemas/k8s/v1.28.0/_definitions.json', 'schemas/k8s/v1.36.0/_definitions.json']) {
      expect(files).toContain(f);
    }
  });

  test('holds no tests, fixtures, examples, docs, build configs or node_modules but the bundled dependencies', () => {
    // jsii's runtime (Python, Java) loads the package as packed, without installing its dependencies:
    // the non-jsii ones are bundled (package.json bundledDependencies), with what they need.
    const bundled = bundledClosure();
    const unwanted = packed.files.filter((f) =>
      /^(test|examples|docs|scripts|bench|dist|\.ci)\//.test(f)
      || (/(^|\/)node_modules\//.test(f) && !bundled.has(/^node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(f)?.[1] ?? ''))
      || /\.test\.|\.tgz$|^tsconfig|^jest\.|^cdk8s\.yaml$|^main\.ts$|^typedoc\.json$|^API\.md$/.test(f));
    expect(unwanted).toEqual([]);
  });

  test('every compiled file comes from a source file, every source file is compiled, with types and maps', () => {
    const sources = packed.files.filter((f) => /^(src|imports)\/.*\.ts$/.test(f) && !f.endsWith('.d.ts'));
    // lib/cli.js is the one exception: the CLI bundled by esbuild (the bin's fast start), not a tsc output.
    expect(packed.files).toContain('lib/cli.js');
    const compiled = packed.files.filter((f) => f.startsWith('lib/') && f.endsWith('.js') && f !== 'lib/cli.js');
    expect(compiled.map((f) => f.replace(/^lib\//, '').replace(/\.js$/, '.ts')).sort()).toEqual(sources.sort());
    for (const js of compiled) {
      for (const ext of ['.d.ts', '.js.map', '.d.ts.map']) expect(packed.files).toContain(js.replace(/\.js$/, ext));
    }
  });
});

describe('in a cdk8s app outside the repository, installed as the README says', () => {
  let app: string;
  beforeAll(() => {
    // The README's npm installs without this package make the cached app; the run then takes
    // every step of the README in order, with the tarball.
    const installsWithoutPackage = snippet.commands.filter(isNpmInstall)
      .map((c) => withTarball(c, '').replace(/\s+/g, ' ').trim())
      .filter((c) => !/^npm (install|i|add)( -\S+)*$/.test(c));
    app = prepareApp('app', installsWithoutPackage, (dir) => {
      for (const step of snippet.steps) {
        if ('run' in step) sh(withTarball(step.run, packed.tarball), dir);
        else fs.writeFileSync(path.join(dir, step.file), step.content);
      }
    });
    copyExamples(app);
    writeUserTest(app);
    writeTypedWithCdk8sPlus(app);
  });

  test('the app has the one cdk8s-plus `cdk8s init` installs: the package brings none of its own', () => {
    const plus = fs.readdirSync(path.join(app, 'node_modules')).filter((d) => d.startsWith('cdk8s-plus-'));
    expect(plus).toEqual(initDependencies().filter((d) => d.startsWith('cdk8s-plus-')).map((d) => d.split('@')[0]));
  });

  test('the README install section has an npm install of the package and the code', () => {
    expect(snippet.commands.some((c) => /^npm (install|i|add) .*\bopenclaw-cdk8s\b/.test(c))).toBe(true);
    expect(snippet.files.get('main.ts')).toMatch(/from 'openclaw-cdk8s'/);
  });

  test('npm installed the packed package and its peer dependencies', () => {
    const installed = JSON.parse(fs.readFileSync(path.join(app, 'node_modules', PKG.name, 'package.json'), 'utf8'));
    expect(installed.version).toBe(PKG.version);
    for (const peer of Object.keys(PKG.peerDependencies)) {
      expect(fs.existsSync(path.join(app, 'node_modules', peer, 'package.json'))).toBe(true);
    }
  });

  test('every source map of the installed package points at a file in it', () => {
    const root = path.join(app, 'node_modules', PKG.name);
    const missing = packed.files.filter((f) => f.endsWith('.map')).flatMap((m) => {
      const { sources } = JSON.parse(fs.readFileSync(path.join(root, m), 'utf8'));
      return (sources as string[]).map((s) => path.relative(root, path.resolve(root, path.dirname(m), s)))
        .filter((s) => !fs.existsSync(path.join(root, s))).map((s) => `${m} -> ${s}`);
    });
    expect(missing).toEqual([]);
  });

  test('`cdk8s synth` of the README code (type-checked by ts-node) writes valid manifests', () => {
    // The README's own `cdk8s synth`, when it has one, already wrote dist/.
    if (!snippet.commands.some((c) => /^npx cdk8s synth\b/.test(c))) timed('app: cdk8s synth of the README code', () => sh(CDK8S_SYNTH, app));
    const objects = readManifests(path.join(app, 'dist'));
    expect(objects.map((o) => o.kind)).toContain('StatefulSet');
    expectValidManifests(objects);
  });

  test('the README code, every example and a user\'s test type-check with the app\'s tsconfig (strict, no skipLibCheck)', () => {
    timed('app: tsc --noEmit', () => sh('npx tsc --noEmit -p .', app));
  });

  test('every example, copied as it is, synthesizes valid manifests', () => {
    timed(`app: synth of ${EXAMPLES.length} examples`, () => synthExamples(app, EXAMPLES));
    for (const name of EXAMPLES) {
      const objects = readManifests(path.join(app, 'examples', name, 'dist'));
      expect(objects.length).toBeGreaterThan(0);
      expectValidManifests(objects);
    }
  });

  test('require, import and the package.json subpath resolve; deep imports are closed', () => {
    const cjs = sh(`node -e "
      const m = require('openclaw-cdk8s');
      console.log(JSON.stringify({
        main: require.resolve('openclaw-cdk8s'), chart: typeof m.OpenClawChart,
        version: require('openclaw-cdk8s/package.json').version,
      }));"`, app);
    expect(JSON.parse(cjs)).toEqual({
      main: path.join(fs.realpathSync(app), 'node_modules', PKG.name, 'lib', 'src', 'index.js'),
      chart: 'function',
      version: PKG.version,
    });
    const esm = sh(`node --input-type=module -e "import { OpenClawChart, DEFAULTS } from 'openclaw-cdk8s'; console.log(typeof OpenClawChart, DEFAULTS.replicaCount)"`, app);
    expect(esm.trim()).toBe('function 1');
    const deep = spawnSync('node', ['-e', "require('openclaw-cdk8s/lib/src/chart')"], { cwd: app, encoding: 'utf8' });
    expect(deep.status).not.toBe(0);
    expect(deep.stderr).toContain('ERR_PACKAGE_PATH_NOT_EXPORTED');
  });

  test('a jest snapshot test written as a user writes it passes, and its snapshot holds in a new run', () => {
    timed('app: jest (writes the snapshot)', () => sh('npx jest --ci=false', app));
    const snapshots = fs.readdirSync(path.join(app, '__snapshots__'));
    // The README's main.test.ts replaced the template's (whose MyChart the README's main.ts removed).
    expect(snapshots).toEqual(['main.test.ts.snap', 'openclaw.test.ts.snap']);
    for (const snapshot of snapshots) {
      expect(fs.readFileSync(path.join(app, '__snapshots__', snapshot), 'utf8')).toContain('"kind": "StatefulSet"');
    }
    // As CI runs it: a missing or different snapshot fails.
    timed('app: jest --ci (checks the snapshot)', () => sh('npx jest --ci', app));
  });

  test('the openclaw-cdk8s command runs from the installed package', () => {
    expect(sh('npx openclaw-cdk8s --version', app).trim()).toBe(PKG.version);
    fs.writeFileSync(path.join(app, 'values.yaml'), 'replicaCount: 2\ningress:\n  enabled: true\n  hosts:\n    - host: openclaw.example.com\n');
    const yaml = timed('app: openclaw-cdk8s synth', () => sh('npx openclaw-cdk8s synth -f values.yaml --release my-openclaw --namespace openclaw', app));
    const objects = parseManifests(yaml);
    expect(objects.find((o) => o.kind === 'StatefulSet').spec.replicas).toBe(2);
    expectValidManifests(objects);
  });

  // Runs once the CLI lists a `helm` command; until then it only says so.
  test('`openclaw-cdk8s helm` exports a chart from the installed package', () => {
    const help = sh('npx openclaw-cdk8s --help', app);
    if (!/^\s+helm\b/m.test(help)) {
      // eslint-disable-next-line no-console
      console.log('openclaw-cdk8s has no helm command yet: not tested');
      return;
    }
    fs.writeFileSync(path.join(app, 'values.yaml'), 'replicaCount: 2\n');
    sh('npx openclaw-cdk8s helm -f values.yaml --release my-openclaw --namespace openclaw -o chart', app);
    const chart = fs.readFileSync(path.join(app, 'chart', 'Chart.yaml'), 'utf8');
    expect(chart).toContain(`version: "${PKG.version}"`);
    expect(fs.readdirSync(path.join(app, 'chart', 'templates'))).toContain('statefulset-my-openclaw.yaml');
  });
});

describe(`with the oldest peer dependencies package.json accepts (${OLDEST_PEERS.join(', ')})`, () => {
  let app: string;
  beforeAll(() => {
    app = prepareApp('oldest-peers', [`npm install ${OLDEST_PEERS.join(' ')}`], (dir) => {
      sh(`npm install ${packed.tarball}`, dir);
    });
    // The README's TypeScript files (main.ts, and the main.test.ts that replaces the template's).
    for (const [file, content] of snippet.files) fs.writeFileSync(path.join(app, file), content);
    copyExamples(app);
  });

  test('those versions are the ones installed', () => {
    for (const spec of OLDEST_PEERS) {
      const [, name, version] = /^(.+)@([^@]+)$/.exec(spec)!;
      expect(JSON.parse(fs.readFileSync(path.join(app, 'node_modules', name, 'package.json'), 'utf8')).version).toBe(version);
    }
  });

  test('the README code and the examples type-check and synthesize valid manifests', () => {
    timed('oldest-peers: tsc --noEmit', () => sh('npx tsc --noEmit -p .', app));
    timed('oldest-peers: synth of the examples', () => synthExamples(app, EXAMPLES));
    for (const name of EXAMPLES) expectValidManifests(readManifests(path.join(app, 'examples', name, 'dist')));
  });
});

/** The test a user writes next to their chart: a snapshot plus the assertions they care about. */
/** Props typed with the app's own cdk8s-plus `k8s` types (type-checked with the app by tsc). */
function writeTypedWithCdk8sPlus(app: string): void {
  const plus = initDependencies().find((d) => d.startsWith('cdk8s-plus-'))!.split('@')[0];
  fs.writeFileSync(path.join(app, 'typed-with-plus.ts'), `import { App } from 'cdk8s';
import { k8s } from '${plus}';
import { OpenClawChart } from 'openclaw-cdk8s';

const tolerations: k8s.Toleration[] = [{ key: 'gpu', operator: 'Exists', effect: 'NoSchedule' }];
const affinity: k8s.Affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'pool', operator: 'In', values: ['ai'] }] }] } } };
const podSecurityContext: k8s.PodSecurityContext = { runAsUser: 1000, runAsGroup: 1000, fsGroup: 1000, runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } };
const securityContext: k8s.SecurityContext = { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } };
new OpenClawChart(new App(), 'typed', { tolerations, affinity, podSecurityContext, securityContext });
`);
}

function writeUserTest(app: string): void {
  fs.writeFileSync(path.join(app, 'openclaw.test.ts'), `import { Testing } from 'cdk8s';
import { OpenClawChart } from 'openclaw-cdk8s';

describe('our OpenClaw', () => {
  const app = Testing.app();
  const chart = new OpenClawChart(app, 'assistant', {
    namespace: 'assistant',
    existingSecret: { name: 'assistant-secrets', keys: { OPENCLAW_GATEWAY_TOKEN: 'token' } },
    ingress: { enabled: true, hosts: [{ host: 'assistant.example.com' }], tls: [{ secretName: 'assistant-tls', hosts: ['assistant.example.com'] }] },
  });
  const manifests = Testing.synth(chart);

  test('matches the snapshot', () => {
    expect(manifests).toMatchSnapshot();
  });

  test('runs the pinned image, reads the token from our Secret, serves HTTPS', () => {
    const sts = manifests.find((m) => m.kind === 'StatefulSet');
    const container = sts.spec.template.spec.containers.find((c: any) => c.name === 'openclaw');
    expect(container.image).toMatch(/^ghcr\\.io\\/openclaw\\/openclaw:\\d{4}\\.\\d+\\.\\d+$/);
    expect(container.env).toContainEqual({
      name: 'OPENCLAW_GATEWAY_TOKEN',
      valueFrom: { secretKeyRef: { name: 'assistant-secrets', key: 'token' } },
    });
    const ingress = manifests.find((m) => m.kind === 'Ingress');
    expect(ingress.spec.tls[0].secretName).toBe('assistant-tls');
    expect(chart.info.serviceName).toBe('assistant-openclaw');
  });
});
`);
}

describe('installed from git or from a folder, as the README offers until the package is published', () => {
  const gitAvailable = spawnSync('git', ['-C', REPO, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).status === 0;
  const installIn = (spec: string, allowScripts: Record<string, boolean> = {}): string => {
    const dir = fs.mkdtempSync(path.join(runDir, 'install-'));
    fs.writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify({ name: 'installer', version: '1.0.0', private: true, allowScripts })}\n`);
    const out = timed(`npm install ${spec.startsWith('git+') ? 'from git' : 'from a folder'}`, () => sh(`npm install '${spec}' 2>&1`, dir));
    // npm 11 warns about an install script allowScripts does not cover; the README says how to cover ours.
    expect(out).not.toMatch(/warn install-scripts/);
    return dir;
  };
  const renders = (dir: string): void => {
    expect(sh('npx openclaw-cdk8s --version', dir).trim()).toBe(PKG.version);
    const objects = parseManifests(sh('npx openclaw-cdk8s synth --quiet --set replicaCount=2', dir));
    expect(objects.find((o) => o.kind === 'StatefulSet').spec.replicas).toBe(2);
  };

  (gitAvailable ? test : test.skip)('npm install git+file://<clone> builds the package (prepare) and the command runs', () => {
    // As the README says: a git dependency's prepare is allowed by its spec.
    renders(installIn(`git+file://${REPO}`, { [`git+file://${REPO}`]: true }));
  });

  test('npm install <folder of a clone after npm ci> gives a command that runs', () => {
    renders(installIn(REPO));
  });
});
