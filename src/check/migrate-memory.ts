/**
 * migrate-config runs `openclaw doctor --fix` with the gateway's resources before the gateway starts.
 * Measured with the real OpenClaw (test/e2e/upgrade.test.ts, GNU time's peak resident size): 634 MiB
 * on 2026.7.35 state upgraded to 2026.9.6, 662 MiB on a minimal config. Under a smaller memory limit
 * the init container is OOM-killed and the pod never starts (users of other deployers report it at
 * 512Mi), so a smaller limit renders with a warning.
 */
import { ProblemCollector } from '../core/errors';
import { quantityBytes } from '../core/quantity';
import { DEFAULTS, OpenClawChartProps } from '../props';

/** The peak measured, and the least memory limit that leaves room above it. */
export const MIGRATE_CONFIG_PEAK_MIB = 662;
export const MIGRATE_CONFIG_MIN_LIMIT_MIB = 768;

export function checkMigrateConfigMemory(props: OpenClawChartProps, p: ProblemCollector): void {
  if (!(props.upgrade?.migrateConfig ?? DEFAULTS.upgrade.migrateConfig)) return;
  const limit = props.resources?.limits?.memory;
  if (limit === undefined || limit === null || limit === '') return;
  const mib = quantityBytes(limit as string | number) / 2 ** 20;
  if (!Number.isFinite(mib) || mib >= MIGRATE_CONFIG_MIN_LIMIT_MIB) return;
  p.warn('resources.limits.memory',
    `is below ${MIGRATE_CONFIG_MIN_LIMIT_MIB}Mi, and migrate-config (\`openclaw doctor --fix\`, run with the gateway's resources at every start) `
    + `peaked at ${MIGRATE_CONFIG_PEAK_MIB} MiB when measured: it would be OOM-killed and the pod would not start. Set at least 1Gi, or upgrade.migrateConfig: false`, limit);
}
