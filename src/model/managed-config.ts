/**
 * The openclaw.json settings the chart manages. The config init container deep-merges this
 * object into the file on the volume (the chart's keys win, every other key is kept).
 */
import { ChannelsProps, DEFAULTS, OpenClawChartProps } from '../props';
import { BasicSettings } from '../props/settings';
import { ImageFeatures } from '../core/versions';

/** undefined when there is nothing to manage: then there is no init container and no ConfigMap. */
export function managedGatewayConfig(props: OpenClawChartProps, settings: BasicSettings, features: ImageFeatures): Record<string, unknown> | undefined {
  const gateway: Record<string, unknown> = {};
  const controlUi: Record<string, unknown> = {};
  const config: Record<string, unknown> = {};

  // Older images: always written, on or off, so switching it off really turns it off.
  // Newer images retired the key (check.ts refuses `true` there), so it is not written at all.
  if (features.allowInsecureAuth) {
    controlUi.allowInsecureAuth = props.gateway?.controlUi?.allowInsecureAuth ?? DEFAULTS.gateway.controlUi.allowInsecureAuth;
  }
  const given = props.gateway?.controlUi?.allowedOrigins ?? derivedOrigins(props, settings);
  // Images from 2026.2.26 to 2026.4.24 exit at startup on a non-loopback bind without origins: write
  // the loopback origins (kubectl port-forward) that later images seed themselves.
  const origins = given.length || !features.allowedOriginsRequired ? given : loopbackOrigins(settings.port);
  if (origins.length) controlUi.allowedOrigins = origins;
  if (Object.keys(controlUi).length) gateway.controlUi = controlUi;

  // Behind an Ingress/HTTPRoute the chart owns the key: an empty list (nothing trusted, see
  // trusted-proxies.ts) also replaces a wide list an earlier release of the chart wrote.
  const proxied = !!props.ingress?.enabled || !!props.httpRoute?.enabled;
  const proxies = props.gateway?.trustedProxies;
  if (proxies?.length || proxied) gateway.trustedProxies = [...(proxies ?? [])];
  // Only where the key is known (TERMINAL_CONFIG_SINCE): an older gateway could refuse the file.
  const terminal = props.gateway?.terminal?.enabled;
  if (terminal !== undefined && features.terminalConfig) gateway.terminal = { enabled: terminal };
  if (Object.keys(gateway).length) config.gateway = gateway;

  const channels = props.gateway?.channels ?? {};
  if (Object.keys(channels).length) config.channels = sortedSettings(channels);

  const model = agentModel(props);
  if (model) config.agents = { defaults: { model: { primary: model } } };

  return Object.keys(config).length ? config : undefined;
}

/** The public origins the Control UI is opened from: `https://` where TLS covers the host. */
export function derivedOrigins(props: OpenClawChartProps, settings: BasicSettings): string[] {
  const origins: string[] = [];
  const ingress = settings.ingress;
  if (ingress.enabled) {
    const tls = new Set((ingress.tls ?? []).flatMap((t) => t.hosts ?? []));
    for (const { host } of ingress.hosts ?? []) origins.push(`${tls.has(host) ? 'https' : 'http'}://${host}`);
  }
  if (props.httpRoute?.enabled) {
    // Gateways terminate TLS for their listeners; the route cannot see that, so https is assumed.
    for (const host of props.httpRoute.hostnames ?? []) origins.push(`https://${host}`);
  }
  return [...new Set(origins)];
}

/** The Control UI's origins through `kubectl port-forward`, as OpenClaw seeds them for a non-loopback bind. */
export function loopbackOrigins(port: number): string[] {
  return [`http://localhost:${port}`, `http://127.0.0.1:${port}`];
}

/** `agentModel`, or the Helm chart's `env.CLAUDE_MODEL` when the user set it (mapped to a provider/model id). */
export function agentModel(props: OpenClawChartProps): string | undefined {
  if (props.agentModel) return props.agentModel;
  const claude = props.env?.CLAUDE_MODEL;
  if (!claude) return undefined;
  return claude.includes('/') ? claude : `anthropic/${claude}`;
}

/**
 * Each channel's settings in key order: the same props give the same openclaw.json (and config
 * checksum) whichever order they were written in. Python, Java and Go pass a struct's keys in
 * alphabetical order, a TypeScript object literal in the order typed.
 */
function sortedSettings(channels: ChannelsProps): Record<string, unknown> {
  const sorted: Record<string, unknown> = {};
  for (const [name, settings] of Object.entries(channels)) {
    sorted[name] = settings && typeof settings === 'object' && !Array.isArray(settings)
      ? Object.fromEntries(Object.entries(settings).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : settings;
  }
  return sorted;
}
