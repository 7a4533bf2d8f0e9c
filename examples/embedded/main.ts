/**
 * OpenClawChart inside your own construct, next to your other charts, in one App: a platform
 * team's "team assistants" building block.
 *
 *   npx cdk8s synth          # writes one file per chart to dist/, in dependency order
 *
 * - NamespaceChart: the namespace, with Pod Security labels and a ResourceQuota.
 * - TeamAssistants (your construct): one OpenClawChart per team, without their own Ingress.
 * - SharedIngressChart: one Ingress with one wildcard certificate, routing each team's host to
 *   its gateway, using the names and the port the charts expose in `chart.info`.
 */
import { ApiObject, App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { OpenClawChart } from 'openclaw-cdk8s';

const NAMESPACE = 'assistants';
const DOMAIN = 'assistants.example.com';
/**
 * The address of each ingress-nginx controller pod (`kubectl get pods -n ingress-nginx -o wide`,
 * IP column), as /32s: the only callers the gateways believe about a client's address. Replace
 * with yours; never a wide range such as the pod CIDR or 10.0.0.0/8, in which every pod could
 * forge X-Forwarded-For (the chart warns about anything wider than a /24).
 */
const INGRESS_CONTROLLER_PODS = ['10.42.3.17/32'];

/** The namespace and its guard rails. */
class NamespaceChart extends Chart {
  constructor(scope: Construct, id: string, name: string) {
    super(scope, id, { disableResourceNameHashes: true });
    new ApiObject(this, 'namespace', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name,
        labels: {
          'pod-security.kubernetes.io/enforce': 'restricted',
          'pod-security.kubernetes.io/enforce-version': 'latest',
        },
      },
    });
    new ApiObject(this, 'quota', {
      apiVersion: 'v1',
      kind: 'ResourceQuota',
      metadata: { name: 'assistants', namespace: name },
      spec: { hard: { 'requests.cpu': '4', 'requests.memory': '8Gi', persistentvolumeclaims: '10' } },
    });
  }
}

interface TeamAssistantsProps {
  readonly namespace: string;
  readonly teams: string[];
  readonly domain: string;
}

/** One OpenClaw gateway per team, all behind the platform's shared Ingress. */
class TeamAssistants extends Construct {
  public readonly gateways: Map<string, OpenClawChart> = new Map();

  constructor(scope: Construct, id: string, props: TeamAssistantsProps) {
    super(scope, id);
    for (const team of props.teams) {
      this.gateways.set(team, new OpenClawChart(this, team, {
        namespace: props.namespace,
        releaseName: team,
        resources: { requests: { cpu: '250m', memory: '512Mi' }, limits: { cpu: '1', memory: '2Gi' } },
        persistence: { size: '5Gi' },
        gateway: {
          // The shared Ingress is not this chart's own, so say what it cannot derive: requests
          // come through the ingress controller's pods, from the team's HTTPS origin.
          trustedProxies: INGRESS_CONTROLLER_PODS,
          controlUi: { allowedOrigins: [`https://${team}.${props.domain}`] },
        },
      }));
    }
  }
}

/** One Ingress for every team's gateway, with one wildcard certificate. */
class SharedIngressChart extends Chart {
  constructor(scope: Construct, id: string, namespace: string, domain: string, gateways: Map<string, OpenClawChart>) {
    super(scope, id, { namespace, disableResourceNameHashes: true });
    const hosts = [...gateways.keys()].map((team) => `${team}.${domain}`);
    new ApiObject(this, 'ingress', {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: {
        name: 'assistants',
        annotations: {
          'cert-manager.io/cluster-issuer': 'letsencrypt',
          // The gateways keep WebSockets open.
          'nginx.ingress.kubernetes.io/proxy-read-timeout': '3600',
          'nginx.ingress.kubernetes.io/proxy-send-timeout': '3600',
        },
      },
      spec: {
        ingressClassName: 'nginx',
        tls: [{ secretName: 'assistants-wildcard-tls', hosts: [`*.${domain}`] }],
        rules: [...gateways.values()].map((chart, i) => ({
          host: hosts[i],
          http: {
            paths: [{
              path: '/',
              pathType: 'Prefix',
              backend: { service: { name: chart.info.serviceName, port: { number: chart.info.port } } },
            }],
          },
        })),
      },
    });
  }
}

const app = new App();
const namespace = new NamespaceChart(app, 'namespace', NAMESPACE);
const assistants = new TeamAssistants(app, 'assistants', { namespace: NAMESPACE, teams: ['platform', 'data'], domain: DOMAIN });
const ingress = new SharedIngressChart(app, 'ingress', NAMESPACE, DOMAIN, assistants.gateways);
for (const gateway of assistants.gateways.values()) {
  gateway.addDependency(namespace);
  ingress.addDependency(gateway);
}
app.synth();
