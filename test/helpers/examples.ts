/**
 * The examples in examples/, synthesized exactly as `cdk8s synth` runs them: their main.ts, in-process,
 * with CDK8S_OUTDIR pointing at a temporary directory. A test file that uses this maps the package name
 * to this repository's src/ first: `jest.mock('openclaw-cdk8s', () => jest.requireActual('../../src'), { virtual: true })`.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';

export const EXAMPLES_DIR = path.join(__dirname, '..', '..', 'examples');
/** Every example: a folder of examples/ with a main.ts. */
export const EXAMPLES = fs.readdirSync(EXAMPLES_DIR).filter((d) => fs.existsSync(path.join(EXAMPLES_DIR, d, 'main.ts'))).sort();

/** Runs examples/<name>/main.ts; returns output file name -> its objects, in file order. */
export function runExample(name: string): Map<string, any[]> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), `openclaw-example-${name}-`));
  const previous = process.env.CDK8S_OUTDIR;
  process.env.CDK8S_OUTDIR = outdir;
  try {
    jest.isolateModules(() => {
      require(path.join(EXAMPLES_DIR, name, 'main.ts'));
    });
    const files = new Map<string, any[]>();
    for (const file of fs.readdirSync(outdir).filter((f) => f.endsWith('.k8s.yaml')).sort()) {
      const docs = parseAllDocuments(fs.readFileSync(path.join(outdir, file), 'utf8'), { version: '1.1' });
      files.set(file, [docs].flat().map((d) => d.toJS()).filter((o) => o !== null));
    }
    return files;
  } finally {
    if (previous === undefined) delete process.env.CDK8S_OUTDIR;
    else process.env.CDK8S_OUTDIR = previous;
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}
