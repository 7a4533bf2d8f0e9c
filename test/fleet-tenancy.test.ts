/**
 * Fleet tenancy (issue 25): each tenant in a namespace of its own, guarded by Pod Security,
 * a quota, a LimitRange and a NetworkPolicy; or every tenant in one shared namespace.
 */
import { OpenClawFleet, OpenClawFleetError, TENANT_QUOTA, TenancyMode } from '../src';

function fleetError(make: () => unknown): OpenClawFleetError {
  try {
    make();
  } catch (e) {
    if (e instanceof OpenClawFleetError) return e;
    throw e;
  }
  throw new Error('expected an OpenClawFleetError');
}

const byKind = (objects: any[], kind: string) => objects.filter((o) => o.kind === kind);

describe('namespace per tenant (the default)', () => {
  const fleet = new OpenClawFleet({ tenants: [{ name: 'alice' }, { name: 'bob' }] });
  const alice = fleet.synthTenant('alice');

  test('the objects one tenant gets: its Namespace, quota, limits and isolation first, then its chart in that namespace', () => {
    expect(alice.slice(0, 4).map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'Namespace/openclaw-alice', 'ResourceQuota/tenant-quota', 'LimitRange/tenant-limits', 'NetworkPolicy/tenant-isolation',
    ]);
    expect(alice.slice(1).every((o) => o.metadata.namespace === 'openclaw-alice')).toBe(true);
    expect(alice.map((o) => o.kind)).toEqual([
      'Namespace', 'ResourceQuota', 'LimitRange', 'NetworkPolicy', 'ServiceAccount', 'Service', 'Service', 'StatefulSet',
    ]);
    expect(fleet.synthTenant('bob')[0].metadata.name).toBe('openclaw-bob');
  });

  test('the Namespace enforces, audits and warns Pod Security "restricted"', () => {
    expect(alice[0].metadata.labels).toEqual({
      'app.kubernetes.io/managed-by': 'openclaw-cdk8s', 'app.kubernetes.io/instance': 'alice',
      'pod-security.kubernetes.io/enforce': 'restricted', 'pod-security.kubernetes.io/audit': 'restricted', 'pod-security.kubernetes.io/warn': 'restricted',
    });
  });

  test('the NetworkPolicy covers every pod, admits only the ingress controller, lets out only DNS and TCP 443 to public addresses', () => {
    const [policy] = byKind(alice, 'NetworkPolicy');
    expect(policy.spec.podSelector).toEqual({});
    expect(policy.spec.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(policy.spec.ingress).toEqual([{
      from: [{
        namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } },
        podSelector: { matchLabels: { 'app.kubernetes.io/name': 'ingress-nginx' } },
      }],
    }]);
    expect(policy.spec.egress).toEqual([
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
    ]);
  });

  test('the quota and LimitRange have sensible defaults: no load balancer or node port, bounded CPU, memory and storage', () => {
    expect(byKind(alice, 'ResourceQuota')[0].spec.hard).toEqual(TENANT_QUOTA);
    expect(TENANT_QUOTA['services.loadbalancers']).toBe('0');
    expect(TENANT_QUOTA['services.nodeports']).toBe('0');
    expect(byKind(alice, 'LimitRange')[0].spec.limits).toEqual([
      { type: 'Container', max: { cpu: '2', memory: '4Gi' }, default: { cpu: '500m', memory: '512Mi' }, defaultRequest: { cpu: '50m', memory: '128Mi' } },
      { type: 'PersistentVolumeClaim', max: { storage: '20Gi' } },
    ]);
  });

  test('the platform sets the template, the ingress controller, wider egress, the quota, the limits and the runtime class', () => {
    const custom = new OpenClawFleet({
      tenancy: {
        namespaceTemplate: 'claw-{tenant}-home',
        ingressController: { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'envoy-gateway-system' } } },
        egress: [{ to: [{ ipBlock: { cidr: '10.20.0.5/32' } }], ports: [{ protocol: 'TCP', port: 8080 }] }],
        resourceQuota: { 'requests.storage': '10Gi' },
        limitRange: [{ type: 'PersistentVolumeClaim', max: { storage: '5Gi' } }],
        runtimeClassName: 'gvisor',
      },
      tenants: [{ name: 'alice' }],
    }).synthTenant('alice');
    expect(custom[0].metadata.name).toBe('claw-alice-home');
    const [policy] = byKind(custom, 'NetworkPolicy');
    expect(policy.spec.ingress).toEqual([{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'envoy-gateway-system' } } }] }]);
    expect(policy.spec.egress[2]).toEqual({ to: [{ ipBlock: { cidr: '10.20.0.5/32' } }], ports: [{ protocol: 'TCP', port: 8080 }] });
    expect(byKind(custom, 'ResourceQuota')[0].spec.hard).toEqual({ ...TENANT_QUOTA, 'requests.storage': '10Gi' });
    expect(byKind(custom, 'LimitRange')[0].spec.limits).toEqual([{ type: 'PersistentVolumeClaim', max: { storage: '5Gi' } }]);
    expect(byKind(custom, 'StatefulSet')[0].spec.template.spec.runtimeClassName).toBe('gvisor');
  });

  test('no runtime class unless the platform sets one', () => {
    expect(byKind(alice, 'StatefulSet')[0].spec.template.spec.runtimeClassName).toBeUndefined();
  });

  test('the namespace is the fleet\'s: a tenant asking for kube-system (either way) and defaults naming one are refused', () => {
    const e = fleetError(() => new OpenClawFleet({
      defaults: { namespace: 'openclaw' },
      tenants: [{ name: 'alice' }, { name: 'mallory', namespace: 'kube-system', props: { namespace: 'kube-system' } }],
    }));
    expect(e.problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      'defaults.namespace: must not be set with a namespace per tenant: each tenant\'s is "openclaw-{tenant}" (tenancy.namespaceTemplate)',
      'mallory: namespace: a tenant may not choose its namespace: the fleet assigns "openclaw-mallory"',
      'mallory: namespace: a tenant may not choose its namespace: the fleet assigns "openclaw-mallory"',
    ]);
    expect(e.problems[1].value).toBe('kube-system');
  });

  test('a template that cannot name a namespace is refused, and so is a tenant whose namespace would be too long', () => {
    expect(fleetError(() => new OpenClawFleet({ tenancy: { namespaceTemplate: 'openclaw' }, tenants: [] })).message)
      .toContain('tenancy.namespaceTemplate: must hold "{tenant}" and otherwise only lower case letters, digits, "-" and ".", e.g. "openclaw-{tenant}": each tenant gets its own (got "openclaw")');
    // 52 characters, its own full name (it holds "openclaw"), 65 with the template.
    const long = `openclaw${'a'.repeat(44)}`;
    expect(fleetError(() => new OpenClawFleet({ tenancy: { namespaceTemplate: 'tenant-space-{tenant}' }, tenants: [{ name: long }] })).problems[0].message)
      .toBe(`gives the namespace "tenant-space-${long}" (tenancy.namespaceTemplate), which is not a DNS label of at most 63 characters: shorten the tenant name or the template`);
  });

  test('worker threads render the same files', () => {
    const tenants = Array.from({ length: 120 }, (_, i) => ({ name: `t${i}` }));
    const [one, two] = [0, 2].map((workers) => new OpenClawFleet({ tenants, workers }));
    expect([...two.synthYamlStream()].map((t) => t.yaml)).toEqual([...one.synthYamlStream()].map((t) => t.yaml));
  });
});

describe('shared namespace', () => {
  test('every tenant in the defaults\' namespace, with the chart\'s NetworkPolicy on; no Namespace, quota or LimitRange', () => {
    const fleet = new OpenClawFleet({ tenancy: { mode: TenancyMode.SHARED_NAMESPACE }, defaults: { namespace: 'claws' }, tenants: [{ name: 'alice' }, { name: 'bob' }] });
    const alice = fleet.synthTenant('alice');
    expect(alice.every((o) => o.metadata.namespace === 'claws')).toBe(true);
    expect(alice.map((o) => o.kind)).not.toContain('Namespace');
    expect(byKind(alice, 'NetworkPolicy').map((o) => o.metadata.name)).toEqual(['alice-openclaw']);
    expect(byKind(alice, 'NetworkPolicy')[0].spec.podSelector.matchLabels['app.kubernetes.io/instance']).toBe('alice');
  });

  test('a tenant may not move to another namespace', () => {
    const e = fleetError(() => new OpenClawFleet({
      tenancy: { mode: TenancyMode.SHARED_NAMESPACE }, tenants: [{ name: 'mallory', namespace: 'kube-system' }],
    }));
    expect(e.problems.map((p) => `${p.path}: ${p.message}`)).toEqual(['mallory: namespace: a tenant may not choose its namespace: the fleet assigns "default"']);
  });
});
