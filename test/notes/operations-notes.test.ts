import { renderNotes } from '../../src/notes/summary';
import { trustedProxiesAdvice } from '../../src/core/trusted-proxies';
import { synthChart } from '../helpers/synth';

const ingress = { enabled: true, className: 'nginx', hosts: [{ host: 'openclaw.example.com' }] };

/** The warning's lines under "Reach the gateway", joined back into one sentence. */
function proxyWarning(notes: string): string {
  const lines = notes.split('\n');
  const start = lines.findIndex((l) => l.startsWith('  Warning: gateway.trustedProxies'));
  const end = lines.findIndex((l, i) => i > start && l.endsWith('X-Forwarded-For.'));
  expect(start).toBeGreaterThan(0);
  return lines.slice(start, end + 1).map((l) => l.trim()).join(' ');
}

test('an Ingress without trusted proxies: the notes say what the warning says, its lines at most 100 characters', () => {
  const notes = renderNotes(synthChart({ ingress }));
  expect(proxyWarning(notes)).toBe(`Warning: gateway.trustedProxies ${trustedProxiesAdvice('Ingress')}.`);
  expect(proxyWarning(notes)).toContain('`kubectl get pods -n ingress-nginx -o wide` (IP column)');
  for (const line of notes.split('\n').filter((l) => l.includes('trustedProxies') || l.includes('X-Forwarded-For'))) expect(line.length).toBeLessThanOrEqual(100);
});

test('an HTTPRoute without trusted proxies names the Gateway implementation', () => {
  const notes = renderNotes(synthChart({ httpRoute: { enabled: true, parentRefs: [{ name: 'public' }], hostnames: ['claw.example.com'] } }));
  expect(proxyWarning(notes)).toBe(`Warning: gateway.trustedProxies ${trustedProxiesAdvice('HTTPRoute')}.`);
  expect(proxyWarning(notes)).toContain('through the Gateway implementation (403 proxy_attribution_required)');
});

test('with trusted proxies given, the notes list them and warn of nothing', () => {
  const notes = renderNotes(synthChart({ ingress, gateway: { trustedProxies: ['10.42.3.17/32'] } }));
  expect(notes).toContain('  Trusted proxies (gateway.trustedProxies): 10.42.3.17/32; only these may set X-Forwarded-For.\n');
  expect(notes).not.toContain('Warning');
});

test('without an Ingress or HTTPRoute there is nothing to say about proxies', () => {
  expect(renderNotes(synthChart({}))).not.toMatch(/trustedProxies|Trusted proxies/);
});

test('replicaCount 0: the notes say the release is paused, what is kept and how to resume', () => {
  const notes = renderNotes(synthChart({ replicaCount: 0 }));
  expect(notes).toContain(`Gateway my-openclaw in namespace openclaw: 0 replicas, image ghcr.io/openclaw/openclaw:2026.9.6
  Paused: replicaCount is 0, so no gateway pod runs. The claims and the state on them are kept.
  Resume: set replicaCount to 1 (or more) and apply, or: kubectl scale statefulset my-openclaw -n openclaw --replicas=1
`);
});

test('the heap cap follows the memory limit, and its absence is said', () => {
  expect(renderNotes(synthChart({ resources: { limits: { memory: '2Gi' } } }))).toContain('  Node heap cap: 1536 MiB (NODE_OPTIONS) under the memory limit 2Gi.\n');
  expect(renderNotes(synthChart({ resources: { limits: { cpu: '1' } } })))
    .toContain('  No memory limit, so no heap cap: Node sizes its heap from the node it runs on.\n');
});

test('pairing commands name the namespace and the first pod', () => {
  const notes = renderNotes(synthChart({}, { namespace: 'ai', release: 'claw' }));
  expect(notes).toContain('    kubectl exec -n ai claw-openclaw-0 -c openclaw -- node dist/index.js devices list\n');
  expect(notes).toContain('    kubectl exec -n ai claw-openclaw-0 -c openclaw -- node dist/index.js devices approve <requestId>\n');
});

test('upgrades: the notes say what migrate-config does and give the logs command; nothing when it is off', () => {
  const notes = renderNotes(synthChart({}, { namespace: 'team-a' }));
  const section = notes.split('\nUpgrades:\n')[1];
  expect(section).toContain('  A new image.tag: on its first start, migrate-config runs openclaw config validate on the state,');
  expect(section).toContain('    kubectl logs -n team-a my-openclaw-0 -c migrate-config');
  expect(renderNotes(synthChart({ upgrade: { migrateConfig: false } }))).not.toContain('Upgrades:');
});
