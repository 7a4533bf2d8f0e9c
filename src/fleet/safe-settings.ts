/**
 * OpenClaw settings for a platform shared by people who do not trust each other. OpenClaw's
 * defaults assume one trusted owner per gateway ("one trusted operator boundary per Gateway",
 * docs/gateway/multi-tenant-hosting.md in the openclaw package); a fleet with tenancy starts
 * every tenant from these instead, under the platform's `defaults` (which may change them) and
 * the tenant's props (which may not: the policy keeps `gateway.terminal` and `OPENCLAW_*` the
 * platform's). Each choice, and why, is in docs/fleet-tenancy.md.
 */
import { OpenClawChartProps } from '../props';

/** The settings every tenant of a fleet with tenancy starts from. */
export const SHARED_PLATFORM_SETTINGS: OpenClawChartProps = {
  gateway: {
    // The operator terminal is a shell with the gateway's environment: the provider keys and
    // Secrets the platform hands the gateway. OpenClaw turns it on by default.
    terminal: { enabled: false },
  },
  env: {
    // No update checks or update notices from each of thousands of gateways: the platform
    // rolls out images through its own pipeline (docs/gateway/config-runtime.md).
    OPENCLAW_NO_AUTO_UPDATE: '1',
    // No mDNS advertising of a tenant's gateway to its neighbours (docs/gateway/bonjour.md).
    OPENCLAW_DISABLE_BONJOUR: '1',
  },
};
