/** In a real cluster: trusted proxies, the heap cap, ~/.config on the volume, a paused release. */
import { App, Testing } from 'cdk8s';
import { OpenClawChart, OpenClawChartProps } from '../../src';
import { quantityBytes } from '../../src/core/quantity';
import { trustedProxiesAdvice } from '../../src/core/trusted-proxies';
import { cli, tempDir, writeFile } from '../cli/run-cli';
import { envOf, mainContainer, synthObjects } from '../helpers/synth';

/** The chart (it never prints; its warnings are in chart.warnings). */
function quietChart(props: OpenClawChartProps): OpenClawChart {
  return new OpenClawChart(Testing.app() as App, 'my-openclaw', props);
}

/** The openclaw.json the chart manages, as rendered into its ConfigMap (undefined: none). */
function managedConfig(chart: OpenClawChart): any {
  const map = Testing.synth(chart).find((o) => o.kind === 'ConfigMap' && o.data?.['openclaw.json']);
  return map && JSON.parse(map.data['openclaw.json']);
}

const dir = tempDir();

describe('trusted proxies', () => {
  const ingress = { enabled: true, hosts: [{ host: 'openclaw.example.com' }] };

  test('an Ingress without trustedProxies renders nothing trusted, with a warning that says what to set', () => {
    const chart = quietChart({ ingress });
    expect(managedConfig(chart)?.gateway).toMatchObject({ trustedProxies: [] });
    expect(chart.warnings).toEqual([{ path: 'gateway.trustedProxies', message: trustedProxiesAdvice('Ingress') }]);
    expect(trustedProxiesAdvice('Ingress')).toContain('`kubectl get pods -n ingress-nginx -o wide`');
  });

  test('an HTTPRoute without trustedProxies warns about the Gateway implementation', () => {
    const chart = quietChart({ httpRoute: { enabled: true, parentRefs: [{ name: 'public' }] } });
    expect(chart.warnings).toEqual([{ path: 'gateway.trustedProxies', message: trustedProxiesAdvice('HTTPRoute') }]);
  });

  test('narrow trusted proxies render as given, without a warning; no ingress: no key, no warning', () => {
    const narrow = quietChart({ ingress, gateway: { trustedProxies: ['10.42.3.17/32'] } });
    expect(managedConfig(narrow)?.gateway).toMatchObject({ trustedProxies: ['10.42.3.17/32'] });
    expect(narrow.warnings).toEqual([]);
    const none = quietChart({});
    expect(managedConfig(none)).toBeUndefined();
    expect(none.warnings).toEqual([]);
  });

  test('--strict refuses an ingress without trusted proxies', async () => {
    const r = await cli('synth', '--strict', '-f', writeFile(dir, 'ingress.yaml', 'ingress:\n  enabled: true\n'));
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`Refused with --strict (1 problem):\n  - gateway.trustedProxies: ${trustedProxiesAdvice('Ingress')}\n`);
  });
});

describe('heap cap', () => {
  const nodeOptions = (props: OpenClawChartProps) => envOf(synthObjects(props)).NODE_OPTIONS;

  test('75% of the memory limit in MiB, as the official manifest (1536 under 2Gi)', () => {
    expect(nodeOptions({})).toBe('--max-old-space-size=3072');
    expect(nodeOptions({ resources: { limits: { memory: '2Gi' } } })).toBe('--max-old-space-size=1536');
    expect(nodeOptions({ resources: { limits: { memory: '1G' } } })).toBe('--max-old-space-size=714');
    expect(nodeOptions({ resources: { limits: { memory: '1536Mi', cpu: '1' } } })).toBe('--max-old-space-size=1152');
  });

  test('none without a memory limit; the prop overrides it, 0 turns it off', () => {
    expect(nodeOptions({ resources: { limits: { cpu: '1' } } })).toBeUndefined();
    expect(nodeOptions({ maxOldSpaceSizeMiB: 1024 })).toBe('--max-old-space-size=1024');
    expect(nodeOptions({ maxOldSpaceSizeMiB: 0 })).toBeUndefined();
  });

  test('your own NODE_OPTIONS in env or extraEnv wins: the chart sets none', () => {
    const env = mainContainer(synthObjects({ env: { NODE_OPTIONS: '--max-old-space-size=900' } })).env.filter((e: any) => e.name === 'NODE_OPTIONS');
    expect(env).toEqual([{ name: 'NODE_OPTIONS', value: '--max-old-space-size=900' }]);
    const extra = mainContainer(synthObjects({ extraEnv: [{ name: 'NODE_OPTIONS', value: '--trace-gc' }] })).env.filter((e: any) => e.name === 'NODE_OPTIONS');
    expect(extra).toEqual([{ name: 'NODE_OPTIONS', value: '--trace-gc' }]);
  });

  test('quantities as Kubernetes writes them', () => {
    expect(quantityBytes('2Gi')).toBe(2 * 1024 ** 3);
    expect(quantityBytes('512M')).toBe(512e6);
    expect(quantityBytes('1e9')).toBe(1e9);
    expect(quantityBytes(1048576)).toBe(1048576);
  });
});

test('all of ~/.config is the claim\'s .config directory (the auth-profile key in ~/.config/openclaw stays persisted)', () => {
  const mounts = mainContainer(synthObjects({})).volumeMounts;
  expect(mounts).toContainEqual({ name: 'data', mountPath: '/home/node/.config', subPath: '.config' });
  expect(mounts.filter((m: any) => m.mountPath.startsWith('/home/node/.config'))).toHaveLength(1);
});

describe('replicaCount 0: a paused release', () => {
  test('the StatefulSet has 0 replicas and keeps its claim template; no PodDisruptionBudget', () => {
    const objects = synthObjects({ replicaCount: 0 });
    const sts = objects.find((o) => o.kind === 'StatefulSet');
    expect(sts.spec.replicas).toBe(0);
    expect(sts.spec.volumeClaimTemplates.map((t: any) => t.metadata.name)).toEqual(['data']);
    expect(sts.spec.persistentVolumeClaimRetentionPolicy).toEqual({ whenDeleted: 'Retain', whenScaled: 'Retain' });
    expect(objects.filter((o) => o.kind === 'PodDisruptionBudget')).toEqual([]);
  });

  test('an explicit podDisruptionBudget.enabled is ignored with a warning while paused', () => {
    const chart = quietChart({ replicaCount: 0, podDisruptionBudget: { enabled: true } });
    expect(chart.toJson().filter((o: any) => o.kind === 'PodDisruptionBudget')).toEqual([]);
    expect(chart.warnings).toEqual([{ path: 'podDisruptionBudget.enabled',
      message: 'is ignored while replicaCount is 0 (paused): there is no pod to protect, so no PodDisruptionBudget is rendered' }]);
  });
});
