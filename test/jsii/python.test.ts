/**
 * The Python wheel of `npm run package` in a fresh Python project: a venv, the wheel and cdk8s
 * and constructs from PyPI at the versions this repository pins for npm, then readme_app.py
 * (readme-app.ts in Python). Its manifests must equal the TypeScript app's, byte for byte: the
 * same props give the same objects from either language.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readmeApp } from './apps/readme-app';
import { PKG, REPO, expectSameManifests, manifests, readmeMainFile, run } from './helpers';

const WHEEL_DIR = path.join(REPO, 'dist-jsii', 'python');
/** The Python the project's machines have; `python3` elsewhere. */
const PYTHON = spawnSync('python3.11', ['--version']).status === 0 ? 'python3.11' : 'python3';

describe('the Python package in a fresh cdk8s app', () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'openclaw-cdk8s-python-'));
  const venvPython = path.join(work, 'venv', 'bin', 'python');
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  test('the wheel installs with cdk8s and constructs from PyPI at the npm versions, and needs nothing else of cdk8s', () => {
    const wheels = fs.existsSync(WHEEL_DIR) ? fs.readdirSync(WHEEL_DIR).filter((f) => f.endsWith('.whl')) : [];
    if (wheels.length !== 1) throw new Error(`expected one wheel in ${WHEEL_DIR} (run \`npm run package\` first), found ${wheels.length}`);
    run(PYTHON, ['-m', 'venv', 'venv'], work);
    const pins = ['cdk8s', 'constructs'].map((name) => `${name}==${PKG.devDependencies[name]}`);
    const { seconds } = run(venvPython, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', path.join(WHEEL_DIR, wheels[0]), ...pins], work);
    process.stderr.write(`python: venv and pip install in ${seconds.toFixed(0)} s\n`);
    const versions = run(venvPython, ['-c', 'import importlib.metadata as m; print(" ".join(m.version(n) for n in ["openclaw-cdk8s", "cdk8s", "constructs"]))'], work).out.trim();
    expect(versions).toBe([PKG.version, ...pins.map((p) => p.split('==')[1])].join(' '));
    const requires = run(venvPython, ['-c', 'import importlib.metadata as m; print("\\n".join(m.requires("openclaw-cdk8s")))'], work).out;
    expect(requires.split('\n').filter((r) => /cdk8s/.test(r)).map((r) => r.split(/[<>=\s]/)[0])).toEqual(['cdk8s']);
  });

  test("the Python app's manifests equal the TypeScript app's, byte for byte", () => {
    fs.copyFileSync(path.join(__dirname, 'apps', 'readme_app.py'), path.join(work, 'readme_app.py'));
    const { seconds } = run(venvPython, ['readme_app.py', path.join(work, 'py-dist')], work);
    process.stderr.write(`python: readme_app.py synthesized in ${seconds.toFixed(0)} s\n`);
    readmeApp(path.join(work, 'ts-dist'));
    expectSameManifests(manifests(path.join(work, 'py-dist')), manifests(path.join(work, 'ts-dist')));
  });

  test("the README's main.py renders the install section's chart, byte for byte", () => {
    fs.writeFileSync(path.join(work, 'main.py'), readmeMainFile('python'));
    run(venvPython, ['main.py'], work);
    expect(fs.readFileSync(path.join(work, 'dist', 'my-openclaw.k8s.yaml'), 'utf8'))
      .toBe(fs.readFileSync(path.join(work, 'ts-dist', 'my-openclaw.k8s.yaml'), 'utf8'));
  });
});
