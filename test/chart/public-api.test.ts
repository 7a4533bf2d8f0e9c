/** What users build on: the chart's stable view, and the main objects for cdk8s's escape hatch. */
import { JsonPatch, Testing } from 'cdk8s';
import { OpenClawChart } from '../../src';

test('chart.info gives the names, port, labels and paths that own constructs use', () => {
  const chart = new OpenClawChart(Testing.app(), 'my-openclaw', { namespace: 'openclaw', service: { port: 8080 } });
  expect(chart.info).toEqual({
    releaseName: 'my-openclaw',
    namespace: 'openclaw',
    fullName: 'my-openclaw',
    port: 8080,
    serviceName: 'my-openclaw',
    headlessServiceName: 'my-openclaw-headless',
    statefulSetName: 'my-openclaw',
    serviceAccountName: 'my-openclaw',
    selectorLabels: { 'app.kubernetes.io/name': 'openclaw', 'app.kubernetes.io/instance': 'my-openclaw' },
    dataDir: '/data',
    stateDir: '/home/node/.openclaw',
  });
  const service = Testing.synth(chart).find((o) => o.kind === 'Service' && o.metadata.name === chart.info.serviceName);
  expect(service.spec.ports[0].port).toBe(chart.info.port);
  expect(service.spec.selector).toEqual(chart.info.selectorLabels);
});

test('addJsonPatch on chart.statefulSet changes the synthesized StatefulSet (the documented escape hatch)', () => {
  const chart = new OpenClawChart(Testing.app(), 'my-openclaw');
  chart.statefulSet.addJsonPatch(JsonPatch.add('/spec/template/spec/priorityClassName', 'assistants'));
  chart.service.addJsonPatch(JsonPatch.add('/metadata/annotations', { 'example.com/team': 'ai' }));
  const objects = Testing.synth(chart);
  expect(objects.find((o) => o.kind === 'StatefulSet').spec.template.spec.priorityClassName).toBe('assistants');
  expect(objects.find((o) => o.kind === 'Service' && o.metadata.name === 'my-openclaw').metadata.annotations).toEqual({ 'example.com/team': 'ai' });
  expect(chart.headlessService.name).toBe('my-openclaw-headless');
});
