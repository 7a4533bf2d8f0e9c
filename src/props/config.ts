/** The props of OpenClaw's own settings: env, gateway config, channels, ConfigMaps and Secrets. */
import type { KubernetesJson } from './kubernetes';

/**
 * Plain environment variables. The Helm chart's six keys (`CLAUDE_MODEL`, `PORT`, `HOST`,
 * `LOG_LEVEL`, `DATA_DIR`, `MEMORY_ENABLED`, documented in EnvValues of values-shapes.ts) are not read by OpenClaw
 * itself (they are passed on for compatibility; `DATA_DIR` is where the data volume is mounted,
 * `/data` by default). Other keys are added as they are. Values that look like secrets
 * (`*_API_KEY`, `*_TOKEN`, `*_PASSWORD`, `*SECRET*`) are refused: use `existingSecret`, or set
 * `allowPlainSecretEnv`. A map type (jsii has no struct with free keys).
 */
export type EnvProps = { readonly [name: string]: string };

/** An extra environment variable: a plain value or a `valueFrom` reference. */
export interface ExtraEnvVar {
  /** The variable's name. */
  readonly name: string;
  /**
   * Its value, as a string.
   * @default - none (set `value` or `valueFrom`)
   */
  readonly value?: string;
  /**
   * Where the value comes from, as a Kubernetes `valueFrom` (e.g. a `secretKeyRef`).
   * @default - none (set `value` or `valueFrom`)
   */
  readonly valueFrom?: KubernetesJson;
}

/**
 * OpenClaw's Control UI settings (values `gateway.controlUi`, openclaw.json `gateway.controlUi`).
 */
export interface ControlUiProps {
  /**
   * Token-in-URL auth for the Control UI. Retired by OpenClaw with the 2026.8 line
   * (`ALLOW_INSECURE_AUTH_RETIRED_IN`, 2026.8.1; the extended-stable 2026.7.33-35 still accept it):
   * with a newer image (or `latest`) `true` does nothing, so it is dropped with a warning (an error
   * with `--strict`). With an older image it is written to openclaw.json by the config init
   * container, on or off.
   * @default false
   */
  readonly allowInsecureAuth?: boolean;
  /**
   * Origins allowed to open the Control UI (`gateway.controlUi.allowedOrigins`).
   * @default - derived from the ingress / HTTPRoute hosts (`https://` when TLS covers the host); with
   * neither on an image from 2026.2.26 to 2026.4.24, which exits without origins, the port-forward
   * origins `http://localhost:<port>` and `http://127.0.0.1:<port>` (later images seed those themselves)
   */
  readonly allowedOrigins?: string[];
}

/** A chat channel's config, merged into openclaw.json under `channels.<name>`. */
export interface ChannelConfig {
  /** @default - OpenClaw's default */
  readonly enabled?: boolean;
  /**
   * Users, numbers or IDs allowed to talk to the assistant.
   * @default - OpenClaw's default
   */
  readonly allowFrom?: string[];
  /**
   * Other channel settings, as OpenClaw documents them. Never put tokens here. TypeScript only
   * (jsii has no struct with free keys): from other languages a values file (`synth -f`) sets them.
   * @jsii ignore
   */
  readonly [key: string]: unknown;
}

/**
 * Chat channels by name (`telegram`, `discord`, `slack`, `whatsapp`, ...), merged into openclaw.json
 * under `channels` (values `gateway.channels`). Tokens come only from Secrets. A map type (jsii has
 * no struct with free keys); the values schema names the four (ChannelsValues in values-shapes.ts).
 * @example
 * { telegram: { enabled: true, allowFrom: ['@alice'] } }
 */
export type ChannelsProps = { readonly [name: string]: ChannelConfig };

/** The Secret key holding the gateway token ({@link GatewayProps.tokenSecret}). */
export interface GatewayTokenSecret {
  /**
   * The Secret's name.
   * @default - `<fullname>-gateway-token`
   */
  readonly name?: string;
  /**
   * The key in the Secret.
   * @default 'OPENCLAW_GATEWAY_TOKEN'
   */
  readonly key?: string;
}

/** OpenClaw's operator terminal ({@link GatewayProps.terminal}). */
export interface GatewayTerminalProps {
  /**
   * Whether the terminal is on (`gateway.terminal.enabled`).
   * @default - OpenClaw's default (on)
   */
  readonly enabled?: boolean;
}

/**
 * OpenClaw's gateway settings the chart manages in openclaw.json (values `gateway`), plus the config init container's image.
 * @example
 * { trustedProxies: ['10.42.3.17/32'], channels: { telegram: { enabled: true, allowFrom: ['@alice'] } } }
 */
export interface GatewayProps {
  /**
   * The Control UI's settings.
   * @default see ControlUiProps
   */
  readonly controlUi?: ControlUiProps;
  /**
   * An image for the config and token steps, for those who set one (the Helm chart's
   * `imega/jq:1.6`, or a mirror of it): it must have `sh` and `jq` (on PATH or at `/jq`), and the
   * steps then run in it as the `gateway-config` and `gateway-token` init containers, as before.
   * Unset, they run with `node` in the OpenClaw image, inside the one `prepare-state` init
   * container: no second image to pull and two containers fewer.
   * @default - none: the OpenClaw image (`node`), no jq image
   */
  readonly initImage?: string;
  /**
   * IPs/CIDRs of the reverse proxies in front of the gateway (`gateway.trustedProxies`).
   * Behind an ingress OpenClaw refuses authenticated requests from unlisted proxies (403
   * `proxy_attribution_required`), and believes the `X-Forwarded-For` of listed ones: list the
   * ingress controller's pod addresses (`kubectl get pods -n ingress-nginx -o wide`), never a
   * wide range such as the pod CIDR or 10.0.0.0/8 (every pod in it could forge its address, and
   * pods calling the gateway directly would be refused). A range wider than a /24 (IPv4) or a
   * /64 (IPv6), and any list that trusts every address, renders with a warning.
   * @default - none; with an Ingress or HTTPRoute the chart writes an empty list and warns
   */
  readonly trustedProxies?: string[];
  /**
   * Chat channels (telegram, discord, slack, whatsapp, ...), merged into openclaw.json under
   * `channels`. Tokens come only from Secrets (e.g. `TELEGRAM_BOT_TOKEN` in `existingSecret`).
   * @default {}
   */
  readonly channels?: ChannelsProps;
  /**
   * A Secret holding the gateway token, for those who want one. Used only when set and when
   * nothing else provides `OPENCLAW_GATEWAY_TOKEN` or `OPENCLAW_GATEWAY_PASSWORD`
   * (existingSecret.keys, secret.data, extraEnv, env or envFromSecret); the pod waits for it:
   * `kubectl create secret generic <name> -n <namespace> --from-literal=OPENCLAW_GATEWAY_TOKEN=$(openssl rand -hex 32)`.
   * Unset (and no other source): each pod generates its own token on first start, a random
   * 32-byte value in `gateway.auth.token` of openclaw.json on its state volume (mode 0600), kept
   * across restarts; never in a manifest. A `key` without a `name` uses `<fullname>-gateway-token`.
   * @default - none: the pod generates its token
   */
  readonly tokenSecret?: GatewayTokenSecret;
  /**
   * OpenClaw's operator terminal (`gateway.terminal` in openclaw.json): a shell in the agent's
   * workspace with the gateway's environment (its provider keys and token), for admin-scoped
   * operators. Written only when set; fleets with tenancy set `enabled: false`. The key is known
   * to the OpenClaw 2026.9 line (`openclaw config validate` of 2026.9.6 accepts it).
   * @default - OpenClaw's default (on)
   */
  readonly terminal?: GatewayTerminalProps;
}

/** A ConfigMap or Secret whose keys all become environment variables. */
export interface EnvSourceRef {
  /** The ConfigMap's or Secret's name. */
  readonly name: string;
  /**
   * Start the pods even when it does not exist.
   * @default false
   */
  readonly optional?: boolean;
}

/**
 * A ConfigMap whose keys all become env vars of the gateway (values `envFromConfigMap`).
 */
export interface EnvFromConfigMap {
  /** The ConfigMap, and whether the pods start without it. */
  readonly configMapRef: EnvSourceRef;
  /**
   * A prefix added to every variable name.
   * @default - none
   */
  readonly prefix?: string;
}

/**
 * A Secret whose keys all become env vars of the gateway (values `envFromSecret`).
 */
export interface EnvFromSecret {
  /** The Secret, and whether the pods start without it. */
  readonly secretRef: EnvSourceRef;
  /**
   * A prefix added to every variable name.
   * @default - none
   */
  readonly prefix?: string;
}

/**
 * A Secret you create and manage yourself (values `existingSecret`): its keys become env vars of the gateway, e.g. model API keys and the gateway token.
 * @example
 * { name: 'openclaw-secrets', keys: { ANTHROPIC_API_KEY: 'anthropic-api-key' } }
 */
export interface ExistingSecretProps {
  /**
   * Name of a pre-created Secret.
   * @default ''
   */
  readonly name?: string;
  /**
   * Env var name to key in that Secret (`envVarName: secretKeyName`).
   * @default {}
   */
  readonly keys?: Record<string, string>;
}

/**
 * Extra files for the gateway (values `configMap`): each key is written into the state directory by the init container.
 */
export interface ConfigMapProps {
  /**
   * Create a ConfigMap from `data` (only when `data` is not empty).
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * Files, mounted read-only at `/etc/openclaw/config/<key>` (the Helm chart created this
   * ConfigMap and mounted it nowhere).
   * @default {}
   */
  readonly data?: Record<string, string>;
}

/**
 * A Secret the chart renders from values (values `secret`). Its values are in your manifests: prefer `existingSecret` for real credentials.
 */
export interface SecretProps {
  /**
   * Create a Secret from `data` (development only; use `existingSecret` in production).
   * @default false
   */
  readonly enabled?: boolean;
  /**
   * Env var name to plain-text value. Written once, correctly encoded (give plain strings, not
   * base64). Every key is loaded as an env var from the Secret.
   * @default {}
   */
  readonly data?: Record<string, string>;
}
