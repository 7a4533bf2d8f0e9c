/**
 * The containers' side of `backup.s3` and `backup.restoreFrom` (resolved in src/model/backup-s3.ts):
 * the env the S3 client runs with (credentials only by Secret reference) and the `restore-state`
 * init container.
 */
import { PATHS, VOLUMES } from '../core/pod-layout';
import { ResolvedBackupS3, ResolvedRestore } from '../model/backup-s3';
import { KubernetesJson } from '../props';
import { restoreStateCommand } from './shell/restore-state';
import { S3_CLIENT_ENV, s3ClientSource } from './shell/s3-client';

/** The env of a container that runs the S3 client: settings, credentials by reference, the client's source. */
export function s3Env(s3: ResolvedBackupS3): KubernetesJson[] {
  return [
    { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
    { name: 'OPENCLAW_S3_ENDPOINT', value: s3.endpoint },
    { name: 'OPENCLAW_S3_BUCKET', value: s3.bucket },
    { name: 'OPENCLAW_S3_PREFIX', value: s3.prefix },
    { name: 'OPENCLAW_S3_REGION', value: s3.region },
    { name: 'OPENCLAW_S3_PATH_STYLE', value: String(s3.pathStyle) },
    { name: 'OPENCLAW_S3_KEEP', value: String(s3.keep) },
    ...(s3.secret ? [
      { name: 'AWS_ACCESS_KEY_ID', valueFrom: { secretKeyRef: { name: s3.secret.name, key: s3.secret.idKey } } },
      { name: 'AWS_SECRET_ACCESS_KEY', valueFrom: { secretKeyRef: { name: s3.secret.name, key: s3.secret.secretKey } } },
    ] : []),
    { name: S3_CLIENT_ENV, value: s3ClientSource() },
  ];
}

export interface RestoreContainerInputs {
  readonly restore: ResolvedRestore;
  readonly s3: ResolvedBackupS3;
  readonly image: { readonly ref: string; readonly pullPolicy: string };
  readonly securityContext: KubernetesJson;
  readonly resources: KubernetesJson;
  readonly dataDir: string;
}

/**
 * The `restore-state` init container (after prepare-state, before anything writes openclaw.json):
 * the OpenClaw image with HOME on the pod's /tmp emptyDir, and the data volume.
 */
export function restoreContainer(m: RestoreContainerInputs): KubernetesJson {
  return {
    name: 'restore-state',
    image: m.image.ref,
    imagePullPolicy: m.image.pullPolicy,
    command: restoreStateCommand(m.dataDir, m.restore.source, m.restore.overwrite),
    env: [{ name: 'HOME', value: PATHS.tmp }, ...s3Env(m.s3)],
    volumeMounts: [{ name: VOLUMES.data, mountPath: m.dataDir }, { name: VOLUMES.tmp, mountPath: PATHS.tmp }],
    securityContext: m.securityContext,
    resources: m.resources,
  };
}

