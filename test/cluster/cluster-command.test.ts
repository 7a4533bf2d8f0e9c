/**
 * `npm run cluster`: what a user without Go, or with a wrong command, sees. (The control plane
 * itself is exercised by the e2e suite, test/e2e/cluster.)
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const SCRIPT = path.resolve(__dirname, '..', '..', 'cluster', 'cluster.js');

function run(args: string[], env: Record<string, string>): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [SCRIPT, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('without Go on PATH, building the control plane says so in one line, with no stack trace', () => {
  const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'openclaw-cluster-cache-'));
  try {
    const r = run(['build'], { PATH: '/nonexistent', OPENCLAW_CDK8S_CACHE: cache });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('cluster: Go is needed to build Kubernetes v1.36.3 (go 1.26 or newer on PATH): go: command not found\n');
  } finally {
    fs.rmSync(cache, { recursive: true, force: true });
  }
});

test('an unknown command prints the usage and exits 2', () => {
  const r = run(['start'], {});
  expect(r.code).toBe(2);
  expect(r.stderr).toBe('usage: npm run cluster -- up|down|build|status\n');
});

test('status without a running cluster says so', () => {
  const r = run(['status'], { OPENCLAW_CDK8S_CLUSTER_DIR: path.join(os.tmpdir(), `no-cluster-${process.pid}`) });
  expect(r.code).toBe(0);
  expect(JSON.parse(r.stdout)).toEqual({ running: false });
});
