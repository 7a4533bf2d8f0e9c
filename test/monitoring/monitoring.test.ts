/**
 * `monitoring.*`: the PrometheusRule and ServiceMonitor as objects (their alerts are run by
 * promtool in alert-rules.test.ts). Both are plain JSON, so the generated L1 classes of the
 * Prometheus Operator's CRDs (imports/, from `cdk8s import`) are the oracle, as for the HTTPRoute.
 */
import { PrometheusRule, PrometheusRuleSpecGroupsRulesExpr } from '../../imports/prometheusrules-monitoring.coreos.com';
import { ServiceMonitor } from '../../imports/servicemonitors-monitoring.coreos.com';
import { PROMETHEUS_RULE_TYPE, SERVICE_MONITOR_TYPE } from '../../src/model/monitoring';
import { expectValidManifests } from '../helpers/k8s-valid';
import { findObject, synthError, synthObjects } from '../helpers/synth';

const monitoringObjects = (objs: any[]) => objs.filter((o) => o.apiVersion === 'monitoring.coreos.com/v1');

test('apiVersion and kind are those of the imported PrometheusRule and ServiceMonitor classes', () => {
  expect(PROMETHEUS_RULE_TYPE).toEqual(PrometheusRule.GVK);
  expect(SERVICE_MONITOR_TYPE).toEqual(ServiceMonitor.GVK);
});

test('off by default: neither a PrometheusRule nor a ServiceMonitor', () => {
  expect(monitoringObjects(synthObjects({ backup: { enabled: true }, gateway: { tokenSecret: {} } }))).toEqual([]);
});

test('prometheusRule: named after the release, with the chart labels and yours, valid against the CRD; no ServiceMonitor', () => {
  const objs = synthObjects({ monitoring: { prometheusRule: { enabled: true, labels: { release: 'kube-prometheus-stack' } } } });
  expectValidManifests(objs);
  const rule = findObject(objs, 'PrometheusRule');
  expect(rule.metadata).toEqual({
    name: 'my-openclaw',
    namespace: 'openclaw',
    labels: { ...findObject(objs, 'StatefulSet').metadata.labels, release: 'kube-prometheus-stack' },
  });
  // The class takes `expr` as its int-or-string type.
  const groups = rule.spec.groups.map((g: any) => ({ ...g, rules: g.rules.map((r: any) => ({ ...r, expr: PrometheusRuleSpecGroupsRulesExpr.fromString(r.expr) })) }));
  expect(rule).toEqual(PrometheusRule.manifest({ metadata: rule.metadata, spec: { groups } }));
  expect(monitoringObjects(objs).map((o) => o.kind)).toEqual(['PrometheusRule']);
});

test('two releases in one namespace: each rule selects its own StatefulSet, pods and claims, under its own group', () => {
  const exprs = (release: string) => {
    const rule = findObject(synthObjects({ monitoring: { prometheusRule: { enabled: true } } }, { release }), 'PrometheusRule');
    expect(rule.spec.groups.map((g: any) => g.name)).toEqual([`openclaw-${release}`]);
    return rule.spec.groups[0].rules.map((r: any) => r.expr).join('\n');
  };
  const alice = exprs('alice');
  expect(alice).toContain('statefulset="alice-openclaw"');
  expect(alice).toContain('pod=~"alice-openclaw-[0-9]+"');
  expect(alice).toContain('persistentvolumeclaim=~"(data|backups)-alice-openclaw-[0-9]+"');
  expect(alice).not.toContain('bob');
  expect(exprs('bob')).not.toContain('alice');
});

describe('serviceMonitor', () => {
  test('rendered only on request, scraping the diagnostics-prometheus route of the ClusterIP Service with the token from its Secret', () => {
    const objs = synthObjects({
      gateway: { tokenSecret: {} },
      monitoring: { serviceMonitor: { enabled: true, interval: '1m', labels: { release: 'kps' } } },
    });
    expectValidManifests(objs);
    const monitor = findObject(objs, 'ServiceMonitor');
    expect(monitor).toEqual(ServiceMonitor.manifest({ metadata: monitor.metadata, spec: monitor.spec }));
    expect(monitor.metadata.labels.release).toBe('kps');
    expect(monitor.spec).toEqual({
      selector: { matchLabels: findObject(objs, 'StatefulSet').spec.selector.matchLabels },
      namespaceSelector: { matchNames: ['openclaw'] },
      endpoints: [{
        port: 'http',
        path: '/api/diagnostics/prometheus',
        scheme: 'http',
        interval: '1m',
        authorization: { type: 'Bearer', credentials: { name: 'my-openclaw-gateway-token', key: 'OPENCLAW_GATEWAY_TOKEN' } },
        // The headless Service has the same labels: without this every pod would be scraped twice.
        relabelings: [{ sourceLabels: ['__meta_kubernetes_service_name'], regex: 'my-openclaw', action: 'keep' }],
      }],
    });
    expect(monitoringObjects(objs).map((o) => o.kind)).toEqual(['ServiceMonitor']);
  });

  test('the token comes from the Secret key the gateway reads it from, or the one named', () => {
    const credentials = (props: object) => findObject(synthObjects(props), 'ServiceMonitor').spec.endpoints[0].authorization.credentials;
    expect(credentials({
      existingSecret: { name: 'openclaw-secrets', keys: { OPENCLAW_GATEWAY_TOKEN: 'gw-token' } },
      monitoring: { serviceMonitor: { enabled: true } },
    })).toEqual({ name: 'openclaw-secrets', key: 'gw-token' });
    expect(credentials({
      envFromSecret: [{ secretRef: { name: 'all-of-it' } }],
      monitoring: { serviceMonitor: { enabled: true, tokenSecret: { name: 'all-of-it', key: 'OPENCLAW_GATEWAY_TOKEN' } } },
    })).toEqual({ name: 'all-of-it', key: 'OPENCLAW_GATEWAY_TOKEN' });
  });

  test('refused when no Secret holds the token (each pod generates its own)', () => {
    expect(synthError({ monitoring: { serviceMonitor: { enabled: true } } })).toContain(
      'monitoring.serviceMonitor.tokenSecret: is needed: the metrics route needs the gateway token, and no Secret key provides OPENCLAW_GATEWAY_TOKEN '
      + '(each pod generates its own, or it comes from a whole Secret through envFromSecret). Set gateway.tokenSecret or existingSecret, or name the Secret key here');
  });
});

test.each([
  [{ prometheusRule: { enabled: true, claimFullPercent: 100 } }, 'monitoring.prometheusRule.claimFullPercent: must be a whole number of percent from 1 to 99 (got 100)'],
  [{ prometheusRule: { enabled: true, notReadyMinutes: 2.5 } }, 'monitoring.prometheusRule.notReadyMinutes: must be a whole number of minutes from 1 to 10080 (got 2.5)'],
  [{ prometheusRule: { enabled: true, pausedHours: 0 } }, 'monitoring.prometheusRule.pausedHours: must be a whole number of hours from 1 to 8760 (got 0)'],
  [{ prometheusRule: { enabled: true, labels: { 'app.kubernetes.io/instance': 'x' } } },
    'monitoring.prometheusRule.labels.app.kubernetes.io/instance: is a label the chart sets itself: choose another key (got "app.kubernetes.io/instance")'],
  [{ prometheusRule: { enabled: true, labels: { release: 'not a label value' } } },
    'monitoring.prometheusRule.labels.release: must be a label value: at most 63 letters, digits, "-", "_", "." starting and ending with a letter or digit (got "not a label value")'],
  [{ serviceMonitor: { enabled: true, interval: '30 seconds', tokenSecret: { name: 's', key: 'k' } } },
    'monitoring.serviceMonitor.interval: must be a Prometheus duration such as 30s, 1m or 1m30s (got "30 seconds")'],
  [{ serviceMonitor: { enabled: true, tokenSecret: { name: 'Bad_Name', key: 'k' } } },
    'monitoring.serviceMonitor.tokenSecret.name: must be the name of a Secret (a DNS subdomain) (got "Bad_Name")'],
])('refuses %j with a message naming the path', (monitoring, message) => {
  expect(synthError({ monitoring: monitoring as any })).toContain(message);
});
