/**
 * What each OpenClaw release supports, in one place. OpenClaw uses calendar versions
 * (2026.M.D) and the image tags are the same numbers as the npm package.
 */

/** The OpenClaw release the chart pins by default (image tag and the end-to-end test's npm version). */
export const DEFAULT_OPENCLAW_VERSION = '2026.9.6';

/** First release serving `/healthz` and `/readyz`. Older images answer unknown paths with 200, so they get TCP probes. */
export const HEALTH_ENDPOINTS_SINCE = '2026.3.1';

/** First release serving `/startupz`. */
export const STARTUP_ENDPOINT_SINCE = '2026.8.1';

/** Release that removed `gateway.controlUi.allowInsecureAuth` (config validate rejects it, the gateway strips it). */
export const ALLOW_INSECURE_AUTH_RETIRED_IN = '2026.7.22';

/** A parsed calendar version; `undefined` parts mean "not a release tag". */
export interface OpenClawVersion {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** Parses `2026.9.6`, `v2026.9.6`, `2026.9.6-beta.1`, `2026.2.26-slim`; anything else (latest, main, a digest) is undefined. */
export function parseOpenClawVersion(tag: string): OpenClawVersion | undefined {
  const m = /^v?(\d{4})\.(\d{1,2})\.(\d{1,2})(?:[-+].*)?$/.exec(tag);
  return m ? { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) } : undefined;
}

/**
 * True when the image at `tag` is at least `since`. Tags that are not releases (`latest`, `main`)
 * count as the newest, since that is what they pull.
 */
export function imageAtLeast(tag: string, since: string): boolean {
  const have = parseOpenClawVersion(tag);
  const need = parseOpenClawVersion(since)!;
  if (!have) return true;
  return (have.year - need.year || have.month - need.month || have.day - need.day) >= 0;
}

/** The features the chart adapts to, for one image tag. */
export interface ImageFeatures {
  readonly healthEndpoints: boolean;
  readonly startupEndpoint: boolean;
  readonly allowInsecureAuth: boolean;
}

export function imageFeatures(tag: string): ImageFeatures {
  return {
    healthEndpoints: imageAtLeast(tag, HEALTH_ENDPOINTS_SINCE),
    startupEndpoint: imageAtLeast(tag, STARTUP_ENDPOINT_SINCE),
    allowInsecureAuth: !imageAtLeast(tag, ALLOW_INSECURE_AUTH_RETIRED_IN),
  };
}
