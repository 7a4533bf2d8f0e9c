import { backupFreshnessCheck, backupLoopScript } from '../../src/build/shell/backup-loop';
import { expectValidManifests } from '../helpers/k8s-valid';
import { findObject, podSpecOf, synthError, synthObjects } from '../helpers/synth';


const backupContainer = (objs: any[]) => podSpecOf(objs).containers.find((c: any) => c.name === 'backup');

describe('backup.enabled', () => {
  test('off by default: no backup container, no backups claim', () => {
    const objs = synthObjects();
    expect(podSpecOf(objs).containers.map((c: any) => c.name)).toEqual(['openclaw']);
    expect(findObject(objs, 'StatefulSet').spec.volumeClaimTemplates.map((t: any) => t.metadata.name)).toEqual(['data']);
  });

  test('on: a restricted backup container in the OpenClaw image, with the state as the gateway sees it and its archives on the state claim', () => {
    const objs = synthObjects({ backup: { enabled: true } });
    expectValidManifests(objs);
    const c = backupContainer(objs);
    const main = podSpecOf(objs).containers[0];
    expect(c.image).toBe(main.image);
    expect(c.securityContext).toEqual(main.securityContext);
    expect(c.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, runAsNonRoot: true, capabilities: { drop: ['ALL'] } });
    expect(c.command).toEqual(['sh', '-c', backupLoopScript(), 'openclaw-backup', '/backups', '30', '86400', '7', 'node', 'dist/index.js']);
    expect(c.env).toEqual([{ name: 'OPENCLAW_STATE_DIR', value: '/home/node/.openclaw' }]);
    expect(c.volumeMounts).toEqual([
      { name: 'data', mountPath: '/data' },
      { name: 'data', mountPath: '/home/node/.openclaw', subPath: '.openclaw' },
      { name: 'data', mountPath: '/home/node/.config', subPath: '.config' },
      { name: 'backup-tmp', mountPath: '/tmp' },
      { name: 'backup-tmp', mountPath: '/home/node/.cache', subPath: 'cache' },
      { name: 'data', mountPath: '/backups', subPath: 'backups' },
    ]);
    expect(c.resources).toEqual({ limits: { cpu: '500m', memory: '1Gi' }, requests: { cpu: '10m', memory: '128Mi' } });
    expect(c.ports).toBeUndefined();
    expect(podSpecOf(objs).volumes).toContainEqual({ name: 'backup-tmp', emptyDir: {} });
    // Turning backups on must not touch the claim templates: the API server refuses any change to them.
    expect(findObject(objs, 'StatefulSet').spec.volumeClaimTemplates).toEqual(findObject(synthObjects({}), 'StatefulSet').spec.volumeClaimTemplates);
    // Nothing about the archives in a ConfigMap.
    expect(objs.filter((o) => o.kind === 'ConfigMap')).toEqual([]);
  });

  test('a liveness check restarts the container when no archive was verified for the interval plus 30 minutes (what the backup alert sees)', () => {
    const probe = (props: object) => backupContainer(synthObjects({ backup: { enabled: true, ...props } })).livenessProbe;
    expect(probe({})).toEqual({
      exec: { command: backupFreshnessCheck('/backups', 86400 + 1800) },
      // The first archive comes 30 s after the start: half an hour more before the first check.
      initialDelaySeconds: 1830,
      periodSeconds: 300,
      timeoutSeconds: 10,
      failureThreshold: 2,
    });
    expect(probe({ intervalHours: 1 }).exec.command).toEqual(backupFreshnessCheck('/backups', 3600 + 1800));
    // The gateway container's probes are its own: a stale backup never takes the gateway out of its Service.
    expect(podSpecOf(synthObjects({ backup: { enabled: true } })).containers[0].livenessProbe).toEqual(podSpecOf(synthObjects()).containers[0].livenessProbe);
  });

  test('claim: own puts the archives on a claim of their own', () => {
    const objs = synthObjects({ backup: { enabled: true, claim: 'own' } });
    expectValidManifests(objs);
    expect(backupContainer(objs).volumeMounts).toContainEqual({ name: 'backups', mountPath: '/backups' });
    const claims = findObject(objs, 'StatefulSet').spec.volumeClaimTemplates;
    expect(claims.map((t: any) => t.metadata.name)).toEqual(['data', 'backups']);
    expect(claims[1].spec).toEqual({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '5Gi' } } });
  });

  test('claim: data without persistence is refused: the archives would die with the pod', () => {
    expect(() => synthObjects({ persistence: { enabled: false }, backup: { enabled: true, claim: 'data' } }))
      .toThrow('backup.claim: must be own when persistence.enabled is false: archives on an emptyDir die with the pod (got "data")');
  });

  test('interval, keep, size, storage class and resources follow the props; persistence off keeps the backups claim', () => {
    const objs = synthObjects({
      persistence: { enabled: false },
      backup: { enabled: true, intervalHours: 0.5, keep: 3, size: '2Gi', storageClass: 'fast-ssd', resources: { limits: { memory: '512Mi' } } },
    });
    expectValidManifests(objs);
    expect(backupContainer(objs).command.slice(4, 8)).toEqual(['/backups', '30', '1800', '3']);
    expect(backupContainer(objs).resources).toEqual({ limits: { memory: '512Mi' }, requests: { cpu: '10m', memory: '128Mi' } });
    const sts = findObject(objs, 'StatefulSet');
    expect(sts.spec.volumeClaimTemplates).toEqual([{
      metadata: { name: 'backups', labels: sts.spec.selector.matchLabels },
      spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'fast-ssd', resources: { requests: { storage: '2Gi' } } },
    }]);
    expect(podSpecOf(objs).volumes).toContainEqual({ name: 'data', emptyDir: {} });
  });

  test.each([
    [{ intervalHours: 0 }, 'backup.intervalHours: must be a number of hours from 0.0167 (one minute) to 8760 (a year) (got 0)'],
    [{ keep: 0 }, 'backup.keep: must be an integer from 1 to 1000 (got 0)'],
    [{ keep: 2.5 }, 'backup.keep: must be an integer from 1 to 1000 (got 2.5)'],
    [{ size: 'lots' }, 'backup.size: must be a Kubernetes quantity such as 5Gi (got "lots")'],
    [{ storageClass: 'Fast_SSD' }, 'backup.storageClass: must be a DNS subdomain (lower case) (got "Fast_SSD")'],
  ])('refuses %j with a message naming the path', (backup, message) => {
    expect(synthError({ backup: { enabled: true, ...backup } })).toContain(message);
  });

  test('a user volume may not take the backups names', () => {
    expect(synthError({ backup: { enabled: true }, extraVolumes: [{ name: 'backups', emptyDir: {} }] })).toContain('extraVolumes');
  });
});
