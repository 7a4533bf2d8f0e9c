/**
 * The OpenClaw releases the e2e suite runs, and why each: the release matrix
 * (release-matrix.test.ts) and the upgrade jumps (upgrade.test.ts). README "Tested releases" and
 * docs/openclaw-runtime.md "Version gates" list the same releases (test/docs/tested-releases.test.ts).
 *
 * One release per month from the oldest that can be installed here to today, plus each
 * extended-stable line, plus the first release of the line where a gate changes. From
 * `npm view openclaw versions` (2026-12-01): 2026.1.29 ... 2026.9.6, extended-stable 2026.6.33-35
 * and 2026.7.33-35, betas. Releases before 2026.3.22 depend on `@whiskeysockets/baileys@7.0.0-rc.9`,
 * which pulls `libsignal-node` from GitHub (a git dependency), so npm cannot install them without
 * access to github.com: 2026.1.30, 2026.2.26 and 2026.3.1 all fail with `npm error code 128`.
 */
import { OpenClawChartProps } from '../../../src';
import { DEFAULT_OPENCLAW_VERSION } from '../../../src/core/versions';

export interface MatrixRelease {
  readonly version: string;
  /** Why this release is in the matrix. */
  readonly why: string;
}

export const MATRIX_RELEASES: readonly MatrixRelease[] = [
  { version: '2026.3.22', why: 'March; the oldest release npm installs here; needs the chart-written allowedOrigins' },
  { version: '2026.4.29', why: 'April (last); seeds the loopback Control UI origins itself (since 2026.4.25)' },
  { version: '2026.5.28', why: 'May (last)' },
  { version: '2026.6.11', why: 'June (last mainline)' },
  { version: '2026.6.35', why: 'the 2026.6 extended-stable line (2026.6.33-35)' },
  { version: '2026.7.1', why: 'July (the only mainline release of the 2026.7 line)' },
  { version: '2026.7.35', why: 'the 2026.7 extended-stable line (2026.7.33-35): still accepts allowInsecureAuth, no /startupz' },
  { version: '2026.8.1', why: 'August: first of the 2026.8 line, /startupz served and allowInsecureAuth retired' },
  { version: DEFAULT_OPENCLAW_VERSION, why: 'September: today, the chart default' },
];

/** An upgrade: the older release writes state on a volume, then the default render of the current chart runs on it. */
export interface UpgradeJump {
  readonly from: string;
  readonly why: string;
  /** The user's values, the same before and after the upgrade (only the image tag differs). */
  readonly props?: OpenClawChartProps;
}

export const UPGRADE_JUMPS: readonly UpgradeJump[] = [
  { from: '2026.3.31', why: 'the oldest mainline line that starts with the chart (the issue\'s crash-looping 2026.3.31)' },
  { from: '2026.6.35', why: 'the 2026.6 extended-stable line' },
  { from: '2026.7.35', why: 'the 2026.7 extended-stable line, with allowInsecureAuth written by the chart', props: { gateway: { controlUi: { allowInsecureAuth: true } } } },
];

/** The README's ingress example (TLS, the gateway token from an existing Secret). */
export const INGRESS_EXAMPLE: OpenClawChartProps = {
  existingSecret: { name: 'openclaw-secrets', keys: { OPENCLAW_GATEWAY_TOKEN: 'OPENCLAW_GATEWAY_TOKEN' } },
  ingress: {
    enabled: true,
    className: 'nginx',
    annotations: { 'cert-manager.io/cluster-issuer': 'letsencrypt-prod' },
    hosts: [{ host: 'openclaw.example.com', paths: [{ path: '/', pathType: 'Prefix' }] }],
    tls: [{ secretName: 'openclaw-tls', hosts: ['openclaw.example.com'] }],
  },
};

/** Every release the suite installs, in the order it needs them. */
export function releasesToInstall(): string[] {
  return [...new Set([...MATRIX_RELEASES.map((r) => r.version), ...UPGRADE_JUMPS.map((j) => j.from)])];
}
