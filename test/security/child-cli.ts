/**
 * The real command in a child process, measured by /usr/bin/time: wall and CPU seconds and peak
 * RSS. The CLI is bundled from src as `npm run build` bundles lib/cli.js (externals resolve from
 * the repository), so the measure is of the code under test without a build step.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const REPO = path.resolve(__dirname, '../..');
export const MEASURE_DIR = path.join(REPO, 'node_modules/.cache/openclaw-security');

export interface Measured {
  readonly status: number | null;
  readonly stdout: string;
  /** stderr without /usr/bin/time's own lines. */
  readonly stderr: string;
  readonly wallSeconds: number;
  readonly cpuSeconds: number;
  readonly peakRssMB: number;
}

/** Bundles the CLI into MEASURE_DIR; returns the script to run and a function that removes it. */
export function bundleCli(name: string): { script: string; remove: () => void } {
  fs.mkdirSync(MEASURE_DIR, { recursive: true });
  const bundle = path.join(MEASURE_DIR, `${name}-${process.pid}.js`);
  require('esbuild').buildSync({
    entryPoints: [path.join(REPO, 'src/cli/main.ts')], bundle: true, platform: 'node', target: 'node18', outfile: bundle,
    external: ['cdk8s', 'constructs', 'ajv'], logLevel: 'warning',
  });
  const script = `${bundle}.run.js`;
  fs.writeFileSync(script, `require(${JSON.stringify(bundle)}).runCli(process.argv.slice(2), process).then((c) => { process.exitCode = c; });\n`);
  return { script, remove: () => [bundle, script].forEach((f) => fs.rmSync(f, { force: true })) };
}

/** Runs `node script ...args` under /usr/bin/time. */
export function runMeasured(script: string, args: readonly string[], input?: string | Buffer): Measured {
  const r = spawnSync('/usr/bin/time', ['-f', 'TIME %e %U %S %M', process.execPath, script, ...args], {
    input, encoding: 'utf8', timeout: 60_000, maxBuffer: 64 * 1024 * 1024,
  });
  const timeLine = /TIME ([\d.]+) ([\d.]+) ([\d.]+) (\d+)\n?$/.exec(r.stderr);
  if (!timeLine) throw new Error(`no measurement from /usr/bin/time: ${r.stderr.slice(-500)}`);
  const [wall, user, sys, rssKb] = timeLine.slice(1).map(Number);
  // /usr/bin/time says the exit status too.
  const stderr = r.stderr.slice(0, timeLine.index).replace(/^Command exited with non-zero status \d+\n/m, '');
  return { status: r.status, stdout: r.stdout, stderr, wallSeconds: wall, cpuSeconds: +(user + sys).toFixed(2), peakRssMB: Math.round(rssKb / 1024) };
}
