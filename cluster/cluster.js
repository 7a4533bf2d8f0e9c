#!/usr/bin/env node
/**
 * A real Kubernetes control plane on loopback for the cluster tests: etcd, kube-apiserver and
 * kube-controller-manager, built from Kubernetes' and etcd's own Go modules (cluster/kube) at one
 * pinned release. `npm run cluster -- up` prints the admin kubeconfig's path as its last line;
 * `npm run cluster -- down` stops everything and removes its state.
 *
 * - The binary is built once per release and source hash, into
 *   ~/.cache/openclaw-cdk8s/kubernetes/<release>/ (OPENCLAW_CDK8S_CACHE moves the cache).
 * - The API server runs the admission plugins a normal cluster runs (PodSecurity, ServiceAccount,
 *   LimitRanger, ResourceQuota, ...) and authorizes with RBAC. The admin is a static token of group
 *   system:masters; the serving certificate is the one the API server makes for itself.
 * - No kubelet and no scheduler: the tests play the node (bind pods, report their status), and no
 *   storage provisioner: claims stay Pending, which is all that claim identity needs.
 */
'use strict';
const { spawn, spawnSync } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const https = require('https');
const net = require('net');
const os = require('os');
const path = require('path');

/** The Kubernetes release: k8s.io/kubernetes in cluster/kube/go.mod. */
const KUBERNETES_VERSION = 'v1.36.3';
const MODULE_DIR = path.join(__dirname, 'kube');
const { CACHE_ROOT, goFailure, sourceHash } = require('./go-build');
/** One cluster per machine user; `down` finds it here. */
const STATE_DIR = process.env.OPENCLAW_CDK8S_CLUSTER_DIR || path.join(os.tmpdir(), `openclaw-cdk8s-cluster-${os.userInfo().uid}`);
/** A node name the tests bind pods to (there is no kubelet). */
const NODE_NAME = 'openclaw-test-node';

class ClusterError extends Error {}


/** Path of the control-plane binary, built when this release and source have none in the cache. */
function build(log = (line) => process.stderr.write(`${line}\n`)) {
  const dir = path.join(CACHE_ROOT, 'kubernetes', KUBERNETES_VERSION);
  const binary = path.join(dir, `kube-${sourceHash(MODULE_DIR)}`);
  if (fs.existsSync(binary)) return binary;
  const go = spawnSync('go', ['version'], { encoding: 'utf8' });
  if (go.error) throw new ClusterError(`Go is needed to build Kubernetes ${KUBERNETES_VERSION} (go 1.26 or newer on PATH): ${go.error.code === 'ENOENT' ? 'go: command not found' : go.error.message}`);
  const [major, minor] = (/go(\d+)\.(\d+)/.exec(go.stdout) || []).slice(1).map(Number);
  if (!(major > 1 || (major === 1 && minor >= 26))) throw new ClusterError(`Kubernetes ${KUBERNETES_VERSION} needs Go 1.26 or newer; found ${go.stdout.trim()}`);
  fs.mkdirSync(dir, { recursive: true });
  const minorVersion = KUBERNETES_VERSION.split('.')[1];
  const ldflags = [
    '-s', '-w',
    `-X k8s.io/component-base/version.gitVersion=${KUBERNETES_VERSION}`,
    '-X k8s.io/component-base/version.gitMajor=1',
    `-X k8s.io/component-base/version.gitMinor=${minorVersion}`,
    '-X k8s.io/component-base/version.gitTreeState=clean',
  ].join(' ');
  const tmp = `${binary}.${process.pid}.tmp`;
  log(`cluster: building Kubernetes ${KUBERNETES_VERSION} and etcd from Go modules (cold: about 15 minutes on 2 cores; cached afterwards in ${dir})`);
  const started = Date.now();
  const r = spawnSync('go', ['build', '-mod=readonly', '-trimpath', '-ldflags', ldflags, '-o', tmp, '.'], {
    cwd: MODULE_DIR, encoding: 'utf8', env: { ...process.env, CGO_ENABLED: '0' }, maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) {
    fs.rmSync(tmp, { force: true });
    throw new ClusterError(goFailure(r, `Kubernetes'`, 'go build failed'));
  }
  fs.renameSync(tmp, binary);
  log(`cluster: built in ${Math.round((Date.now() - started) / 1000)} s`);
  return binary;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

function startProcess(binary, args, logFile) {
  const out = fs.openSync(logFile, 'a');
  const child = spawn(binary, args, { detached: true, stdio: ['ignore', out, out] });
  child.unref();
  fs.closeSync(out);
  return child.pid;
}

function get(url, token, ca) {
  return new Promise((resolve) => {
    const req = https.get(url, { headers: token ? { Authorization: `Bearer ${token}` } : {}, ca, timeout: 2000 }, (res) => {
      let body = '';
      res.on('data', (c) => { body += c; });
      res.on('end', () => resolve({ status: res.statusCode, body }));
    });
    req.on('error', () => resolve({ status: 0, body: '' }));
    req.on('timeout', () => { req.destroy(); });
  });
}

function httpGet(url) {
  return new Promise((resolve) => {
    require('http').get(url, (res) => { res.resume(); res.on('end', () => resolve(res.statusCode)); }).on('error', () => resolve(0));
  });
}

async function waitFor(what, check, seconds, logFile) {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  const tail = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').trim().split('\n').slice(-8).join('\n') : '';
  throw new ClusterError(`${what} did not become ready in ${seconds} s; the end of ${logFile}:\n${tail}`);
}

function kubeconfigText(server, token, caFile) {
  return [
    'apiVersion: v1', 'kind: Config', 'current-context: openclaw-test',
    'clusters:', '- name: openclaw-test', '  cluster:', `    server: ${server}`, `    certificate-authority: ${caFile}`,
    'users:', '- name: admin', '  user:', `    token: ${token}`,
    'contexts:', '- name: openclaw-test', '  context:', '    cluster: openclaw-test', '    user: admin', '',
  ].join('\n');
}

/** What `up` made: read back by tests from the state directory. */
function info() {
  const file = path.join(STATE_DIR, 'cluster.json');
  return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : undefined;
}

function alive(pid) {
  try { process.kill(pid, 0); return true; } catch { return false; }
}

/** Starts the control plane (or finds the running one) and returns its info. */
async function up(log) {
  const running = info();
  if (running && running.pids.every(alive)) return running;
  if (running) down();
  const binary = build(log);
  fs.mkdirSync(STATE_DIR, { recursive: true, mode: 0o700 });
  const file = (n) => path.join(STATE_DIR, n);
  const [etcdClient, etcdPeer, apiPort] = [await freePort(), await freePort(), await freePort()];
  const token = crypto.randomBytes(24).toString('hex');
  fs.writeFileSync(file('tokens.csv'), `${token},admin,admin,system:masters\n`, { mode: 0o600 });
  const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  fs.writeFileSync(file('sa.key'), privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  fs.mkdirSync(file('certs'), { recursive: true });
  const pids = [];
  const record = (extra = {}) => fs.writeFileSync(file('cluster.json'), JSON.stringify({
    version: KUBERNETES_VERSION, binary, stateDir: STATE_DIR, pids, kubeconfig: file('admin.kubeconfig'),
    kubectl: file('kubectl'), server: `https://127.0.0.1:${apiPort}`, nodeName: NODE_NAME, ...extra,
  }, null, 2));

  pids.push(startProcess(binary, ['etcd', '--name=default', `--data-dir=${file('etcd')}`, '--unsafe-no-fsync',
    `--listen-client-urls=http://127.0.0.1:${etcdClient}`, `--advertise-client-urls=http://127.0.0.1:${etcdClient}`,
    `--listen-peer-urls=http://127.0.0.1:${etcdPeer}`, `--initial-advertise-peer-urls=http://127.0.0.1:${etcdPeer}`,
    `--initial-cluster=default=http://127.0.0.1:${etcdPeer}`, '--log-level=warn'], file('etcd.log')));
  record();
  await waitFor('etcd', async () => (await httpGet(`http://127.0.0.1:${etcdClient}/health`)) === 200, 60, file('etcd.log'));

  pids.push(startProcess(binary, ['kube-apiserver', `--etcd-servers=http://127.0.0.1:${etcdClient}`,
    '--bind-address=127.0.0.1', '--advertise-address=127.0.0.1', `--secure-port=${apiPort}`, `--cert-dir=${file('certs')}`,
    '--service-cluster-ip-range=10.0.0.0/24', '--authorization-mode=RBAC', `--token-auth-file=${file('tokens.csv')}`,
    '--service-account-issuer=https://kubernetes.default.svc', `--service-account-key-file=${file('sa.key')}`,
    `--service-account-signing-key-file=${file('sa.key')}`, '--allow-privileged=true',
    // A normal cluster's plugins (the defaults include PodSecurity, ServiceAccount, LimitRanger,
    // ResourceQuota, DefaultStorageClass); these two are on in kubeadm clusters too.
    '--enable-admission-plugins=NodeRestriction,DefaultTolerationSeconds', '-v=1'], file('kube-apiserver.log')));
  record();
  const ca = () => fs.existsSync(file('certs/apiserver.crt')) ? fs.readFileSync(file('certs/apiserver.crt')) : undefined;
  await waitFor('kube-apiserver', async () => ca() !== undefined && (await get(`https://127.0.0.1:${apiPort}/readyz`, token, ca())).status === 200,
    180, file('kube-apiserver.log'));
  fs.writeFileSync(file('admin.kubeconfig'), kubeconfigText(`https://127.0.0.1:${apiPort}`, token, file('certs/apiserver.crt')), { mode: 0o600 });
  fs.writeFileSync(file('kubectl'), `#!/bin/sh\nKUBECONFIG="\${KUBECONFIG:-${file('admin.kubeconfig')}}" exec '${binary}' kubectl "$@"\n`, { mode: 0o755 });

  pids.push(startProcess(binary, ['kube-controller-manager', `--kubeconfig=${file('admin.kubeconfig')}`, '--leader-elect=false',
    `--service-account-private-key-file=${file('sa.key')}`, `--root-ca-file=${file('certs/apiserver.crt')}`,
    '--use-service-account-credentials=true', '--secure-port=0',
    // No kubelet sends heartbeats: the node lifecycle controller would evict every pod after 5 minutes.
    '--controllers=*,-node-lifecycle-controller', '-v=1'], file('kube-controller-manager.log')));
  record();
  // Ready when the controllers run: the root CA ConfigMap appears in the default namespace.
  await waitFor('kube-controller-manager', async () => (await get(`https://127.0.0.1:${apiPort}/api/v1/namespaces/default/configmaps/kube-root-ca.crt`, token, ca())).status === 200,
    120, file('kube-controller-manager.log'));
  return info();
}

/** Stops every process `up` started and removes the state. */
function down() {
  const running = info();
  for (const pid of running ? running.pids.slice().reverse() : []) {
    try { process.kill(pid, 'SIGTERM'); } catch { /* already gone */ }
  }
  const deadline = Date.now() + 10000;
  while (running && running.pids.some(alive) && Date.now() < deadline) spawnSync('sleep', ['0.1']);
  for (const pid of running ? running.pids : []) {
    try { process.kill(pid, 'SIGKILL'); } catch { /* already gone */ }
  }
  fs.rmSync(STATE_DIR, { recursive: true, force: true });
}

module.exports = { build, up, down, info, ClusterError, KUBERNETES_VERSION, NODE_NAME };

if (require.main === module) {
  const command = process.argv[2];
  const run = async () => {
    if (command === 'up') process.stdout.write(`${(await up()).kubeconfig}\n`);
    else if (command === 'down') down();
    else if (command === 'build') process.stdout.write(`${build()}\n`);
    else if (command === 'status') process.stdout.write(`${JSON.stringify(info() || { running: false }, null, 2)}\n`);
    else { process.stderr.write('usage: npm run cluster -- up|down|build|status\n'); process.exitCode = 2; }
  };
  run().catch((e) => {
    process.stderr.write(`cluster: ${e instanceof ClusterError ? e.message : e && e.stack || e}\n`);
    process.exitCode = 1;
  });
}
