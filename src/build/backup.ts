/** The backup sidecar and its claim, from the model's ResolvedBackup (src/model/backup.ts). */
import { PATHS, VOLUMES } from '../core/pod-layout';
import { BACKUPS_SUBPATH, BACKUP_GRACE_SECONDS, FIRST_BACKUP_DELAY_SECONDS, OPENCLAW_CLI, ResolvedBackup } from '../model/backup';
import { KubernetesJson } from '../props';
import { backupFreshnessCheck, backupLoopCommand } from './shell/backup-loop';
import { ResolvedBackupS3 } from '../model/backup-s3';
import { s3Env } from './backup-s3';

/** The backups volume claim template: one claim per replica, `backups-<statefulset>-<i>`. */
export function backupClaimTemplate(backup: ResolvedBackup, selectorLabels: Record<string, string>): KubernetesJson {
  return {
    metadata: { name: VOLUMES.backups, labels: selectorLabels },
    spec: {
      accessModes: ['ReadWriteOnce'],
      ...(backup.storageClass ? { storageClassName: backup.storageClass } : {}),
      resources: { requests: { storage: backup.size } },
    },
  };
}

export interface BackupContainerInputs {
  readonly backup: ResolvedBackup;
  readonly image: { readonly ref: string; readonly pullPolicy: string };
  readonly securityContext: KubernetesJson;
  readonly dataDir: string;
  /** Uploads each archive there (`backup.s3`). */
  readonly s3?: ResolvedBackupS3;
}

/**
 * The `backup` container: the OpenClaw image, the gateway's state mounted as the gateway sees it
 * (so `openclaw backup create` finds the same state directory), its own /tmp, and the backups claim.
 */
export function backupContainer(m: BackupContainerInputs): KubernetesJson {
  return {
    name: 'backup',
    image: m.image.ref,
    imagePullPolicy: m.image.pullPolicy,
    securityContext: m.securityContext,
    command: backupLoopCommand({
      outDir: PATHS.backupsDir,
      firstDelaySeconds: FIRST_BACKUP_DELAY_SECONDS,
      intervalSeconds: m.backup.intervalSeconds,
      keep: m.backup.keep,
    }, OPENCLAW_CLI),
    env: [{ name: 'OPENCLAW_STATE_DIR', value: PATHS.stateDir }, ...(m.s3 ? s3Env(m.s3) : [])],
    volumeMounts: [
      { name: VOLUMES.data, mountPath: m.dataDir },
      { name: VOLUMES.data, mountPath: PATHS.stateDir, subPath: '.openclaw' },
      { name: VOLUMES.data, mountPath: PATHS.config, subPath: '.config' },
      { name: VOLUMES.backupTmp, mountPath: PATHS.tmp },
      // The CLI needs a writable ~/.cache (its fallback temp dir) under the read-only root.
      { name: VOLUMES.backupTmp, mountPath: PATHS.cache, subPath: 'cache' },
      m.backup.claim === 'own'
        ? { name: VOLUMES.backups, mountPath: PATHS.backupsDir }
        : { name: VOLUMES.data, mountPath: PATHS.backupsDir, subPath: BACKUPS_SUBPATH },
    ],
    resources: m.backup.resources,
    // Restarted when no archive was verified for an interval plus the grace (or, after a start,
    // within the first archive's delay plus the grace): kube-state-metrics counts the restart.
    livenessProbe: {
      exec: { command: backupFreshnessCheck(PATHS.backupsDir, m.backup.intervalSeconds + BACKUP_GRACE_SECONDS) },
      initialDelaySeconds: FIRST_BACKUP_DELAY_SECONDS + BACKUP_GRACE_SECONDS,
      periodSeconds: 300,
      timeoutSeconds: 10,
      failureThreshold: 2,
    },
  };
}
