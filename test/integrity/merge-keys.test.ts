/**
 * Keys that are not Kubernetes field names never reach a manifest: a `<<` key (a merge key to
 * Go's YAML reader) is refused in props, values and `--set`, quoted by our writer anyway, and
 * refused by `openclaw-cdk8s validate`; any other unknown key in a props subtree that is a raw
 * Kubernetes object is refused with its path, and every rendered object is held to its kind's
 * fields. kubectl (the Go reader) confirms each reading.
 */
import * as path from 'path';
import { Yaml } from 'cdk8s';
import { valuesToProps } from '../../src';
import { renderObjects } from '../../src/build/render-objects';
import { toManifestYaml } from '../../src/output/manifest-yaml';
import { VALUES_SCHEMA } from '../../src';
import { unknownFieldsOfObject } from '../../src/manifest-check/known-fields';
import { cli, tempDir, writeFile } from '../cli/run-cli';
import { kubectlRead } from './kubectl-read-back';
import { problemLines } from '../helpers/synth';

const MERGE = 'the key is "<<", a YAML merge key to kubectl, Helm, Argo CD and every Go YAML reader: they merge the map under it into its parent, as fields that were never checked as such: remove it';
const unknown = (type: string) => `is not a Kubernetes field here (${type}, Kubernetes 1.36): remove it or fix its spelling`;

describe('a "<<" key is refused in props and values, naming the path', () => {
  test.each<[string, Record<string, unknown>, string]>([
    ['a hostPath volume', { extraVolumes: [{ name: 'host', '<<': { hostPath: { path: '/' } } }] }, 'extraVolumes[0].<<'],
    ['added capabilities', { securityContext: { '<<': { capabilities: { add: ['SYS_ADMIN'] } } } }, 'securityContext.<<'],
    ['privileged', { securityContext: { capabilities: { '<<': { privileged: true } } } }, 'securityContext.capabilities.<<'],
    ['a wildcard RBAC rule', { rbac: { create: true, rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'], '<<': { resources: ['*'], verbs: ['*'] } }] } }, 'rbac.rules[0].<<'],
    ['an open NetworkPolicy peer', { networkPolicy: { enabled: true, egress: [{ to: [{ '<<': { ipBlock: { cidr: '0.0.0.0/0' } } }] }] } }, 'networkPolicy.egress[0].to[0].<<'],
  ])('%s', (_what, props, at) => {
    expect(problemLines(() => renderObjects(props, 'openclaw'))).toEqual([`${at}: ${MERGE}`]);
    expect(problemLines(() => valuesToProps(props))).toContain(`${at}: ${MERGE}`);
  });

  test('a pod annotation key: said beside the annotation key rule', () => {
    expect(problemLines(() => renderObjects({ podAnnotations: { '<<': 'x' } }, 'openclaw'))).toEqual([
      `podAnnotations.<<: ${MERGE}`,
      'podAnnotations.<<: the key must be a qualified name (optional DNS prefix, "/", then at most 63 letters, digits, "-", "_", ".")',
    ]);
  });

  describe('the CLI', () => {
    const dir = tempDir();
    test('--set extraVolumes[0].<<.hostPath.path=/ : exit 1, nothing rendered', async () => {
      const r = await cli('synth', '--set', 'extraVolumes[0].name=host', '--set', 'extraVolumes[0].<<.hostPath.path=/', '--quiet');
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      // The problem names the --set argument it came from.
      expect(r.stderr).toBe(`Invalid OpenClaw configuration (1 problem):\n  - --set extraVolumes[0].<<.hostPath.path: extraVolumes[0].<<: ${MERGE}\n`);
    });

    test('a values file, for synth and the Helm export', async () => {
      const file = writeFile(dir, 'merge.yaml', 'extraVolumes:\n  - name: host\n    "<<": {hostPath: {path: /}}\n');
      for (const args of [['synth', '-f', file], ['helm', '-f', file, '-o', path.join(dir, 'chart')]]) {
        const r = await cli(...args);
        expect(r.code).toBe(1);
        // The problem names the file and line it came from.
        expect(r.stderr).toBe(`Invalid OpenClaw configuration (1 problem):\n  - ${file}:3: extraVolumes[0].<<: ${MERGE}\n`);
      }
    });
  });
});

describe('our writer never writes a merge key', () => {
  const configMap = (data: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'm' }, data, ...extra });

  test('a "<<" key is quoted (fast and general path) and kubectl reads it as a key; cdk8s\'s writer would let kubectl merge it', () => {
    const fast = toManifestYaml([configMap({ a: '1', '<<': { b: '2' } })]);
    expect(fast).toContain('\n  "<<":\n    b: "2"\n');
    // A null list item takes the general path (the yaml library's document).
    const general = toManifestYaml([configMap({ a: '1', '<<': { b: '2' } }, { list: [null, 'x'] })]);
    expect(general).toContain('\n  !!str "<<":\n    b: "2"\n');
    const cdk8s = Yaml.stringify(configMap({ a: '1', '<<': { b: '2' } }));
    const [fastRead, generalRead, cdk8sRead] = kubectlRead(`${fast}---\n${general}---\n${cdk8s}`);
    expect(fastRead.data).toEqual({ 'a': '1', '<<': { b: '2' } });
    expect(generalRead.data).toEqual({ 'a': '1', '<<': { b: '2' } });
    expect(cdk8sRead.data).toEqual({ a: '1', b: '2' }); // why props and values refuse the key
  });
});

describe('openclaw-cdk8s validate refuses merge keys outright', () => {
  const dir = tempDir();
  test('plain and !!merge, with file and line; exit 1', async () => {
    const file = writeFile(dir, 'merge.yaml', [
      'apiVersion: v1', 'kind: Pod', 'metadata:', '  name: p', 'spec:', '  containers:', '    - name: c', '      image: busybox',
      '      securityContext: &safe', '        privileged: false', '        <<: {privileged: true}',
      '  volumes:', '    - name: v', '      !!merge <<: {hostPath: {path: /}}', '',
    ].join('\n'));
    const r = await cli('validate', file);
    expect(r.code).toBe(1);
    const said = (line: number) => `${file}:${line}: a YAML merge key "<<", which kubectl, Helm and Argo CD apply with other precedence than this reader: refused; write the fields out`;
    expect(r.stderr).toBe([said(11), said(14), '2 place(s) that kubectl and Helm would read differently from what is validated here', ''].join('\n'));
  });

  test('a quoted "<<" is a key to every reader: reported as the unknown field it is', async () => {
    const file = writeFile(dir, 'quoted.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: m\n  "<<": {}\ndata: {}\n');
    const r = await cli('validate', file, '--kubernetes', '1.36');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('/metadata/<<');
  });
});

describe('unknown fields in props that are raw Kubernetes objects are refused with their path', () => {
  /** Every open object of the values schema (a raw Kubernetes type), with a value holding one unknown field there. */
  const RAW: Record<string, [Record<string, unknown>, string, string]> = {
    'imagePullSecrets[]': [{ imagePullSecrets: [{ name: 'r', nme: 'x' }] }, 'imagePullSecrets[0].nme', 'LocalObjectReference'],
    podSecurityContext: [{ podSecurityContext: { runAsUsr: 0 } }, 'podSecurityContext.runAsUsr', 'PodSecurityContext'],
    securityContext: [{ securityContext: { capabilities: { ad: ['SYS_ADMIN'] } } }, 'securityContext.capabilities.ad', 'Capabilities'],
    'extraEnv[].valueFrom': [{ extraEnv: [{ name: 'A', valueFrom: { secretKeyRef: { name: 's', key: 'k', nam: 'x' } } }] }, 'extraEnv[0].valueFrom.secretKeyRef.nam', 'SecretKeySelector'],
    'extraVolumes[]': [{ extraVolumes: [{ name: 'host', hostpath: { path: '/' } }] }, 'extraVolumes[0].hostpath', 'Volume'],
    'extraVolumeMounts[]': [{ extraVolumes: [{ name: 'v', emptyDir: {} }], extraVolumeMounts: [{ name: 'v', mountPath: '/v', readonly: true }] }, 'extraVolumeMounts[0].readonly', 'VolumeMount'],
    'tolerations[]': [{ tolerations: [{ key: 'k', operator: 'Exists', efect: 'NoSchedule' }] }, 'tolerations[0].efect', 'Toleration'],
    affinity: [{ affinity: { nodeAffinity: { requiredDuringScheduling: {} } } }, 'affinity.nodeAffinity.requiredDuringScheduling', 'NodeAffinity'],
    'rbac.rules[]': [{ rbac: { create: true, rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'], resourcenames: ['x'] }] } }, 'rbac.rules[0].resourcenames', 'PolicyRule'],
    'networkPolicy.ingress[].from[]': [{ networkPolicy: { enabled: true, ingress: [{ from: [{ podSelector: {}, ipblock: { cidr: '0.0.0.0/0' } }] }] } }, 'networkPolicy.ingress[0].from[0].ipblock', 'NetworkPolicyPeer'],
    'networkPolicy.ingress[].to[]': [{ networkPolicy: { enabled: true, ingress: [{ to: [{ podSelector: {}, x: 1 }] }] } }, 'networkPolicy.ingress[0].to[0].x', 'NetworkPolicyPeer'],
    'networkPolicy.egress[].from[]': [{ networkPolicy: { enabled: true, egress: [{ from: [{ podSelector: {}, x: 1 }] }] } }, 'networkPolicy.egress[0].from[0].x', 'NetworkPolicyPeer'],
    'networkPolicy.egress[].to[]': [{ networkPolicy: { enabled: true, egress: [{ to: [{ namespaceSelector: { matchLabel: { a: 'b' } } }] }] } }, 'networkPolicy.egress[0].to[0].namespaceSelector.matchLabel', 'LabelSelector'],
    'networkPolicy.allowedNamespaces[]': [{ networkPolicy: { enabled: true, allowedNamespaces: [{ matchLabels: { a: 'b' }, extra: 1 }] } }, 'networkPolicy.allowedNamespaces[0].extra', 'LabelSelector'],
    'networkPolicy.allowedPods[]': [{ networkPolicy: { enabled: true, allowedPods: [{ podSelector: { matchLabels: { a: 'b' } }, namespace: 'x' }] } }, 'networkPolicy.allowedPods[0].namespace', 'NetworkPolicyPeer'],
  };

  test('the table holds every open object of the values schema (OpenClaw\'s own channel settings and Helm\'s ignored `global` aside)', () => {
    const open: string[] = [];
    const walk = (s: any, at: string): void => {
      if (!s || typeof s !== 'object') return;
      if (s.type === 'object' && (s.additionalProperties === true || (!s.properties && s.additionalProperties === undefined))) open.push(at);
      for (const k of ['anyOf', 'oneOf', 'allOf']) (s[k] ?? []).forEach((x: any) => walk(x, at));
      for (const [k, v] of Object.entries(s.properties ?? {})) walk(v, at ? `${at}.${k}` : k);
      if (s.additionalProperties && typeof s.additionalProperties === 'object') walk(s.additionalProperties, `${at}.*`);
      if (s.items) walk(s.items, `${at}[]`);
    };
    walk(VALUES_SCHEMA, '');
    expect(open.filter((p) => !p.startsWith('gateway.channels.') && p !== 'global').sort()).toEqual(Object.keys(RAW).sort());
  });

  test.each(Object.entries(RAW))('%s', (_at, [props, at, type]) => {
    expect(problemLines(() => renderObjects(props, 'openclaw'))).toEqual([`${at}: ${unknown(type)}`]);
  });

  test('every rendered object is held to its kind\'s fields (the check behind every render path)', () => {
    const [sts] = renderObjects({}, 'openclaw').filter((o) => o.kind === 'StatefulSet');
    expect(unknownFieldsOfObject(sts)).toEqual([]);
    sts.spec.template.spec.volumes.push({ name: 'x', hostpath: { path: '/' } });
    sts.spec.template.spec.hostNetwork = true;
    sts.spec.template.spec.hostnetwork = true;
    expect(unknownFieldsOfObject(sts).map((f) => `${f.path} (${f.type})`)).toEqual([
      `spec.template.spec.volumes[${sts.spec.template.spec.volumes.length - 1}].hostpath (Volume)`,
      'spec.template.spec.hostnetwork (PodSpec)',
    ]);
  });
});
