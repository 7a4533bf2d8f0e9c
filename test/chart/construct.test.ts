/**
 * OpenClaw as a construct inside a user's own Chart, beside a Namespace and another workload, as
 * cdk8s-plus constructs are used; OpenClawChart is the thin Chart around it and renders the same.
 */
import { ApiObject, App, Chart, Testing } from 'cdk8s';
import { OpenClaw, OpenClawChart } from '../../src';

class Platform extends Chart {
  public readonly claw: OpenClaw;
  constructor(scope: App, id: string, namespace?: string) {
    super(scope, id, { namespace: 'assistants' });
    new ApiObject(this, 'namespace', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'assistants', labels: { 'pod-security.kubernetes.io/enforce': 'restricted' } } });
    this.claw = new OpenClaw(this, 'team-claw', { ...(namespace ? { namespace } : {}), ingress: { enabled: true, hosts: [{ host: 'claw.example.com' }] } });
    new ApiObject(this, 'other', {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'docs-site' },
      spec: { selector: { matchLabels: { app: 'docs' } }, template: { metadata: { labels: { app: 'docs' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } } },
    });
  }
}

test('inside a user\'s Chart: its objects beside the user\'s, in the Chart\'s namespace, named by the release', () => {
  const app = Testing.app();
  const platform = new Platform(app, 'platform');
  const objects = Testing.synth(platform);
  expect(objects[0]).toMatchObject({ kind: 'Namespace', metadata: { name: 'assistants' } });
  expect(objects[objects.length - 1]).toMatchObject({ kind: 'Deployment', metadata: { name: 'docs-site', namespace: 'assistants' } });
  const ours = objects.slice(1, -1);
  expect(ours.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(expect.arrayContaining(['StatefulSet/team-claw-openclaw', 'Service/team-claw-openclaw', 'Ingress/team-claw-openclaw']));
  expect(new Set(ours.map((o) => o.metadata.namespace))).toEqual(new Set(['assistants']));
  expect(platform.claw.info).toMatchObject({ releaseName: 'team-claw', namespace: 'assistants', serviceName: 'team-claw-openclaw', port: 18789 });
});

test('the props\' namespace wins over the Chart\'s', () => {
  const objects = Testing.synth(new Platform(Testing.app(), 'platform', 'elsewhere'));
  const ours = objects.filter((o) => o.metadata.labels?.['app.kubernetes.io/instance'] === 'team-claw');
  expect(new Set(ours.map((o) => o.metadata.namespace))).toEqual(new Set(['elsewhere']));
});

test('OpenClawChart renders exactly what the construct renders in a Chart of the same namespace', () => {
  const props = { namespace: 'openclaw', replicaCount: 2, networkPolicy: { enabled: true }, backup: { enabled: true } };
  const viaChart = Testing.synth(new OpenClawChart(Testing.app(), 'my-openclaw', props));
  const app = Testing.app();
  const chart = new Chart(app, 'mine', { namespace: 'openclaw' });
  new OpenClaw(chart, 'my-openclaw', props);
  expect(Testing.synth(chart)).toEqual(viaChart);
});
