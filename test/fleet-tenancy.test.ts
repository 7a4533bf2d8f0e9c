/**
 * Fleet tenancy (src/fleet-tenancy.ts): a tenant's props name only the tenant's own objects, its
 * assigned namespace and host names no other tenant routes; every attack of issue 25 is refused
 * with its message. Namespace-per-tenant mode: the objects one tenant's namespace gets.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Testing, Yaml } from 'cdk8s';
import { FleetTenant, OpenClawChart, OpenClawChartProps, OpenClawFleet, OpenClawFleetError, OpenClawFleetProps, TENANT_LIMITS, TENANT_QUOTA } from '../src';

const ALICE: FleetTenant = {
  name: 'alice',
  props: {
    ingress: { enabled: true, hosts: [{ host: 'alice.claw.example.com' }], tls: [{ secretName: 'alice-openclaw-tls', hosts: ['alice.claw.example.com'] }] },
  },
};

function own(full: string) {
  return `which is not this tenant's: a tenant's references must name its own objects, "${full}" or "${full}-..."`;
}

/** The problems (path and message) of a fleet of alice and a mallory with these props. */
function refused(mallory: OpenClawChartProps, props: Partial<OpenClawFleetProps> = {}): string[] {
  try {
    new OpenClawFleet({ tenants: [ALICE, { name: 'mallory', props: mallory }], ...props });
  } catch (e) {
    expect(e).toBeInstanceOf(OpenClawFleetError);
    return (e as OpenClawFleetError).problems.map((p) => `${p.path}: ${p.message}${'value' in p ? ` (got ${JSON.stringify(p.value)})` : ''}`);
  }
  return [];
}

describe('tenant isolation (on by default): the attacks of issue 25', () => {
  test('running as alice\'s ServiceAccount', () => {
    expect(refused({ serviceAccount: { create: false, name: 'alice-openclaw' } })).toEqual([
      `mallory: serviceAccount.name: names "alice-openclaw", ${own('mallory-openclaw')}`,
    ]);
  });

  test('reading alice\'s token Secret through existingSecret', () => {
    expect(refused({ existingSecret: { name: 'alice-openclaw-gateway-token' } })).toEqual([
      `mallory: existingSecret.name: names "alice-openclaw-gateway-token", ${own('mallory-openclaw')}`,
    ]);
  });

  test('mounting alice\'s claim data-alice-openclaw-0', () => {
    expect(refused({
      extraVolumes: [{ name: 'stolen', persistentVolumeClaim: { claimName: 'data-alice-openclaw-0' } }],
      extraVolumeMounts: [{ name: 'stolen', mountPath: '/stolen' }],
    })).toEqual([
      `mallory: extraVolumes[0].persistentVolumeClaim.claimName: names "data-alice-openclaw-0", ${own('mallory-openclaw')} (claims also "data-mallory-openclaw-<n>")`,
    ]);
  });

  test('routing alice\'s host (another path) to itself, with alice\'s TLS Secret', () => {
    expect(refused({
      ingress: {
        enabled: true,
        hosts: [{ host: 'alice.claw.example.com', paths: [{ path: '/api', pathType: 'Prefix' }] }],
        tls: [{ secretName: 'alice-openclaw-tls', hosts: ['alice.claw.example.com'] }],
      },
      gateway: { trustedProxies: ['10.42.0.17/32'] },
    })).toEqual([
      `mallory: ingress.tls[0].secretName: names "alice-openclaw-tls", ${own('mallory-openclaw')}`,
      'mallory: ingress.hosts[0].host: routes "alice.claw.example.com", which tenant "alice" (tenants[0]) routes: a host name belongs to one tenant',
    ]);
  });

  test('moving to kube-system and asking for a pods/exec Role there', () => {
    expect(refused({
      namespace: 'kube-system',
      rbac: { create: true, rules: [{ apiGroups: [''], resources: ['pods/exec'], verbs: ['create', 'get'] }] },
    })).toEqual([
      'mallory: namespace: a tenant may not choose its namespace: the fleet assigns "default" (got "kube-system")',
      'mallory: rbac.rules[0]: a tenant may not be granted this: grants create, get on pods/exec: the agent can run commands in other pods of the namespace, with their ServiceAccounts and Secrets',
    ]);
  });

  test('every escalating grant and "*" are refused; a harmless rule is not', () => {
    expect(refused({
      rbac: {
        create: true,
        rules: [
          { apiGroups: [''], resources: ['secrets'], verbs: ['get'] },
          { apiGroups: [''], resources: ['serviceaccounts/token'], verbs: ['create'] },
          { apiGroups: ['rbac.authorization.k8s.io'], resources: ['rolebindings'], verbs: ['create'] },
          { apiGroups: [''], resources: ['*'], verbs: ['list'] },
          { apiGroups: [''], resources: ['services'], verbs: ['get', 'list'] },
        ],
      },
    })).toEqual([
      'mallory: rbac.rules[0]: a tenant may not be granted this: grants get on secrets: the agent can read the Secrets of the namespace (other releases\' keys and tokens among them)',
      'mallory: rbac.rules[1]: a tenant may not be granted this: grants create on serviceaccounts/token: the agent can issue a token for any ServiceAccount of the namespace and act as it',
      'mallory: rbac.rules[2]: a tenant may not be granted this: grants create on rolebindings: the agent can change who may do what in the namespace',
      'mallory: rbac.rules[3]: a tenant may not be granted "*" (every resource or verb): list the resources and verbs it needs',
    ]);
  });

  test('a tenant may not choose its object names; a longer tenant name owns the names under it', () => {
    expect(refused({ fullnameOverride: 'alice', nameOverride: 'x' })).toEqual([
      'mallory: nameOverride: is the platform\'s: a tenant\'s object names derive from its tenant name (got "x")',
      'mallory: fullnameOverride: is the platform\'s: a tenant\'s object names derive from its tenant name (got "alice")',
    ]);
    const e = (() => {
      try {
        return new OpenClawFleet({ tenants: [{ name: 'alice', props: { existingSecret: { name: 'alice-openclaw-x-keys' } } }, { name: 'alice-openclaw-x' }] });
      } catch (error) {
        return error as OpenClawFleetError;
      }
    })();
    expect((e as OpenClawFleetError).problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      'alice: existingSecret.name: names "alice-openclaw-x-keys", which is tenant "alice-openclaw-x"\'s (tenants[1]): a tenant\'s references must name its own objects',
    ]);
  });

  test('env, envFrom, volumes and pull Secrets of another tenant, and a route without host names', () => {
    expect(refused({
      extraEnv: [{ name: 'KEY', valueFrom: { secretKeyRef: { name: 'alice-openclaw-keys', key: 'k' } } }],
      envFromSecret: [{ secretRef: { name: 'alice-openclaw-keys' } }],
      envFromConfigMap: [{ configMapRef: { name: 'shared' } }],
      extraVolumes: [{ name: 'cm', configMap: { name: 'alice-openclaw-config' } }],
      extraVolumeMounts: [{ name: 'cm', mountPath: '/cm' }],
      imagePullSecrets: [{ name: 'registry' }],
      httpRoute: { enabled: true, parentRefs: [{ name: 'gw' }] },
      gateway: { trustedProxies: ['10.42.0.17/32'] },
    })).toEqual([
      `mallory: envFromSecret[0].secretRef.name: names "alice-openclaw-keys", ${own('mallory-openclaw')}`,
      `mallory: envFromConfigMap[0].configMapRef.name: names "shared", ${own('mallory-openclaw')}`,
      `mallory: extraEnv[0].valueFrom.secretKeyRef.name: names "alice-openclaw-keys", ${own('mallory-openclaw')}`,
      `mallory: extraVolumes[0].configMap.name: names "alice-openclaw-config", ${own('mallory-openclaw')}`,
      `mallory: imagePullSecrets[0].name: names "registry", ${own('mallory-openclaw')}`,
      'mallory: httpRoute.hostnames: a tenant\'s route must list its host names: without them it answers every host name of the Gateway, other tenants\' too',
    ]);
  });

  test('a tenant\'s own references, and the platform\'s defaults, are accepted', () => {
    expect(refused({
      existingSecret: { name: 'mallory-openclaw-keys' },
      extraVolumes: [{ name: 'old', persistentVolumeClaim: { claimName: 'data-mallory-openclaw-0' } }],
      extraVolumeMounts: [{ name: 'old', mountPath: '/old' }],
      ingress: { enabled: true, hosts: [{ host: 'mallory.claw.example.com' }], tls: [{ secretName: 'mallory-openclaw-tls', hosts: ['mallory.claw.example.com'] }] },
      gateway: { trustedProxies: ['10.42.0.17/32'] },
    }, { defaults: { imagePullSecrets: [{ name: 'registry' }], envFromSecret: [{ secretRef: { name: 'platform-keys' } }] } })).toEqual([]);
  });

  test('isolation: false accepts what a tenant names (the chart\'s own checks only)', () => {
    expect(refused({ serviceAccount: { create: false, name: 'alice-openclaw' }, existingSecret: { name: 'alice-openclaw-gateway-token' } },
      { tenancy: { isolation: false } })).toEqual([]);
  });

  test('checked on worker threads: the same problems as in one thread', () => {
    const tenants: FleetTenant[] = [ALICE, ...Array.from({ length: 249 }, (_, i) => ({ name: `user-${i}` })),
      { name: 'mallory', props: { existingSecret: { name: 'alice-openclaw-gateway-token' } } }, { name: 'alice-openclaw-x' },
      { name: 'bob', props: { existingSecret: { name: 'alice-openclaw-x-keys' } } },
      { name: 'carol', props: { existingSecret: { name: 'carol-openclaw-y-keys' } } }, { name: 'carol-openclaw-y' }];
    const [inline, threaded] = [0, 2].map((workers) => {
      try {
        new OpenClawFleet({ tenants, workers });
      } catch (e) {
        return (e as OpenClawFleetError).message;
      }
      return '';
    });
    expect(threaded).toBe(inline);
    expect(inline).toContain(`mallory: existingSecret.name: names "alice-openclaw-gateway-token", ${own('mallory-openclaw')}`);
    expect(inline).toContain(`bob: existingSecret.name: names "alice-openclaw-x-keys", ${own('bob-openclaw')}`);
    expect(inline).toContain('carol: existingSecret.name: names "carol-openclaw-y-keys", which is tenant "carol-openclaw-y"\'s (tenants[254])');
  });
});

describe('namespace per tenant', () => {
  const tenancy = { namespaceTemplate: 'openclaw-{tenant}', ingressNamespaceLabels: { 'kubernetes.io/metadata.name': 'gateways' } };
  const labels = { 'app.kubernetes.io/managed-by': 'cdk8s', 'app.kubernetes.io/instance': 'alice' };
  const guards = [
    {
      apiVersion: 'v1', kind: 'Namespace',
      metadata: {
        name: 'openclaw-alice',
        labels: {
          ...labels,
          'pod-security.kubernetes.io/enforce': 'restricted', 'pod-security.kubernetes.io/audit': 'restricted', 'pod-security.kubernetes.io/warn': 'restricted',
        },
      },
    },
    {
      apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'openclaw-tenant', namespace: 'openclaw-alice', labels },
      spec: {
        hard: {
          'requests.cpu': '2', 'requests.memory': '4Gi', 'limits.cpu': '4', 'limits.memory': '8Gi', 'requests.storage': '50Gi',
          'persistentvolumeclaims': '5', 'pods': '10', 'services': '5', 'services.loadbalancers': '0', 'services.nodeports': '0',
          'secrets': '20', 'configmaps': '20',
        },
      },
    },
    {
      apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'openclaw-tenant', namespace: 'openclaw-alice', labels },
      spec: {
        limits: [
          { type: 'Container', default: { cpu: '1', memory: '2Gi' }, defaultRequest: { cpu: '100m', memory: '256Mi' } },
          { type: 'PersistentVolumeClaim', max: { storage: '20Gi' } },
        ],
      },
    },
    {
      apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'openclaw-tenant-default-deny', namespace: 'openclaw-alice', labels },
      spec: {
        podSelector: {},
        policyTypes: ['Ingress', 'Egress'],
        ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'gateways' } } }] }],
        egress: [
          {
            to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
            ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }],
          },
          {
            to: [
              { ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', '169.254.0.0/16', '127.0.0.0/8'] } },
              { ipBlock: { cidr: '::/0', except: ['fc00::/7', 'fe80::/10', '::1/128'] } },
            ],
            ports: [{ protocol: 'TCP', port: 443 }],
          },
        ],
      },
    },
  ];

  test('the objects one tenant gets: its Namespace, ResourceQuota, LimitRange and NetworkPolicy, then its chart in that namespace', () => {
    const fleet = new OpenClawFleet({ tenancy, tenants: [{ name: 'alice' }, { name: 'bob' }] });
    const objects = fleet.synthTenant('alice');
    const chart = Testing.synth(new OpenClawChart(Testing.app(), 'alice', { releaseName: 'alice', namespace: 'openclaw-alice' }));
    expect(objects.slice(0, 4)).toEqual(guards);
    expect(objects.slice(4)).toStrictEqual(chart);
    expect(fleet.synthYaml('alice')).toBe(Yaml.stringify(...guards, ...chart));
    expect(fleet.synthTenant('bob')[0].metadata.name).toBe('openclaw-bob');
    expect(TENANT_QUOTA).toEqual(guards[1].spec!.hard);
    expect(TENANT_LIMITS).toEqual(guards[2].spec!.limits);
  });

  test('the platform sets the quota (merged over the defaults) and the limits (replacing them)', () => {
    const fleet = new OpenClawFleet({
      tenancy: { ...tenancy, resourceQuota: { 'requests.cpu': '500m', 'count/jobs.batch': '2' }, limitRange: [{ type: 'Container', max: { cpu: '2' } as any }] },
      tenants: [{ name: 'alice' }],
    });
    const [, quota, limits] = fleet.synthTenant('alice');
    expect(quota.spec.hard).toEqual({ ...TENANT_QUOTA, 'requests.cpu': '500m', 'count/jobs.batch': '2' });
    expect(limits.spec.limits).toEqual([{ type: 'Container', max: { cpu: '2' } }]);
  });

  test('writeTo on worker threads writes the same manifests, namespace objects first', () => {
    const tenants = Array.from({ length: 150 }, (_, i) => ({ name: `user-${i}` }));
    const fleet = new OpenClawFleet({ tenancy, tenants, workers: 0 });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openclaw-tenancy-'));
    const result = fleet.writeTo(dir, { workers: 2 });
    expect(result.objects).toBe(150 * fleet.synthTenant('user-0').length);
    for (const name of ['user-0', 'user-149']) {
      expect(fs.readFileSync(path.join(dir, `${name}.k8s.yaml`), 'utf8')).toBe(fleet.synthYaml(name));
    }
    expect(fleet.synthYaml('user-149').startsWith('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: openclaw-user-149\n')).toBe(true);
  });

  test('a tenant may not set its namespace or widen the NetworkPolicy; the template must name the tenant', () => {
    expect(refused({ networkPolicy: { enabled: true, egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }] }] } }, { tenancy })).toEqual([
      'mallory: networkPolicy.egress: is the platform\'s: each tenant namespace\'s NetworkPolicy admits only the ingress controller, DNS and TCP 443 to public addresses',
    ]);
    expect(() => new OpenClawFleet({ tenancy, tenants: [{ name: 'alice', namespace: 'shared' }] })).toThrow(
      'alice: namespace: must not be set: tenancy.namespaceTemplate gives "openclaw-alice" (got "shared")');
    expect(refused({ namespace: 'kube-system' }, { tenancy })).toEqual([
      'mallory: namespace: a tenant may not choose its namespace: the fleet assigns "openclaw-mallory" (got "kube-system")',
    ]);
    expect(() => new OpenClawFleet({ tenancy: { namespaceTemplate: 'openclaw' }, tenants: [] })).toThrow(
      'tenancy.namespaceTemplate: must be a string with "{tenant}" in it, e.g. "openclaw-{tenant}": each tenant gets a namespace of its own (got "openclaw")');
  });
});
