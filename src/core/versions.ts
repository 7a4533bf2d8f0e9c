/**
 * What each OpenClaw release supports, in one place. OpenClaw uses calendar versions (2026.M.D) and
 * the image tags are the same numbers as the npm package. Each gate below is the first release with
 * the change, as the release matrix (test/e2e/release-matrix.test.ts) runs it; the evidence per gate
 * is in docs/openclaw-runtime.md, "Version gates".
 *
 * Releases come in release lines, one per month (`2026.7`): mainline releases numbered by day, then
 * for some lines an extended-stable continuation numbered from day 33 (2026.6.33-35, 2026.7.33-35)
 * that keeps getting fixes after the next line started. An extended-stable release has its own
 * line's features and none of a later line's, although it was published later: so releases compare
 * by line first, and the gates are real mainline releases (the first of their line where a change
 * came with a new line).
 */

/** The OpenClaw release the chart pins by default (image tag and the end-to-end test's npm version). */
export const DEFAULT_OPENCLAW_VERSION = '2026.9.6';

/** First release serving `/healthz` and `/readyz`. Older images answer unknown paths with 200, so they get TCP probes. */
export const HEALTH_ENDPOINTS_SINCE = '2026.3.1';

/** First release serving `/startupz` (2026.7.35 answers it with the Control UI page, 200 for any state). */
export const STARTUP_ENDPOINT_SINCE = '2026.8.1';

/** First line without `gateway.controlUi.allowInsecureAuth` (config validate rejects it, the gateway strips it). */
export const ALLOW_INSECURE_AUTH_RETIRED_IN = '2026.8.1';

/** The releases after the retirement that still accept allowInsecureAuth (for messages). */
export const LAST_RELEASES_WITH_INSECURE_AUTH = 'the 2026.7 line up to its extended-stable 2026.7.33-35';

/**
 * First release that refuses a non-loopback Control UI without `gateway.controlUi.allowedOrigins`
 * ("non-loopback Control UI requires gateway.controlUi.allowedOrigins ...": the gateway exits).
 */
export const ALLOWED_ORIGINS_REQUIRED_SINCE = '2026.2.26';

/**
 * First release that seeds the loopback origins itself when the bind comes from the command line
 * (`--bind lan`) and the config has none; between the two the chart writes them.
 */
export const ALLOWED_ORIGINS_SEEDED_SINCE = '2026.4.25';

/**
 * The first release of the line in which `gateway.terminal` (the operator terminal) was seen:
 * `openclaw config validate` of 2026.9.6 accepts `gateway.terminal.enabled` and refuses unknown
 * keys there. Older lines were not verified, so the chart does not write the key for them.
 */
export const TERMINAL_CONFIG_SINCE = '2026.9.1';

/** Extended-stable releases of a line are numbered from this day on. */
export const EXTENDED_STABLE_FROM_DAY = 33;

/** A parsed release tag. */
export interface OpenClawVersion {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  /** A release of its line's extended-stable continuation (day 33 and later). */
  readonly extendedStable: boolean;
  /** `-beta.N`: a prerelease, before the release of the same number. */
  readonly beta?: number;
}

/** Tags parsed lately (bounded): tag -> version, frozen, since callers share it. */
const PARSED = new Map<string, OpenClawVersion | undefined>();

/**
 * Parses `2026.9.6`, `v2026.9.6`, `2026.9.6-beta.1`, `2026.7.1-2` (a rebuild of 2026.7.1),
 * `2026.2.26-slim` (an image variant); anything else (latest, main, a digest) is undefined.
 */
export function parseOpenClawVersion(tag: string): OpenClawVersion | undefined {
  if (PARSED.has(tag)) return PARSED.get(tag);
  const m = /^v?(\d{4})\.(\d{1,2})\.(\d{1,2})(?:-beta\.(\d+))?(?:[-+].*)?$/.exec(tag);
  const day = m && Number(m[3]);
  const version = m ? Object.freeze({
    year: Number(m[1]), month: Number(m[2]), day: day!, extendedStable: day! >= EXTENDED_STABLE_FROM_DAY, ...(m[4] !== undefined ? { beta: Number(m[4]) } : {}),
  }) : undefined;
  // A fleet asks for the same few tags (its image and the feature releases) once per tenant.
  if (PARSED.size >= 256) PARSED.clear();
  PARSED.set(tag, version);
  return version;
}

/** The release line `YYYY.M` of a tag, or undefined for tags that are not releases. */
export function releaseLine(tag: string): string | undefined {
  const v = parseOpenClawVersion(tag);
  return v && `${v.year}.${v.month}`;
}

/**
 * Order of two releases: by line (year, month) first, then within the line by day, a beta before its
 * release. An extended-stable release so comes after every mainline release of its own line and
 * before the first release of the next line, whatever its publication date.
 */
export function compareReleases(a: OpenClawVersion, b: OpenClawVersion): number {
  const beta = (x: OpenClawVersion) => x.beta ?? Number.MAX_SAFE_INTEGER;
  return a.year - b.year || a.month - b.month || a.day - b.day || beta(a) - beta(b);
}

/**
 * True when the image at `tag` is at least the release `since` (a gate above). Tags that are not
 * releases (`latest`, `main`, a digest) count as the newest, since that is what they pull.
 */
export function imageAtLeast(tag: string, since: string): boolean {
  const have = parseOpenClawVersion(tag);
  const need = parseOpenClawVersion(since);
  if (!need || need.extendedStable || need.beta !== undefined) throw new Error(`version gate ${since} must be a mainline release`);
  if (!have) return true;
  return compareReleases(have, need) >= 0;
}

/** The features the chart adapts to, for one image tag. */
export interface ImageFeatures {
  readonly healthEndpoints: boolean;
  readonly startupEndpoint: boolean;
  readonly allowInsecureAuth: boolean;
  /** The chart must write `gateway.controlUi.allowedOrigins` (loopback origins when none are given), or the gateway exits. */
  readonly allowedOriginsRequired: boolean;
  /** openclaw.json has `gateway.terminal` (TERMINAL_CONFIG_SINCE). */
  readonly terminalConfig: boolean;
}

export function imageFeatures(tag: string): ImageFeatures {
  return {
    healthEndpoints: imageAtLeast(tag, HEALTH_ENDPOINTS_SINCE),
    startupEndpoint: imageAtLeast(tag, STARTUP_ENDPOINT_SINCE),
    allowInsecureAuth: !imageAtLeast(tag, ALLOW_INSECURE_AUTH_RETIRED_IN),
    allowedOriginsRequired: imageAtLeast(tag, ALLOWED_ORIGINS_REQUIRED_SINCE) && !imageAtLeast(tag, ALLOWED_ORIGINS_SEEDED_SINCE),
    terminalConfig: imageAtLeast(tag, TERMINAL_CONFIG_SINCE),
  };
}
