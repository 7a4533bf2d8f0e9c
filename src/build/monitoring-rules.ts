/**
 * The alerting rules of one release, as the PrometheusRule's `spec.groups`. Written against what
 * every Prometheus Operator stack scrapes: kube-state-metrics (pod, container and StatefulSet
 * state) and the kubelet (volume stats). kube-state-metrics exports no object labels unless
 * allowlisted, so a release's series are selected by what it owns: its namespace, its
 * StatefulSet, the pods `<statefulset>-<i>` and the claims `data-`/`backups-<statefulset>-<i>`.
 *
 * The backup container has no metrics endpoint (one more listener in a pod that holds
 * credentials): its liveness check restarts it when no archive was verified in time
 * (src/model/backup.ts), and kube-state-metrics counts that restart.
 * test/monitoring/alert-rules.test.ts runs these rules through `promtool test rules`.
 */
import { MIGRATE_CONFIG_CONTAINER } from './shell/config-migration';

/** What the rules of one release depend on. */
export interface AlertRuleInputs {
  readonly release: string;
  readonly namespace: string;
  readonly statefulSet: string;
  /** The migrate-config init container runs (`upgrade.migrateConfig`). */
  readonly migrateConfig: boolean;
  /** The backup container runs (`backup.enabled`). */
  readonly backup: boolean;
  readonly claimFullPercent: number;
  readonly notReadyMinutes: number;
  readonly pausedHours: number;
}

interface Rule {
  readonly alert: string;
  readonly expr: string;
  readonly for?: string;
  readonly severity: 'critical' | 'warning' | 'info';
  readonly summary: string;
  readonly description: string;
}

/** Window in which a restart of the backup container counts (its check restarts it every ~30 min while failing). */
const BACKUP_RESTART_WINDOW = '1h';
/** Window in which an OOM kill counts. */
const OOM_WINDOW = '15m';

/** One group named after the release; every alert carries `openclaw_release` and a severity. */
export function alertRuleGroups(m: AlertRuleInputs): object[] {
  // Names are DNS labels (checked before rendering): nothing in them needs quoting in PromQL.
  const ns = `namespace="${m.namespace}"`;
  const pods = `${ns}, pod=~"${m.statefulSet}-[0-9]+"`;
  const sts = `${ns}, statefulset="${m.statefulSet}"`;
  const claims = `${ns}, persistentvolumeclaim=~"(data|backups)-${m.statefulSet}-[0-9]+"`;
  const logs = (container: string, previous = false) => `kubectl logs -n ${m.namespace} {{ $labels.pod }} -c ${container}${previous ? ' --previous' : ''}`;
  const rules: Rule[] = [
    {
      alert: 'OpenClawGatewayDown',
      expr: `kube_statefulset_status_replicas_ready{${sts}} == 0 and kube_statefulset_replicas{${sts}} > 0`,
      for: '5m',
      severity: 'critical',
      summary: `No replica of OpenClaw ${m.release} is ready`,
      description: `StatefulSet ${m.statefulSet} in ${m.namespace} has had no ready replica for 5 minutes: the gateway is unreachable. kubectl describe pod -n ${m.namespace} ${m.statefulSet}-0`,
    },
    {
      alert: 'OpenClawReplicasNotReady',
      expr: `kube_statefulset_status_replicas_ready{${sts}} > 0 and kube_statefulset_status_replicas_ready{${sts}} < kube_statefulset_replicas{${sts}}`,
      for: `${m.notReadyMinutes}m`,
      severity: 'warning',
      summary: `Some replicas of OpenClaw ${m.release} are not ready`,
      description: `StatefulSet ${m.statefulSet} in ${m.namespace} has had only {{ $value }} ready replicas, fewer than it should, for ${m.notReadyMinutes} minutes.`,
    },
    {
      alert: 'OpenClawReleasePaused',
      expr: `kube_statefulset_replicas{${sts}} == 0`,
      for: `${m.pausedHours}h`,
      severity: 'info',
      summary: `OpenClaw ${m.release} has been paused for ${m.pausedHours} hours`,
      description: `StatefulSet ${m.statefulSet} in ${m.namespace} has had 0 replicas for ${m.pausedHours} hours (replicaCount: 0). Its claims are kept; set replicaCount back to resume.`,
    },
    {
      alert: 'OpenClawCrashLooping',
      // The backup container and migrate-config have alerts of their own, which say what to do.
      expr: [
        `max by (namespace, pod, container) (max_over_time(kube_pod_container_status_waiting_reason{${pods}, container!="backup", reason="CrashLoopBackOff"}[5m])) >= 1`,
        `max by (namespace, pod, container) (max_over_time(kube_pod_init_container_status_waiting_reason{${pods}, container!="${MIGRATE_CONFIG_CONTAINER}", reason="CrashLoopBackOff"}[5m])) >= 1`,
      ].join('\nor\n'),
      for: '15m',
      severity: 'warning',
      summary: `A container of OpenClaw ${m.release} is crash looping`,
      description: `Container {{ $labels.container }} of {{ $labels.pod }} has been restarting (CrashLoopBackOff) for 15 minutes. ${logs('{{ $labels.container }}', true)}`,
    },
    {
      alert: 'OpenClawOOMKilled',
      expr: [
        `(increase(kube_pod_container_status_restarts_total{${pods}}[${OOM_WINDOW}]) > 0) and ignoring (reason) (kube_pod_container_status_last_terminated_reason{${pods}, reason="OOMKilled"} == 1)`,
        `(increase(kube_pod_init_container_status_restarts_total{${pods}}[${OOM_WINDOW}]) > 0) and ignoring (reason) (kube_pod_init_container_status_last_terminated_reason{${pods}, reason="OOMKilled"} == 1)`,
      ].join('\nor\n'),
      severity: 'warning',
      summary: `A container of OpenClaw ${m.release} was killed for using too much memory`,
      description: `Container {{ $labels.container }} of {{ $labels.pod }} was OOM-killed in the last ${OOM_WINDOW}. Raise resources.limits.memory (gateway and migrate-config) or backup.resources.limits.memory (backup).`,
    },
    {
      alert: 'OpenClawClaimNearlyFull',
      expr: `100 * (1 - kubelet_volume_stats_available_bytes{${claims}} / kubelet_volume_stats_capacity_bytes{${claims}}) > ${m.claimFullPercent}`,
      for: '15m',
      severity: 'warning',
      summary: `A claim of OpenClaw ${m.release} is more than ${m.claimFullPercent}% full`,
      description: `Claim {{ $labels.persistentvolumeclaim }} in ${m.namespace} is {{ $value | printf "%.0f" }}% full. OpenClaw's databases and the archives stop when it is full: expand the claim (if its StorageClass allows) or lower backup.keep.`,
    },
  ];
  if (m.migrateConfig) {
    rules.push({
      alert: 'OpenClawMigrateConfigFailing',
      expr: `max by (namespace, pod) (max_over_time(kube_pod_init_container_status_waiting_reason{${pods}, container="${MIGRATE_CONFIG_CONTAINER}", reason="CrashLoopBackOff"}[5m])) >= 1`,
      // Ten minutes of a five-minute window: one failure alone (a node lost mid-run) does not fire.
      for: '10m',
      severity: 'critical',
      summary: `${MIGRATE_CONFIG_CONTAINER} of OpenClaw ${m.release} keeps failing: the gateway is not started`,
      description: `${MIGRATE_CONFIG_CONTAINER} in {{ $labels.pod }} has been failing for 10 minutes: the config on the volume does not validate on the new release even after openclaw doctor --fix, or the container is OOM-killed. Its log names the keys: ${logs(MIGRATE_CONFIG_CONTAINER, true)}`,
    });
  }
  if (m.backup) {
    rules.push({
      alert: 'OpenClawBackupFailing',
      expr: `max by (namespace, pod) (increase(kube_pod_container_status_restarts_total{${pods}, container="backup"}[${BACKUP_RESTART_WINDOW}])) > 0`,
      severity: 'warning',
      summary: `Backups of OpenClaw ${m.release} are failing or stale`,
      description: `The backup container of {{ $labels.pod }} restarted in the last hour: its check restarts it when no archive was verified for backup.intervalHours plus 30 minutes (or it crashed). ${logs('backup', true)}`,
    });
  }
  return [{
    name: `openclaw-${m.release}`,
    rules: rules.map((r) => ({
      alert: r.alert,
      expr: r.expr,
      ...(r.for ? { for: r.for } : {}),
      labels: { severity: r.severity, openclaw_release: m.release },
      annotations: { summary: r.summary, description: r.description },
    })),
  }];
}
