/**
 * Day two on a real control plane: one release, a matrix of changes applied in turn, each either
 * accepted by the API server or refused and then carried through with docs/day-two.md's procedure,
 * run exactly as written. Every claim keeps its uid throughout.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { cli } from '../../cli/run-cli';
import { CLUSTER_START_TIMEOUT_MS, ClusterInfo, apply, getJson, kubectl, playNode, restrictedNamespace, startCluster } from '../harness/control-plane';

const RELEASE = 'my-openclaw';
const SELECTOR = `app.kubernetes.io/instance=${RELEASE}`;
const DAY_TWO_DOC = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'docs', 'day-two.md'), 'utf8');
const IMMUTABLE = "spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden";

let info: ClusterInfo;
let ns: string;
let distDir: string;
/** Claim name -> uid, as first seen. */
const claimUids = new Map<string, string>();
const matrix: Record<string, string> = {};

beforeAll(async () => {
  info = await startCluster();
  ns = restrictedNamespace('day-two');
  // Storage as a cluster with an expandable default class has it: claims bind to pre-made volumes.
  kubectl(['apply', '--server-side', '-f', '-'], JSON.stringify({
    apiVersion: 'v1', kind: 'List', items: [
      ...['standard', 'fast'].map((name) => ({
        apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name, annotations: name === 'standard' ? { 'storageclass.kubernetes.io/is-default-class': 'true' } : {} },
        provisioner: 'kubernetes.io/no-provisioner', allowVolumeExpansion: true, volumeBindingMode: 'Immediate',
      })),
      // Each volume reserved for one claim of this release (claimRef), so no other test's claim takes it.
      ...['data-my-openclaw-0', 'data-my-openclaw-1', 'data-my-openclaw-2', 'backups-my-openclaw-0'].map((claim) => ({
        apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: `${ns}-${claim}` },
        spec: {
          capacity: { storage: '50Gi' }, accessModes: ['ReadWriteOnce', 'ReadWriteMany'], storageClassName: 'standard',
          hostPath: { path: `/tmp/${ns}/${claim}` }, persistentVolumeReclaimPolicy: 'Retain', claimRef: { namespace: ns, name: claim },
        },
      })),
    ],
  }));
  distDir = fs.mkdtempSync(path.join(require('os').tmpdir(), 'openclaw-day-two-'));
}, CLUSTER_START_TIMEOUT_MS);

afterAll(() => {
  process.stdout.write(`day-two matrix (Kubernetes ${info?.version}):\n${Object.entries(matrix).map(([k, v]) => `  ${k}: ${v}`).join('\n')}\n`);
});

/** Renders the release with `--set` values into dist/my-openclaw.k8s.yaml (what the docs apply). */
async function render(...sets: string[]): Promise<string> {
  const r = await cli('synth', '--quiet', '--release', RELEASE, '-n', ns, '-o', distDir, ...sets.flatMap((s) => ['--set', s]));
  if (r.code !== 0) throw new Error(r.stderr);
  return path.join(distDir, `${RELEASE}.k8s.yaml`);
}

/** Every claim of the release seen so far still exists with the same uid; new ones are recorded. */
function expectClaimsKept(): string[] {
  const claims = getJson(['pvc', '-n', ns]).items as any[];
  const now = new Map(claims.map((c) => [c.metadata.name, c.metadata.uid]));
  for (const [name, uid] of claimUids) expect(`${name} ${now.get(name)}`).toBe(`${name} ${uid}`);
  for (const [name, uid] of now) if (!claimUids.has(name)) claimUids.set(name, uid);
  return [...now.keys()].sort();
}

/** Runs the bash block of docs/day-two.md under `heading`, for this test's namespace and files. */
function runProcedure(heading: string): void {
  const section = DAY_TWO_DOC.split(/^## /m).find((s) => s.startsWith(heading));
  const script = /```bash\n([\s\S]*?)```/.exec(section ?? '')?.[1];
  if (!script) throw new Error(`docs/day-two.md has no bash block under "${heading}"`);
  const r = spawnSync('bash', ['-euo', 'pipefail', '-c', script.replace(/-n openclaw/g, `-n ${ns}`).replace(/dist\/my-openclaw\.k8s\.yaml/g, path.join(distDir, `${RELEASE}.k8s.yaml`))], {
    encoding: 'utf8', env: { ...process.env, PATH: `${path.dirname(info.kubectl)}:${process.env.PATH}`, KUBECONFIG: info.kubeconfig },
  });
  if (r.status !== 0) throw new Error(`docs/day-two.md "${heading}" failed: ${r.stderr}`);
}

async function applies(change: string, sets: string[], replicas = 1): Promise<void> {
  const r = apply(await render(...sets), ns);
  expect(r.code).toBe(0);
  await playNode(ns, SELECTOR, replicas, 90);
  expectClaimsKept();
  matrix[change] = 'applied, claims kept';
}

async function refusedThenProcedure(change: string, sets: string[], procedure: string): Promise<void> {
  const refused = apply(await render(...sets), ns, [], true);
  expect(refused.code).not.toBe(0);
  expect(refused.stderr).toContain(IMMUTABLE);
  expect(DAY_TWO_DOC).toContain(IMMUTABLE);
  runProcedure(procedure);
  await playNode(ns, SELECTOR, 1, 90);
  expectClaimsKept();
  matrix[change] = `refused by the API server; "${procedure}" run as written, claims kept`;
}

test('install', async () => {
  await applies('install', []);
  expect(expectClaimsKept()).toEqual(['data-my-openclaw-0']);
  expect(getJson(['pvc', 'data-my-openclaw-0', '-n', ns]).status.phase).toBe('Bound');
});

test('backup on and off: only the pod template changes', async () => {
  await applies('backup.enabled=true', ['backup.enabled=true']);
  const sts = getJson(['statefulset', RELEASE, '-n', ns]);
  expect(sts.spec.template.spec.containers.map((c: any) => c.name)).toContain('backup');
  await applies('backup.enabled=false', []);
});

test('replicaCount 3, 0, 1: claims stay', async () => {
  await applies('replicaCount=3', ['replicaCount=3'], 3);
  expect(expectClaimsKept()).toEqual(['data-my-openclaw-0', 'data-my-openclaw-1', 'data-my-openclaw-2']);
  await applies('replicaCount=0', ['replicaCount=0'], 0);
  await applies('replicaCount=1', ['replicaCount=1'], 1);
  expect(expectClaimsKept()).toEqual(['data-my-openclaw-0', 'data-my-openclaw-1', 'data-my-openclaw-2']);
});

test('image tag down and up a release line', async () => {
  await applies('image.tag=2026.7.35 (down)', ['image.tag=2026.7.35']);
  await applies('image.tag=2026.9.6 (up)', ['image.tag=2026.9.6']);
});

test('ingress, HTTPRoute, NetworkPolicy, RBAC rules and per-replica overrides', async () => {
  kubectl(['apply', '--server-side', '-f', path.join(__dirname, '..', '..', '..', 'schemas', 'crds', 'gateway.networking.k8s.io_httproutes.yaml')]);
  await applies('ingress.enabled=true', ['ingress.enabled=true']);
  await applies('httpRoute.enabled=true', ['httpRoute.enabled=true', 'httpRoute.parentRefs[0].name=gw']);
  await applies('networkPolicy.enabled=true', ['networkPolicy.enabled=true']);
  expect(getJson(['networkpolicy', '-n', ns]).items.map((p: any) => p.metadata.name)).toEqual([RELEASE]);
  await applies('networkPolicy.enabled=false', []);
  // Applied without pruning, the policy stays until the documented delete.
  expect(getJson(['networkpolicy', '-n', ns]).items).toHaveLength(1);
  runProcedure('Removed objects');
  expect(getJson(['networkpolicy', '-n', ns]).items).toHaveLength(0);
  await applies('rbac.rules', ['rbac.create=true', 'rbac.rules[0].apiGroups[0]=', 'rbac.rules[0].resources[0]=configmaps', 'rbac.rules[0].verbs[0]=get']);
  expect(getJson(['role', RELEASE, '-n', ns]).rules).toEqual([{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }]);
  await applies('replicaOverrides', ['replicaOverrides.0.env.TEAM=blue']);
});

test('persistence.size: refused, then grown in place by the documented procedure', async () => {
  await refusedThenProcedure('persistence.size=20Gi', ['persistence.size=20Gi'], 'Growing the claims');
  expect(getJson(['pvc', 'data-my-openclaw-0', '-n', ns]).spec.resources.requests.storage).toBe('20Gi');
  expect(getJson(['statefulset', RELEASE, '-n', ns]).spec.volumeClaimTemplates[0].spec.resources.requests.storage).toBe('20Gi');
});

test('storageClass, accessMode and backup.claim own: refused, then the StatefulSet replaced with pods and claims kept', async () => {
  await refusedThenProcedure('persistence.storageClass=fast', ['persistence.size=20Gi', 'persistence.storageClass=fast'], 'Changing claim templates');
  // The existing claim keeps its class: only new replicas get the new template.
  expect(getJson(['pvc', 'data-my-openclaw-0', '-n', ns]).spec.storageClassName).toBe('standard');
  await refusedThenProcedure('persistence.accessMode=ReadWriteMany', ['persistence.size=20Gi', 'persistence.storageClass=fast', 'persistence.accessMode=ReadWriteMany'], 'Changing claim templates');
  await refusedThenProcedure('backup.claim=own', ['persistence.size=20Gi', 'persistence.storageClass=fast', 'persistence.accessMode=ReadWriteMany', 'backup.enabled=true', 'backup.claim=own'], 'Changing claim templates');
  expect(getJson(['statefulset', RELEASE, '-n', ns]).spec.volumeClaimTemplates.map((t: any) => t.metadata.name)).toEqual(['data', 'backups']);
  // The controller makes the missing backups claim for the adopted pod.
  const claims = expectClaimsKept();
  expect(claims).toContain('backups-my-openclaw-0');
});
