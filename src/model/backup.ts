/**
 * Scheduled, verified backups (`backup.*`): the resolved settings, their checks, and the `backup`
 * container and `backups` claim the StatefulSet gets when they are on.
 */
import { isDnsSubdomain, isQuantity } from '../core/patterns';
import { ProblemCollector } from '../core/errors';
import { BACKUP_CLAIMS, BackupClaim, isOneOf, orList } from '../props/enumerations';
import { DEFAULTS, KubernetesJson, OpenClawChartProps } from '../props';

/** Seconds from the backup container's start to its first archive: "within a minute". */
export const FIRST_BACKUP_DELAY_SECONDS = 30;
/**
 * How late an archive may be before the liveness check restarts the backup container: half an
 * hour (about six retries, a slow archive). The restart is what alerts (src/build/monitoring-rules.ts).
 */
export const BACKUP_GRACE_SECONDS = 1800;
/** The OpenClaw CLI in the image (WORKDIR /app). */
export const OPENCLAW_CLI = ['node', 'dist/index.js'] as const;

export interface ResolvedBackup {
  /** `data`: the archives in BACKUPS_SUBPATH of the state claim; `own`: the `backups` claim template. */
  readonly claim: BackupClaim;
  readonly intervalSeconds: number;
  readonly keep: number;
  readonly size: string;
  readonly storageClass: string;
  readonly resources: KubernetesJson;
}

/** The directory on the state claim that holds the archives with `claim: data`. */
export const BACKUPS_SUBPATH = 'backups';

/** Problems of `backup.*` go to `p`; undefined when backups are off. */
export function resolveBackup(props: OpenClawChartProps, persistence: boolean, p: ProblemCollector): ResolvedBackup | undefined {
  const b = props.backup ?? {};
  const d = DEFAULTS.backup;
  if (b.enabled !== undefined && typeof b.enabled !== 'boolean') p.add('backup.enabled', 'must be true or false', b.enabled);
  // On the state claim a new archive needs no new claim template, which a running StatefulSet refuses.
  const claim = b.claim ?? (persistence ? 'data' : 'own');
  if (!isOneOf(BACKUP_CLAIMS, claim)) p.add('backup.claim', `must be ${orList(BACKUP_CLAIMS)}`, claim);
  else if (claim === 'data' && !persistence && b.enabled) {
    p.add('backup.claim', 'must be own when persistence.enabled is false: archives on an emptyDir die with the pod', claim);
  }
  const hours = b.intervalHours ?? d.intervalHours;
  if (typeof hours !== 'number' || !Number.isFinite(hours) || hours < 1 / 60 || hours > 8760) {
    p.add('backup.intervalHours', 'must be a number of hours from 0.0167 (one minute) to 8760 (a year)', hours);
  }
  const keep = b.keep ?? d.keep;
  if (!Number.isInteger(keep) || keep < 1 || keep > 1000) p.add('backup.keep', 'must be an integer from 1 to 1000', keep);
  const size = b.size ?? d.size;
  if (!isQuantity(size)) p.add('backup.size', 'must be a Kubernetes quantity such as 5Gi', size);
  const storageClass = b.storageClass ?? d.storageClass;
  if (storageClass && !isDnsSubdomain(storageClass)) p.add('backup.storageClass', 'must be a DNS subdomain (lower case)', storageClass);
  for (const kind of ['limits', 'requests'] as const) {
    for (const [res, q] of Object.entries(b.resources?.[kind] ?? {})) {
      if (q !== undefined && !isQuantity(q)) p.add(`backup.resources.${kind}.${res}`, 'must be a Kubernetes quantity such as 500m, 2, 1Gi', q);
    }
  }
  if (!(b.enabled ?? d.enabled)) return undefined;
  return {
    claim,
    intervalSeconds: Math.max(60, Math.round(hours * 3600)),
    keep,
    size: String(size),
    storageClass,
    resources: { limits: b.resources?.limits ?? d.resources.limits, requests: b.resources?.requests ?? d.resources.requests },
  };
}
