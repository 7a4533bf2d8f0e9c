/**
 * Helm against a real API server, with the real helm: the migration from a Helm release that
 * docs/migrating-from-helm.md describes, run command by command as written; and our own Helm export,
 * installed and upgraded.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { helmBinary } from '../../helm/helm-binary';
import { cli } from '../../cli/run-cli';
import { SCENARIOS_DIR } from '../../helpers/fixtures';
import { referenceChart } from '../harness/reference-chart';
import { CLUSTER_START_TIMEOUT_MS, ClusterInfo, getJson, kubectl, playNode, startCluster } from '../harness/control-plane';

const REPO = path.resolve(__dirname, '..', '..', '..');
const RELEASE = 'my-openclaw';
let info: ClusterInfo;

beforeAll(async () => {
  info = await startCluster();
}, CLUSTER_START_TIMEOUT_MS);

function helm(args: string[]): { code: number; out: string } {
  const r = spawnSync(helmBinary(), args, { encoding: 'utf8', env: { ...process.env, KUBECONFIG: info.kubeconfig, HELM_CACHE_HOME: os.tmpdir() } });
  return { code: r.status ?? -1, out: `${r.stdout}${r.stderr}` };
}

function plainNamespace(name: string): string {
  kubectl(['create', 'namespace', name]);
  return name;
}

/** The commands of the migration doc's "Adopting an existing Helm release", in order. */
function migrationCommands(): string[] {
  const doc = fs.readFileSync(path.join(REPO, 'docs', 'migrating-from-helm.md'), 'utf8');
  const section = doc.split(/^## /m).find((s) => s.startsWith('Adopting an existing Helm release'))!;
  // Whole commands only: "openclaw-cdk8s synth ... | kubectl apply" is prose about later updates.
  return [...section.matchAll(/`((?:openclaw-cdk8s|kubectl) [^`]+)`/g)].map((m) => m[1]).filter((c) => !c.includes('...'));
}

test('the Helm migration, as docs/migrating-from-helm.md tells it, keeps the claims and lets Helm go', async () => {
  const ns = plainNamespace(`helm-migration-${process.pid % 10000}`);
  const install = helm(['install', RELEASE, referenceChart(), '-n', ns]);
  expect(install.out).toContain('STATUS: deployed');
  await playNode(ns, `app.kubernetes.io/instance=${RELEASE}`, 1);
  const claimBefore = getJson(['pvc', 'data-my-openclaw-0', '-n', ns]).metadata.uid;

  const commands = migrationCommands();
  expect(commands).toEqual([
    'openclaw-cdk8s synth -f values.yaml --release my-openclaw -n openclaw -o out',
    'kubectl delete secret -n openclaw -l owner=helm,name=my-openclaw',
    'kubectl delete statefulset my-openclaw -n openclaw --cascade=orphan',
    'kubectl apply --server-side --force-conflicts -n openclaw -f out/my-openclaw.k8s.yaml',
    'kubectl delete role,rolebinding my-openclaw -n openclaw',
    'kubectl delete configmap my-openclaw-gateway-config -n openclaw',
    'kubectl annotate serviceaccount,service,statefulset -n openclaw -l app.kubernetes.io/instance=my-openclaw meta.helm.sh/release-name- meta.helm.sh/release-namespace-',
    'kubectl label serviceaccount,service,statefulset -n openclaw -l app.kubernetes.io/instance=my-openclaw helm.sh/chart-',
  ]);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'openclaw-migration-'));
  fs.copyFileSync(path.join(SCENARIOS_DIR, '01-default.yaml'), path.join(work, 'values.yaml'));
  const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'openclaw-bin-'));
  fs.writeFileSync(path.join(bin, 'openclaw-cdk8s'), `#!/bin/sh\nexec node ${JSON.stringify(path.join(REPO, 'bin', 'openclaw-cdk8s.js'))} "$@"\n`, { mode: 0o755 });
  for (const command of commands) {
    const r = spawnSync('sh', ['-c', command.replace(/-n openclaw/g, `-n ${ns}`)], {
      cwd: work, encoding: 'utf8', env: { ...process.env, PATH: `${bin}:${path.dirname(info.kubectl)}:${process.env.PATH}`, KUBECONFIG: info.kubeconfig },
    });
    if (r.status !== 0) throw new Error(`${command}: ${r.stderr}`);
  }

  await playNode(ns, `app.kubernetes.io/instance=${RELEASE}`, 1);
  // The same claim, now used by the StatefulSet we rendered.
  expect(getJson(['pvc', 'data-my-openclaw-0', '-n', ns]).metadata.uid).toBe(claimBefore);
  const sts = getJson(['statefulset', RELEASE, '-n', ns]);
  // Our pod, not the Helm chart's: one prepare-state step in the OpenClaw image that also makes the
  // gateway token (the Helm chart had no such step), then migrate-config.
  const init = sts.spec.template.spec.initContainers;
  expect(init.map((c: any) => c.name)).toEqual(['prepare-state', 'migrate-config']);
  expect(init[0].image).toBe(sts.spec.template.spec.containers[0].image);
  expect(init[0].command ?? []).toContain('--token');
  // The server-side apply took every field Helm had set: the objects are ours now.
  const managers = getJson(['statefulset', RELEASE, '-n', ns, '--show-managed-fields']).metadata.managedFields.map((f: any) => f.manager);
  expect(managers).toContain('kubectl');
  // Nothing of the release still carries Helm's ownership marks.
  for (const o of getJson(['serviceaccount,service,statefulset', '-n', ns, '-l', `app.kubernetes.io/instance=${RELEASE}`]).items) {
    expect([o.kind, o.metadata.annotations?.['meta.helm.sh/release-name'], o.metadata.labels['helm.sh/chart'], o.metadata.labels['app.kubernetes.io/managed-by']])
      .toEqual([o.kind, undefined, undefined, 'cdk8s']);
  }
  // Helm has forgotten the release: `helm uninstall` deletes nothing.
  expect(helm(['list', '-n', ns]).out).not.toContain(RELEASE);
  const uninstall = helm(['uninstall', RELEASE, '-n', ns]);
  expect(uninstall.code).not.toBe(0);
  expect(uninstall.out).toMatch(/not found/);
  expect(getJson(['statefulset', RELEASE, '-n', ns]).metadata.uid).toBe(sts.metadata.uid);
  expect(getJson(['pvc', 'data-my-openclaw-0', '-n', ns]).metadata.uid).toBe(claimBefore);
});

test('our Helm export installs with helm, and upgrades with a changed values file', async () => {
  const ns = plainNamespace(`helm-export-${process.pid % 10000}`);
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'openclaw-export-'));
  const exported = await cli('helm', '--release', RELEASE, '-n', ns, '-o', out);
  expect(exported.code).toBe(0);
  const chart = fs.readdirSync(out).map((d) => path.join(out, d)).find((d) => fs.existsSync(path.join(d, 'Chart.yaml'))) ?? out;
  const install = helm(['install', RELEASE, chart, '-n', ns]);
  expect(install.out).toContain('STATUS: deployed');
  await playNode(ns, `app.kubernetes.io/instance=${RELEASE}`, 1);
  const claim = getJson(['pvc', 'data-my-openclaw-0', '-n', ns]).metadata.uid;

  // The export is pre-rendered: values given to helm are refused with the way to go instead.
  const values = path.join(os.tmpdir(), `openclaw-upgrade-values-${process.pid}.yaml`);
  fs.writeFileSync(values, 'replicaCount: 2\nbackup:\n  enabled: true\n');
  const withValues = helm(['upgrade', RELEASE, chart, '-n', ns, '-f', values]);
  expect(withValues.code).not.toBe(0);
  expect(withValues.out).toContain('this chart is pre-rendered and takes no values (--set, -f): change the values file and export the chart again with openclaw-cdk8s helm');
  // The documented way: export again from the changed values file, then helm upgrade.
  expect((await cli('helm', '-f', values, '--release', RELEASE, '-n', ns, '-o', out)).code).toBe(0);
  const upgrade = helm(['upgrade', RELEASE, chart, '-n', ns]);
  expect(upgrade.code).toBe(0);
  expect(upgrade.out).toContain('STATUS: deployed');
  await playNode(ns, `app.kubernetes.io/instance=${RELEASE}`, 2);
  const sts = getJson(['statefulset', RELEASE, '-n', ns]);
  expect(sts.spec.replicas).toBe(2);
  expect(sts.spec.template.spec.containers.map((c: any) => c.name)).toContain('backup');
  expect(getJson(['pvc', 'data-my-openclaw-0', '-n', ns]).metadata.uid).toBe(claim);
  expect(helm(['history', RELEASE, '-n', ns]).out).toMatch(/2\s+.*deployed/);
});
