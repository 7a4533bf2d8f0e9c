/**
 * End-to-end, the agent's browser: the rendered pod with `browser.enabled` runs Debian's chromium as
 * its `browser` sidecar (the rendered command and args; the machine's chromium stands in for the
 * image's binary) next to the real gateway. The browser tool, called through the gateway's HTTP
 * tool API (`POST /tools/invoke`), opens a page that this test serves from another pod-network
 * namespace, and the tool reads back the page's <title>, unique to this run.
 */
import { ChildProcess, spawn } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { synthObjects } from '../helpers/synth';
import { ensureOpenClaw, OpenClawInstall } from './harness/install';
import { NetNamespace, PodNetwork } from './harness/pod-network';
import { Prober } from './harness/pod-prober';
import { killNow, sleep, track } from './harness/pod-process';
import { PodRunResult, runPod, RunningPod } from './harness/pod-runner';

const TOKEN = 'e2e-browser-gateway-token';
const PORT = 18789;
const WEB_PORT = 8080;
const TITLE = `openclaw-browser-e2e-${crypto.randomBytes(6).toString('hex')}`;
const POD_TIMEOUT_MS = 300000;

let install: OpenClawInstall;
let net: PodNetwork;
let client: NetNamespace;
let web: NetNamespace;
let clientProber: Prober;
let server: ChildProcess;
const figures: Record<string, unknown> = { title: TITLE };

/** A one-page HTTP server in the `web` namespace: the page the agent's browser opens. */
function startWebServer(ns: NetNamespace): Promise<void> {
  const html = `<!doctype html><html><head><title>${TITLE}</title></head><body><h1>browser e2e</h1></body></html>`;
  const src = `require('http').createServer((q, s) => { s.writeHead(200, { 'Content-Type': 'text/html' }); s.end(${JSON.stringify(html)}); })`
    + `.listen(${WEB_PORT}, ${JSON.stringify(ns.address)}, () => console.log('listening'));`;
  server = track(spawn('nsenter', [`--net=${ns.netns}`, '--', process.execPath, '-e', src], { stdio: ['ignore', 'pipe', 'inherit'] }));
  return new Promise((resolve, reject) => {
    server.stdout!.once('data', () => resolve());
    server.once('exit', (code) => reject(new Error(`web server exited with ${code}`)));
  });
}

beforeAll(async () => {
  install = ensureOpenClaw();
  net = PodNetwork.create();
  client = net.addNamespace('client');
  web = net.addNamespace('web');
  clientProber = new Prober(client.netns);
  await startWebServer(web);
});

afterAll(() => {
  clientProber?.kill();
  if (server) killNow(server);
  net?.destroy();
  process.stderr.write(`[openclaw-e2e browser] ${JSON.stringify(figures)}\n`);
  if (install) fs.writeFileSync(path.join(install.dir, 'e2e-browser.json'), JSON.stringify({ at: new Date().toISOString(), ...figures }, null, 2) + '\n');
});

/** `POST /tools/invoke` of the browser tool from the client pod, with the gateway token. */
async function browserTool(podIP: string, args: Record<string, unknown>): Promise<{ status?: number; body: any; raw?: string; error?: string }> {
  const r = await clientProber.request({
    type: 'http', host: podIP, port: PORT, path: '/tools/invoke', method: 'POST', timeoutMs: 60000,
    body: JSON.stringify({ tool: 'browser', args }),
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}` },
  });
  let body: any;
  try {
    body = JSON.parse(r.body ?? '');
  } catch {
    body = undefined;
  }
  return { status: r.status, body, raw: r.body, error: r.error };
}

describe('browser sidecar: the browser tool through the gateway reads a page title', () => {
  let r: PodRunResult;
  const seen: Record<string, unknown> = {};

  beforeAll(async () => {
    const objects = synthObjects({
      browser: { enabled: true, allowedHostnames: [web.address] },
      gateway: { tokenSecret: {} },
    }, { namespace: 'openclaw' });
    const t0 = Date.now();
    r = await runPod(objects, {
      install, namespace: 'openclaw', network: net, authCheck: false, timeoutMs: POD_TIMEOUT_MS,
      secretValues: { 'my-openclaw-gateway-token': { OPENCLAW_GATEWAY_TOKEN: TOKEN } },
      whileReady: async (pod: RunningPod) => {
        const sidecar = objects.find((o) => o.kind === 'StatefulSet').spec.template.spec.containers.find((c: any) => c.name === 'browser');
        // The sidecar's startup probe command, run in the sidecar as the kubelet would, until it passes.
        const probeStart = Date.now();
        let probe = { code: null as number | null, out: '' };
        for (let i = 0; i < 30; i++) {
          probe = await pod.execIn('browser', sidecar.startupProbe.exec.command, 5000);
          if (probe.code === 0) break;
          await sleep(2000);
        }
        seen.probe = { code: probe.code, out: probe.out.slice(-300), ms: Date.now() - probeStart };
        // CDP is on the pod's loopback only: from the client pod, the pod address refuses 9222.
        seen.cdpFromClient = await clientProber.request({ type: 'tcp', host: pod.podIP, port: 9222, timeoutMs: 3000 });
        const url = `http://${web.address}:${WEB_PORT}/`;
        const openStart = Date.now();
        const open = await browserTool(pod.podIP, { action: 'open', url });
        seen.open = { status: open.status, ms: Date.now() - openStart, details: open.body?.result?.details, error: open.error ?? (open.body ? undefined : open.raw) };
        const targetId = open.body?.result?.details?.targetId;
        // `open` answers before the page has loaded; `tabs` lists each tab's current title.
        for (let i = 0; i < 20; i++) {
          const tabs = await browserTool(pod.podIP, { action: 'tabs' });
          const tab = (tabs.body?.result?.details?.tabs ?? []).find((t: any) => t.targetId === targetId);
          seen.tabs = { status: tabs.status, tab, ms: Date.now() - openStart };
          if (tab?.title) break;
          await sleep(500);
        }
        seen.sidecarLog = pod.sidecarLog('browser').split('\n').filter((l) => !/dbus/.test(l)).slice(-10).join('\n');
      },
    });
    figures.podMs = Date.now() - t0;
    figures.seen = seen;
    figures.probes = r.probes.map((p) => [p.kind, p.status, p.firstPassMs]);
  }, POD_TIMEOUT_MS + 120000);

  const story = () => JSON.stringify({ podError: r.podError, whileReadyError: r.whileReadyError, seen, sidecars: r.sidecars, log: r.main.logTail.split('\n').slice(-20) }, null, 2);

  it('the gateway pod with the browser sidecar starts; the rendered openclaw.json passes OpenClaw\'s validation', () => {
    if (!r.ok || r.whileReadyError) throw new Error(story());
    expect(r.validate?.status).toBe('valid');
  });

  it('the sidecar\'s probe command (GET /json/version on 127.0.0.1) passes against the running Chromium', () => {
    expect(seen.probe).toMatchObject({ code: 0 });
  });

  it('CDP is not reachable from another pod', () => {
    expect(seen.cdpFromClient).not.toMatchObject({ ok: true });
  });

  it('the browser tool opens the test\'s page in the sidecar and reads its unique title', () => {
    expect(seen.open).toMatchObject({ status: 200, details: { url: `http://${web.address}:${WEB_PORT}/`, browserTab: { profile: 'sidecar' } } });
    expect(seen.tabs).toMatchObject({ status: 200, tab: { title: TITLE } });
  });
});
