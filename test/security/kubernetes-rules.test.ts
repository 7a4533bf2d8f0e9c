/**
 * What the API server (or the kubelet) refuses is refused at synth time, with the rule in the
 * message; what is legal but dangerous renders with a warning naming the path, and `--strict`
 * refuses it.
 */
import { cli, tempDir, withoutSource, writeFile } from '../cli/run-cli';
import { renderObjects } from '../../src/build/render-objects';
import { configMapKeyProblem, normalizeMountPath } from '../../src/check/kubernetes-rules';
import { resolveModel } from '../../src/model/resolve-model';

const dir = tempDir();
let n = 0;
const synth = (yaml: string, ...args: string[]) => cli('synth', '--quiet', ...args, '-f', writeFile(dir, `k${n++}.yaml`, yaml));
const lines = (stderr: string) => stderr.split('\n').filter((l) => l.startsWith('  - ')).map((l) => withoutSource(l.slice(4)));
const CHDIR = 'must not start with ".." (the API server refuses it: the kubelet keeps its own ..data links there)';

describe('refused before the API server refuses it', () => {
  test.each([
    ['ConfigMap keys "..data", ".." and "..token"', 'configMap:\n  data:\n    ..data: x\n    "..": y\n    ..token: z\n', [
      `configMap.data...data: the ConfigMap key ${CHDIR} (got "..data")`,
      'configMap.data...: the ConfigMap key must not be "." or ".." (the API server refuses them) (got "..")',
      `configMap.data...token: the ConfigMap key ${CHDIR} (got "..token")`,
    ]],
    ['a ConfigMap key with a slash', 'configMap:\n  data:\n    a/b: x\n', [
      'configMap.data.a/b: the key must be a ConfigMap/Secret key: letters, digits, "-", "_" and "." (got "a/b")',
    ]],
    ['an existingSecret key starting with ".."', 'existingSecret:\n  name: keys\n  keys:\n    ANTHROPIC_API_KEY: ..x\n', [
      `existingSecret.keys.ANTHROPIC_API_KEY: must be a Secret key: it ${CHDIR} (got "..x")`,
    ]],
    ['privileged with the default allowPrivilegeEscalation: false', 'securityContext:\n  privileged: true\n', [
      'securityContext.privileged: cannot be true while allowPrivilegeEscalation is false (the chart\'s restricted default): the API server refuses the pair; set securityContext.allowPrivilegeEscalation: true as well, or do not run privileged (got true)',
    ]],
    ['CAP_SYS_ADMIN with allowPrivilegeEscalation: false', 'securityContext:\n  allowPrivilegeEscalation: false\n  capabilities:\n    add: [CAP_SYS_ADMIN]\n', [
      'securityContext.capabilities.add[0]: CAP_SYS_ADMIN cannot be added while securityContext.allowPrivilegeEscalation is false: the API server refuses the pair (got "CAP_SYS_ADMIN")',
    ]],
    ['runAsUser 0 with runAsNonRoot: true (the kubelet refuses to start it)', 'podSecurityContext:\n  runAsUser: 0\n', [
      'podSecurityContext.runAsUser: is 0 (root) while runAsNonRoot is true: the kubelet refuses to start such a container ("runAsUser breaks non-root policy"); use a non-zero user, or set runAsNonRoot: false to really run as root (got 0)',
    ]],
    ['a Localhost seccomp profile without its file', 'securityContext:\n  seccompProfile:\n    type: Localhost\n', [
      'securityContext.seccompProfile.localhostProfile: is required when the seccomp type is Localhost (the API server refuses it without)',
    ]],
    ['policyTypes [Ingress, Ingress, Egress]', 'networkPolicy:\n  enabled: true\n  policyTypes: [Ingress, Ingress, Egress]\n', [
      'networkPolicy.policyTypes[1]: lists "Ingress" a second time (first at networkPolicy.policyTypes[0]): each of Ingress and Egress may appear once (the API server refuses more than two policy types) (got "Ingress")',
    ]],
    ['mount paths //tmp and /data/../tmp/ (the same directory as the chart\'s /tmp)', 'extraVolumes:\n  - name: a\n    emptyDir: {}\nextraVolumeMounts:\n  - name: a\n    mountPath: //tmp\n  - name: a\n    mountPath: /data/../tmp/\n', [
      'extraVolumeMounts[0].mountPath: is already a mount path ("//tmp" is "/tmp") (used by the chart): Kubernetes requires unique mount paths (got "//tmp")',
      'extraVolumeMounts[1].mountPath: is already a mount path ("/data/../tmp/" is "/tmp") (used by the chart): Kubernetes requires unique mount paths (got "/data/../tmp/")',
    ]],
    ['two extra mounts on one directory, spelled differently', 'extraVolumes:\n  - name: a\n    emptyDir: {}\n  - name: b\n    emptyDir: {}\nextraVolumeMounts:\n  - name: a\n    mountPath: /plugins\n  - name: b\n    mountPath: /plugins/./\n', [
      'extraVolumeMounts[1].mountPath: is already a mount path ("/plugins/./" is "/plugins") (used by extraVolumeMounts[0]): Kubernetes requires unique mount paths (got "/plugins/./")',
    ]],
    ['DATA_DIR //tmp', 'env:\n  DATA_DIR: //tmp\n', [
      'env.DATA_DIR: is a path the chart already uses (/home/node/.openclaw, /home/node/.config, /tmp, /home/node/.cache, /home/node/.local, /home/node/.npm, /usr/local/lib/node_modules, /etc/openclaw/managed, /etc/openclaw/config, /etc/openclaw/replica-env, /seed/node_modules, /backups, /app) (got "//tmp")',
    ]],
    ['a subPath that leaves the volume', 'extraVolumes:\n  - name: a\n    emptyDir: {}\nextraVolumeMounts:\n  - name: a\n    mountPath: /x\n    subPath: ../etc\n', [
      'extraVolumeMounts[0].subPath: must not contain ".." (the API server refuses it: it could leave the volume) (got "../etc")',
    ]],
    ['a hostPath with ".."', 'extraVolumes:\n  - name: a\n    hostPath:\n      path: /var/../etc\n', [
      'extraVolumes[0].hostPath.path: must not contain ".." (the API server refuses it) (got "/var/../etc")',
    ]],
    ['a ConfigMap over 1 MiB', `configMap:\n  data:\n    a.txt: ${'x'.repeat(600_000)}\n    b.txt: ${'y'.repeat(600_000)}\n`, [
      'configMap.data: holds 1200010 bytes; the API server stores a ConfigMap of at most 1048576 bytes (keys plus values)',
    ]],
  ])('%s', async (_name, yaml, expected) => {
    const r = await synth(yaml);
    expect({ code: r.code, stdout: r.stdout }).toEqual({ code: 1, stdout: '' });
    expect(lines(r.stderr)).toEqual(expected);
  });

  test('the key rule, as IsConfigMapKey words it', () => {
    expect(['a', 'a.b-c_D', '.a', '.', '..', '..a', 'a..b', 'x'.repeat(254), 'a b'].map(configMapKeyProblem)).toEqual([
      undefined, undefined, undefined, 'must not be "." or ".." (the API server refuses them)', 'must not be "." or ".." (the API server refuses them)',
      CHDIR, undefined, 'must be at most 253 characters (got 254)', 'may hold only letters, digits, "-", "_" and "." (the API server\'s rule: [-._a-zA-Z0-9]+)',
    ]);
    expect(['//tmp', '/data/../tmp', '/tmp/', '/tmp//', '/', '//', '/a/./b/'].map(normalizeMountPath)).toEqual(['/tmp', '/tmp', '/tmp', '/tmp', '/', '/', '/a/b']);
  });
});

describe('legal but dangerous: rendered, with a warning naming the path; --strict refuses', () => {
  const DANGER = [
    'podSecurityContext:', '  runAsUser: 0', '  runAsNonRoot: false',
    'securityContext:', '  privileged: true', '  allowPrivilegeEscalation: true', '  runAsNonRoot: false', '  capabilities:', '    add: [NET_BIND_SERVICE, SYS_ADMIN]',
    'extraVolumes:', '  - name: root', '    hostPath:', '      path: /', '  - name: logs', '    hostPath:', '      path: /var/log',
    'rbac:', '  rules:', '    - apiGroups: [""]', '      resources: [secrets]', '      verbs: [get, impersonate]',
    'networkPolicy:', '  enabled: true', '  ingress:', '    - {}', '  egress:', '    - to:', '        - ipBlock:', '            cidr: 0.0.0.0/0', '      ports:', '        - port: 443',
    '  allowedNamespaces:', '    - {}', '    - matchLabels:', '        name: monitoring',
    'allowPlainSecretEnv: true', '',
  ].join('\n');
  const WARNINGS = [
    'podSecurityContext.runAsUser: is 0: the containers run as root, and a shell command of the agent can then change anything the image and its volumes hold',
    'podSecurityContext.runAsNonRoot: is false: the image may run its containers as root',
    'securityContext.runAsNonRoot: is false: the image may run its containers as root',
    'securityContext.privileged: is true: the containers get every capability and the host\'s devices, which is root on the node',
    'securityContext.allowPrivilegeEscalation: is true: a process may gain more privileges than its parent (setuid binaries)',
    'securityContext.capabilities.add[1]: adds the capability SYS_ADMIN: beyond NET_BIND_SERVICE, Pod Security "restricted" allows none',
    'extraVolumes[0].hostPath: mounts the node\'s root filesystem "/": whoever controls the agent controls the node',
    'extraVolumes[1].hostPath: mounts the node\'s directory "/var/log": the agent can read (and unless readOnly, change) files of the node',
    'networkPolicy.ingress[0].from: allows traffic from every address on every port: list the peers that need it',
    'networkPolicy.egress[0].to: allows traffic to every address (0.0.0.0/0) on TCP 443: list the peers that need it',
    'networkPolicy.allowedNamespaces[0]: is an empty selector: it selects every namespace',
    'networkPolicy.allowedNamespaces[1].matchLabels.name: selects namespaces by the label "name", which Kubernetes does not set: unless you label the namespaces yourself it matches nothing; Kubernetes sets kubernetes.io/metadata.name: "monitoring"',
    'rbac.rules[0].verbs[1]: grants "impersonate", which lets the agent take permissions it was not given',
    'rbac.rules[0]: grants get on secrets: the agent can read the Secrets of the namespace (other releases\' keys and tokens among them)',
    'allowPlainSecretEnv: is true: secret-looking env names and values are written in plain text to the StatefulSet and ConfigMaps, readable by anyone who may read them; use existingSecret',
  ];

  test('each warning, in order, on stderr; the manifests render as asked', async () => {
    const r = await synth(DANGER);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(WARNINGS.map((w) => `Warning: ${w}\n`).join(''));
    expect(r.stdout).toContain('privileged: true');
    expect(r.stdout).toContain('path: /\n');
  });

  test('--strict: exit 1, every warning as a problem, nothing rendered', async () => {
    const r = await synth(DANGER, '--strict');
    expect({ code: r.code, stdout: r.stdout }).toEqual({ code: 1, stdout: '' });
    expect(r.stderr.split('\n')[0]).toBe(`Refused with --strict (${WARNINGS.length} problems):`);
    expect(lines(r.stderr)).toEqual(WARNINGS);
  });

  test('the defaults and the restricted profile raise no warning', () => {
    expect(() => renderObjects({}, 'openclaw')).not.toThrow();
    expect(resolveModel({ securityContext: { capabilities: { add: ['NET_BIND_SERVICE'] } }, networkPolicy: { enabled: true } }, 'openclaw').warnings).toEqual([]);
  });
});
