/**
 * The release matrix: the chart's default render and the README's ingress example, pinned to each
 * release of test/e2e/harness/releases.ts, run with that release of OpenClaw from npm. Every probe the chart
 * declares passes, the probes are the ones the version gates pick, the config the chart writes
 * validates, and the token is enforced. Figures (listen time, probe results) go to
 * `<cache root>/release-matrix-last-run.json` and stderr.
 *
 * Installs overlap the pod runs: a background `install.ts` installs the releases in order while the
 * pods of the first run; `ensureOpenClaw` waits on its lock. `OPENCLAW_E2E_RELEASES=2026.7.35,...`
 * runs a subset.
 */
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { OpenClawChartProps } from '../../src';
import { imageFeatures } from '../../src/core/versions';
import { synthObjects } from '../helpers/synth';
import { cacheRoot, ensureOpenClaw } from './harness/install';
import { INGRESS_EXAMPLE, MATRIX_RELEASES, releasesToInstall } from './harness/releases';
import { K8sObject, runPod } from './harness/pod-runner';
import { podStory } from './harness/pod-story';

const only = (process.env.OPENCLAW_E2E_RELEASES ?? '').split(',').map((s) => s.trim()).filter(Boolean);
const releases = MATRIX_RELEASES.filter((r) => !only.length || only.includes(r.version));
const figures: Array<Record<string, unknown>> = [];
let prefetch: ChildProcess | undefined;

beforeAll(() => {
  const wanted = releasesToInstall().filter((v) => !only.length || only.includes(v));
  const tsNode = path.join(__dirname, '..', '..', 'node_modules', '.bin', 'ts-node');
  prefetch = spawn(tsNode, ['--transpile-only', path.join(__dirname, 'install.ts'), ...wanted], { stdio: ['ignore', 'ignore', 'inherit'] });
});

afterAll(() => {
  // Our own child only, by its pid: a killed install leaves a stale lock that the next run removes.
  if (prefetch && prefetch.exitCode === null && prefetch.pid) process.kill(prefetch.pid, 'SIGTERM');
  const file = path.join(cacheRoot(), 'release-matrix-last-run.json');
  fs.writeFileSync(file, JSON.stringify({ at: new Date().toISOString(), runs: figures }, null, 2) + '\n');
  process.stderr.write(`[release-matrix] figures written to ${file}\n`);
});

/**
 * The render plus the token Secret. A render without a token source opts into `gateway.tokenSecret`,
 * so every release is checked with the same known token (the generated token is day-two.test.ts's subject).
 */
function objects(props: OpenClawChartProps, tokenSecret: string): K8sObject[] {
  const withSecret = props.existingSecret ? props : { ...props, gateway: { tokenSecret: {}, ...props.gateway } };
  return [
    ...synthObjects(withSecret, { namespace: 'openclaw' }),
    { apiVersion: 'v1', kind: 'Secret', metadata: { name: tokenSecret, namespace: 'openclaw' }, type: 'Opaque', data: { OPENCLAW_GATEWAY_TOKEN: Buffer.from('e2e-gateway-token').toString('base64') } },
  ];
}

const RENDERS: Array<[string, OpenClawChartProps, string]> = [
  ['default render', {}, 'my-openclaw-gateway-token'],
  ['README ingress example', INGRESS_EXAMPLE, 'openclaw-secrets'],
];

describe.each(releases.map((r) => [r.version, r.why]))('openclaw %s (%s)', (version) => {
  const features = imageFeatures(version);

  test.each(RENDERS)('%s: every probe passes, the chosen probes, a valid config, the token enforced', async (render, props, secret) => {
    const install = ensureOpenClaw(version);
    const r = await runPod(objects({ ...props, image: { tag: version } }, secret), { install, namespace: 'openclaw', timeoutMs: 240000, awaitExitOnFailureMs: 20000 });
    const probes = Object.fromEntries(r.probes.map((p) => [p.kind, `${p.status} ${p.handler.replace(/ \(port.*$/, '')}${p.firstPassMs !== undefined ? ` @${p.firstPassMs}ms` : ''}`]));
    figures.push({ version, render, listenMs: r.main.listenMs, validate: r.validate?.status, probes, auth: r.auth?.enforced, ok: r.ok, durationMs: r.durationMs, installCached: install.cached });
    process.stderr.write(`[release-matrix] ${version} ${render}: listen=${r.main.listenMs ?? '-'}ms validate=${r.validate?.status} ${JSON.stringify(probes)} auth=${r.auth?.enforced ?? '-'} (${r.durationMs} ms)\n`);

    if (!(r.ok && r.probes.length === 3 && r.probes.every((p) => p.status === 'passed'))) throw new Error(`openclaw ${version}, ${render}: the pod did not become healthy\n${podStory(r)}`);
    // The probes the gates pick: HTTP health endpoints, /startupz only where it is served.
    const path = (kind: string) => /httpGet http:\/\/[^/]+(\S+)/.exec(r.probes.find((p) => p.kind === kind)!.handler)?.[1];
    expect({ startup: path('startup'), readiness: path('readiness'), liveness: path('liveness') }).toEqual({
      startup: features.startupEndpoint ? '/startupz' : '/healthz', readiness: '/readyz', liveness: '/healthz' });
    // A config the chart wrote validates on this release; with nothing to manage there is none.
    expect(r.validate?.status).toBe(render === 'default render' && !features.allowInsecureAuth && !features.allowedOriginsRequired ? 'missing' : 'valid');
    expect(r.auth).toMatchObject({ enforced: true, withoutToken: { status: 401 } });
  });
});
