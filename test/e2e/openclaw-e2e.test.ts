/**
 * End-to-end: the pods our manifests describe really run the OpenClaw gateway.
 *
 * Each scenario hands a list of Kubernetes objects to `runPod`, which runs the workload's pod like
 * the kubelet would (init containers, volumes, env, user, probes) with the real OpenClaw from npm,
 * inside private namespaces, and checks the outcome against the scenario's expectations.
 *
 * Objects come from `render(...)`: today the reference chart's renders; chart scenarios use
 * `synthObjects(props, { namespace })` from `../helpers/synth` the same way.
 */
import * as fs from 'fs';
import * as path from 'path';
import { OpenClawChartProps } from '../../src';
import { synthObjects } from '../helpers/synth';
import { ensureOpenClaw, OpenClawInstall } from './harness/install';
import { editPod, loadManifests, REFERENCE_DIR } from './harness/manifests';
import { K8sObject, PodRunResult, ProbeKind, runPod, RunPodOptions } from './harness/pod-runner';

/** A rendered reference file (`01-default.k8s.yaml`, ...). */
const render = (file: string): K8sObject[] => loadManifests(path.join(REFERENCE_DIR, file));

interface Expectations {
  /** All init containers exit 0 (`pass`), or the pod stops in its init phase (`fail`). @default 'pass' */
  readonly init?: 'pass' | 'fail';
  /** `openclaw config validate` after the init containers. @default 'valid' */
  readonly validate?: 'valid' | 'invalid' | 'missing';
  /** Must match the validate output. */
  readonly validateOutput?: RegExp;
  /** Every declared probe passes within its budget (`pass`), or the pod never gets there (`fail`). @default 'pass' */
  readonly probes?: 'pass' | 'fail';
  /** Probes the pod must declare, e.g. `['startup', 'readiness', 'liveness']`. */
  readonly declaredProbes?: ProbeKind[];
  /** With `probes: 'fail'`: this probe is the one that failed. */
  readonly failedProbe?: ProbeKind;
  /** Must match the main container's log (e.g. why it exited). */
  readonly mainLog?: RegExp;
  /** Token enforcement on an authenticated endpoint. @default 'enforced' when probes pass */
  readonly auth?: 'enforced' | 'skip';
  /** Further assertions on the result. */
  readonly check?: (r: PodRunResult) => void;
}

let install: OpenClawInstall;
const figures: Record<string, unknown> = {};

beforeAll(() => {
  // Throws with the reason when Node 24 / OpenClaw cannot be installed: the suite never skips.
  install = ensureOpenClaw();
  figures.install = { version: install.version, node: install.nodeVersion, cached: install.cached, elapsedMs: install.elapsedMs, coldInstallMs: install.coldInstallMs };
});

afterAll(() => {
  if (!install) return;
  const file = path.join(install.dir, 'e2e-last-run.json');
  fs.writeFileSync(file, JSON.stringify({ at: new Date().toISOString(), ...figures }, null, 2) + '\n');
  process.stderr.write(`[openclaw-e2e] figures written to ${file}\n`);
});

function summary(r: PodRunResult) {
  return {
    podError: r.podError,
    init: r.initContainers.map((c) => ({ name: c.name, exitCode: c.exitCode, stderr: c.stderr.slice(-2000) })),
    validate: r.validate && { status: r.validate.status, output: r.validate.output.slice(-2000) },
    listenMs: r.main.listenMs,
    exit: r.main.exit,
    probes: r.probes.map((p) => ({ kind: p.kind, handler: p.handler, status: p.status, firstAttemptMs: p.firstAttemptMs, firstPassMs: p.firstPassMs, budgetMs: p.budgetMs, lastError: p.lastError, history: p.history.slice(-5) })),
    auth: r.auth && { enforced: r.auth.enforced, withToken: r.auth.withToken.status, withoutToken: r.auth.withoutToken.status, wrongToken: r.auth.wrongToken.status },
    logTail: r.main.logTail.split('\n').slice(-25).join('\n'),
  };
}

/** Fails with the pod's story (init logs, validate output, probe history, gateway log tail). */
function explain(ok: boolean, r: PodRunResult): void {
  if (!ok) throw new Error(`unexpected pod outcome:\n${JSON.stringify(summary(r), null, 2)}`);
}

/** One pod run with its expectations: a `describe` with one test per expectation. */
function scenario(name: string, objects: () => K8sObject[], expected: Expectations, options: Partial<RunPodOptions> = {}): void {
  describe(name, () => {
    let r: PodRunResult;
    beforeAll(async () => {
      // OPENCLAW_E2E_KEEP=1 keeps each pod's work dir (volumes, rootfs, logs, pod.sh) for inspection.
      const keep = !!process.env.OPENCLAW_E2E_KEEP;
      r = await runPod(objects(), { install, keepWorkDir: keep, log: keep ? (m) => process.stderr.write(`[openclaw-e2e] ${m}\n`) : undefined, ...options });
      const s = summary(r);
      figures[name] = { durationMs: r.durationMs, listenMs: s.listenMs, validate: r.validate?.status, probes: s.probes.map(({ history: _h, ...p }) => p), auth: s.auth, ok: r.ok, podError: r.podError };
      const probes = r.probes.map((p) => `${p.kind} ${p.status}${p.firstPassMs !== undefined ? ` @${p.firstPassMs}ms` : ''}`).join(', ');
      process.stderr.write(`[openclaw-e2e] ${name}: validate=${r.validate?.status} listen=${r.main.listenMs ?? '-'}ms probes: ${probes || 'none'} auth=${r.auth?.enforced ?? '-'} (${r.durationMs} ms)\n`);
    });

    const init = expected.init ?? 'pass';
    it(`init containers ${init === 'pass' ? 'all exit 0' : 'fail'}`, () => {
      const passed = !r.podError && r.initContainers.every((c) => c.exitCode === 0);
      explain(passed === (init === 'pass'), r);
    });

    if (init === 'pass') {
      const validate = expected.validate ?? 'valid';
      it(`openclaw config validate: ${validate}`, () => {
        expect({ status: r.validate?.status, output: r.validate?.output }).toMatchObject({ status: validate });
        if (expected.validateOutput) expect(r.validate?.output).toMatch(expected.validateOutput);
      });
    }

    if (expected.declaredProbes) {
      it(`declares ${expected.declaredProbes.join(', ')} probes`, () => {
        expect(r.probes.map((p) => p.kind).sort()).toEqual([...expected.declaredProbes!].sort());
      });
    }

    const probes = expected.probes ?? 'pass';
    it(probes === 'pass' ? 'every probe passes within its budget, the gateway keeps running' : 'the pod does not become healthy', () => {
      // `passed` follows the kubelet's rules: a success before failureThreshold consecutive failures.
      const allPassed = r.ok && r.probes.every((p) => p.status === 'passed');
      explain(allPassed === (probes === 'pass'), r);
      if (expected.failedProbe) {
        expect(summary(r).probes.find((p) => p.kind === expected.failedProbe)).toMatchObject({ status: 'failed' });
      }
    });

    if (expected.mainLog) {
      it(`main container log matches ${expected.mainLog}`, () => {
        expect(r.main.logTail).toMatch(expected.mainLog!);
      });
    }

    if ((expected.auth ?? (probes === 'pass' ? 'enforced' : 'skip')) === 'enforced') {
      it('the gateway token from the Secret is accepted, a missing or wrong token refused', () => {
        expect(r.auth).toBeDefined();
        expect({ enforced: r.auth!.enforced, ...r.auth }).toMatchObject({
          enforced: true,
          withoutToken: { status: 401 },
          wrongToken: { status: 401 },
        });
      });
    }

    if (expected.check) it('scenario checks', () => expected.check!(r));
  });
}

// ---------------------------------------------------------------------------------------------
// Pods derived from the reference chart's default render
// ---------------------------------------------------------------------------------------------

const TOKEN_SECRET = 'my-openclaw-e2e-gateway-token';

/**
 * The reference default pod made healthy: without the init container that writes the retired
 * `allowInsecureAuth` key, with the gateway token from a Secret, and HTTP probes on the health
 * endpoints through the named port `http`, gated by a startup probe.
 */
function healthyPod(): K8sObject[] {
  return editPod(render('01-default.k8s.yaml'), (pod, c, all) => {
    delete pod.initContainers;
    const configMapVolumes = new Set((pod.volumes ?? []).filter((v: any) => v.configMap).map((v: any) => v.name));
    pod.volumes = (pod.volumes ?? []).filter((v: any) => !configMapVolumes.has(v.name));
    c.volumeMounts = c.volumeMounts.filter((m: any) => !configMapVolumes.has(m.name));
    c.env.push({ name: 'OPENCLAW_GATEWAY_TOKEN', valueFrom: { secretKeyRef: { name: TOKEN_SECRET, key: 'gateway-token' } } });
    c.startupProbe = { httpGet: { path: '/startupz', port: 'http' }, periodSeconds: 2, timeoutSeconds: 2, failureThreshold: 60 };
    c.readinessProbe = { httpGet: { path: '/readyz', port: 'http' }, periodSeconds: 5, timeoutSeconds: 3, failureThreshold: 3 };
    c.livenessProbe = { httpGet: { path: '/healthz', port: 'http' }, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3 };
    all.push({ apiVersion: 'v1', kind: 'Secret', metadata: { name: TOKEN_SECRET }, type: 'Opaque', data: { 'gateway-token': Buffer.from('rendered').toString('base64') } });
  });
}

// ---------------------------------------------------------------------------------------------
// Scenarios
// ---------------------------------------------------------------------------------------------

scenario(
  'reference chart default render (negative: retired config key, no token)',
  () => render('01-default.k8s.yaml'),
  {
    validate: 'invalid',
    validateOutput: /allowInsecureAuth/,
    probes: 'fail',
    mainLog: /Refusing to bind gateway to lan without auth/,
    check: (r) => {
      expect(r.initContainers).toMatchObject([{ name: 'gateway-config', exitCode: 0 }]);
      expect(r.main.exit?.code).not.toBe(0);
      // The fieldRef the reference chart calls a replica index is the pod name.
      expect(r.mainEnv.STATEFULSET_REPLICA_INDEX).toBe('my-openclaw-0');
    },
  },
  // The readiness verdict can come before the gateway gives up: wait for it to exit and say why.
  { namespace: 'openclaw', awaitExitOnFailureMs: 60000 },
);

scenario(
  'healthy pod: token from a Secret, startup/readiness/liveness on /startupz, /readyz, /healthz',
  healthyPod,
  {
    // No init container seeds a config: the gateway runs unconfigured (--allow-unconfigured).
    validate: 'missing',
    declaredProbes: ['startup', 'readiness', 'liveness'],
    check: (r) => {
      expect(r.mainEnv.OPENCLAW_GATEWAY_TOKEN).toBe(r.secretValues[TOKEN_SECRET]['gateway-token']);
      expect(r.mainEnv.POD_NAME).toBe('my-openclaw-0');
      expect(r.main.tmpWrites).toContain('openclaw/');
    },
  },
  { namespace: 'openclaw' },
);

// ---------------------------------------------------------------------------------------------
// The chart's own manifests, run as the kubelet would
// ---------------------------------------------------------------------------------------------

/**
 * Synthesized objects plus the token Secret a user creates before installing: these scenarios opt
 * into `gateway.tokenSecret` (the generated token is day-two.test.ts's subject).
 */
function chart(props: OpenClawChartProps, tokenSecret = 'my-openclaw-gateway-token', tokenKey = 'OPENCLAW_GATEWAY_TOKEN'): () => K8sObject[] {
  return () => [
    ...synthObjects({ ...props, gateway: { tokenSecret: {}, ...props.gateway } }, { namespace: 'openclaw' }),
    { apiVersion: 'v1', kind: 'Secret', metadata: { name: tokenSecret, namespace: 'openclaw' }, type: 'Opaque', data: { [tokenKey]: Buffer.from('e2e-gateway-token').toString('base64') } },
  ];
}

const CHART_PROBES: ProbeKind[] = ['startup', 'readiness', 'liveness'];

scenario('chart: default deployment', chart({}), {
  // Nothing to manage by default: no config file is written, and the gateway runs unconfigured.
  validate: 'missing',
  declaredProbes: CHART_PROBES,
  check: (r) => {
    expect(r.initContainers.map((c) => [c.name, c.exitCode])).toEqual([['prepare-state', 0], ['migrate-config', 0]]);
    // The token reaches the gateway from the Secret the chart names by default (test value filled in).
    expect(r.mainEnv.OPENCLAW_GATEWAY_TOKEN).toBe(r.secretValues['my-openclaw-gateway-token'].OPENCLAW_GATEWAY_TOKEN);
    expect(r.mainEnv.STATEFULSET_REPLICA_INDEX).toBe('0');
  },
}, { namespace: 'openclaw' });

scenario('chart: ingress with TLS (nothing trusted unless listed)', chart({
  existingSecret: { name: 'openclaw-secrets', keys: { OPENCLAW_GATEWAY_TOKEN: 'OPENCLAW_GATEWAY_TOKEN' } },
  ingress: { enabled: true, className: 'nginx', hosts: [{ host: 'openclaw.example.com' }], tls: [{ secretName: 'tls', hosts: ['openclaw.example.com'] }] },
  agentModel: 'anthropic/claude-sonnet-4-6',
  gateway: { channels: { telegram: { enabled: false, allowFrom: ['123456789'] } } },
}, 'openclaw-secrets'), {
  validate: 'valid',
  declaredProbes: CHART_PROBES,
  check: (r) => expect(r.initContainers.map((c) => [c.name, c.exitCode])).toEqual([['prepare-state', 0], ['gateway-config', 0], ['migrate-config', 0]]),
}, { namespace: 'openclaw', validateAfterStart: true });

scenario('chart: persistence off', chart({ persistence: { enabled: false }, agentModel: 'anthropic/claude-sonnet-4-6' }), {
  validate: 'valid',
  declaredProbes: CHART_PROBES,
}, { namespace: 'openclaw' });

scenario('chart: per-replica settings, replica 1', chart({
  replicaCount: 3,
  replicaOverrides: { 0: { env: { REPLICA_ROLE: 'primary' } }, 1: { env: { REPLICA_ROLE: 'secondary', CUSTOM_VAR: 'replica-1-value' } } },
}), {
  validate: 'missing',
  declaredProbes: CHART_PROBES,
  check: (r) => {
    expect(r.mainEnv.STATEFULSET_REPLICA_INDEX).toBe('1');
    expect(r.mainEnv.POD_NAME).toBe('my-openclaw-1');
    // The running gateway got replica 1's values through the wrapper, and none of replica 0's.
    expect(r.main.processEnv).toMatchObject({ REPLICA_ROLE: 'secondary', CUSTOM_VAR: 'replica-1-value', STATEFULSET_REPLICA_INDEX: '1' });
  },
}, { namespace: 'openclaw', replicaIndex: 1 });

scenario('chart: pinned older-style TCP probes', chart({
  livenessProbe: { tcpSocket: { port: 18789 } },
  readinessProbe: { tcpSocket: { port: 18789 } },
  startupProbe: { tcpSocket: { port: 18789 } },
}), {
  validate: 'missing',
  declaredProbes: CHART_PROBES,
  check: (r) => expect(r.probes.every((p) => /^tcpSocket/.test(p.handler))).toBe(true),
}, { namespace: 'openclaw' });

scenario(
  'negative: startup probe on a port nothing listens on',
  () =>
    editPod(healthyPod(), (_pod, c) => {
      c.startupProbe = { httpGet: { path: '/startupz', port: 18790 }, periodSeconds: 1, timeoutSeconds: 1, failureThreshold: 4 };
    }),
  { validate: 'missing', probes: 'fail', failedProbe: 'startup', check: (r) => expect(r.probes.find((p) => p.kind === 'startup')?.lastError).toMatch(/ECONNREFUSED/) },
  { namespace: 'openclaw' },
);

scenario(
  'negative: readiness probe on a named port the container does not declare',
  () =>
    editPod(healthyPod(), (_pod, c) => {
      delete c.startupProbe;
      c.readinessProbe = { httpGet: { path: '/readyz', port: 'gateway' }, periodSeconds: 1, timeoutSeconds: 1, failureThreshold: 3 };
    }),
  { validate: 'missing', probes: 'fail', failedProbe: 'readiness', check: (r) => expect(r.probes.find((p) => p.kind === 'readiness')?.lastError).toMatch(/named port "gateway"/) },
  { namespace: 'openclaw' },
);
