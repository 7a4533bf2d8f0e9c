/**
 * `backup.s3`, `backup.restoreFrom` and the upgrade safety props as rendered: the env the S3 client
 * runs with (credentials only by Secret reference), the restore-state init container, the
 * NetworkPolicy egress to the endpoint, and the synth-time errors naming each path. The client and
 * the scripts run against a real MinIO and the real OpenClaw in test/e2e/s3.test.ts.
 */
import { OpenClawChartProps } from '../../src';
import { restoreStateCommand } from '../../src/build/shell/restore-state';
import { s3ClientSource } from '../../src/build/shell/s3-client';
import { expectValidManifests } from '../helpers/k8s-valid';
import { findObject, podSpecOf, synthError, synthObjects } from '../helpers/synth';

const S3 = { endpoint: 'https://s3.eu-west-1.amazonaws.com', bucket: 'acme-openclaw-backups', region: 'eu-west-1', prefix: 'prod/', credentialsSecret: { name: 'openclaw-s3' } };
const container = (objs: any[], name: string) => [...podSpecOf(objs).initContainers, ...podSpecOf(objs).containers].find((c: any) => c.name === name);
const envMap = (c: any) => Object.fromEntries(c.env.map((e: any) => [e.name, e.value ?? e.valueFrom]));

describe('backup.s3', () => {
  test('the backup container gets the bucket settings, the credentials by Secret reference and the client; nothing secret in the render', () => {
    const objs = synthObjects({ backup: { enabled: true, keep: 5, s3: S3 } });
    expectValidManifests(objs);
    const env = envMap(container(objs, 'backup'));
    expect(env).toMatchObject({
      OPENCLAW_S3_ENDPOINT: 'https://s3.eu-west-1.amazonaws.com', OPENCLAW_S3_BUCKET: 'acme-openclaw-backups', OPENCLAW_S3_PREFIX: 'prod/',
      OPENCLAW_S3_REGION: 'eu-west-1', OPENCLAW_S3_PATH_STYLE: 'true', OPENCLAW_S3_KEEP: '5', OPENCLAW_S3_CLIENT: s3ClientSource(),
      POD_NAME: { fieldRef: { fieldPath: 'metadata.name' } },
      AWS_ACCESS_KEY_ID: { secretKeyRef: { name: 'openclaw-s3', key: 'AWS_ACCESS_KEY_ID' } },
      AWS_SECRET_ACCESS_KEY: { secretKeyRef: { name: 'openclaw-s3', key: 'AWS_SECRET_ACCESS_KEY' } },
    });
    expect(objs.filter((o) => o.kind === 'Secret')).toEqual([]);
    // The pre-upgrade archive goes to the bucket too: migrate-config has the same settings.
    expect(envMap(container(objs, 'migrate-config'))).toMatchObject({ OPENCLAW_S3_BUCKET: 'acme-openclaw-backups', OPENCLAW_S3_CLIENT: s3ClientSource() });
  });

  test('without credentialsSecret: no key env at all (workload identity through the ServiceAccount)', () => {
    const objs = synthObjects({ backup: { enabled: true, s3: { endpoint: 'https://s3.amazonaws.com', bucket: 'b-1' } }, serviceAccount: { annotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::1:role/r' } } });
    expect(Object.keys(envMap(container(objs, 'backup')))).not.toContain('AWS_ACCESS_KEY_ID');
    expect(findObject(objs, 'ServiceAccount').metadata.annotations).toEqual({ 'eks.amazonaws.com/role-arn': 'arn:aws:iam::1:role/r' });
  });

  test('a restricting NetworkPolicy lets the pod reach the endpoint: its address when it is an IP, else its port, with a warning', () => {
    const ip = synthObjects({ backup: { enabled: true, s3: { endpoint: 'http://10.0.5.7:9000', bucket: 'b-1' } }, networkPolicy: { enabled: true } });
    expect(findObject(ip, 'NetworkPolicy').spec.egress).toContainEqual({ to: [{ ipBlock: { cidr: '10.0.5.7/32' } }], ports: [{ protocol: 'TCP', port: 9000 }] });
    const host = synthObjects({ backup: { enabled: true, s3: S3 }, networkPolicy: { enabled: true } });
    expect(findObject(host, 'NetworkPolicy').spec.egress).toContainEqual({ ports: [{ protocol: 'TCP', port: 443 }] });
    // Without a policy, nothing is added.
    expect(synthObjects({ backup: { enabled: true, s3: S3 } }).filter((o) => o.kind === 'NetworkPolicy')).toEqual([]);
  });

  test.each<[string, OpenClawChartProps, string]>([
    ['endpoint with a path', { backup: { s3: { ...S3, endpoint: 'https://s3.example.com/bucket' } } }, 'backup.s3.endpoint'],
    ['endpoint not http(s)', { backup: { s3: { ...S3, endpoint: 'ftp://s3.example.com' } } }, 'backup.s3.endpoint'],
    ['bucket too short', { backup: { s3: { ...S3, bucket: 'ab' } } }, 'backup.s3.bucket'],
    ['bucket upper case', { backup: { s3: { ...S3, bucket: 'Acme' } } }, 'backup.s3.bucket'],
    ['prefix without a trailing slash', { backup: { s3: { ...S3, prefix: 'prod' } } }, 'backup.s3.prefix'],
    ['prefix with a leading slash', { backup: { s3: { ...S3, prefix: '/prod/' } } }, 'backup.s3.prefix'],
    ['keep 0', { backup: { s3: { ...S3, keep: 0 } } }, 'backup.s3.keep'],
    ['a bad Secret name', { backup: { s3: { ...S3, credentialsSecret: { name: 'Not_A_Name' } } } }, 'backup.s3.credentialsSecret.name'],
    ['virtual-hosted style on an IP', { backup: { s3: { ...S3, endpoint: 'http://10.0.0.1:9000', forcePathStyle: false } } }, 'backup.s3.forcePathStyle'],
    ['restoreFrom without s3', { backup: { restoreFrom: { s3: { latest: true } } } }, 'backup.restoreFrom'],
    ['restoreFrom with key and latest', { backup: { s3: S3, restoreFrom: { s3: { key: 'a', latest: true } } } }, 'backup.restoreFrom.s3'],
    ['restoreFrom with neither', { backup: { s3: S3, restoreFrom: { s3: {} } } }, 'backup.restoreFrom.s3'],
    ['restoreFrom key starting with /', { backup: { s3: S3, restoreFrom: { s3: { key: '/x' } } } }, 'backup.restoreFrom.s3.key'],
  ])('refuses %s, naming the path', (_what, props, path) => {
    expect(synthError(props)).toContain(path);
  });

  test('credentials in the endpoint are refused without echoing them', () => {
    const err = synthError({ backup: { s3: { ...S3, endpoint: 'https://AKIAEXAMPLE:hunter2secret@s3.example.com' } } });
    expect(err).toContain('backup.s3.endpoint');
    expect(err).not.toContain('hunter2secret');
  });
});

describe('backup.restoreFrom', () => {
  test('a restore-state init container right after prepare-state, before anything writes openclaw.json', () => {
    const objs = synthObjects({ backup: { s3: S3, restoreFrom: { s3: { latest: true } } } });
    expectValidManifests(objs);
    expect(podSpecOf(objs).initContainers.map((c: any) => c.name)).toEqual(['prepare-state', 'restore-state', 'gateway-token', 'migrate-config']);
    const c = container(objs, 'restore-state');
    expect(c.command).toEqual(restoreStateCommand('/data', 'latest', false));
    expect(c.volumeMounts).toEqual([{ name: 'data', mountPath: '/data' }, { name: 'tmp', mountPath: '/tmp' }]);
    expect(c.securityContext).toEqual(podSpecOf(objs).containers[0].securityContext);
    expect(envMap(c)).toMatchObject({ HOME: '/tmp', OPENCLAW_S3_BUCKET: 'acme-openclaw-backups' });
    // Backups off: no backup container, only the restore.
    expect(podSpecOf(objs).containers.map((x: any) => x.name)).toEqual(['openclaw']);
  });

  test('a key and overwrite', () => {
    const objs = synthObjects({ backup: { s3: S3, restoreFrom: { s3: { key: 'prod/my-openclaw-0/a-openclaw-backup.tar.gz' }, overwrite: true } } });
    expect(container(objs, 'restore-state').command).toEqual(restoreStateCommand('/data', 'key:prod/my-openclaw-0/a-openclaw-backup.tar.gz', true));
  });
});

describe('upgrade.backupFirst and upgrade.allowDowngrade', () => {
  const args = (objs: any[]) => container(objs, 'migrate-config').command.slice(4);
  test('by default: the pre-upgrade archive beside the backups on the state claim, downgrades refused', () => {
    expect(args(synthObjects({}))).toEqual(['/data/.openclaw/openclaw.json', '/data/backups/pre-upgrade', 'false']);
  });
  test('with backup.claim own: on the backups claim, mounted into migrate-config', () => {
    const objs = synthObjects({ backup: { enabled: true, claim: 'own' } });
    expect(args(objs)[1]).toBe('/backups/pre-upgrade');
    expect(container(objs, 'migrate-config').volumeMounts).toContainEqual({ name: 'backups', mountPath: '/backups' });
  });
  test('off, and without persistence (nothing survives to roll back to): no archive; allowDowngrade passed on', () => {
    expect(args(synthObjects({ upgrade: { backupFirst: false, allowDowngrade: true } }))).toEqual(['/data/.openclaw/openclaw.json', '', 'true']);
    expect(args(synthObjects({ persistence: { enabled: false } }))[1]).toBe('');
  });
});
