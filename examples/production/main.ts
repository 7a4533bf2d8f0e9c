/**
 * A production setup: credentials from a Secret you manage, an Ingress with TLS (cert-manager),
 * a NetworkPolicy, a pinned image, sized resources and storage.
 *
 *   npx cdk8s synth          # writes dist/openclaw.k8s.yaml
 *
 * Before applying, create the Secret (or let External Secrets / Sealed Secrets make it):
 *
 *   kubectl create secret generic openclaw-credentials -n openclaw \
 *     --from-literal=gateway-token="$(openssl rand -hex 32)" \
 *     --from-literal=anthropic-api-key="$ANTHROPIC_API_KEY"
 */
import { App } from 'cdk8s';
import { OpenClawChart } from 'openclaw-cdk8s';

const HOST = 'openclaw.example.com';

const app = new App();
new OpenClawChart(app, 'openclaw', {
  namespace: 'openclaw',

  // Pin the release you tested; the tag also decides which probes the chart uses.
  image: { repository: 'ghcr.io/openclaw/openclaw', tag: '2026.9.6', pullPolicy: 'IfNotPresent' },

  // Every credential comes from the existing Secret (env var name -> key in the Secret). Providing
  // OPENCLAW_GATEWAY_TOKEN here replaces the token each pod would otherwise generate for itself.
  existingSecret: {
    name: 'openclaw-credentials',
    keys: {
      OPENCLAW_GATEWAY_TOKEN: 'gateway-token',
      ANTHROPIC_API_KEY: 'anthropic-api-key',
    },
  },
  agentModel: 'anthropic/claude-sonnet-4-6',

  // HTTPS through ingress-nginx; cert-manager issues the certificate into `openclaw-tls`.
  // The Control UI's allowed origin (https://openclaw.example.com) is derived from this.
  ingress: {
    enabled: true,
    className: 'nginx',
    annotations: { 'cert-manager.io/cluster-issuer': 'letsencrypt' },
    hosts: [{ host: HOST, paths: [{ path: '/', pathType: 'Prefix' }] }],
    tls: [{ secretName: 'openclaw-tls', hosts: [HOST] }],
  },

  // The ingress controller's pod addresses (`kubectl get pods -n ingress-nginx -o wide`), nothing
  // wider: only these may set X-Forwarded-For.
  gateway: { trustedProxies: ['10.42.3.17/32'] },

  // Only the ingress controller may connect; out: DNS and HTTPS (the model provider's API).
  networkPolicy: {
    enabled: true,
    ingress: [{
      from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } }],
      ports: [{ protocol: 'TCP', port: 18789 }],
    }],
    customEgressPorts: [{ protocol: 'TCP', port: 443 }],
  },

  resources: {
    requests: { cpu: '500m', memory: '1Gi' },
    limits: { cpu: '2', memory: '4Gi' },
  },
  persistence: { storageClass: 'standard-rwo', size: '20Gi' },
  podAnnotations: { 'prometheus.io/scrape': 'false' },
});
app.synth();
