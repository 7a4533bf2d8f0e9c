/**
 * Renders every scenario values file (test/fixtures/reference/scenarios) as the CLI does and
 * writes it to test/fixtures/renders/<scenario>.k8s.yaml. The renders are a deliberate golden
 * copy: test/chart/renders.test.ts fails when the output changes by one byte, so a refactor proves
 * itself byte-identical and a change of behaviour shows up as a reviewed diff of these files.
 *
 *   npx ts-node scripts/scenario-renders.ts --write     # after a deliberate change of the output
 */
import * as fs from 'fs';
import * as path from 'path';
import { runCli } from '../src/cli/main';

const REPO = path.resolve(__dirname, '..');
export const SCENARIOS = path.join(REPO, 'test/fixtures/reference/scenarios');
export const RENDERS = path.join(REPO, 'test/fixtures/renders');

/** The scenario names (file names without .yaml), sorted. */
export function scenarioNames(): string[] {
  return fs.readdirSync(SCENARIOS).filter((f) => f.endsWith('.yaml')).map((f) => f.replace(/\.yaml$/, '')).sort();
}

/** `openclaw-cdk8s synth --quiet -f <scenario> --release my-openclaw -n openclaw`, in process. */
export async function renderScenario(name: string): Promise<string> {
  let stdout = '';
  let stderr = '';
  const io = { stdout: { write: (s: string) => { stdout += s; } }, stderr: { write: (s: string) => { stderr += s; } } };
  const code = await runCli(['synth', '--quiet', '-f', path.join(SCENARIOS, `${name}.yaml`), '--release', 'my-openclaw', '-n', 'openclaw'], io);
  if (code !== 0) throw new Error(`scenario ${name}: exit ${code}: ${stderr}`);
  return stdout;
}

export const renderFile = (name: string): string => path.join(RENDERS, `${name}.k8s.yaml`);

if (require.main === module && process.argv.includes('--write')) {
  void (async () => {
    fs.mkdirSync(RENDERS, { recursive: true });
    for (const name of scenarioNames()) fs.writeFileSync(renderFile(name), await renderScenario(name));
    process.stdout.write(`wrote ${path.relative(process.cwd(), RENDERS)}\n`);
  })();
}
