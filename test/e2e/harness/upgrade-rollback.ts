/**
 * Helpers of test/e2e/upgrade.test.ts for undoing an upgrade: the pre-upgrade archives on the claim,
 * migrate-config's peak memory with the real OpenClaw, and the rollback of docs/day-two.md ("Undoing
 * an upgrade") run as written: the old tag alone (refused), the README's restore pod and script with
 * ARCHIVE set to the pre-upgrade archive, then the old tag again.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse } from 'yaml';
import { OpenClawChartProps } from '../../../src';
import { configMigrationCommand } from '../../../src/build/shell/config-migration';
import { synthObjects } from '../../helpers/synth';
import { OpenClawInstall } from './install';
import { PodRunResult, runPod } from './pod-runner';

const ROOT = path.join(__dirname, '..', '..', '..');
const data = (pvc: string) => path.join(pvc, 'data-my-openclaw-0');

/** The pre-upgrade archives migrate-config left on the state claim. */
export function preUpgradeArchives(pvc: string): string[] {
  const dir = path.join(data(pvc), 'backups', 'pre-upgrade');
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('-pre-upgrade.tar.gz')).sort() : [];
}

/**
 * Runs the chart's migrate-config script (pre-upgrade archive included) under GNU time with the real
 * OpenClaw on a copy of the state: the peak resident memory of its largest process (the node running
 * `openclaw doctor --fix`, `config validate` or `backup create`), in MiB, and the wall time.
 */
export function measureMigrateConfig(install: OpenClawInstall, pvc: string): { peakMiB: number; wallS: number } | { error: string } {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'openclaw-e2e-migrate-mem-'));
  try {
    fs.cpSync(path.join(data(pvc), '.openclaw'), path.join(copy, '.openclaw'), { recursive: true });
    const [, , script, name, config, pre, allow] = configMigrationCommand(path.join(copy, '.openclaw', 'openclaw.json'), {
      preUpgradeDir: path.join(copy, 'pre-upgrade'), allowDowngrade: false,
    });
    const r = spawnSync('/usr/bin/time', ['-f', 'peak_kb=%M wall_s=%e', 'sh', '-c', script, name, config, pre, allow], {
      cwd: install.appDir, encoding: 'utf8', timeout: 600000,
      env: { PATH: `${path.dirname(install.nodeBin)}:${process.env.PATH}`, HOME: copy, OPENCLAW_STATE_DIR: path.join(copy, '.openclaw') },
    });
    const m = /peak_kb=(\d+) wall_s=([\d.]+)/.exec(r.stderr ?? '');
    if (r.status !== 0 || !m) return { error: `exit ${r.status}: ${(r.stderr ?? '').slice(-800)}` };
    return { peakMiB: Math.round(Number(m[1]) / 1024), wallS: Number(m[2]) };
  } finally {
    fs.rmSync(copy, { recursive: true, force: true });
  }
}

export interface RollbackInputs {
  readonly install: OpenClawInstall;
  readonly oldInstall: OpenClawInstall;
  readonly pvc: string;
  readonly from: string;
  readonly oldProps: OpenClawChartProps;
  readonly namespace: string;
}

export interface RollbackRun {
  readonly downgrade: PodRunResult;
  readonly archive: string;
  readonly restored: { code: number | null; out: string };
  readonly rolledBack: PodRunResult;
  readonly cronList: { code: number | null; out: string };
  readonly figures: Record<string, unknown>;
}

export async function rollbackPerDocs(m: RollbackInputs): Promise<RollbackRun> {
  const oldRender = synthObjects({ ...m.oldProps, image: { tag: m.from } }, { namespace: m.namespace });
  const figures: Record<string, unknown> = {};
  // 1. Only the tag set back: what a user tries first.
  let t = Date.now();
  const downgrade = await runPod(oldRender, { install: m.oldInstall, namespace: m.namespace, pvcDir: m.pvc, timeoutMs: 240000 });
  figures.downgradeRefusedMs = Date.now() - t;

  // 2. docs/day-two.md's rollback script in the README's restore pod: the newest pre-upgrade archive.
  const doc = fs.readFileSync(path.join(ROOT, 'docs', 'day-two.md'), 'utf8');
  const section = doc.split(/^## /m).find((s) => s.startsWith('Undoing an upgrade')) ?? '';
  const script = /kubectl exec -n openclaw openclaw-restore -- sh -c '\n([\s\S]*?)\n'\n/.exec(section)?.[1];
  if (!script) throw new Error('docs/day-two.md "Undoing an upgrade" has no `kubectl exec -n openclaw openclaw-restore -- sh -c` script');
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const podYaml = /cat > restore-pod\.yaml <<'YAML'\n([\s\S]*?)\nYAML\n/.exec(readme)![1];
  const archives = preUpgradeArchives(m.pvc);
  const archive = archives[archives.length - 1];
  if (!archive) throw new Error('no pre-upgrade archive on the claim');
  let restored: { code: number | null; out: string } = { code: null, out: 'the restore pod did not get ready' };
  t = Date.now();
  const restorePod = parse(podYaml);
  await runPod([{
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'openclaw-restore', namespace: m.namespace },
    spec: { selector: { matchLabels: { app: 'restore' } }, template: { metadata: { labels: { app: 'restore' } }, spec: restorePod.spec } },
  }], {
    install: m.install, namespace: m.namespace, pvcDir: m.pvc, timeoutMs: 180000, authCheck: false,
    whileReady: async (pod) => {
      restored = await pod.exec(['sh', '-c', script], 170000);
    },
  });
  figures.restoreMs = Date.now() - t;

  // 3. The old tag again, on the restored state.
  t = Date.now();
  let cronList: { code: number | null; out: string } = { code: null, out: '' };
  const rolledBack = await runPod(oldRender, {
    install: m.oldInstall, namespace: m.namespace, pvcDir: m.pvc, timeoutMs: 240000,
    authToken: () => {
      try {
        return JSON.parse(fs.readFileSync(path.join(data(m.pvc), '.openclaw', 'openclaw.json'), 'utf8')).gateway?.auth?.token;
      } catch {
        return undefined;
      }
    },
    whileReady: async (pod) => {
      cronList = await pod.exec(['node', 'dist/index.js', 'cron', 'list', '--all', '--json'], 120000, '/app');
    },
  });
  figures.rolledBackRunMs = Date.now() - t;
  figures.archive = archive;
  return { downgrade, archive, restored, rolledBack, cronList, figures };
}
