/**
 * One test per defect of the Helm chart (docs/helm-chart-defects.md), numbered as there.
 */
import { expectValidManifests } from '../helpers/k8s-valid';
import { envOf, findObject, mainContainer, podSpecOf, synthObjects } from '../helpers/synth';

const allContainers = (objs: any[]) => [...podSpecOf(objs).initContainers ?? [], ...podSpecOf(objs).containers];

describe('Helm chart defects (docs/helm-chart-defects.md)', () => {
  test('1: extraEnv renders, plain and valueFrom, in order after the chart env', () => {
    const objs = synthObjects({
      extraEnv: [
        { name: 'CUSTOM_VAR', value: 'custom-value' },
        { name: 'SECRET_VAR', valueFrom: { secretKeyRef: { name: 'my-secret', key: 'secret-key' } } },
      ],
    });
    expectValidManifests(objs);
    const env = mainContainer(objs).env;
    expect(env.slice(-2)).toEqual([
      { name: 'CUSTOM_VAR', value: 'custom-value' },
      { name: 'SECRET_VAR', valueFrom: { secretKeyRef: { name: 'my-secret', key: 'secret-key' } } },
    ]);
    // Neither provides gateway auth: the pod generates its token, no env var carries one.
    expect(env.map((e: any) => e.name)).not.toContain('OPENCLAW_GATEWAY_TOKEN');
  });

  test('2: customEgressPorts renders as an egress rule to any destination on those ports', () => {
    const objs = synthObjects({ networkPolicy: { enabled: true, customEgressPorts: [{ protocol: 'TCP', port: 443 }, { port: 80 }] } });
    expectValidManifests(objs);
    expect(findObject(objs, 'NetworkPolicy').spec.egress).toContainEqual({ ports: [{ protocol: 'TCP', port: 443 }, { protocol: 'TCP', port: 80 }] });
  });

  test('5: namespaces are selected by kubernetes.io/metadata.name (the own one by a podSelector-only peer); DNS reaches kube-dns on UDP and TCP 53', () => {
    const np = findObject(synthObjects({ networkPolicy: { enabled: true, allowSameNamespace: true, allowKubeSystem: true } }), 'NetworkPolicy');
    const selectors = JSON.stringify(np.spec);
    expect(selectors).not.toMatch(/"name":"(kube-system|openclaw)"/);
    expect(np.spec.egress[0]).toEqual({
      to: [{
        namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
        podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
      }],
      ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }],
    });
    expect(np.spec.ingress[0].from).toEqual([{ podSelector: {} }]);
  });

  test('6: one port value drives --port, env, containerPort, probes, Services, Ingress and NetworkPolicy', () => {
    const objs = synthObjects({
      service: { port: 8080 },
      ingress: { enabled: true, hosts: [{ host: 'a.example.com' }] },
      networkPolicy: { enabled: true, allowSameNamespace: true },
    });
    expectValidManifests(objs);
    const c = mainContainer(objs);
    expect(c.command.slice(c.command.indexOf('--port'), c.command.indexOf('--port') + 2)).toEqual(['--port', '8080']);
    expect(envOf(objs).OPENCLAW_GATEWAY_PORT).toBe('8080');
    expect(envOf(objs).PORT).toBe('8080');
    expect(c.ports).toEqual([{ name: 'http', containerPort: 8080, protocol: 'TCP' }]);
    for (const probe of [c.livenessProbe, c.readinessProbe, c.startupProbe]) expect(probe.httpGet.port).toBe('http');
    for (const svc of objs.filter((o) => o.kind === 'Service')) expect(svc.spec.ports).toEqual([{ name: 'http', port: 8080, targetPort: 'http', protocol: 'TCP' }]);
    expect(findObject(objs, 'Ingress').spec.rules[0].http.paths[0].backend.service.port).toEqual({ number: 8080 });
    expect(findObject(objs, 'NetworkPolicy').spec.ingress[0].ports).toEqual([{ protocol: 'TCP', port: 8080 }]);
  });

  test('7: updateStrategy OnDelete gives a valid StatefulSet without rollingUpdate', () => {
    const objs = synthObjects({ updateStrategy: { type: 'OnDelete' } });
    expectValidManifests(objs);
    expect(findObject(objs, 'StatefulSet').spec.updateStrategy).toEqual({ type: 'OnDelete' });
  });

  test('11: every container, init containers included, has the restricted securityContext', () => {
    const objs = synthObjects({ persistence: { enabled: false }, image: { tag: '2026.2.1' } });
    // With gateway.initImage set, the jq containers too.
    const withJq = synthObjects({ persistence: { enabled: false }, image: { tag: '2026.2.1' }, gateway: { initImage: 'imega/jq:1.6' } });
    expect(allContainers(objs).map((c: any) => c.name)).toEqual(['prepare-state', 'migrate-config', 'openclaw']);
    expect(allContainers(withJq).map((c: any) => c.name)).toEqual(['prepare-state', 'gateway-config', 'gateway-token', 'migrate-config', 'openclaw']);
    for (const c of [...allContainers(objs), ...allContainers(withJq)]) {
      expect(c.securityContext).toEqual({
        allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, readOnlyRootFilesystem: true,
        runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' },
      });
    }
  });

  test('12: configMap.data is mounted read-only at /etc/openclaw/config', () => {
    const objs = synthObjects({ configMap: { data: { 'config.yaml': 'key: value\n' } } });
    expect(findObject(objs, 'ConfigMap', 'my-openclaw-config').data).toEqual({ 'config.yaml': 'key: value\n' });
    expect(mainContainer(objs).volumeMounts).toContainEqual({ name: 'config-files', mountPath: '/etc/openclaw/config', readOnly: true });
    expect(podSpecOf(objs).volumes).toContainEqual({ name: 'config-files', configMap: { name: 'my-openclaw-config' } });
  });

  test('13: secret.data takes plain strings and is base64-encoded exactly once, loaded with envFrom', () => {
    const objs = synthObjects({ secret: { enabled: true, data: { ANTHROPIC_API_KEY: 'sk-ant-plain' } } });
    const secret = findObject(objs, 'Secret', 'my-openclaw-secret');
    expect(Buffer.from(secret.data.ANTHROPIC_API_KEY, 'base64').toString()).toBe('sk-ant-plain');
    expect(mainContainer(objs).envFrom).toContainEqual({ secretRef: { name: 'my-openclaw-secret' } });
    expect(JSON.stringify(objs.filter((o) => o.kind !== 'Secret'))).not.toContain('sk-ant-plain');
  });

  test('14: no gateway ConfigMap and no config init container when nothing is managed', () => {
    const objs = synthObjects();
    expect(objs.filter((o) => o.kind === 'ConfigMap')).toEqual([]);
    // prepare-state generates the gateway token (nothing else provides one) and merges nothing.
    const [prepare, ...rest] = podSpecOf(objs).initContainers;
    expect([prepare.name, ...rest.map((c: any) => c.name)]).toEqual(['prepare-state', 'migrate-config']);
    expect(prepare.command).toContain('--token');
    expect(prepare.command).not.toContain('--managed');
    expect(prepare.volumeMounts.map((m: any) => m.name)).not.toContain('gateway-config');
  });

  test('15: least-privilege RBAC: no Role and no token by default; a Role and the token only for given rules', () => {
    const objs = synthObjects();
    expect(objs.filter((o) => o.kind === 'Role' || o.kind === 'RoleBinding')).toEqual([]);
    expect(podSpecOf(objs).automountServiceAccountToken).toBe(false);
    expect(findObject(objs, 'ServiceAccount').automountServiceAccountToken).toBe(false);

    const rules = [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] }];
    const withRules = synthObjects({ rbac: { rules } });
    expect(findObject(withRules, 'Role').rules).toEqual(rules);
    expect(findObject(withRules, 'RoleBinding').subjects).toEqual([{ kind: 'ServiceAccount', name: 'my-openclaw', namespace: 'openclaw' }]);
    expect(podSpecOf(withRules).automountServiceAccountToken).toBe(true);
  });

  test('17: the auth-profile key directory is persisted on the claim next to the state directory', () => {
    const mounts = mainContainer(synthObjects()).volumeMounts;
    expect(mounts).toContainEqual({ name: 'data', mountPath: '/home/node/.openclaw', subPath: '.openclaw' });
    // All of ~/.config (the auth-profile key is in ~/.config/openclaw), so other runtimes can write there too.
    expect(mounts).toContainEqual({ name: 'data', mountPath: '/home/node/.config', subPath: '.config' });
  });

  test('18: the default image is a pinned release, not latest', () => {
    expect(mainContainer(synthObjects()).image).toMatch(/^ghcr\.io\/openclaw\/openclaw:\d{4}\.\d+\.\d+$/);
  });

  test('19: a checksum annotation on the pod template changes when a rendered ConfigMap or the Secret\'s keys change', () => {
    const checksum = (props: any) => findObject(synthObjects(props), 'StatefulSet').spec.template.metadata.annotations?.['checksum/config'];
    const a = checksum({ configMap: { data: { 'a.txt': 'one' } } });
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(checksum({ configMap: { data: { 'a.txt': 'one' } } })).toBe(a);
    expect(checksum({ configMap: { data: { 'a.txt': 'two' } } })).not.toBe(a);
    // The Secret's key names count, never its values (the pod template is not a Secret; see test/security/secrets.test.ts).
    expect(checksum({ secret: { enabled: true, data: { X_KEY: 'v1' } } })).toBe(checksum({ secret: { enabled: true, data: { X_KEY: 'v2' } } }));
    expect(checksum({ secret: { enabled: true, data: { X_KEY: 'v1' } } })).not.toBe(checksum({ secret: { enabled: true, data: { X_KEY: 'v1', Y_KEY: 'v1' } } }));
    expect(checksum({ agentModel: 'anthropic/claude-sonnet-4-6' })).not.toBe(checksum({ agentModel: 'anthropic/claude-opus-4-1' }));
  });

  test('20: read-only root filesystem, seccomp RuntimeDefault, writable emptyDirs for /tmp and the caches', () => {
    const objs = synthObjects();
    const spec = podSpecOf(objs);
    expect(spec.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000, fsGroup: 1000, seccompProfile: { type: 'RuntimeDefault' } });
    expect(mainContainer(objs).securityContext.readOnlyRootFilesystem).toBe(true);
    const mounts = Object.fromEntries(mainContainer(objs).volumeMounts.map((m: any) => [m.mountPath, m.name]));
    for (const [p, v] of [['/tmp', 'tmp'], ['/home/node/.cache', 'cache'], ['/home/node/.local', 'local'], ['/usr/local/lib/node_modules', 'node-modules']]) {
      expect(mounts[p]).toBe(v);
      expect(spec.volumes).toContainEqual({ name: v, emptyDir: {} });
    }
  });

  test('21: claims are retained when the StatefulSet is deleted or scaled down', () => {
    expect(findObject(synthObjects(), 'StatefulSet').spec.persistentVolumeClaimRetentionPolicy).toEqual({ whenDeleted: 'Retain', whenScaled: 'Retain' });
    const deleting = synthObjects({ persistence: { retentionPolicy: { whenScaled: 'Delete' } } });
    expect(findObject(deleting, 'StatefulSet').spec.persistentVolumeClaimRetentionPolicy).toEqual({ whenDeleted: 'Retain', whenScaled: 'Delete' });
  });

  test('22: existingSecret with envFromSecret and envFromConfigMap keeps the secret env vars in env', () => {
    const objs = synthObjects({
      existingSecret: { name: 's', keys: { ANTHROPIC_API_KEY: 'k' } },
      envFromSecret: [{ secretRef: { name: 'more' } }],
      envFromConfigMap: [{ configMapRef: { name: 'cm' } }],
    });
    expectValidManifests(objs);
    expect(envOf(objs).ANTHROPIC_API_KEY).toEqual({ secretKeyRef: { name: 's', key: 'k' } });
    expect(mainContainer(objs).envFrom).toEqual([{ configMapRef: { name: 'cm' } }, { secretRef: { name: 'more' } }]);
  });

  test('23: no null annotations: the pod template has annotations only when there are some', () => {
    const objs = synthObjects();
    expect('annotations' in findObject(objs, 'StatefulSet').spec.template.metadata).toBe(false);
    expectValidManifests(objs);
  });
});

test('a user securityContext is merged over the restricted default, nested capabilities included', () => {
  const c = mainContainer(synthObjects({ securityContext: { capabilities: { add: ['NET_BIND_SERVICE'] }, runAsUser: 1001 } }));
  expect(c.securityContext).toEqual({
    allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] }, readOnlyRootFilesystem: true,
    runAsNonRoot: true, runAsUser: 1001, seccompProfile: { type: 'RuntimeDefault' },
  });
});

test('props of the wrong shape from JavaScript get the values-schema error, not a TypeError', () => {
  const bad = { replicaCount: 2, replicaOverrides: { 0: null }, ingress: { enabled: true, hosts: [null] } } as any;
  expect(() => synthObjects(bad)).toThrow(/replicaOverrides\.0: must be (a map|an object)[\s\S]*ingress\.hosts\[0\]/);
});
