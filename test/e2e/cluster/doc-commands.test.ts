/**
 * Every kubectl and helm command of README.md, docs/*.md and examples/README.md, run against the real
 * control plane, in the order the docs give them, file by file (the documented render applied first).
 *
 * - Commands are run as written, by bash (`set -euo pipefail`), with kubectl of the control plane's
 *   release on the PATH; only placeholders are filled in, each from the rendered objects
 *   (`<release>`, `<fullname>`, `<pod>`, `NS`, `POD`, ...). A wrong object name, namespace or flag
 *   fails here, because the API server refuses it.
 * - Commands that stream from a container (`exec`, `logs`, `cp`, `port-forward`) need a kubelet, which
 *   this control plane does not have: they are run too, and must get as far as the kubelet (the API
 *   server found the pod and the container and then had no node address to dial). They are counted
 *   apart.
 * - A span of prose that names a tool or a verb and is no command to copy (`kubectl apply`,
 *   `helm template`), and the commands of the Helm chart this project replaces (its repository and
 *   releases; test/e2e/cluster/helm.test.ts runs the migration against a Helm release), are listed
 *   with the reason, counted, and not run.
 *
 * The counts are printed at the end.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { OpenClawFleet } from '../../../src';
import { cli } from '../../cli/run-cli';
import { ROOT, SOURCES, blocksOf, inlineCommands, isShell, statementsOf } from '../../helpers/doc-sources';
import { SCENARIOS_DIR } from '../../helpers/fixtures';
import { helmBinary } from '../../helm/helm-binary';
import { referenceChart } from '../harness/reference-chart';
import { CLUSTER_START_TIMEOUT_MS, ClusterInfo, deleteNamespaces, getJson, kubectl, reportReady, startCluster } from '../harness/control-plane';

const RELEASE = 'my-openclaw';
const NS = 'openclaw';
/** The documented render: backups (so the backup container and claim exist), a Role and a NetworkPolicy. */
const SETS = ['backup.enabled=true', 'networkPolicy.enabled=true', 'rbac.create=true', 'rbac.rules[0].apiGroups[0]=', 'rbac.rules[0].resources[0]=pods', 'rbac.rules[0].verbs[0]=get'];
const TOOL = /(^|[\s;($|])(kubectl|helm)\s/;
const KUBELET_VERBS = ['exec', 'logs', 'cp', 'port-forward', 'attach'];
/** What the API server answers once it found the pod and container and wants the kubelet. */
const NO_KUBELET = /no preferred addresses found|unable to forward port because pod is not running/;

/** Prose that names a tool or verb and is no command to copy, and the Helm chart's own commands: why each is not run. */
const NOT_RUN: Record<string, string> = {
  'kubectl apply': 'a verb named in prose, no command',
  'kubectl apply -n <any>': 'a verb named in prose (any namespace); the namespace-free render is applied into another namespace by test/cli/no-namespace.test.ts',
  'kubectl rollout restart': 'a verb named in prose, no command',
  'kubectl rollout status': 'a verb named in prose, no command',
  'kubectl auth can-i': 'a verb named in prose, no command',
  'kubectl describe pod': 'a verb named in prose, no command',
  'kubectl exec ... -- node dist/index.js devices list': 'elided (`...`); the full command is the `kubectl exec -n NS POD` one, run up to the kubelet',
  'kubectl logs my-openclaw-0 -n openclaw -c restore-state': 'the restore-state container exists only with backup.restoreFrom, which the documented render does not set; test/e2e/s3.test.ts runs it and reads its refusal on a real pod',
  'helm lint': 'a tool named in prose; test/helm runs it on the export',
  'helm template': 'a tool named in prose',
  'helm install': 'a tool named in prose',
  'helm install -n': 'a tool named in prose',
  'helm install <release>': 'a tool named in prose (what a release name is)',
  'helm uninstall': 'a tool named in prose (what not to run)',
  'helm show values': 'the Helm chart\'s command (its repository), compared in a table',
  'helm -o': 'the `openclaw-cdk8s helm -o` subcommand named in prose, not the helm tool',
  'helm template my-openclaw openclaw/openclaw -n openclaw -f values.yaml': 'the Helm chart\'s command: needs its repository (openclaw/openclaw), which this project replaces',
  'helm install my-openclaw openclaw/openclaw -n openclaw -f values.yaml': 'the Helm chart\'s command: needs its repository (openclaw/openclaw), which this project replaces',
  'openclaw-cdk8s synth ... | kubectl apply --server-side -f -': 'elided (`...`); the full pipeline of the same doc runs',
};

interface DocCommand { readonly where: string; readonly line: number; readonly text: string }

/** The kubectl/helm commands of one file, blocks and prose, in the order of the file. */
function commandsOf(file: string): DocCommand[] {
  const fromBlocks = blocksOf(file).filter(isShell).flatMap((b) => statementsOf(b.text).map((text) => ({ where: `${file}:${b.line}`, line: b.line, text })));
  const fromProse = inlineCommands(file).map((c) => ({ where: `${file}:${c.line}`, line: c.line, text: c.text }));
  return [...fromBlocks, ...fromProse].sort((a, b) => a.line - b.line);
}

let info: ClusterInfo;
const RENDER = () => path.join(work, 'render', `${RELEASE}.k8s.yaml`);

/** The documented render under each name the docs apply (`-o out`, cdk8s's dist/, a file of stdout), applied. */
async function applyRender(): Promise<void> {
  for (const to of [`out/${RELEASE}.k8s.yaml`, `dist/${RELEASE}.k8s.yaml`, 'openclaw.k8s.yaml']) {
    fs.mkdirSync(path.dirname(path.join(work, to)), { recursive: true });
    fs.copyFileSync(RENDER(), path.join(work, to));
  }
  fs.writeFileSync(path.join(work, 'values.yaml'), '{}\n');
  volumes();
  kubectl(['apply', '--server-side', '--force-conflicts', '-n', NS, '-f', RENDER()]);
  await settle(NS);
}

/**
 * Where a doc's commands assume another state than the documented render: migrating-from-helm.md's
 * "Adopting an existing Helm release" starts from a Helm release of the chart (a stand-in of it,
 * test/e2e/cluster/reference-chart.ts) and renders the chart's own values.
 */
const STAGES: Array<{ file: string; heading: string; setup: () => Promise<void> }> = [{
  file: 'docs/migrating-from-helm.md',
  heading: '## Adopting an existing Helm release',
  setup: async () => {
    kubectl(['delete', '-n', NS, '-f', RENDER(), '--wait=false', '--ignore-not-found']);
    await settle(NS);
    const install = await bash(`helm install ${RELEASE} ${referenceChart()} -n ${NS}`);
    expect(install.out).toContain('STATUS: deployed');
    await settle(NS);
    // The section's first step, as written: render the chart's values into out/.
    fs.copyFileSync(path.join(SCENARIOS_DIR, '01-default.yaml'), path.join(work, 'values.yaml'));
    expect((await bash(`openclaw-cdk8s synth -f values.yaml --release ${RELEASE} -n ${NS} -o out`)).code).toBe(0);
  },
}];

let work: string;
let bin: string;
const placeholders: Array<[RegExp, string]> = [];
const outcome = { ranOnCluster: [] as string[], ranLocally: [] as string[], stoppedAtKubelet: [] as string[], notRun: [] as string[] };

beforeAll(async () => {
  info = await startCluster();
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'openclaw-doc-commands-'));
  bin = fs.mkdtempSync(path.join(os.tmpdir(), 'openclaw-doc-bin-'));
  fs.writeFileSync(path.join(bin, 'openclaw-cdk8s'), `#!/bin/sh\nexec node ${JSON.stringify(path.join(ROOT, 'bin', 'openclaw-cdk8s.js'))} "$@"\n`, { mode: 0o755 });
  fs.symlinkSync(helmBinary(), path.join(bin, 'helm'));
  freshNamespace(NS);
  const r = await cli('synth', '--quiet', '--release', RELEASE, '-n', NS, '-o', path.join(work, 'render'), ...SETS.flatMap((s) => ['--set', s]));
  if (r.code !== 0) throw new Error(r.stderr);
  const file = RENDER();
  const objects = parseAllDocuments(fs.readFileSync(file, 'utf8')).map((d) => d.toJSON()).filter(Boolean);
  const sts = objects.find((o: any) => o.kind === 'StatefulSet');
  const fill: Record<string, string> = {
    '<release>': sts.metadata.labels['app.kubernetes.io/instance'], '<fullname>': sts.metadata.name, '<statefulset>': sts.metadata.name,
    '<pod>': `${sts.metadata.name}-0`, POD: `${sts.metadata.name}-0`, NS: sts.metadata.namespace, '<namespace>': sts.metadata.namespace,
    '<name>': `${sts.metadata.name}-gateway-token`, FILE: `out/${RELEASE}.k8s.yaml`, DIR: 'out', '<dir>': path.join(ROOT, 'bench', 'helm-standin'),
    '<values>': path.join(ROOT, 'test/fixtures/reference/scenarios/04-ingress-tls.yaml'), '<archive>': 'latest.tar.gz',
  };
  for (const [k, v] of Object.entries(fill)) placeholders.push([new RegExp(k.startsWith('<') ? k : `\\b${k}\\b`, 'g'), v]);
}, CLUSTER_START_TIMEOUT_MS);

afterAll(() => {
  const total = Object.values(outcome).reduce((n, l) => n + l.length, 0);
  process.stdout.write([
    `doc commands (Kubernetes ${info?.version}): ${total} kubectl/helm commands`,
    `  ${outcome.ranOnCluster.length} run against the control plane`,
    `  ${outcome.ranLocally.length} run without a cluster (--local, helm template)`,
    `  ${outcome.stoppedAtKubelet.length} need a kubelet (exec, logs, cp): run up to the API server, which found the pod and container`,
    `  ${outcome.notRun.length} not run:`, ...outcome.notRun.map((l) => `    ${l}`), '',
  ].join('\n'));
});

/** Namespace `name`, empty, as `kubectl create namespace` makes it. */
function freshNamespace(name: string): void {
  deleteNamespaces([name]);
  kubectl(['create', 'namespace', name]);
}

/**
 * Storage as a cluster with an expandable default class has it: the release's claim binds to a volume
 * reserved for it (made again when an uninstall released it), so the documented resize can run.
 */
function volumes(): void {
  const name = `doc-commands-data-${RELEASE}-0`;
  const pv = kubectl(['get', 'pv', name, '-o', 'json'], undefined, true);
  if (pv.code === 0 && JSON.parse(pv.stdout).status.phase === 'Released') kubectl(['delete', 'pv', name, '--timeout=60s']);
  kubectl(['apply', '--server-side', '-f', '-'], JSON.stringify({
    apiVersion: 'v1', kind: 'List', items: [
      {
        apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'standard', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
        provisioner: 'kubernetes.io/no-provisioner', allowVolumeExpansion: true, volumeBindingMode: 'Immediate',
      },
      {
        apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name },
        spec: {
          capacity: { storage: '50Gi' }, accessModes: ['ReadWriteOnce'], storageClassName: 'standard', hostPath: { path: `/tmp/${name}` },
          persistentVolumeReclaimPolicy: 'Retain', claimRef: { namespace: NS, name: `data-${RELEASE}-0` },
        },
      },
    ],
  }));
}

/**
 * Plays the kubelet until the namespace is at rest: pods bound to the node and reported ready,
 * deleted pods removed, and every StatefulSet with its pods.
 */
async function settle(ns: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!settleOnce(ns)) {
    if (Date.now() > deadline) throw new Error(`namespace ${ns} did not settle: ${kubectl(['get', 'pods', '-n', ns]).stdout}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

/** One round of the kubelet's work in `ns`; true when there was none left. */
function settleOnce(ns: string): boolean {
  const pods = getJson(['pods', '-n', ns]).items as any[];
  let busy = false;
  for (const pod of pods) {
    busy = true;
    if (pod.metadata.deletionTimestamp) kubectl(['delete', 'pod', pod.metadata.name, '-n', ns, '--grace-period=0', '--force', '--wait=false'], undefined, true);
    else if (!pod.spec.nodeName) {
      kubectl(['create', '--raw', `/api/v1/namespaces/${ns}/pods/${pod.metadata.name}/binding`, '-f', '-'], JSON.stringify({
        apiVersion: 'v1', kind: 'Binding', metadata: { name: pod.metadata.name }, target: { apiVersion: 'v1', kind: 'Node', name: info.nodeName },
      }), true);
    } else if (!(pod.status?.conditions ?? []).some((c: any) => c.type === 'Ready' && c.status === 'True')) reportReady(pod, true);
    else busy = false;
  }
  const wanted = (getJson(['statefulsets', '-n', ns]).items as any[]).reduce((n, s) => n + (s.spec.replicas ?? 1), 0);
  const owned = pods.filter((p) => p.metadata.ownerReferences?.some((o: any) => o.kind === 'StatefulSet')).length;
  return !busy && owned === wanted;
}

/** Runs `script` in bash while playing the kubelet for `NS` (a `kubectl wait` or `delete` waits for it). */
async function bash(script: string, timeoutMs = 90_000): Promise<{ code: number; out: string }> {
  const child = spawn('bash', ['-euo', 'pipefail', '-c', script], {
    cwd: work, env: { ...process.env, PATH: `${bin}:${path.dirname(info.kubectl)}:${process.env.PATH}`, KUBECONFIG: info.kubeconfig, HELM_CACHE_HOME: os.tmpdir(), ANTHROPIC_API_KEY: 'doc-test-key' },
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const exited = new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? -1)));
  let code: number | undefined;
  void exited.then((c) => (code = c));
  const deadline = Date.now() + timeoutMs;
  while (code === undefined) {
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      return { code: await exited, out: `${out}\n(timed out after ${timeoutMs} ms)` };
    }
    settleOnce(NS);
    await Promise.race([exited, new Promise((r) => setTimeout(r, 300))]);
  }
  return { code, out };
}

/** Runs one documented command; returns the bucket it counts in. */
async function run(c: DocCommand): Promise<keyof typeof outcome> {
  let text = c.text;
  for (const [re, v] of placeholders) text = text.replace(re, v);
  const words = text.trim().split(/\s+/);
  const verb = words[0] === 'kubectl' ? words.slice(1).find((w, i, rest) => !w.startsWith('-') && !['-n', '-c', '--namespace'].includes(rest[i - 1])) : undefined;
  // A namespaced command without a namespace acts on whatever namespace the reader's kubeconfig is in.
  if (verb && verb !== 'auth') {
    const scoped = /(^|\s)(-n|--namespace)[ =]\S|(^|\s)(-A|--all-namespaces|-f|--local)(\s|$)|\s[a-z0-9-]+\/[a-z0-9-]+:\//.test(text);
    if (!scoped) throw new Error(`${c.where}: \`${c.text}\` names no namespace: it acts on the kubeconfig's current namespace, not the release's`);
  }
  const r = await bash(text.replace(/^(?:npx )?openclaw-cdk8s /, 'openclaw-cdk8s '));
  const report = `${c.where}: ${c.text}\n  ran: ${text}\n  exit ${r.code}: ${r.out.trim()}`;
  if (verb && KUBELET_VERBS.includes(verb)) {
    if (!(r.code !== 0 && NO_KUBELET.test(r.out))) throw new Error(`expected to reach the kubelet:\n${report}`);
    return 'stoppedAtKubelet';
  }
  if (/kubectl auth can-i/.test(text)) {
    // The doc says it answers `no`: kubectl prints it and exits 1.
    if (!(r.code === 1 && r.out.trim() === 'no')) throw new Error(`expected "no":\n${report}`);
    return 'ranOnCluster';
  }
  if (r.code !== 0) throw new Error(`failed:\n${report}`);
  return /--local\b|^helm template /.test(text) ? 'ranLocally' : 'ranOnCluster';
}

describe.each(SOURCES.filter((f) => commandsOf(f).some((c) => TOOL.test(c.text))))('%s', (file) => {
  test('its kubectl and helm commands run against the control plane, in order', async () => {
    // The documented render first, as a reader who followed the docs so far has it.
    await applyRender();
    if (file === 'docs/fleet-tenancy.md') applyFleet();
    const lines = fs.readFileSync(path.join(ROOT, file), 'utf8').split('\n');
    const stages = STAGES.filter((s) => s.file === file).map((s) => ({ ...s, line: lines.indexOf(s.heading) + 1 }));
    for (const c of commandsOf(file)) {
      for (const stage of stages.filter((s) => s.line > 0 && c.line > s.line)) {
        stages.splice(stages.indexOf(stage), 1);
        await stage.setup();
      }
      if (!TOOL.test(c.text)) {
        // Shell the commands depend on (a here-document writing a manifest) runs; renders are made above.
        if (/^cat > /.test(c.text)) expect((await bash(c.text)).code).toBe(0);
        continue;
      }
      if (NOT_RUN[c.text]) {
        outcome.notRun.push(`${c.where}: \`${c.text}\`: ${NOT_RUN[c.text]}`);
        continue;
      }
      outcome[await run(c)].push(`${c.where}: ${c.text}`);
      await settle(NS);
    }
  }, 600_000);
});

/** The fleet docs/fleet-tenancy.md describes: alice and bob in namespaces of their own, each with a Role. */
function applyFleet(): void {
  const fleet = new OpenClawFleet({
    defaults: { rbac: { create: true, rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }] } },
    tenants: [{ name: 'alice' }, { name: 'bob' }],
  });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openclaw-doc-fleet-'));
  const objects = fleet.writeTo(dir).files.flatMap((f) => {
    kubectl(['apply', '--server-side', '-f', f.path]);
    return parseAllDocuments(fs.readFileSync(f.path, 'utf8')).map((d) => d.toJSON());
  });
  // The names the doc's command uses are the rendered ones.
  expect(objects.some((o: any) => o?.kind === 'ServiceAccount' && o.metadata.name === 'alice-openclaw' && o.metadata.namespace === 'openclaw-alice')).toBe(true);
  expect(objects.some((o: any) => o?.kind === 'Namespace' && o.metadata.name === 'openclaw-bob')).toBe(true);
}

test('every command is accounted for, and most of them run', () => {
  // Declared after the files' tests, so it runs after them.
  const unknown = Object.keys(NOT_RUN).filter((t) => !SOURCES.some((f) => commandsOf(f).some((c) => c.text === t)));
  expect(unknown).toEqual([]);
  const all = SOURCES.flatMap((f) => commandsOf(f).filter((c) => TOOL.test(c.text)));
  expect(Object.values(outcome).reduce((n, l) => n + l.length, 0)).toBe(all.length);
  // Every command that is a command (not a tool named in prose) runs, or runs up to the kubelet.
  expect(outcome.ranOnCluster.length).toBeGreaterThanOrEqual(35);
  expect(outcome.stoppedAtKubelet.length).toBeGreaterThanOrEqual(8);
});
