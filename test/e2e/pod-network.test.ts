/**
 * End-to-end on a pod network: the chart's gateway pod in a network namespace of its own with a
 * pod address, a client pod and an ingress proxy in theirs, all on a bridge in a "node" namespace
 * (see pod-network.ts), and a ClusterIP Service in front. Each render is started once; while it
 * runs, the client calls `POST /tools/invoke` with the token: directly, through the proxy (which
 * sets `X-Forwarded-For` like ingress-nginx), directly with a forged `X-Forwarded-For`, and through
 * the Service. The kubelet's probes come from the node address.
 *
 * The statuses and bodies are written to `<install dir>/e2e-pod-network.json` and to stderr.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { OpenClawChartProps } from '../../src';
import { ensureOpenClaw, OpenClawInstall } from './harness/install';
import { chartObjects } from './harness/manifests';
import { NetNamespace, PodNetwork } from './harness/pod-network';
import { Prober } from './harness/pod-prober';
import { PodRunResult, runPod, RunningPod, RunPodOptions } from './harness/pod-runner';

const PORT = 18789;
const POD_TIMEOUT_MS = 280000;
/** The calls and the in-pod commands (two CLI starts of up to 150 s each on a loaded machine). */
const WHILE_READY_MS = 400000;
const PROXY_PORT = 8080;
const TOKEN = 'e2e-gateway-token';
/** An address no pod has: what a pod claims to be when it forges the header. */
const FORGED = '203.0.113.7';
/** A read-only tool every gateway serves over HTTP. */
const BODY = JSON.stringify({ tool: 'sessions_list', args: {} });

interface Call {
  readonly status?: number;
  readonly body?: string;
  readonly error?: string;
}

interface Rows {
  direct: Call;
  proxied: Call;
  forged: Call;
  service: Call;
  serviceClusterIP?: string;
  gatewayAddress?: string;
}

let install: OpenClawInstall;
let net: PodNetwork;
let client: NetNamespace;
let proxy: NetNamespace;
let clientProber: Prober;
const figures: Record<string, unknown> = {};

beforeAll(() => {
  install = ensureOpenClaw();
  net = PodNetwork.create();
  client = net.addNamespace('client');
  proxy = net.addNamespace('proxy');
  clientProber = new Prober(client.netns);
});

afterAll(() => {
  clientProber?.kill();
  net?.destroy();
  if (!install) return;
  const file = path.join(install.dir, 'e2e-pod-network.json');
  fs.writeFileSync(file, JSON.stringify({ at: new Date().toISOString(), ...figures }, null, 2) + '\n');
  process.stderr.write(`[openclaw-e2e pod-network] figures written to ${file}\n`);
});

/** `POST /tools/invoke` with the token from the client pod. */
function invoke(host: string, port: number, headers: Record<string, string> = {}): Promise<Call> {
  return clientProber.request({
    type: 'http', host, port, path: '/tools/invoke', method: 'POST', body: BODY, timeoutMs: 20000,
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}`, ...headers },
  });
}

/** The four calls against a running gateway pod. */
async function callRows(pod: RunningPod, rows: Rows): Promise<void> {
  rows.gatewayAddress = pod.podIP;
  const stopProxy = await net.startProxy(proxy, PROXY_PORT, pod.podIP, PORT);
  const service = await net.addService(PORT, pod.podIP, PORT);
  try {
    rows.serviceClusterIP = service.clusterIP;
    rows.direct = await invoke(pod.podIP, PORT);
    rows.proxied = await invoke(proxy.address, PROXY_PORT);
    rows.forged = await invoke(pod.podIP, PORT, { 'X-Forwarded-For': FORGED });
    rows.service = await invoke(service.clusterIP, PORT);
  } finally {
    stopProxy();
    service.stop();
  }
}

const brief = (c: Call) => ({ status: c.status, body: c.body?.slice(0, 300), error: c.error });

/** One render on the pod network: the gateway started once, the rows recorded, then checked one by one. */
function onPodNetwork(name: string, props: () => OpenClawChartProps, expected: { direct: number; proxied: number; forged: number; service: number },
  more?: (pod: RunningPod) => Promise<void>, checks?: (r: PodRunResult) => void, options: Partial<RunPodOptions> = {}): void {
  describe(name, () => {
    let r: PodRunResult;
    const rows = {} as Rows;
    beforeAll(async () => {
      r = await runPod(chartObjects(props(), TOKEN), {
        install, namespace: 'openclaw', network: net, authCheck: false,
        secretValues: { 'my-openclaw-gateway-token': { OPENCLAW_GATEWAY_TOKEN: TOKEN } },
        whileReady: async (pod) => {
          await callRows(pod, rows);
          if (more) await more(pod);
        },
        // A shared 2-core machine can take minutes to start the gateway: the pod may use the chart's
        // startup budget (5 min) up to what the hook allows.
        timeoutMs: POD_TIMEOUT_MS,
        ...options,
      });
      const probes = r.probes.map((p) => ({ kind: p.kind, handler: p.handler, status: p.status, firstPassMs: p.firstPassMs }));
      figures[name] = {
        podIP: r.podIP, nodeAddress: net.nodeAddress, proxy: proxy.address, client: client.address, serviceClusterIP: rows.serviceClusterIP,
        direct: rows.direct && brief(rows.direct), proxied: rows.proxied && brief(rows.proxied), forged: rows.forged && brief(rows.forged),
        service: rows.service && brief(rows.service), probes, listenMs: r.main.listenMs, durationMs: r.durationMs,
      };
      process.stderr.write(`[openclaw-e2e pod-network] ${name}: direct ${rows.direct?.status} proxied ${rows.proxied?.status} `
        + `forged ${rows.forged?.status} service ${rows.service?.status}; probes ${probes.map((p) => `${p.kind} ${p.status}@${p.firstPassMs}ms`).join(', ')} (${r.durationMs} ms)\n`);
    }, POD_TIMEOUT_MS + WHILE_READY_MS);

    const story = () => JSON.stringify({ podError: r.podError, whileReadyError: r.whileReadyError, figures: figures[name], log: r.main.logTail.split('\n').slice(-20) }, null, 2);

    it('the gateway pod has a pod-network address; every kubelet probe passes from the node address', () => {
      if (!r.ok || r.whileReadyError) throw new Error(story());
      expect(r.podIP).toMatch(new RegExp(`^10\\.89\\.${net.x}\\.\\d+$`));
      // The managed openclaw.json (trustedProxies as rendered) passes OpenClaw's own validation.
      expect(r.validate?.status).toBe('valid');
      expect(r.probes.map((p) => [p.kind, p.status])).toEqual([['startup', 'passed'], ['readiness', 'passed'], ['liveness', 'passed']]);
      for (const p of r.probes) expect(p.handler).toContain(`http://${r.podIP}:${PORT}/`);
    });

    it(`direct call from another pod: ${expected.direct}`, () => {
      expect(brief(rows.direct)).toMatchObject({ status: expected.direct });
      if (expected.direct === 200) expect(JSON.parse(rows.direct.body!)).toMatchObject({ ok: true });
    });

    it(`through the ingress proxy with X-Forwarded-For: ${expected.proxied}`, () => {
      expect(brief(rows.proxied)).toMatchObject({ status: expected.proxied });
      if (expected.proxied === 403) expect(rows.proxied.body).toContain('proxy_attribution_required');
    });

    it(`a pod with a forged X-Forwarded-For: ${expected.forged}`, () => {
      expect(brief(rows.forged)).toMatchObject({ status: expected.forged });
      if (expected.forged === 403) expect(rows.forged.body).toContain('proxy_attribution_required');
    });

    it(`through the ClusterIP Service: ${expected.service}`, () => {
      expect(brief(rows.service)).toMatchObject({ status: expected.service });
    });

    if (checks) it('scenario checks', () => checks(r));
  });
}

// The README's ingress example, as rendered by default: nothing trusted.
const INGRESS: OpenClawChartProps = {
  ingress: { enabled: true, className: 'nginx', hosts: [{ host: 'openclaw.example.com' }], tls: [{ secretName: 'openclaw-tls', hosts: ['openclaw.example.com'] }] },
};

onPodNetwork('default ingress render (no trusted proxies)', () => INGRESS, { direct: 200, proxied: 403, forged: 403, service: 200 });

// ---------------------------------------------------------------------------------------------
// The same run checks what the chart promises inside the pod: the heap cap, a writable ~/.config
// kept on the volume, and the pairing commands the summary prints.
// ---------------------------------------------------------------------------------------------

type Exec = { code: number | null; out: string };
const inPod: Record<'heap' | 'config' | 'devicesList' | 'devicesApprove', Exec> = {} as any;
const pvcDir = fs.mkdtempSync(path.join(os.tmpdir(), 'openclaw-e2e-pvc-'));
afterAll(() => fs.rmSync(pvcDir, { recursive: true, force: true }));

async function inPodChecks(pod: RunningPod): Promise<void> {
  inPod.heap = await pod.exec(['node', '-e', 'const v8 = require("v8"); console.log(JSON.stringify({ nodeOptions: process.env.NODE_OPTIONS, '
    + 'heapLimitMiB: Math.round(v8.getHeapStatistics().heap_size_limit / 1048576) }))'], 60000);
  inPod.config = await pod.exec(['sh', '-c', 'mkdir -p "$HOME/.config/codex" && echo written > "$HOME/.config/codex/e2e-probe" && cat "$HOME/.config/codex/e2e-probe"'], 30000);
  // The summary's commands, verbatim, in the image's WORKDIR (where `kubectl exec` starts).
  inPod.devicesList = await pod.exec(['node', 'dist/index.js', 'devices', 'list'], 150000, '/app');
  inPod.devicesApprove = await pod.exec(['node', 'dist/index.js', 'devices', 'approve', 'e2e-no-such-request'], 150000, '/app');
  figures.inPod = inPod;
}

onPodNetwork('ingress with trustedProxies: [the proxy pod /32]', () => ({ ...INGRESS, gateway: { trustedProxies: [`${proxy.address}/32`] } }),
  { direct: 200, proxied: 200, forged: 403, service: 200 }, inPodChecks, (r) => {
    // The default 4Gi limit: 75% of 4096 MiB, in the gateway process itself and in V8's own limit.
    expect(r.main.processEnv?.NODE_OPTIONS).toBe('--max-old-space-size=3072');
    const heap = JSON.parse(inPod.heap.out.trim().split('\n').pop()!);
    expect(heap.nodeOptions).toBe('--max-old-space-size=3072');
    expect(heap.heapLimitMiB).toBeGreaterThanOrEqual(3072);
    // V8's limit is the old space plus the young generation (measured: 3264 MiB).
    expect(heap.heapLimitMiB).toBeLessThan(3072 + 256);
    // ~/.config is writable for other runtimes and lands on the claim, next to the auth-profile key.
    expect(inPod.config).toEqual({ code: 0, out: 'written\n' });
    const claim = path.join(pvcDir, 'data-my-openclaw-0');
    expect(fs.readFileSync(path.join(claim, '.config/codex/e2e-probe'), 'utf8')).toBe('written\n');
    expect(fs.statSync(path.join(claim, '.config/openclaw')).isDirectory()).toBe(true);
  }, { pvcDir });

describe('pairing commands from the summary work in the pod', () => {
  it('devices list answers from the gateway', () => {
    expect(inPod.devicesList).toBeDefined();
    expect(inPod.devicesList).toMatchObject({ code: 0, out: expect.stringMatching(/No device pairing entries|Pending|Paired/) });
  });
  it('devices approve <requestId> names an unknown request', () => {
    expect(inPod.devicesApprove).toBeDefined();
    expect(inPod.devicesApprove.out).toMatch(/No pending device request matches e2e-no-such-request\. Run openclaw devices list/);
  });
});
