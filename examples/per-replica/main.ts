/**
 * Several independent gateways in one StatefulSet, each with its own settings and its own state:
 * here one assistant per person. Replica i is the pod `assistants-openclaw-<i>` with the claim
 * `data-assistants-openclaw-<i>`.
 *
 *   npx cdk8s synth          # writes dist/assistants.k8s.yaml
 *
 * Each replica sees only its own `replicaOverrides` env (a ConfigMap mounted into every pod holds
 * one file per replica; the container's start command loads the file of its own ordinal).
 * Secrets never go here: they are refused as plain values. Per-replica credentials belong in a
 * Secret; use keys named per replica and reference them from your app.
 */
import { App } from 'cdk8s';
import { OpenClawChart } from 'openclaw-cdk8s';

const people = ['alice', 'bob', 'carol'];

// Replica index (as a string) -> that replica's own env.
const replicaOverrides: Record<string, { env: Record<string, string> }> = {};
people.forEach((person, i) => {
  replicaOverrides[String(i)] = { env: { ASSISTANT_OWNER: person } };
});
// A canary: the last replica logs verbosely.
replicaOverrides[String(people.length - 1)].env.OPENCLAW_LOG_LEVEL = 'debug';

const app = new App();
new OpenClawChart(app, 'assistants', {
  namespace: 'assistants',
  replicaCount: people.length,
  // The gateways do not depend on each other: start and update them all at once.
  podManagementPolicy: 'Parallel',
  replicaOverrides,
  // Keep at most one gateway down during node drains.
  podDisruptionBudget: { enabled: true, maxUnavailable: 1 },
});
app.synth();
