/**
 * Fleet tenancy (issue 25): each tenant in a namespace of its own, guarded by Pod Security,
 * a quota, a LimitRange and a NetworkPolicy; or every tenant in one shared namespace.
 */
import { OpenClawFleet, OpenClawFleetError, TENANT_QUOTA, TenancyMode } from '../../src';

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
      'Namespace', 'ResourceQuota', 'LimitRange', 'NetworkPolicy', 'ServiceAccount', 'ConfigMap', 'Service', 'Service', 'StatefulSet',
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
      // The gateway's container port, by name: the controller reaches nothing else.
      ports: [{ protocol: 'TCP', port: 'http' }],
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
    expect(policy.spec.ingress).toEqual([{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'envoy-gateway-system' } } }], ports: [{ protocol: 'TCP', port: 'http' }] }]);
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

  test('the chart\'s NetworkPolicy has a tenant namespace\'s rules: the ingress controller to the gateway port, DNS, TCP 443 out, the platform\'s egress', () => {
    const egress = { to: [{ ipBlock: { cidr: '10.50.0.0/16' } }], ports: [{ protocol: 'TCP', port: 8080 }] };
    const fleet = new OpenClawFleet({ tenancy: { mode: TenancyMode.SHARED_NAMESPACE, egress: [egress] }, defaults: { namespace: 'claws' }, tenants: [{ name: 'alice' }] });
    const { spec } = byKind(fleet.synthTenant('alice'), 'NetworkPolicy')[0];
    expect(spec.ingress).toEqual([{
      from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } }, podSelector: { matchLabels: { 'app.kubernetes.io/name': 'ingress-nginx' } } }],
      ports: [{ protocol: 'TCP', port: 'http' }],
    }]);
    expect(spec.egress.map((r: any) => r.ports)).toEqual([
      [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }], [{ protocol: 'TCP', port: 443 }], [{ protocol: 'TCP', port: 8080 }],
    ]);
    expect(spec.egress[1].to[0].ipBlock.except).toContain('10.0.0.0/8');
  });

  test('a tenant may not move to another namespace', () => {
    const e = fleetError(() => new OpenClawFleet({
      tenancy: { mode: TenancyMode.SHARED_NAMESPACE }, tenants: [{ name: 'mallory', namespace: 'kube-system' }],
    }));
    expect(e.problems.map((p) => `${p.path}: ${p.message}`)).toEqual(['mallory: namespace: a tenant may not choose its namespace: the fleet assigns "default"']);
  });
});

const problemLines = (e: OpenClawFleetError) => e.problems.map((p) => `${p.path}: ${p.message}`);

/** The hostile tenant: everything mallory tried against alice. */
const ALICE = {
  name: 'alice',
  props: { ingress: { enabled: true, hosts: [{ host: 'alice.claw.example.com' }], tls: [{ secretName: 'alice-openclaw-tls', hosts: ['alice.claw.example.com'] }] } },
};
const MALLORY = {
  name: 'mallory',
  props: {
    namespace: 'kube-system',
    serviceAccount: { create: false, name: 'alice-openclaw' },
    rbac: { rules: [{ apiGroups: [''], resources: ['pods/exec'], verbs: ['create'] }] },
    existingSecret: { name: 'alice-openclaw-gateway-token' },
    extraVolumes: [{ name: 'stolen', persistentVolumeClaim: { claimName: 'data-alice-openclaw-0' } }],
    extraVolumeMounts: [{ name: 'stolen', mountPath: '/stolen' }],
    ingress: {
      enabled: true,
      hosts: [{ host: 'alice.claw.example.com', paths: [{ path: '/api', pathType: 'Prefix' as const }] }],
      tls: [{ secretName: 'alice-openclaw-tls', hosts: ['alice.claw.example.com'] }],
    },
  },
};
const PODS_EXEC = 'grants create on pods/exec: the agent can run commands in other pods of the namespace, with their ServiceAccounts and Secrets';
const NOT_HERS = 'which is not this tenant\'s: a tenant\'s references must name its own objects, "mallory-openclaw" or "mallory-openclaw-..."';
/** Each attack, refused whatever the policy lets a tenant set. */
const ATTACKS_REFUSED = [
  'mallory: namespace: a tenant may not choose its namespace: the fleet assigns "default"',
  `mallory: serviceAccount.name: names "alice-openclaw", ${NOT_HERS}`,
  `mallory: existingSecret.name: names "alice-openclaw-gateway-token", ${NOT_HERS}`,
  `mallory: extraVolumes[0].persistentVolumeClaim.claimName: names "data-alice-openclaw-0", ${NOT_HERS} (claims also "data-mallory-openclaw-<n>")`,
  `mallory: ingress.tls[0].secretName: names "alice-openclaw-tls", ${NOT_HERS}`,
  'mallory: rbac.rules[0]: would reach every tenant\'s objects in the shared namespace "default": list the tenant\'s own objects in resourceNames ("mallory-openclaw" or "mallory-openclaw-...")',
];

describe('tenant policy and references: the issue\'s attacks', () => {
  test('in one shared namespace, with a policy that lets tenants set every prop used: each attack refused with its message', () => {
    const e = fleetError(() => new OpenClawFleet({
      strict: true,
      tenancy: { mode: TenancyMode.SHARED_NAMESPACE },
      policy: { allow: ['serviceAccount', 'rbac', 'existingSecret', 'extraVolumes', 'extraVolumeMounts', 'ingress'] },
      defaults: { gateway: { trustedProxies: ['10.0.0.1'] } },
      tenants: [ALICE, MALLORY],
    }));
    expect(problemLines(e)).toEqual([
      ...ATTACKS_REFUSED.slice(0, 5),
      `mallory: rbac.rules[0]: a tenant may not be granted this: ${PODS_EXEC}`,
      ATTACKS_REFUSED[5],
      // The strict fleet's warning, an error here.
      `mallory: rbac.rules[0]: ${PODS_EXEC}`,
      'mallory: ingress.hosts[0].paths[0]: routes "alice.claw.example.com/api", which tenant "alice" (tenants[0]) routes too: a host and path belong to one tenant',
    ]);
    expect(e.problems.every((p) => p.tenant === 'mallory')).toBe(true);
  });

  test('with the defaults (a namespace each, the safe policy): the same references refused, and every prop outside the policy', () => {
    const e = fleetError(() => new OpenClawFleet({ tenants: [{ name: 'alice' }, MALLORY] }));
    const lines = problemLines(e);
    expect(lines).toEqual(expect.arrayContaining([
      ATTACKS_REFUSED[0].replace('"default"', '"openclaw-mallory"'), ...ATTACKS_REFUSED.slice(1, 5),
      ...['serviceAccount', 'rbac', 'existingSecret', 'extraVolumes', 'extraVolumeMounts', 'ingress'].map((path) => `mallory: ${path}: ${OUTSIDE}`),
    ]));
    expect(lines).toContain(`mallory: rbac.rules[0]: a tenant may not be granted this: ${PODS_EXEC}`);
    expect(lines).toHaveLength(12);
  });
});

const OUTSIDE = 'is not among the props a tenant may set (policy.allow: agentModel, gateway.channels, persistence.size, resources, env)';

describe('the default policy', () => {
  const render = (props: any) => new OpenClawFleet({ tenants: [{ name: 'alice', props }] });

  test('a tenant sets its model, channels, state size, resources and plain env; they render', () => {
    const objects = render({
      agentModel: 'anthropic/claude-sonnet-4-6', gateway: { channels: { telegram: { enabled: true, allowFrom: ['@alice'] } } },
      persistence: { size: '5Gi' }, resources: { limits: { cpu: '1', memory: '2Gi' }, requests: { cpu: '100m', memory: '512Mi' } }, env: { LOG_LEVEL: 'debug' },
    }).synthTenant('alice');
    const sts = byKind(objects, 'StatefulSet')[0];
    expect(sts.spec.volumeClaimTemplates[0].spec.resources.requests.storage).toBe('5Gi');
    expect(sts.spec.template.spec.containers[0].resources.limits).toEqual({ cpu: '1', memory: '2Gi' });
    expect(byKind(objects, 'ConfigMap')[0].data['openclaw.json']).toContain('"primary": "anthropic/claude-sonnet-4-6"');
  });

  test('anything else, and anything out of bounds, is refused with the tenant and the path', () => {
    const e = fleetError(() => render({
      persistence: { size: '50Gi', storageClass: 'fast' },
      resources: { limits: { cpu: '4', memory: '8Gi', 'nvidia.com/gpu': '1' } },
      env: { OPENCLAW_GATEWAY_TOKEN: 'x', GITHUB_TOKEN: 'y' },
      podSecurityContext: { runAsUser: 0 },
      gateway: { trustedProxies: ['0.0.0.0/0'], channels: {} },
      nameOverride: 'bob',
    }));
    expect(problemLines(e)).toEqual([
      'alice: nameOverride: is the platform\'s: a tenant\'s object names derive from its tenant name',
      `alice: persistence.storageClass: ${OUTSIDE}`,
      `alice: podSecurityContext: ${OUTSIDE}`,
      `alice: gateway.trustedProxies: ${OUTSIDE}`,
      'alice: persistence.size: is more than a tenant may ask for (policy.maxPersistenceSize: 20Gi)',
      'alice: resources.limits.cpu: is more than a tenant may ask for (policy.maxCpu: 2)',
      'alice: resources.limits.memory: is more than a tenant may ask for (policy.maxMemory: 4Gi)',
      'alice: resources.limits.nvidia.com/gpu: a tenant\'s resources may name cpu and memory only',
      'alice: env.OPENCLAW_GATEWAY_TOKEN: is the platform\'s: OPENCLAW_* variables configure the gateway itself (its token, state and updates)',
      'alice: env.GITHUB_TOKEN: a tenant\'s env may not hold credentials (a name or value that looks like one): the platform provides them through Secrets',
      // The chart's own checks follow (it refuses plain secrets and root as well).
      'alice: env.OPENCLAW_GATEWAY_TOKEN: looks like a secret and would be visible in the StatefulSet: put it in existingSecret (or set allowPlainSecretEnv: true)',
      'alice: env.GITHUB_TOKEN: looks like a secret and would be visible in the StatefulSet: put it in existingSecret (or set allowPlainSecretEnv: true)',
      expect.stringMatching(/^alice: podSecurityContext.runAsUser: is 0 \(root\)/),
    ]);
    // Never the values: they may be credentials.
    expect(e.message).not.toMatch(/"[xy]"/);
  });

  test('the platform widens the policy and its bounds; its defaults are not held to it', () => {
    const fleet = new OpenClawFleet({
      policy: { allow: [...['agentModel'], 'podAnnotations'], maxPersistenceSize: '100Gi' },
      defaults: { existingSecret: { name: 'provider-keys', keys: { ANTHROPIC_API_KEY: 'anthropic' } }, persistence: { size: '50Gi' } },
      tenants: [{ name: 'alice', props: { podAnnotations: { team: 'a' } } }],
    });
    expect(byKind(fleet.synthTenant('alice'), 'StatefulSet')[0].spec.template.metadata.annotations.team).toBe('a');
    expect(problemLines(fleetError(() => new OpenClawFleet({ policy: { allow: ['agentModel'] }, tenants: [{ name: 'alice', props: { env: { A: 'b' } } }] }))))
      .toEqual(['alice: env: is not among the props a tenant may set (policy.allow: agentModel)']);
  });

  test('a bad policy is refused', () => {
    expect(problemLines(fleetError(() => new OpenClawFleet({ policy: { allow: ['a b'], maxCpu: 'lots' }, tenants: [] })))).toEqual([
      'policy.allow: must be a list of dot-separated prop paths, e.g. ["agentModel", "persistence.size"]',
      'policy.maxCpu: must be a Kubernetes quantity such as 2, 500m, 4Gi',
    ]);
  });
});

describe('references resolve only to the tenant\'s own objects', () => {
  const ALL = { allow: ['existingSecret', 'extraVolumes', 'extraVolumeMounts', 'envFromSecret', 'extraEnv', 'serviceAccount', 'rbac'] };

  test('its own names are accepted: "<fullname>-..." Secrets, its StatefulSet\'s claims, its own ServiceAccount name', () => {
    expect(() => new OpenClawFleet({
      policy: ALL,
      tenants: [{
        name: 'alice',
        props: {
          existingSecret: { name: 'alice-openclaw-keys', keys: { ANTHROPIC_API_KEY: 'k' } },
          envFromSecret: [{ secretRef: { name: 'alice-openclaw-env' } }],
          extraEnv: [{ name: 'X', valueFrom: { secretKeyRef: { name: 'alice-openclaw-x', key: 'x' } } }],
          extraVolumes: [{ name: 'old', persistentVolumeClaim: { claimName: 'data-alice-openclaw-1' } }],
          extraVolumeMounts: [{ name: 'old', mountPath: '/old' }],
        },
      }],
    })).not.toThrow();
  });

  test('a secretKeyRef, an envFrom Secret, a hostPath and a token volume of someone else\'s are refused', () => {
    const e = fleetError(() => new OpenClawFleet({
      policy: ALL,
      tenants: [{
        name: 'mallory',
        props: {
          envFromSecret: [{ secretRef: { name: 'platform-admin' } }],
          extraEnv: [{ name: 'X', valueFrom: { secretKeyRef: { name: 'bob-openclaw-gateway-token', key: 'OPENCLAW_GATEWAY_TOKEN' } } }],
          extraVolumes: [{ name: 'root', hostPath: { path: '/' } }, { name: 't', projected: { sources: [{ serviceAccountToken: { path: 't' } }] } }],
        },
      }],
    }));
    expect(problemLines(e).slice(0, 4)).toEqual([
      `mallory: envFromSecret[0].secretRef.name: names "platform-admin", ${NOT_HERS}`,
      `mallory: extraEnv[0].valueFrom.secretKeyRef.name: names "bob-openclaw-gateway-token", ${NOT_HERS}`,
      'mallory: extraVolumes[0].hostPath: a tenant\'s volume may be emptyDir, configMap, secret, persistentVolumeClaim, projected, downwardAPI: nothing of the node\'s or another tenant\'s',
      'mallory: extraVolumes[1].projected.sources[0].serviceAccountToken: a tenant may not mount a ServiceAccount token: the platform grants API access',
    ]);
  });

  test('in a shared namespace, a name under the tenant\'s prefix that is another tenant\'s is refused', () => {
    const e = fleetError(() => new OpenClawFleet({
      tenancy: { mode: TenancyMode.SHARED_NAMESPACE }, policy: ALL,
      tenants: [{ name: 'alice', props: { existingSecret: { name: 'alice-openclaw-x-gateway-token' } } }, { name: 'alice-openclaw-x' }],
    }));
    expect(problemLines(e)).toEqual([
      'alice: existingSecret.name: names "alice-openclaw-x-gateway-token", which is tenant "alice-openclaw-x"\'s (tenants[1]): a tenant\'s references must name its own objects',
    ]);
  });

  test('RBAC stays in the tenant\'s namespace and binds only its own ServiceAccount: alice\'s account has no grant in bob\'s namespace', () => {
    const fleet = new OpenClawFleet({
      policy: ALL,
      tenants: [{ name: 'alice', props: { rbac: { rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }] } } }, { name: 'bob' }],
    });
    const all = [...fleet.synthObjects()].flatMap((t) => t.objects.map((o) => ({ tenant: t.tenant, namespace: t.namespace, o })));
    expect(all.filter(({ o }) => /^Cluster/.test(o.kind))).toEqual([]);
    const bindings = all.filter(({ o }) => o.kind === 'RoleBinding');
    expect(bindings.map(({ o }) => [o.metadata.namespace, o.subjects])).toEqual([
      ['openclaw-alice', [{ kind: 'ServiceAccount', name: 'alice-openclaw', namespace: 'openclaw-alice' }]],
    ]);
    // `kubectl auth can-i --as=system:serviceaccount:openclaw-alice:alice-openclaw get secrets -n openclaw-bob`: nothing in openclaw-bob binds it.
    expect(all.filter(({ namespace, o }) => namespace === 'openclaw-bob' && /Role/.test(o.kind))).toEqual([]);
  });
});

describe('what a tenant\'s RBAC and NetworkPolicy may grant, even where the policy lets it set them', () => {
  const refused = (props: any, policy = { allow: ['rbac', 'networkPolicy'] }) => {
    try {
      new OpenClawFleet({ policy, tenants: [{ name: 'mallory', props }] });
      return [];
    } catch (e) {
      return problemLines(e as OpenClawFleetError);
    }
  };

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
    }).filter((l) => l.includes('a tenant may not'))).toEqual([
      'mallory: rbac.rules[0]: a tenant may not be granted this: grants get on secrets: the agent can read the Secrets of the namespace (other releases\' keys and tokens among them)',
      'mallory: rbac.rules[1]: a tenant may not be granted this: grants create on serviceaccounts/token: the agent can issue a token for any ServiceAccount of the namespace and act as it',
      'mallory: rbac.rules[2]: a tenant may not be granted this: grants create on rolebindings: the agent can change who may do what in the namespace',
      'mallory: rbac.rules[3]: a tenant may not be granted "*" (every resource or verb): list the resources and verbs it needs',
    ]);
    expect(refused({ rbac: { rules: [{ apiGroups: [''], resources: ['services'], verbs: ['get', 'list'] }] } })).toEqual([]);
  });

  test('in a namespace of its own, the NetworkPolicy is the platform\'s', () => {
    expect(refused({ networkPolicy: { enabled: true, allowedNamespaces: [{}] } })).toEqual([
      'mallory: networkPolicy.allowedNamespaces: is the platform\'s: each tenant namespace\'s NetworkPolicy admits only the ingress controller, DNS and TCP 443 to public addresses',
    ]);
  });

  test('checked on worker threads: the same problems as in one thread', () => {
    const tenants = [{ name: 'alice' }, ...Array.from({ length: 249 }, (_, i) => ({ name: `user-${i}` })),
      { name: 'mallory', props: { existingSecret: { name: 'alice-openclaw-gateway-token' } } },
      { name: 'carol', props: { existingSecret: { name: 'carol-openclaw-y-keys' } } }, { name: 'carol-openclaw-y' }];
    const [inline, threaded] = [0, 2].map((workers) => fleetError(() => new OpenClawFleet({
      tenancy: { mode: TenancyMode.SHARED_NAMESPACE }, policy: { allow: ['existingSecret'] }, tenants, workers,
    })).message);
    expect(threaded).toBe(inline);
    expect(inline).toContain(`mallory: existingSecret.name: names "alice-openclaw-gateway-token", ${NOT_HERS}`);
    expect(inline).toContain('carol: existingSecret.name: names "carol-openclaw-y-keys", which is tenant "carol-openclaw-y"\'s (tenants[252])');
  }, 60_000);
});

describe('hosts belong to one tenant', () => {
  const ingress = (host: string, path = '/') => ({ ingress: { enabled: true, hosts: [{ host, paths: [{ path, pathType: 'Prefix' as const }] }] } });
  const policy = { allow: ['ingress'] };

  test('the same host and path, or a path under another tenant\'s, is refused; different paths of one host are not', () => {
    const e = fleetError(() => new OpenClawFleet({
      policy,
      tenants: [
        { name: 'alice', props: ingress('claw.example.com', '/alice') },
        { name: 'bob', props: ingress('claw.example.com', '/bob') },
        { name: 'carol', props: ingress('claw.example.com', '/alice/x') },
        { name: 'dave', props: ingress('claw.example.com', '/') },
        { name: 'erin', props: ingress('*.example.com') },
      ],
    }));
    expect(problemLines(e)).toEqual([
      'carol: ingress.hosts[0].paths[0]: routes "claw.example.com/alice/x", which tenant "alice" (tenants[0]) routes too: a host and path belong to one tenant',
      'dave: ingress.hosts[0].paths[0]: routes "claw.example.com/", which tenant "alice" (tenants[0]) routes too: a host and path belong to one tenant',
      'erin: ingress.hosts[0].paths[0]: a tenant may not route a wildcard host: it would answer other tenants\' host names',
    ]);
  });

  test('with a host template each tenant gets its host, and may route no other', () => {
    const fleet = new OpenClawFleet({
      tenancy: { hostTemplate: '{tenant}.claw.example.com' },
      defaults: { ingress: { enabled: true, className: 'nginx', tls: [{ secretName: 'wildcard-tls' }] }, gateway: { trustedProxies: ['10.0.0.1'] } },
      tenants: [{ name: 'alice' }, { name: 'bob' }],
    });
    const [ing] = byKind(fleet.synthTenant('bob'), 'Ingress');
    expect(ing.spec.rules.map((r: any) => r.host)).toEqual(['bob.claw.example.com']);
    expect(ing.spec.tls).toEqual([{ secretName: 'wildcard-tls', hosts: ['bob.claw.example.com'] }]);
    const e = fleetError(() => new OpenClawFleet({
      tenancy: { hostTemplate: '{tenant}.claw.example.com' }, policy,
      defaults: { ingress: { enabled: true } },
      tenants: [{ name: 'alice' }, { name: 'mallory', props: ingress('alice.claw.example.com', '/api') }],
    }));
    expect(problemLines(e)).toEqual([
      'mallory: ingress.hosts[0].paths[0]: routes "alice.claw.example.com", which is not this tenant\'s: its hosts are "mallory.claw.example.com" and names under it (tenancy.hostTemplate)',
    ]);
  });
});

describe('safe OpenClaw settings for a shared platform (docs/fleet-tenancy.md)', () => {
  const gatewayConfig = (objects: any[]) => JSON.parse(byKind(objects, 'ConfigMap').find((c) => c.data['openclaw.json']).data['openclaw.json']);
  const env = (objects: any[]) => Object.fromEntries(byKind(objects, 'StatefulSet')[0].spec.template.spec.containers[0].env.map((e: any) => [e.name, e.value]));

  test('every tenant starts with the operator terminal off, no update checks and no mDNS advertising', () => {
    const alice = new OpenClawFleet({ tenants: [{ name: 'alice' }] }).synthTenant('alice');
    expect(gatewayConfig(alice).gateway.terminal).toEqual({ enabled: false });
    expect(env(alice)).toMatchObject({ OPENCLAW_NO_AUTO_UPDATE: '1', OPENCLAW_DISABLE_BONJOUR: '1' });
  });

  test('the platform may change them in its defaults; a tenant may not', () => {
    const on = new OpenClawFleet({ defaults: { gateway: { terminal: { enabled: true } } }, tenants: [{ name: 'alice' }] }).synthTenant('alice');
    expect(gatewayConfig(on).gateway.terminal).toEqual({ enabled: true });
    const e = fleetError(() => new OpenClawFleet({
      tenants: [{ name: 'mallory', props: { gateway: { terminal: { enabled: true } }, env: { OPENCLAW_NO_AUTO_UPDATE: '0' } } }],
    }));
    expect(problemLines(e)).toEqual([
      `mallory: gateway.terminal: ${OUTSIDE}`,
      'mallory: env.OPENCLAW_NO_AUTO_UPDATE: is the platform\'s: OPENCLAW_* variables configure the gateway itself (its token, state and updates)',
    ]);
  });

  test('with tenancy off, and for a chart alone, nothing changes: OpenClaw\'s own defaults', () => {
    const off = new OpenClawFleet({ tenancy: { mode: TenancyMode.OFF }, tenants: [{ name: 'alice' }] }).synthTenant('alice');
    expect(byKind(off, 'ConfigMap')).toEqual([]);
    expect(env(off).OPENCLAW_NO_AUTO_UPDATE).toBeUndefined();
  });

  test('an image older than the 2026.9 line gets no gateway.terminal key (not known there), with a warning naming the path', () => {
    const fleet = new OpenClawFleet({ defaults: { image: { tag: '2026.7.35' } }, tenants: [{ name: 'alice' }] });
    expect(gatewayConfig(fleet.synthTenant('alice')).gateway?.terminal).toBeUndefined();
    expect(fleet.warningLines).toContain('Warning: gateway.terminal.enabled: not written: image tag "2026.7.35" is older than the 2026.9 line, whose openclaw.json is known to have gateway.terminal; the operator terminal keeps OpenClaw\'s default there (tenant alice)');
  });
});
