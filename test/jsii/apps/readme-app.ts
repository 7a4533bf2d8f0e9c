/**
 * The TypeScript app that each language's app (readme_app.py, ...) re-writes line for line: the
 * README's examples, `OpenClaw` in a Chart of one's own beside the charts, each in its own chart
 * of one App. The jsii tests compare the manifests of both, byte for byte.
 */
import { ApiObject, App, Chart, JsonPatch } from 'cdk8s';
import { OpenClaw, OpenClawChart } from '../../../src';

export function readmeApp(outdir: string): void {
  const app = new App({ outdir });

  // The install section.
  new OpenClawChart(app, 'my-openclaw', {
    namespace: 'openclaw',
    existingSecret: {
      name: 'openclaw-secrets',
      keys: { ANTHROPIC_API_KEY: 'ANTHROPIC_API_KEY', OPENCLAW_GATEWAY_TOKEN: 'OPENCLAW_GATEWAY_TOKEN' },
    },
  });

  // Inside your own Chart.
  const platform = new Chart(app, 'platform', { namespace: 'assistants' });
  new ApiObject(platform, 'namespace', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'assistants' } });
  const claw = new OpenClaw(platform, 'team-claw', { ingress: { enabled: true, hosts: [{ host: 'claw.example.com' }] } });
  // Set by a patch, as in languages whose ApiObject props have no free keys.
  const wiring = new ApiObject(platform, 'wiring', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'wiring' } });
  wiring.addJsonPatch(JsonPatch.add('/data', {
    service: claw.info.serviceName, port: String(claw.info.port), warnings: String(claw.warnings.length),
  }));

  // Building on the chart.
  const chart = new OpenClawChart(app, 'patched', { namespace: 'openclaw' });
  chart.statefulSet.addJsonPatch(JsonPatch.add('/spec/template/spec/priorityClassName', 'assistants'));
  chart.service.addJsonPatch(JsonPatch.add('/metadata/annotations', { 'example.com/team': 'ai' }));
  const edge = new ApiObject(chart, 'edge', { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'edge' } });
  edge.addJsonPatch(JsonPatch.add('/spec', {
    rules: [{
      host: 'claw.example.com',
      http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: chart.info.serviceName, port: { number: chart.info.port } } } }] },
    }],
  }));

  // The Helm chart README's examples, as props.
  new OpenClawChart(app, 'ingress-tls', {
    existingSecret: { name: 'openclaw-secrets', keys: { OPENCLAW_GATEWAY_TOKEN: 'OPENCLAW_GATEWAY_TOKEN' } },
    ingress: {
      enabled: true,
      className: 'nginx',
      annotations: { 'cert-manager.io/cluster-issuer': 'letsencrypt-prod' },
      hosts: [{ host: 'openclaw.example.com', paths: [{ path: '/', pathType: 'Prefix' }] }],
      tls: [{ secretName: 'openclaw-tls', hosts: ['openclaw.example.com'] }],
    },
    gateway: { trustedProxies: ['10.42.3.17/32'] },
  });
  new OpenClawChart(app, 'env-from-secret', {
    envFromSecret: [{ secretRef: { name: 'openclaw-secrets' } }],
    persistence: { enabled: true, storageClass: 'fast-ssd', size: '50Gi' },
  });
  new OpenClawChart(app, 'locked-down', {
    networkPolicy: {
      enabled: true,
      allowDNS: true,
      allowSameNamespace: true,
      allowedNamespaces: [{ matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } }],
      egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'] } }], ports: [{ protocol: 'TCP', port: 443 }] }],
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } }], ports: [{ protocol: 'TCP', port: 18789 }] }],
    },
  });
  new OpenClawChart(app, 'extra-env', {
    extraEnv: [
      { name: 'EMAIL_SMTP_HOST', value: 'smtp.example.com' },
      { name: 'SECRET_VAR', valueFrom: { secretKeyRef: { name: 'my-secret', key: 'secret-key' } } },
    ],
  });
  new OpenClawChart(app, 'team', {
    replicaCount: 3,
    replicaOverrides: {
      0: { env: { REPLICA_ROLE: 'primary', REPLICA_PRIORITY: 'high' } },
      1: { env: { REPLICA_ROLE: 'secondary', CUSTOM_VAR: 'replica-1-value' } },
      2: { env: { REPLICA_ROLE: 'secondary', CUSTOM_VAR: 'replica-2-value' } },
    },
    resources: { limits: { cpu: 2, memory: '4Gi' }, requests: { cpu: '500m', memory: '1Gi' } },
    gateway: { channels: { telegram: { enabled: true, allowFrom: ['@alice'] } } },
    // Keys in alphabetical order: the order a jsii struct (Python, Java) hands them over.
    tolerations: [{ effect: 'NoSchedule', key: 'dedicated', operator: 'Equal', value: 'ai' }],
  });

  app.synth();
}
