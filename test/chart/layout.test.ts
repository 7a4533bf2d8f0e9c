import { CHART_MOUNT_PATHS } from '../../src/core/pod-layout';
import { podSpecOf, synthObjects } from '../helpers/synth';

test('CHART_MOUNT_PATHS (what check.ts keeps users from mounting over) lists every path the chart mounts', () => {
  const objs = synthObjects({
    image: { tag: '2026.2.1' },
    configMap: { data: { 'a.txt': 'x' } },
    replicaCount: 2,
    replicaOverrides: { 1: { env: { ROLE: 'b' } } },
    backup: { enabled: true },
  });
  const spec = podSpecOf(objs);
  const mounted = [...spec.initContainers, ...spec.containers].flatMap((c: any) => c.volumeMounts.map((m: any) => m.mountPath));
  expect([...new Set(mounted.filter((m: string) => m !== '/data'))].sort()).toEqual([...CHART_MOUNT_PATHS].sort());
});
