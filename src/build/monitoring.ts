/** The PrometheusRule and, on request, the ServiceMonitor, from the model's ResolvedMonitoring (src/model/monitoring.ts). */
import { PORT_NAME } from '../core/pod-layout';
import { GATEWAY_METRICS_PATH, PROMETHEUS_RULE_TYPE, SERVICE_MONITOR_TYPE } from '../model/monitoring';
import { Model } from '../model/model';
import { ManifestSink } from '../output/manifest-sink';
import { alertRuleGroups } from './monitoring-rules';

export function addMonitoring(sink: ManifestSink, model: Model): void {
  const rule = model.monitoring?.prometheusRule;
  if (rule) {
    sink.add('prometheusrule', {
      ...PROMETHEUS_RULE_TYPE,
      metadata: { name: model.fullName, labels: { ...rule.labels, ...model.labels.common } },
      spec: {
        groups: alertRuleGroups({
          release: model.release,
          namespace: model.namespace,
          statefulSet: model.names.statefulSet,
          migrateConfig: model.migrateConfig,
          backup: !!model.backup,
          claimFullPercent: rule.claimFullPercent,
          notReadyMinutes: rule.notReadyMinutes,
          pausedHours: rule.pausedHours,
        }),
      },
    });
  }
  const monitor = model.monitoring?.serviceMonitor;
  if (monitor) {
    sink.add('servicemonitor', {
      ...SERVICE_MONITOR_TYPE,
      metadata: { name: model.fullName, labels: { ...monitor.labels, ...model.labels.common } },
      spec: {
        // The ClusterIP Service and the headless one carry the same labels: only the first is
        // scraped, or every replica would be scraped twice.
        selector: { matchLabels: model.labels.selector },
        namespaceSelector: { matchNames: [model.namespace] },
        endpoints: [{
          port: PORT_NAME,
          path: GATEWAY_METRICS_PATH,
          scheme: 'http',
          interval: monitor.interval,
          authorization: { type: 'Bearer', credentials: { name: monitor.tokenSecret.name, key: monitor.tokenSecret.key } },
          relabelings: [{ sourceLabels: ['__meta_kubernetes_service_name'], regex: model.names.service, action: 'keep' }],
        }],
      },
    });
  }
}
