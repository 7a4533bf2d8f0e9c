import { App, Testing } from 'cdk8s';
import { OpenClawChart } from '../../src';
import { renderNotes } from '../../src/notes';
import { synthObjects } from '../helpers/synth';

test('the default deployment, in full', () => {
  expect(renderNotes(synthObjects({}))).toBe(`OpenClaw: rendered 4 objects
  ServiceAccount: my-openclaw
  Service: my-openclaw, my-openclaw-headless
  StatefulSet: my-openclaw

Gateway my-openclaw in namespace openclaw: 1 replica, image ghcr.io/openclaw/openclaw:2026.9.6
  Node heap cap: 3072 MiB (NODE_OPTIONS) under the memory limit 4Gi.

Reach the gateway:
  From your machine: kubectl port-forward svc/my-openclaw 18789:18789 -n openclaw
  then open http://127.0.0.1:18789/ and sign in with the gateway token.

Gateway token:
  The gateway reads OPENCLAW_GATEWAY_TOKEN from Secret my-openclaw-gateway-token, key OPENCLAW_GATEWAY_TOKEN.
  It is not part of this output: the pods wait until it exists.
  Check:  kubectl get secret my-openclaw-gateway-token -n openclaw
  Create: kubectl create secret generic my-openclaw-gateway-token -n openclaw --from-literal=OPENCLAW_GATEWAY_TOKEN="$(openssl rand -hex 32)"
  Read:   kubectl get secret my-openclaw-gateway-token -n openclaw -o jsonpath='{.data.OPENCLAW_GATEWAY_TOKEN}' | base64 -d

Pair a browser:
  Each browser that opens the Control UI must be paired once. Approve it from the pod:
    kubectl exec -n openclaw my-openclaw-0 -c openclaw -- node dist/index.js devices list
    kubectl exec -n openclaw my-openclaw-0 -c openclaw -- node dist/index.js devices approve <requestId>

State:
  Each replica has its own PersistentVolumeClaim data-my-openclaw-<i> (10Gi, ReadWriteOnce, the default StorageClass),
  mounted at /data (OpenClaw's state: /data/.openclaw, also at /home/node/.openclaw).
  The claims are kept when the StatefulSet is deleted or scaled down: delete them yourself to erase the data.
`);
});

test('the token from an existing Secret, a custom port and a local port option', () => {
  const notes = renderNotes(synthObjects({
    service: { port: 8080 },
    existingSecret: { name: 'creds', keys: { OPENCLAW_GATEWAY_TOKEN: 'gw' } },
  }), { localPort: 9000 });
  expect(notes).toContain('kubectl port-forward svc/my-openclaw 9000:8080 -n openclaw');
  expect(notes).toContain('http://127.0.0.1:9000/');
  expect(notes).toContain('reads OPENCLAW_GATEWAY_TOKEN from Secret creds, key gw.');
  expect(notes).toContain('Create: kubectl create secret generic creds -n openclaw --from-literal=gw=');
  expect(notes).not.toContain('gateway-token');
});

test('a token in the chart-made Secret is not to be created', () => {
  const notes = renderNotes(synthObjects({ secret: { enabled: true, data: { OPENCLAW_GATEWAY_TOKEN: 'dev-token' } } }));
  expect(notes).toContain('The gateway reads OPENCLAW_GATEWAY_TOKEN from Secret my-openclaw-secret (loaded whole with envFrom).');
  expect(notes).toContain('That Secret is part of this output');
  expect(notes).not.toContain('Create:');
  expect(notes).not.toContain('dev-token');
});

test('a token from envFrom Secrets, and a plain token value', () => {
  expect(renderNotes(synthObjects({ envFromSecret: [{ secretRef: { name: 'all-env' } }] })))
    .toContain('expects OPENCLAW_GATEWAY_TOKEN (or OPENCLAW_GATEWAY_PASSWORD) in Secret all-env (loaded whole with envFrom)');
  const plain = renderNotes(synthObjects({ allowPlainSecretEnv: true, extraEnv: [{ name: 'OPENCLAW_GATEWAY_TOKEN', value: 'visible' }] }));
  expect(plain).toContain('OPENCLAW_GATEWAY_TOKEN is a plain env value');
  expect(plain).not.toContain('visible');
});

test('ingress URLs: https where TLS covers the host, http elsewhere', () => {
  const notes = renderNotes(synthObjects({
    ingress: {
      enabled: true,
      hosts: [{ host: 'secure.example.com' }, { host: 'plain.example.com', paths: [{ path: '/oc' }] }],
      tls: [{ secretName: 'tls', hosts: ['secure.example.com'] }],
    },
  }));
  expect(notes).toContain('  https://secure.example.com/   (Ingress my-openclaw, TLS)');
  expect(notes).toContain('  http://plain.example.com/oc   (Ingress my-openclaw)');
  expect(notes).toContain('  or, from your machine: kubectl port-forward svc/my-openclaw 18789:18789 -n openclaw');
});

test('HTTPRoute URLs, with and without hostnames', () => {
  expect(renderNotes(synthObjects({ httpRoute: { enabled: true, parentRefs: [{ name: 'gw', namespace: 'infra' }], hostnames: ['oc.example.com'], path: '/chat' } })))
    .toContain('https://oc.example.com/chat   (HTTPRoute my-openclaw on Gateway gw; http:// if that listener has no TLS)');
  expect(renderNotes(synthObjects({ httpRoute: { enabled: true, parentRefs: [{ name: 'gw' }] } })))
    .toContain('https://<a host of Gateway gw>/');
});

test('several replicas, a LoadBalancer, no persistence', () => {
  const notes = renderNotes(synthObjects({ replicaCount: 3, service: { type: 'LoadBalancer' }, persistence: { enabled: false } }));
  expect(notes).toContain('3 replicas');
  expect(notes).toContain('one replica: kubectl port-forward pod/my-openclaw-<i> 18789:18789 -n openclaw');
  expect(notes).toContain('Service type LoadBalancer: kubectl get svc my-openclaw -n openclaw shows its address.');
  expect(notes).toContain('Not persisted: the data volume is an emptyDir mounted at /data');
  expect(notes).not.toContain('PersistentVolumeClaim');
});

test('a storage class and a Delete retention policy are named', () => {
  const notes = renderNotes(synthObjects({ persistence: { storageClass: 'fast', size: '1Gi', retentionPolicy: { whenDeleted: 'Delete' } } }));
  expect(notes).toContain('(1Gi, ReadWriteOnce, StorageClass fast)');
  expect(notes).toContain('Claim retention: whenDeleted Delete, whenScaled Retain');
});

test('a chart, an app and their manifests give the same notes; each gateway of an app gets its section', () => {
  const app = Testing.app();
  const chart = new OpenClawChart(app, 'one', { namespace: 'a' });
  expect(renderNotes(chart)).toBe(renderNotes(Testing.synth(chart)));
  new OpenClawChart(app, 'two', { namespace: 'b' });
  const notes = renderNotes(app);
  expect(notes).toBe(renderNotes(app.charts.flatMap((c) => c.toJson())));
  expect(notes).toContain('Gateway one-openclaw in namespace a');
  expect(notes).toContain('Gateway two-openclaw in namespace b');
  expect(notes).toContain('kubectl port-forward svc/two-openclaw 18789:18789 -n b');
});

test('an Ingress of another chart that routes to the gateway is listed', () => {
  const objects = [
    ...synthObjects({}),
    {
      apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'shared', namespace: 'openclaw' },
      spec: { tls: [{ hosts: ['*.example.com'] }], rules: [{ host: 'me.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'my-openclaw', port: { number: 18789 } } } }] } }] },
    },
  ];
  // A wildcard TLS host is not the rule's host: say http rather than promise https.
  expect(renderNotes(objects)).toContain('http://me.example.com/   (Ingress shared)');
});

test('manifests without a gateway, a title, and bad input', () => {
  expect(renderNotes([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } }], { title: 'Wrote dist/' }))
    .toBe('Wrote dist/\n  ConfigMap: x\n\nNo OpenClaw gateway StatefulSet among these objects.\n');
  expect(() => renderNotes(new App() as any)).not.toThrow();
  expect(() => renderNotes(42 as any)).toThrow(TypeError);
});
