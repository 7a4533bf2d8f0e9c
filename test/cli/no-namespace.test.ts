/**
 * Output that can move namespaces: the NetworkPolicy selects its own namespace without naming it,
 * and `synth --no-namespace` writes no namespace at all; a Kustomize overlay (kubectl kustomize,
 * the real kubectl) then puts every object in its namespace with the same meaning.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { kubectlBinary } from '../helm/helm-binary';
import { notesOf } from '../../src/notes/summary';
import { withoutNamespace } from '../../src';
import { synthChart, synthObjects } from '../helpers/synth';
import { cli, tempDir, writeFile } from './run-cli';

const dir = tempDir();
const VALUES = `networkPolicy:
  enabled: true
  allowSameNamespace: true
  egress: [{ to: [{ ipBlock: { cidr: 0.0.0.0/0, except: [10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16] } }], ports: [{ protocol: TCP, port: 443 }] }]
rbac:
  rules: [{ apiGroups: [""], resources: ["pods"], verbs: ["get"] }]
ingress:
  enabled: true
  hosts: [{ host: claw.example.com }]
gateway:
  trustedProxies: [10.42.3.17/32]
existingSecret:
  name: creds
  keys: { OPENCLAW_GATEWAY_TOKEN: token }
`;
const values = writeFile(dir, 'values.yaml', VALUES);
const docs = (text: string) => parseAllDocuments(text).map((d) => d.toJS()).filter((o) => o);

function kustomize(overlay: string): any[] {
  return docs(execFileSync(kubectlBinary(), ['kustomize', overlay], { encoding: 'utf8' }));
}

test('the NetworkPolicy allows its own namespace by a podSelector-only peer, never by its name', () => {
  const np = synthObjects({ networkPolicy: { enabled: true, allowSameNamespace: true } }, { namespace: 'team-a' }).find((o) => o.kind === 'NetworkPolicy');
  expect(np.spec.ingress[0]).toEqual({ from: [{ podSelector: {} }], ports: [{ protocol: 'TCP', port: 18789 }] });
  expect(np.spec.egress).toContainEqual({ to: [{ podSelector: {} }] });
  expect(JSON.stringify(np.spec).includes('team-a')).toBe(false);
});

test('--no-namespace writes no namespace anywhere; a Kustomize overlay puts every object in its own, with the same meaning', async () => {
  const base = path.join(dir, 'base');
  const r = await cli('synth', '--no-namespace', '--quiet', '--strict', '-f', values, '--release', 'team', '-o', base);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const text = fs.readFileSync(path.join(base, 'team.k8s.yaml'), 'utf8');
  expect(text).not.toMatch(/^\s*namespace:/m);
  expect(text).not.toContain('default');
  const rendered = docs(text);

  fs.writeFileSync(path.join(base, 'kustomization.yaml'), 'resources:\n  - team.k8s.yaml\n');
  const overlay = path.join(dir, 'overlay');
  fs.mkdirSync(overlay);
  fs.writeFileSync(path.join(overlay, 'kustomization.yaml'), 'namespace: team-b\nresources:\n  - ../base\n');
  const moved = kustomize(overlay);

  expect(moved.map((o) => `${o.kind}/${o.metadata.name}`).sort()).toEqual(rendered.map((o) => `${o.kind}/${o.metadata.name}`).sort());
  for (const o of moved) expect([o.kind, o.metadata.namespace]).toEqual([o.kind, 'team-b']);
  const binding = moved.find((o) => o.kind === 'RoleBinding');
  expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: 'team-openclaw', namespace: 'team-b' }]);
  // The overlay changed the namespace and nothing else: the specs are the render's.
  const byId = new Map(rendered.map((o) => [`${o.kind}/${o.metadata.name}`, o]));
  for (const o of moved.filter((x) => x.kind !== 'RoleBinding')) expect(o.spec).toEqual(byId.get(`${o.kind}/${o.metadata.name}`)!.spec);
  const np = moved.find((o) => o.kind === 'NetworkPolicy');
  expect(np.spec.ingress[0].from).toEqual([{ podSelector: {} }]);
});

test('the summary of a render without a namespace leaves -n to the reader', () => {
  // As the CLI's `synth --no-namespace` makes it: the objects without a namespace, the model they came from.
  const chart = synthChart({});
  const objects = withoutNamespace(chart.toJson(), 'openclaw');
  expect(objects.every((o) => o.metadata.namespace === undefined)).toBe(true);
  const notes = notesOf(objects, [chart._model]);
  expect(notes).toContain('Gateway my-openclaw in the namespace it is applied to (written without one: -n below is yours to fill in): 1 replica');
  expect(notes).toContain('kubectl port-forward svc/my-openclaw 18789:18789 -n <namespace>');
});

test('withoutNamespace keeps references to other namespaces (kube-system DNS, a Gateway\'s namespace)', () => {
  const objects = withoutNamespace(synthObjects({
    networkPolicy: { enabled: true },
    httpRoute: { enabled: true, parentRefs: [{ name: 'public', namespace: 'gateways' }] },
    gateway: { trustedProxies: ['10.42.3.17/32'] },
    rbac: { rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }] },
  }, { namespace: 'team-a' }), 'team-a');
  const text = JSON.stringify(objects);
  expect(text).toContain('"kubernetes.io/metadata.name":"kube-system"');
  expect(text).toContain('"namespace":"gateways"');
  expect(text.includes('team-a')).toBe(false);
});
