/**
 * The PrometheusRule's alerts, run by Prometheus's own `promtool test rules` (Debian package
 * `prometheus`) on kube-state-metrics and kubelet series: for each alert, series that make it fire
 * (with its exact labels and text) and series that must not (another release, another namespace,
 * below the threshold, too short, the container another alert owns). One promtool call for all.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { stringify } from 'yaml';
import { renderObjects } from '../../src/build/render-objects';
import { OpenClawChartProps } from '../../src';

const NS = 'openclaw';
const KSM = { job: 'kube-state-metrics', namespace: NS };
const KUBELET = { job: 'kubelet', namespace: NS };
const RELEASE = { openclaw_release: 'my-openclaw' };

function ruleGroups(props: OpenClawChartProps): any[] {
  const objs = renderObjects({ namespace: NS, ...props }, 'my-openclaw');
  return objs.find((o) => o.kind === 'PrometheusRule').spec.groups;
}

const alertNames = (groups: any[]) => groups.flatMap((g) => g.rules.map((r: any) => r.alert));

/** `name{a="b", ...}` as promtool reads a series. */
function series(name: string, labels: Record<string, string>, values: string): object {
  const text = Object.entries(labels).map(([k, v]) => `${k}="${v}"`).join(', ');
  return { series: `${name}{${text}}`, values };
}

const sts = (statefulset: string, namespace = NS) => ({ ...KSM, namespace, statefulset });
const container = (pod: string, name: string, extra: Record<string, string> = {}) => ({ ...KSM, pod, container: name, uid: `uid-${pod}`, ...extra });
const claim = (pvc: string, namespace = NS) => ({ ...KUBELET, namespace, persistentvolumeclaim: pvc });
const alert = (severity: string, labels: Record<string, string>, summary: string, description: string) => ({
  exp_labels: { ...labels, severity, ...RELEASE },
  exp_annotations: { summary, description },
});

const DOWN = (labels: Record<string, string>) => alert('critical', labels, 'No replica of OpenClaw my-openclaw is ready',
  'StatefulSet my-openclaw in openclaw has had no ready replica for 5 minutes: the gateway is unreachable. kubectl describe pod -n openclaw my-openclaw-0');
const NOT_READY = (ready: number, minutes: number) => alert('warning', sts('my-openclaw'), 'Some replicas of OpenClaw my-openclaw are not ready',
  `StatefulSet my-openclaw in openclaw has had only ${ready} ready replicas, fewer than it should, for ${minutes} minutes.`);
const PAUSED = (hours: number) => alert('info', sts('my-openclaw'), `OpenClaw my-openclaw has been paused for ${hours} hours`,
  `StatefulSet my-openclaw in openclaw has had 0 replicas for ${hours} hours (replicaCount: 0). Its claims are kept; set replicaCount back to resume.`);
const CRASH = (pod: string, name: string) => alert('warning', { namespace: NS, pod, container: name }, 'A container of OpenClaw my-openclaw is crash looping',
  `Container ${name} of ${pod} has been restarting (CrashLoopBackOff) for 15 minutes. kubectl logs -n openclaw ${pod} -c ${name} --previous`);
const OOM = (pod: string, name: string) => alert('warning', container(pod, name), 'A container of OpenClaw my-openclaw was killed for using too much memory',
  `Container ${name} of ${pod} was OOM-killed in the last 15m. Raise resources.limits.memory (gateway and migrate-config) or backup.resources.limits.memory (backup).`);
const FULL = (pvc: string, percent: number, limit: number) => alert('warning', claim(pvc), `A claim of OpenClaw my-openclaw is more than ${limit}% full`,
  `Claim ${pvc} in openclaw is ${percent}% full. OpenClaw's databases and the archives stop when it is full: expand the claim (if its StorageClass allows) or lower backup.keep.`);
const MIGRATE = (pod: string) => alert('critical', { namespace: NS, pod }, 'migrate-config of OpenClaw my-openclaw keeps failing: the gateway is not started',
  `migrate-config in ${pod} has been failing for 10 minutes: the config on the volume does not validate on the new release even after openclaw doctor --fix, or the container is OOM-killed. Its log names the keys: kubectl logs -n openclaw ${pod} -c migrate-config --previous`);
const BACKUP = (pod: string) => alert('warning', { namespace: NS, pod }, 'Backups of OpenClaw my-openclaw are failing or stale',
  `The backup container of ${pod} restarted in the last hour: its check restarts it when no archive was verified for backup.intervalHours plus 30 minutes (or it crashed). kubectl logs -n openclaw ${pod} -c backup --previous`);

/** Tests of the defaults (backups and migrate-config on). */
const DEFAULT_TESTS = [
  {
    name: 'gateway down: no replica ready; not another release, another namespace, nor a paused one',
    interval: '1m',
    input_series: [
      series('kube_statefulset_replicas', sts('my-openclaw'), '1x20'),
      series('kube_statefulset_status_replicas_ready', sts('my-openclaw'), '0x20'),
      series('kube_statefulset_replicas', sts('other'), '1x20'),
      series('kube_statefulset_status_replicas_ready', sts('other'), '0x20'),
      series('kube_statefulset_replicas', sts('my-openclaw', 'team-b'), '1x20'),
      series('kube_statefulset_status_replicas_ready', sts('my-openclaw', 'team-b'), '0x20'),
    ],
    alert_rule_test: [
      { eval_time: '4m', alertname: 'OpenClawGatewayDown', exp_alerts: [] },
      { eval_time: '10m', alertname: 'OpenClawGatewayDown', exp_alerts: [DOWN(sts('my-openclaw'))] },
      { eval_time: '10m', alertname: 'OpenClawReplicasNotReady', exp_alerts: [] },
      { eval_time: '10m', alertname: 'OpenClawReleasePaused', exp_alerts: [] },
    ],
  },
  {
    name: 'replicas not ready: 2 of 3 for 15 minutes; not 3 of 3',
    interval: '1m',
    input_series: [
      series('kube_statefulset_replicas', sts('my-openclaw'), '3x30'),
      series('kube_statefulset_status_replicas_ready', sts('my-openclaw'), '2x30'),
      series('kube_statefulset_replicas', sts('my-openclaw', 'team-b'), '3x30'),
      series('kube_statefulset_status_replicas_ready', sts('my-openclaw', 'team-b'), '3x30'),
    ],
    alert_rule_test: [
      { eval_time: '14m', alertname: 'OpenClawReplicasNotReady', exp_alerts: [] },
      { eval_time: '16m', alertname: 'OpenClawReplicasNotReady', exp_alerts: [NOT_READY(2, 15)] },
      { eval_time: '16m', alertname: 'OpenClawGatewayDown', exp_alerts: [] },
    ],
  },
  {
    name: 'paused: 0 replicas for 24 hours, and neither down nor not ready',
    interval: '1m',
    input_series: [
      series('kube_statefulset_replicas', sts('my-openclaw'), '0x1500'),
      series('kube_statefulset_status_replicas_ready', sts('my-openclaw'), '0x1500'),
    ],
    alert_rule_test: [
      { eval_time: '23h', alertname: 'OpenClawReleasePaused', exp_alerts: [] },
      { eval_time: '24h10m', alertname: 'OpenClawReleasePaused', exp_alerts: [PAUSED(24)] },
      { eval_time: '24h10m', alertname: 'OpenClawGatewayDown', exp_alerts: [] },
      { eval_time: '24h10m', alertname: 'OpenClawReplicasNotReady', exp_alerts: [] },
    ],
  },
  {
    name: 'crash loop of the gateway and an init container; backup and migrate-config have their own alerts; not another release',
    interval: '1m',
    input_series: [
      series('kube_pod_container_status_waiting_reason', container('my-openclaw-0', 'openclaw', { reason: 'CrashLoopBackOff' }), '1x30'),
      series('kube_pod_init_container_status_waiting_reason', container('my-openclaw-1', 'prepare-state', { reason: 'CrashLoopBackOff' }), '1x30'),
      series('kube_pod_container_status_waiting_reason', container('my-openclaw-2', 'backup', { reason: 'CrashLoopBackOff' }), '1x30'),
      // Backing off, then running doctor again (0), then backing off: still failing.
      series('kube_pod_init_container_status_waiting_reason', container('my-openclaw-2', 'migrate-config', { reason: 'CrashLoopBackOff' }), '1 1 0 1 1 1 0 0 1 1 1 1 0 1 1 1 1 1 0 1 1 1 1 1 1 1'),
      // One failure, then it passed.
      series('kube_pod_init_container_status_waiting_reason', container('my-openclaw-3', 'migrate-config', { reason: 'CrashLoopBackOff' }), '0 1 0x28'),
      series('kube_pod_container_status_waiting_reason', container('other-0', 'openclaw', { reason: 'CrashLoopBackOff' }), '1x30'),
      series('kube_pod_container_status_waiting_reason', container('my-openclaw-x-0', 'openclaw', { reason: 'CrashLoopBackOff' }), '1x30'),
    ],
    alert_rule_test: [
      { eval_time: '14m', alertname: 'OpenClawCrashLooping', exp_alerts: [] },
      { eval_time: '20m', alertname: 'OpenClawCrashLooping', exp_alerts: [CRASH('my-openclaw-0', 'openclaw'), CRASH('my-openclaw-1', 'prepare-state')] },
      { eval_time: '9m', alertname: 'OpenClawMigrateConfigFailing', exp_alerts: [] },
      { eval_time: '20m', alertname: 'OpenClawMigrateConfigFailing', exp_alerts: [MIGRATE('my-openclaw-2')] },
    ],
  },
  {
    name: 'OOM kill of the gateway and of migrate-config; not an Error exit, nor an OOM kill older than 15 minutes',
    interval: '1m',
    input_series: [
      series('kube_pod_container_status_restarts_total', container('my-openclaw-0', 'openclaw'), '0x4 1x25'),
      series('kube_pod_container_status_last_terminated_reason', container('my-openclaw-0', 'openclaw', { reason: 'OOMKilled' }), '_x4 1x25'),
      series('kube_pod_init_container_status_restarts_total', container('my-openclaw-2', 'migrate-config'), '0x4 1x25'),
      series('kube_pod_init_container_status_last_terminated_reason', container('my-openclaw-2', 'migrate-config', { reason: 'OOMKilled' }), '_x4 1x25'),
      series('kube_pod_container_status_restarts_total', container('my-openclaw-1', 'openclaw'), '0x4 1x25'),
      series('kube_pod_container_status_last_terminated_reason', container('my-openclaw-1', 'openclaw', { reason: 'Error' }), '_x4 1x25'),
      series('kube_pod_container_status_restarts_total', container('my-openclaw-3', 'backup'), '1x30'),
      series('kube_pod_container_status_last_terminated_reason', container('my-openclaw-3', 'backup', { reason: 'OOMKilled' }), '1x30'),
      series('kube_pod_container_status_restarts_total', container('other-0', 'openclaw'), '0x4 1x25'),
      series('kube_pod_container_status_last_terminated_reason', container('other-0', 'openclaw', { reason: 'OOMKilled' }), '_x4 1x25'),
    ],
    alert_rule_test: [
      { eval_time: '3m', alertname: 'OpenClawOOMKilled', exp_alerts: [] },
      { eval_time: '6m', alertname: 'OpenClawOOMKilled', exp_alerts: [OOM('my-openclaw-0', 'openclaw'), OOM('my-openclaw-2', 'migrate-config')] },
      { eval_time: '25m', alertname: 'OpenClawOOMKilled', exp_alerts: [] },
    ],
  },
  {
    name: 'claim nearly full: a state claim at 90%; not a backups claim at 80%, nor others\' claims',
    interval: '1m',
    input_series: [
      series('kubelet_volume_stats_capacity_bytes', claim('data-my-openclaw-0'), '1000x30'),
      series('kubelet_volume_stats_available_bytes', claim('data-my-openclaw-0'), '100x30'),
      series('kubelet_volume_stats_capacity_bytes', claim('backups-my-openclaw-1'), '1000x30'),
      series('kubelet_volume_stats_available_bytes', claim('backups-my-openclaw-1'), '200x30'),
      series('kubelet_volume_stats_capacity_bytes', claim('data-other-0'), '1000x30'),
      series('kubelet_volume_stats_available_bytes', claim('data-other-0'), '10x30'),
      series('kubelet_volume_stats_capacity_bytes', claim('data-my-openclaw-0', 'team-b'), '1000x30'),
      series('kubelet_volume_stats_available_bytes', claim('data-my-openclaw-0', 'team-b'), '10x30'),
    ],
    alert_rule_test: [
      { eval_time: '14m', alertname: 'OpenClawClaimNearlyFull', exp_alerts: [] },
      { eval_time: '16m', alertname: 'OpenClawClaimNearlyFull', exp_alerts: [FULL('data-my-openclaw-0', 90, 85)] },
    ],
  },
  {
    name: 'backups failing: the backup container restarted; not the gateway, not another release, not after an hour',
    interval: '1m',
    input_series: [
      series('kube_pod_container_status_restarts_total', container('my-openclaw-0', 'backup'), '0x40 1x80'),
      series('kube_pod_container_status_restarts_total', container('my-openclaw-1', 'openclaw'), '0x40 1x80'),
      series('kube_pod_container_status_restarts_total', container('other-0', 'backup'), '0x40 1x80'),
    ],
    alert_rule_test: [
      { eval_time: '39m', alertname: 'OpenClawBackupFailing', exp_alerts: [] },
      { eval_time: '45m', alertname: 'OpenClawBackupFailing', exp_alerts: [BACKUP('my-openclaw-0')] },
      { eval_time: '115m', alertname: 'OpenClawBackupFailing', exp_alerts: [] },
    ],
  },
];

/** Tests of thresholds set by props. */
const THRESHOLD_TESTS = [
  {
    name: 'claimFullPercent 95: 90% does not fire, 96% does',
    interval: '1m',
    input_series: [
      series('kubelet_volume_stats_capacity_bytes', claim('data-my-openclaw-0'), '1000x30'),
      series('kubelet_volume_stats_available_bytes', claim('data-my-openclaw-0'), '100x30'),
      series('kubelet_volume_stats_capacity_bytes', claim('data-my-openclaw-1'), '1000x30'),
      series('kubelet_volume_stats_available_bytes', claim('data-my-openclaw-1'), '40x30'),
    ],
    alert_rule_test: [
      { eval_time: '20m', alertname: 'OpenClawClaimNearlyFull', exp_alerts: [FULL('data-my-openclaw-1', 96, 95)] },
    ],
  },
  {
    name: 'notReadyMinutes 30 and pausedHours 2',
    interval: '1m',
    input_series: [
      series('kube_statefulset_replicas', sts('my-openclaw'), '3x40'),
      series('kube_statefulset_status_replicas_ready', sts('my-openclaw'), '1x40'),
      series('kube_statefulset_replicas', sts('my-openclaw', 'team-b'), '0x200'),
    ],
    alert_rule_test: [
      { eval_time: '20m', alertname: 'OpenClawReplicasNotReady', exp_alerts: [] },
      { eval_time: '31m', alertname: 'OpenClawReplicasNotReady', exp_alerts: [NOT_READY(1, 30)] },
    ],
  },
  {
    name: 'pausedHours 2',
    interval: '1m',
    input_series: [series('kube_statefulset_replicas', sts('my-openclaw'), '0x200')],
    alert_rule_test: [
      { eval_time: '110m', alertname: 'OpenClawReleasePaused', exp_alerts: [] },
      { eval_time: '121m', alertname: 'OpenClawReleasePaused', exp_alerts: [PAUSED(2)] },
    ],
  },
];

const THRESHOLD_PROPS: OpenClawChartProps = {
  upgrade: { migrateConfig: false },
  monitoring: { prometheusRule: { enabled: true, claimFullPercent: 95, notReadyMinutes: 30, pausedHours: 2 } },
};

test('the rules select by release and fire on the series they should, and only those (promtool test rules)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openclaw-rules-'));
  try {
    const write = (name: string, value: object) => fs.writeFileSync(path.join(dir, name), stringify(value));
    write('default.rules.yaml', { groups: ruleGroups({ backup: { enabled: true }, monitoring: { prometheusRule: { enabled: true } } }) });
    write('thresholds.rules.yaml', { groups: ruleGroups(THRESHOLD_PROPS) });
    write('default.test.yaml', { rule_files: ['default.rules.yaml'], evaluation_interval: '1m', tests: DEFAULT_TESTS });
    write('thresholds.test.yaml', { rule_files: ['thresholds.rules.yaml'], evaluation_interval: '1m', tests: THRESHOLD_TESTS });
    const run = spawnSync('promtool', ['test', 'rules', 'default.test.yaml', 'thresholds.test.yaml'], { cwd: dir, encoding: 'utf8' });
    if (run.error) throw new Error(`promtool not found (${run.error.message}): install Debian's prometheus package (apt-get install -y prometheus)`);
    const output = `${run.stdout}${run.stderr}`;
    expect(output).not.toContain('FAILED');
    expect(output.match(/SUCCESS/g)).toHaveLength(2);
    expect(run.status).toBe(0);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('one alert per concern; backups and migrate-config alerts only where those containers run', () => {
  const all = ['OpenClawGatewayDown', 'OpenClawReplicasNotReady', 'OpenClawReleasePaused', 'OpenClawCrashLooping', 'OpenClawOOMKilled', 'OpenClawClaimNearlyFull'];
  expect(alertNames(ruleGroups({ backup: { enabled: true }, monitoring: { prometheusRule: { enabled: true } } })))
    .toEqual([...all, 'OpenClawMigrateConfigFailing', 'OpenClawBackupFailing']);
  expect(alertNames(ruleGroups(THRESHOLD_PROPS))).toEqual(all);
});
