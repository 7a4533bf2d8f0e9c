/**
 * The keys the values schema names inside four props that jsii publishes as plain maps (a jsii
 * struct cannot have free keys besides named ones). TypeScript only and not exported: only
 * scripts/values-schema.ts reads these shapes, so that schemas/values.schema.json - and so what
 * `synth -f` accepts - stays as it was when the props were interfaces with index signatures.
 */
import type { ChannelConfig } from './config';
import type { Quantity } from './kubernetes';

/** The values shape of {@link EnvProps}: the Helm chart's six keys, then any other variable. */
export interface EnvValues {
  /**
   * Inert in OpenClaw. When set by you (and `agentModel` is not), it is mapped to
   * `agents.defaults.model.primary` in openclaw.json (`anthropic/<value>`).
   * @default 'claude-3-5-sonnet-20241022'
   */
  readonly CLAUDE_MODEL?: string;
  /**
   * Inert in OpenClaw; always equals the gateway port. A different value is an error: set
   * `service.port` to change the port.
   * @default - the gateway port, as a string
   */
  readonly PORT?: string;
  /** Inert in OpenClaw (the gateway binds with `--bind lan`). @default '0.0.0.0' */
  readonly HOST?: string;
  /** Inert in OpenClaw (it reads `OPENCLAW_LOG_LEVEL`). One of debug, info, warn, error. @default 'info' */
  readonly LOG_LEVEL?: string;
  /**
   * Where the data volume is mounted in the containers. OpenClaw's state lives in
   * `<DATA_DIR>/.openclaw` (also mounted at `/home/node/.openclaw`).
   * @default '/data'
   */
  readonly DATA_DIR?: string;
  /** Inert in OpenClaw. @default 'true' */
  readonly MEMORY_ENABLED?: string;
  readonly [name: string]: string | undefined;
}

/** The values shape of {@link ChannelsProps}: the four channels OpenClaw ships, then any other. */
export interface ChannelsValues {
  /**
   * Telegram (token: `TELEGRAM_BOT_TOKEN` in `existingSecret`).
   * @default - not configured
   */
  readonly telegram?: ChannelConfig;
  /**
   * Discord.
   * @default - not configured
   */
  readonly discord?: ChannelConfig;
  /**
   * Slack.
   * @default - not configured
   */
  readonly slack?: ChannelConfig;
  /**
   * WhatsApp.
   * @default - not configured
   */
  readonly whatsapp?: ChannelConfig;
  readonly [name: string]: ChannelConfig | undefined;
}

/** The values shape of {@link ResourceList}: the three usual resources, then extended ones. */
export interface ResourceListValues {
  /**
   * CPU, e.g. `500m` or `2`.
   * @default - none
   */
  readonly cpu?: Quantity;
  /**
   * Memory, e.g. `1Gi`.
   * @default - none
   */
  readonly memory?: Quantity;
  /**
   * Ephemeral storage, e.g. `2Gi`.
   * @default - none
   */
  readonly 'ephemeral-storage'?: Quantity;
  readonly [name: string]: Quantity | undefined;
}

/** The values shape of {@link VolumeJson}: a Kubernetes Volume, which has a name. */
export interface VolumeValues {
  /** The volume's name, referred to by `extraVolumeMounts`. */
  readonly name: string;
  readonly [key: string]: unknown;
}
