/**
 * What today's OpenClaw needs (docs/openclaw-runtime.md): probes by image version,
 * the real config knobs, ingress for WebSockets and trusted proxies, channels, Gateway API,
 * disruption budget.
 */
import { OpenClawChartProps } from '../../src';
import { expectValidManifests } from '../helpers/k8s-valid';
import { envOf, findObject, mainContainer, podSpecOf, synthError, synthObjects } from '../helpers/synth';

const probesFor = (tag: string) => {
  const c = mainContainer(synthObjects({ image: { tag } }));
  const kind = (p: any) => (p.httpGet ? `http ${p.httpGet.path}` : 'tcp');
  return { liveness: kind(c.livenessProbe), readiness: kind(c.readinessProbe), startup: kind(c.startupProbe) };
};

const managedConfig = (props: OpenClawChartProps) =>
  JSON.parse(findObject(synthObjects(props), 'ConfigMap', 'my-openclaw-gateway-config').data['openclaw.json']);


describe('probes chosen by image version', () => {
  test.each([
    ['2026.2.1', { liveness: 'tcp', readiness: 'tcp', startup: 'tcp' }],
    ['2026.3.1', { liveness: 'http /healthz', readiness: 'http /readyz', startup: 'http /healthz' }],
    ['2026.8.1', { liveness: 'http /healthz', readiness: 'http /readyz', startup: 'http /startupz' }],
    ['2026.9.6-slim', { liveness: 'http /healthz', readiness: 'http /readyz', startup: 'http /startupz' }],
    ['latest', { liveness: 'http /healthz', readiness: 'http /readyz', startup: 'http /startupz' }],
    ['main', { liveness: 'http /healthz', readiness: 'http /readyz', startup: 'http /startupz' }],
  ])('tag %s', (tag, expected) => expect(probesFor(tag)).toEqual(expected));

  test('the Helm chart probe settings still apply: explicit tcpSocket, timings, enabled', () => {
    const c = mainContainer(synthObjects({
      livenessProbe: { tcpSocket: { port: 18789 }, initialDelaySeconds: 45, periodSeconds: 20 },
      readinessProbe: { enabled: false },
      startupProbe: { httpGet: { path: '/health' } },
    }));
    expect(c.livenessProbe).toEqual({ tcpSocket: { port: 'http' }, initialDelaySeconds: 45, periodSeconds: 20, timeoutSeconds: 5, failureThreshold: 3, successThreshold: 1 });
    expect(c.readinessProbe).toBeUndefined();
    expect(c.startupProbe.httpGet).toEqual({ path: '/health', port: 'http' });
  });
});

describe('the real knobs', () => {
  test('port flag, OPENCLAW_GATEWAY_PORT and OPENCLAW_STATE_DIR come from the model', () => {
    const objs = synthObjects({ service: { port: 9000 } });
    expect(mainContainer(objs).command).toEqual(['node', 'dist/index.js', 'gateway', '--bind', 'lan', '--port', '9000', '--allow-unconfigured']);
    expect(envOf(objs)).toMatchObject({ OPENCLAW_GATEWAY_PORT: '9000', OPENCLAW_STATE_DIR: '/home/node/.openclaw' });
  });

  test('the six inert Helm env vars stay, documented as inert', () => {
    expect(Object.keys(envOf(synthObjects()))).toEqual(expect.arrayContaining(['CLAUDE_MODEL', 'PORT', 'HOST', 'LOG_LEVEL', 'DATA_DIR', 'MEMORY_ENABLED']));
  });

  test('agentModel is written to agents.defaults.model.primary; a user-set env.CLAUDE_MODEL is mapped', () => {
    expect(managedConfig({ agentModel: 'anthropic/claude-sonnet-4-6' }).agents).toEqual({ defaults: { model: { primary: 'anthropic/claude-sonnet-4-6' } } });
    expect(managedConfig({ env: { CLAUDE_MODEL: 'claude-sonnet-4-6' } }).agents.defaults.model.primary).toBe('anthropic/claude-sonnet-4-6');
    expect(managedConfig({ agentModel: 'openai/gpt-5', env: { CLAUDE_MODEL: 'claude-x' } }).agents.defaults.model.primary).toBe('openai/gpt-5');
  });

  test('without a token source the pod generates its token; gateway.tokenSecret opts into a Secret; a given source replaces both', () => {
    const generated = synthObjects();
    expect(envOf(generated).OPENCLAW_GATEWAY_TOKEN).toBeUndefined();
    expect(podSpecOf(generated).initContainers.map((c: any) => c.name)).toEqual(['prepare-state', 'migrate-config']);
    expect(podSpecOf(generated).initContainers[0].command).toContain('--token');
    expect(envOf(synthObjects({ gateway: { tokenSecret: {} } })).OPENCLAW_GATEWAY_TOKEN).toEqual({ secretKeyRef: { name: 'my-openclaw-gateway-token', key: 'OPENCLAW_GATEWAY_TOKEN' } });
    expect(envOf(synthObjects({ gateway: { tokenSecret: { name: 'tok', key: 'k' } } })).OPENCLAW_GATEWAY_TOKEN).toEqual({ secretKeyRef: { name: 'tok', key: 'k' } });
    const own = synthObjects({ existingSecret: { name: 's', keys: { OPENCLAW_GATEWAY_TOKEN: 'tok' } } });
    expect(podSpecOf(own).initContainers.map((c: any) => c.name)).toEqual(['prepare-state', 'migrate-config']);
    expect(podSpecOf(own).initContainers[0].command).not.toContain('--token');
    expect(mainContainer(own).env.filter((e: any) => e.name === 'OPENCLAW_GATEWAY_TOKEN')).toEqual([
      { name: 'OPENCLAW_GATEWAY_TOKEN', valueFrom: { secretKeyRef: { name: 's', key: 'tok' } } }]);
  });
});

describe('gateway.controlUi.allowInsecureAuth', () => {
  test('defaults to off: on current images nothing is managed at all', () => {
    expect(synthObjects().filter((o) => o.kind === 'ConfigMap')).toEqual([]);
  });

  test('true with an image that retired it renders without it (test/chart/release-lines.test.ts has the warning)', () => {
    expect(synthObjects({ gateway: { controlUi: { allowInsecureAuth: true } } }).filter((o) => o.kind === 'ConfigMap')).toEqual([]);
  });

  test('older images get it written on or off', () => {
    expect(managedConfig({ image: { tag: '2026.7.35' }, gateway: { controlUi: { allowInsecureAuth: true } } }).gateway.controlUi.allowInsecureAuth).toBe(true);
    expect(managedConfig({ image: { tag: '2026.2.1' } }).gateway.controlUi.allowInsecureAuth).toBe(false);
  });
});

describe('ingress that works behind a proxy', () => {
  const ingress = { enabled: true, className: 'nginx', hosts: [{ host: 'claw.example.com' }, { host: 'plain.example.com' }], tls: [{ secretName: 't', hosts: ['claw.example.com'] }] };

  test('ingress-nginx gets WebSocket-friendly timeouts, overridable', () => {
    expect(findObject(synthObjects({ ingress }), 'Ingress').metadata.annotations).toEqual({
      'nginx.ingress.kubernetes.io/proxy-read-timeout': '3600', 'nginx.ingress.kubernetes.io/proxy-send-timeout': '3600' });
    const custom = findObject(synthObjects({ ingress: { ...ingress, annotations: { 'nginx.ingress.kubernetes.io/proxy-read-timeout': '86400' } } }), 'Ingress');
    expect(custom.metadata.annotations['nginx.ingress.kubernetes.io/proxy-read-timeout']).toBe('86400');
    expect(findObject(synthObjects({ ingress: { ...ingress, className: 'traefik' } }), 'Ingress').metadata.annotations).toBeUndefined();
  });

  test('allowedOrigins are derived from the ingress (https where TLS covers the host); no proxy is trusted unless given', () => {
    expect(managedConfig({ ingress }).gateway).toEqual({
      trustedProxies: [],
      controlUi: { allowedOrigins: ['https://claw.example.com', 'http://plain.example.com'] },
    });
  });

  test('given trustedProxies and allowedOrigins win over the derived ones', () => {
    expect(managedConfig({ ingress, gateway: { trustedProxies: ['10.1.0.0/16'], controlUi: { allowedOrigins: ['https://ui.example.com'] } } }).gateway).toEqual({
      trustedProxies: ['10.1.0.0/16'], controlUi: { allowedOrigins: ['https://ui.example.com'] } });
  });
});

describe('channels', () => {
  test('are merged into openclaw.json under channels', () => {
    const channels = { telegram: { enabled: true, allowFrom: ['123456789'] }, discord: { enabled: true, dm: { enabled: true, allowFrom: ['me'] } } };
    expect(managedConfig({ gateway: { channels } }).channels).toEqual(channels);
  });

  test('a token in channel config is refused: tokens come only from Secrets', () => {
    expect(synthError({ gateway: { channels: { telegram: { botToken: '123:abc' } } } })).toContain(
      'gateway.channels.telegram.botToken: channel credentials must come from a Secret');
    expect(synthError({ gateway: { channels: { telegram: { botToken: '123:abc' } } } })).not.toContain('123:abc');
  });
});

describe('Gateway API HTTPRoute', () => {
  const props: OpenClawChartProps = { httpRoute: { enabled: true, parentRefs: [{ name: 'public', namespace: 'gateways', sectionName: 'https' }], hostnames: ['claw.example.com'] } };

  test('routes the hostnames to the Service port and validates against the CRD schema', () => {
    const objs = synthObjects(props);
    expectValidManifests(objs);
    const route = findObject(objs, 'HTTPRoute');
    expect(route.apiVersion).toBe('gateway.networking.k8s.io/v1');
    expect(route.spec).toEqual({
      parentRefs: [{ name: 'public', namespace: 'gateways', sectionName: 'https' }],
      hostnames: ['claw.example.com'],
      rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/' } }], backendRefs: [{ name: 'my-openclaw', port: 18789 }] }],
    });
    expect(managedConfig(props).gateway.controlUi.allowedOrigins).toEqual(['https://claw.example.com']);
  });

  test('needs a parent Gateway', () => {
    expect(synthError({ httpRoute: { enabled: true } })).toContain('httpRoute.parentRefs: needs at least one Gateway when httpRoute is enabled');
  });
});

describe('disruption budget and claim retention', () => {
  test('a PodDisruptionBudget when replicaCount > 1, configurable', () => {
    expect(synthObjects().filter((o) => o.kind === 'PodDisruptionBudget')).toEqual([]);
    const pdb = findObject(synthObjects({ replicaCount: 3 }), 'PodDisruptionBudget');
    expect(pdb.spec).toEqual({ selector: { matchLabels: { 'app.kubernetes.io/name': 'openclaw', 'app.kubernetes.io/instance': 'my-openclaw' } }, maxUnavailable: 1 });
    expect(findObject(synthObjects({ replicaCount: 3, podDisruptionBudget: { minAvailable: 2 } }), 'PodDisruptionBudget').spec.minAvailable).toBe(2);
    expect(synthObjects({ replicaCount: 3, podDisruptionBudget: { enabled: false } }).filter((o) => o.kind === 'PodDisruptionBudget')).toEqual([]);
  });

  test('claims are retained on delete and scale-down by default', () => {
    expect(findObject(synthObjects(), 'StatefulSet').spec.persistentVolumeClaimRetentionPolicy).toEqual({ whenDeleted: 'Retain', whenScaled: 'Retain' });
  });
});
