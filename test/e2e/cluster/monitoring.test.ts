/**
 * The PrometheusRule and ServiceMonitor judged by a real API server with the Prometheus Operator's
 * CRDs installed (its own Go validation of their schemas and patterns): applied server-side beside
 * the release, accepted and read back as rendered; a second release in the namespace gets its own.
 */
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { cli } from '../../cli/run-cli';
import { CLUSTER_START_TIMEOUT_MS, apply, getJson, kubectl, restrictedNamespace, startCluster, tempFile } from '../harness/control-plane';
import { notKeptByServer } from '../harness/server-objects';

const CRDS = path.join(__dirname, '..', '..', '..', 'schemas', 'crds');

beforeAll(async () => {
  await startCluster();
  for (const crd of ['monitoring.coreos.com_prometheusrules.yaml', 'monitoring.coreos.com_servicemonitors.yaml']) {
    kubectl(['apply', '--server-side', '-f', path.join(CRDS, crd)]);
  }
  kubectl(['wait', '--for=condition=Established', 'crd/prometheusrules.monitoring.coreos.com', 'crd/servicemonitors.monitoring.coreos.com', '--timeout=60s']);
}, CLUSTER_START_TIMEOUT_MS);

test('alerts and the ServiceMonitor of two releases are accepted and read back as rendered', async () => {
  const ns = restrictedNamespace('monitoring');
  for (const release of ['alice', 'bob']) {
    const rendered = await cli('synth', '--release', release, '-n', ns,
      '--set', 'backup.enabled=true', '--set', 'gateway.tokenSecret.key=OPENCLAW_GATEWAY_TOKEN',
      '--set', 'monitoring.prometheusRule.enabled=true', '--set', 'monitoring.prometheusRule.labels.release=kube-prometheus-stack',
      '--set', 'monitoring.serviceMonitor.enabled=true');
    expect(rendered.code).toBe(0);
    const objects = parseAllDocuments(rendered.stdout).map((d) => d.toJS()).filter((o) => o && typeof o === 'object');
    expect(objects.filter((o) => o.apiVersion === 'monitoring.coreos.com/v1').map((o) => o.kind)).toEqual(['PrometheusRule', 'ServiceMonitor']);
    apply(tempFile('render.yaml', rendered.stdout), ns);
    expect(notKeptByServer(objects, ns)).toEqual([]);
  }
  const rules = getJson(['prometheusrules.monitoring.coreos.com', '-n', ns]).items;
  expect(rules.map((r: any) => [r.metadata.name, r.spec.groups[0].name])).toEqual([['alice-openclaw', 'openclaw-alice'], ['bob-openclaw', 'openclaw-bob']]);
  kubectl(['delete', 'namespace', ns, '--wait=false']);
});
