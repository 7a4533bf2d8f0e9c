/**
 * Every scenario values file renders with `openclaw-cdk8s synth -f FILE --release my-openclaw
 * --namespace openclaw`, and what it renders is what the Helm chart rendered for the same file
 * (test/fixtures/reference/rendered-by-reference-chart), fact by fact (render-facts.ts), except the
 * differences listed in DELIBERATE_DIFFERENCES, each with its reason. The test asserts that the
 * actual differences are exactly that list: a new difference fails, and so does an entry that no
 * longer happens (remove it when a difference goes away).
 */
import * as fs from 'fs';
import * as path from 'path';
import { runCli } from '../../src/cli/main';
import { PATHS } from '../../src/core/pod-layout';
import { trustedProxiesAdvice } from '../../src/core/trusted-proxies';
import { replicaWrapperCommand } from '../../src/build/shell/replica-env';
import { DEFAULT_OPENCLAW_VERSION } from '../../src/core/versions';
import { ABSENT, Difference, canonical, differences, parseManifests, readManifests } from './render-facts';
import { RENDERED_DIR, SCENARIOS_DIR } from '../helpers/fixtures';

const SCENARIOS = SCENARIOS_DIR;
const RENDERED = RENDERED_DIR;

const SCENARIO_NAMES = fs.readdirSync(SCENARIOS).filter((f) => f.endsWith('.yaml')).map((f) => f.replace(/\.yaml$/, '')).sort();

/** The Helm render of a scenario. Scenario 05's could only be made without customEgressPorts (Helm chart defect 2). */
function referenceFile(scenario: string): string {
  const exact = path.join(RENDERED, `${scenario}.k8s.yaml`);
  if (fs.existsSync(exact)) return exact;
  const variant = fs.readdirSync(RENDERED).find((f) => f.startsWith(`${scenario}.`) && f.endsWith('.k8s.yaml'));
  if (!variant) throw new Error(`no reference render for scenario ${scenario}`);
  return path.join(RENDERED, variant);
}

interface DeliberateDifference {
  /** Scenario names (file names without .yaml), or ALL. */
  readonly scenarios: readonly string[];
  readonly fact: string;
  readonly reference: unknown;
  readonly ours: unknown;
  readonly reason: string;
}

const ALL = SCENARIO_NAMES;
/** Scenarios that leave image.tag at the chart default (Helm: latest, here the pinned release); 07 pins 2026.2.1. */
const DEFAULT_TAG = ALL.filter((s) => s !== '07-no-persistence');
/** Scenarios where the chart has nothing to write into openclaw.json (no gateway-config init container). */
const NOTHING_MANAGED = ['01-default', '05-network-policy-custom', '06-per-replica', '08-custom-storage'];
/** Scenarios where it has something: the model (02, 03), the ingress origin (04), allowInsecureAuth on an old image (07). */
const MANAGED = ['02-existing-secret', '03-env-from-secret', '04-ingress-tls', '07-no-persistence'];
/** Scenarios where nothing provides gateway auth: the pod generates its own token (gateway-token init container). */
const TOKEN_GENERATED = ['01-default', '05-network-policy-custom', '06-per-replica', '07-no-persistence', '08-custom-storage'];
const MANAGED_WITH_TOKEN = MANAGED.filter((s) => TOKEN_GENERATED.includes(s));

const STS = 'StatefulSet/my-openclaw';
const MAIN = `${STS} container openclaw`;
const NP = 'NetworkPolicy/my-openclaw';
const egressRule = (rule: object) => `${NP}: egress rule ${canonical(rule)}`;
const ingressRule = (rule: object) => `${NP}: ingress rule ${canonical(rule)}`;
const byName = (ns: string) => ({ namespaceSelector: { matchLabels: { name: ns } } });
const byMetadataName = (ns: string) => ({ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': ns } } });
const HELM_COMMAND = ['node', 'dist/index.js', 'gateway', '--bind', 'lan', '--port', '18789', '--allow-unconfigured'];

const httpProbe = (path: string, timing: object) => ({ httpGet: { path, port: 'http' }, successThreshold: 1, ...timing });
const tcpProbe = (timing: object) => ({ tcpSocket: { port: 'http' }, successThreshold: 1, ...timing });
const LIVENESS_TIMING = { initialDelaySeconds: 30, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3 };
const READINESS_TIMING = { initialDelaySeconds: 10, periodSeconds: 5, timeoutSeconds: 3, failureThreshold: 3 };
// initialDelaySeconds 0 is Kubernetes' default and is not written (the API server would drop it).
const STARTUP_TIMING = { periodSeconds: 5, timeoutSeconds: 3, failureThreshold: 60 };
const HELM_LIVENESS = { tcpSocket: { port: 18789 }, ...LIVENESS_TIMING };
const HELM_READINESS = { tcpSocket: { port: 18789 }, ...READINESS_TIMING };
const HELM_GATEWAY_CONFIG = { 'openclaw.json': { gateway: { controlUi: { allowInsecureAuth: true } } } };

export const DELIBERATE_DIFFERENCES: readonly DeliberateDifference[] = [
  // ---- Labels and metadata (every scenario) ----
  {
    scenarios: ALL, fact: 'label app.kubernetes.io/managed-by (values on all objects)', reference: ['Helm'], ours: ['cdk8s'],
    reason: 'The objects are made by cdk8s, not installed by Helm; saying "Helm" would mislead `helm list`-style tooling and people.',
  },
  {
    scenarios: ALL, fact: 'label helm.sh/chart (values on all objects)', reference: ['openclaw-0.1.0'], ours: ABSENT,
    reason: 'There is no Helm chart (or chart version) behind the objects; the library version is not a label so that upgrading it does not touch every object.',
  },
  {
    scenarios: DEFAULT_TAG, fact: 'label app.kubernetes.io/version (values on all objects)', reference: ['latest'], ours: [DEFAULT_OPENCLAW_VERSION],
    reason: 'The version label is the image tag really running (Helm used Chart.appVersion, "latest", whatever image.tag said); the default tag is pinned (Helm chart defect 18).',
  },
  {
    scenarios: ['07-no-persistence'], fact: 'label app.kubernetes.io/version (values on all objects)', reference: ['latest'], ours: ['2026.2.1'],
    reason: 'The version label is the image tag really running: scenario 07 pins image.tag 2026.2.1, which the Helm chart still labelled "latest".',
  },
  {
    scenarios: ALL, fact: 'metadata.namespace (values on all objects)', reference: [ABSENT], ours: ['openclaw'],
    reason: '`helm template` leaves the namespace to `helm install -n`; the manifests here are applied with kubectl, so every namespaced object carries --namespace.',
  },

  // ---- Access: no RBAC, no token (Helm chart defect 15, 20) ----
  {
    scenarios: ALL, fact: 'object Role/my-openclaw', reference: 'present', ours: ABSENT,
    reason: 'The Helm Role let the agent (which runs shell commands a model asks for) read every Secret in the namespace; rbac.rules is empty by default, and no Role is made without rules.',
  },
  {
    scenarios: ALL, fact: 'object RoleBinding/my-openclaw', reference: 'present', ours: ABSENT,
    reason: 'No Role by default (see Role/my-openclaw), so nothing to bind.',
  },
  {
    scenarios: ALL, fact: 'ServiceAccount/my-openclaw: automountServiceAccountToken', reference: ABSENT, ours: false,
    reason: 'Without API access the token is not mounted (it is mounted again when rbac.rules grant something).',
  },
  {
    scenarios: ALL, fact: `${STS}: pod automountServiceAccountToken`, reference: ABSENT, ours: false,
    reason: 'Same as the ServiceAccount: no token in the pod unless rbac.rules grant API access.',
  },

  // ---- Pod hardening: Pod Security Standard "restricted" (Helm chart defect 11, 20) ----
  {
    scenarios: ALL, fact: `${STS}: pod securityContext`,
    reference: { fsGroup: 1000, runAsNonRoot: true, runAsUser: 1000 },
    ours: { fsGroup: 1000, fsGroupChangePolicy: 'OnRootMismatch', runAsGroup: 1000, runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: 'RuntimeDefault' } },
    reason: 'Restricted defaults (values are merged over them): RuntimeDefault seccomp, group 1000 as the image expects, and OnRootMismatch so a big volume is not re-chowned at every start.',
  },
  {
    scenarios: ALL, fact: `${MAIN}: securityContext`,
    reference: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, readOnlyRootFilesystem: false },
    ours: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, readOnlyRootFilesystem: true, runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
    reason: 'Read-only root filesystem and seccomp as OpenClaw\'s own Kubernetes manifest runs it; the writable places are emptyDirs (tmp, cache, local, node-modules).',
  },
  ...(['tmp', 'cache', 'local', 'npm'] as const).flatMap((volume): DeliberateDifference[] => {
    const mountPath = volume === 'tmp' ? '/tmp' : `${PATHS.home}/.${volume}`;
    return [
      {
        scenarios: ALL, fact: `${STS}: volume ${volume}`, reference: ABSENT, ours: { emptyDir: {} },
        reason: `With a read-only root filesystem, ${mountPath} must be a volume: OpenClaw logs to /tmp/openclaw, its runtime tools write ~/.cache and ~/.local, and its startup npm root --global writes ~/.npm/_logs.`,
      },
      {
        scenarios: ALL, fact: `${MAIN}: mount ${mountPath}`, reference: ABSENT, ours: { name: volume },
        reason: `The ${volume} emptyDir, writable under the read-only root filesystem.`,
      },
    ];
  }),
  {
    scenarios: ALL, fact: `${STS}: volume node-modules`, reference: ABSENT, ours: { emptyDir: {} },
    reason: 'nodeModulesWritable (a value of the newer Helm chart, default true): plugins install into /usr/local/lib/node_modules, an emptyDir seeded from the image by prepare-state.',
  },
  {
    scenarios: ALL, fact: `${MAIN}: mount ${PATHS.nodeModules}`, reference: ABSENT, ours: { name: 'node-modules' },
    reason: 'nodeModulesWritable: the writable node_modules emptyDir.',
  },
  {
    scenarios: ALL, fact: `${MAIN}: mount ${PATHS.config}`, reference: ABSENT, ours: { name: 'data', subPath: '.config' },
    reason: 'OpenClaw keeps the auth-profile encryption key in ~/.config/openclaw; the Helm chart did not persist it, so saved credentials were unreadable after a restart (Helm chart defect 17). All of ~/.config, because other runtimes OpenClaw starts (codex, acpx) write there too.',
  },
  {
    scenarios: ALL, fact: `${MAIN}: env NODE_OPTIONS`, reference: ABSENT, ours: { value: '--max-old-space-size=3072' },
    reason: 'A V8 heap cap at 75% of the 4Gi memory limit: without one Node sizes its heap from the node and the pod is OOM-killed (openclaw/openclaw #45160, #96828).',
  },

  // ---- Init containers (Helm chart defect 8, 9, 10, 14) ----
  {
    scenarios: NOTHING_MANAGED, fact: `${STS}: initContainers`, reference: ['gateway-config'], ours: ['prepare-state', 'gateway-token', 'migrate-config'],
    reason: 'prepare-state creates the state directories owned by uid 1000 (the kubelet creates missing subPath directories root-owned) and seeds node_modules. No gateway-config: there is nothing to write into openclaw.json (allowInsecureAuth was retired in OpenClaw 2026.8.1 and is off; Helm chart defect 14). gateway-token: nothing provides gateway auth, so the pod writes its own random token into gateway.auth.token on its state volume. migrate-config: on the first start of a release, OpenClaw\'s config validate (and doctor --fix when it fails) before the gateway.',
  },
  {
    scenarios: MANAGED.filter((s) => !TOKEN_GENERATED.includes(s)), fact: `${STS}: initContainers`, reference: ['gateway-config'], ours: ['prepare-state', 'gateway-config', 'migrate-config'],
    reason: 'prepare-state first (state directories, node_modules seed), then gateway-config merges the managed settings into openclaw.json, then migrate-config checks the result with OpenClaw itself when the release changed.',
  },
  {
    scenarios: MANAGED_WITH_TOKEN, fact: `${STS}: initContainers`, reference: ['gateway-config'], ours: ['prepare-state', 'gateway-config', 'gateway-token', 'migrate-config'],
    reason: 'prepare-state, then gateway-config merges the managed settings, then gateway-token writes the pod\'s own token (nothing provides gateway auth), then migrate-config.',
  },
  {
    scenarios: NOTHING_MANAGED, fact: 'object ConfigMap/my-openclaw-gateway-config', reference: 'present', ours: ABSENT,
    reason: 'Only made when there are settings to manage (Helm chart defect 14); allowInsecureAuth: true is not written to images that retired it.',
  },
  {
    scenarios: MANAGED, fact: `${STS}: volume gateway-config`, reference: ABSENT, ours: { configMap: { name: 'my-openclaw-gateway-config' } },
    reason: 'The managed settings reach the init container as a read-only ConfigMap file, not as a jq expression built into its command.',
  },
  {
    scenarios: ['02-existing-secret', '03-env-from-secret', '04-ingress-tls'], fact: `${STS} initContainer gateway-config: mounts`,
    reference: { '/data': { name: 'data' } },
    ours: { '/data': { name: 'data' }, [PATHS.managedConfigDir]: { name: 'gateway-config', readOnly: true } },
    reason: 'The init container deep-merges the ConfigMap\'s openclaw.json into the one under DATA_DIR (JSON5-safe, keeps the user\'s keys, turning a flag off really turns it off; Helm chart defect 8, 9, 10).',
  },
  {
    scenarios: ['07-no-persistence'], fact: `${STS} initContainer gateway-config: mounts`,
    reference: { '/config-source': { name: 'gateway-config-source', readOnly: true }, '/openclaw-config': { name: 'openclaw-config' } },
    ours: { '/data': { name: 'data' }, [PATHS.managedConfigDir]: { name: 'gateway-config', readOnly: true } },
    reason: 'One layout with or without persistence: the data volume (an emptyDir here) at DATA_DIR with the state in its .openclaw subPath, merged by the same init container.',
  },
  {
    scenarios: ['02-existing-secret', '03-env-from-secret'], fact: 'ConfigMap/my-openclaw-gateway-config: data',
    reference: HELM_GATEWAY_CONFIG,
    ours: { 'openclaw.json': { agents: { defaults: { model: { primary: 'anthropic/claude-3-5-sonnet-20241022' } } } } },
    reason: 'allowInsecureAuth: true is not written (retired in OpenClaw 2026.7.22: `openclaw config validate` rejects it). These values set env.CLAUDE_MODEL, which OpenClaw does not read; it is mapped to agents.defaults.model.primary.',
  },
  {
    scenarios: ['04-ingress-tls'], fact: 'ConfigMap/my-openclaw-gateway-config: data',
    reference: HELM_GATEWAY_CONFIG,
    ours: { 'openclaw.json': { gateway: { controlUi: { allowedOrigins: ['https://openclaw.example.com'] }, trustedProxies: [] } } },
    reason: 'Behind an ingress OpenClaw needs the public origin (https: TLS covers the host) in controlUi.allowedOrigins; trustedProxies is written empty (a wide range lets any pod forge X-Forwarded-For and refuses direct callers) and a warning says what to list; allowInsecureAuth is retired.',
  },
  {
    scenarios: ['02-existing-secret', '03-env-from-secret', '04-ingress-tls', '06-per-replica', '07-no-persistence'],
    fact: `${STS}: pod annotation keys`, reference: [], ours: ['checksum/config'],
    reason: 'A checksum of the chart\'s ConfigMaps and Secret on the pod template: changing them rolls the pods (Helm chart defect 19).',
  },

  // ---- Container: image, env, probes ----
  {
    scenarios: DEFAULT_TAG, fact: `${MAIN}: image`, reference: 'ghcr.io/openclaw/openclaw:latest', ours: `ghcr.io/openclaw/openclaw:${DEFAULT_OPENCLAW_VERSION}`,
    reason: 'The default tag is a pinned release: with latest and IfNotPresent, pods of one StatefulSet run whatever each node pulled first (Helm chart defect 18).',
  },
  {
    scenarios: ALL, fact: `${MAIN}: env STATEFULSET_REPLICA_INDEX`,
    reference: { valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
    ours: { valueFrom: { fieldRef: { fieldPath: "metadata.labels['apps.kubernetes.io/pod-index']" } } },
    reason: 'The index (0, 1, 2) as the README promises, from the pod-index label (Kubernetes 1.28+); the Helm chart gave the pod name (Helm chart defect 3).',
  },
  {
    scenarios: ALL, fact: `${MAIN}: env OPENCLAW_GATEWAY_PORT`, reference: ABSENT, ours: { value: '18789' },
    reason: 'The variable OpenClaw reads (it ignores PORT), from service.port, the one value that drives every port (Helm chart defect 6).',
  },
  {
    scenarios: ALL, fact: `${MAIN}: env OPENCLAW_STATE_DIR`, reference: ABSENT, ours: { value: PATHS.stateDir },
    reason: 'Names OpenClaw\'s state directory (the persisted ~/.openclaw) explicitly.',
  },
  {
    scenarios: DEFAULT_TAG, fact: `${MAIN}: livenessProbe`, reference: HELM_LIVENESS, ours: httpProbe('/healthz', LIVENESS_TIMING),
    reason: 'OpenClaw serves /healthz since 2026.3.1: an HTTP check instead of a TCP connect (Helm chart defect 16), on the named port so it follows service.port (Helm chart defect 6).',
  },
  {
    scenarios: DEFAULT_TAG, fact: `${MAIN}: readinessProbe`, reference: HELM_READINESS, ours: httpProbe('/readyz', READINESS_TIMING),
    reason: 'OpenClaw serves /readyz since 2026.3.1 (channel-aware readiness) (Helm chart defect 16); named port (Helm chart defect 6).',
  },
  {
    scenarios: DEFAULT_TAG, fact: `${MAIN}: startupProbe`, reference: ABSENT, ours: httpProbe('/startupz', STARTUP_TIMING),
    reason: 'A startup probe (/startupz since 2026.8.1) so a slow first start is not killed by the liveness probe.',
  },
  {
    scenarios: ['07-no-persistence'], fact: `${MAIN}: livenessProbe`, reference: HELM_LIVENESS, ours: tcpProbe(LIVENESS_TIMING),
    reason: 'Image 2026.2.1 has no health endpoints (it answers any path with 200), so TCP as in Helm, but on the named port (Helm chart defect 6).',
  },
  {
    scenarios: ['07-no-persistence'], fact: `${MAIN}: readinessProbe`, reference: HELM_READINESS, ours: tcpProbe(READINESS_TIMING),
    reason: 'TCP for the old image, on the named port (Helm chart defect 6).',
  },
  {
    scenarios: ['07-no-persistence'], fact: `${MAIN}: startupProbe`, reference: ABSENT, ours: tcpProbe(STARTUP_TIMING),
    reason: 'A startup probe (TCP on the old image) so a slow first start is not killed by the liveness probe.',
  },

  // ---- Storage ----
  {
    scenarios: DEFAULT_TAG, fact: `${STS}: persistentVolumeClaimRetentionPolicy`, reference: ABSENT, ours: { whenDeleted: 'Retain', whenScaled: 'Retain' },
    reason: 'States what really happens to the claims (kept on delete and scale-down; the Helm README claimed uninstall deletes them, Helm chart defect 21).',
  },
  {
    scenarios: ['07-no-persistence'], fact: `${STS}: volume data`, reference: ABSENT, ours: { emptyDir: {} },
    reason: 'Without persistence the data volume is an emptyDir at DATA_DIR (the root filesystem is read-only); Helm had no volume at DATA_DIR at all.',
  },
  {
    scenarios: ['07-no-persistence'], fact: `${MAIN}: mount /data`, reference: ABSENT, ours: { name: 'data' },
    reason: 'The data emptyDir at DATA_DIR, as with persistence.',
  },
  {
    scenarios: ['07-no-persistence'], fact: `${MAIN}: mount ${PATHS.stateDir}`, reference: { name: 'openclaw-config' }, ours: { name: 'data', subPath: '.openclaw' },
    reason: 'The state directory is the .openclaw subPath of the data volume with or without persistence (one layout; the init container writes under DATA_DIR, Helm chart defect 9).',
  },
  {
    scenarios: ['07-no-persistence'], fact: `${STS}: volume gateway-config-source`, reference: { configMap: { name: 'my-openclaw-gateway-config' } }, ours: ABSENT,
    reason: 'The same ConfigMap is mounted as volume gateway-config (see the init container\'s mounts).',
  },
  {
    scenarios: ['07-no-persistence'], fact: `${STS}: volume openclaw-config`, reference: { emptyDir: {} }, ours: ABSENT,
    reason: 'Replaced by the data emptyDir (one layout with or without persistence).',
  },

  // ---- Ingress ----
  {
    scenarios: ['04-ingress-tls'], fact: 'Ingress/my-openclaw: annotations',
    reference: { 'cert-manager.io/cluster-issuer': 'letsencrypt-prod' },
    ours: { 'cert-manager.io/cluster-issuer': 'letsencrypt-prod', 'nginx.ingress.kubernetes.io/proxy-read-timeout': '3600', 'nginx.ingress.kubernetes.io/proxy-send-timeout': '3600' },
    reason: 'With class nginx, hour-long proxy timeouts so the gateway\'s WebSockets are not cut after 60 s (the user\'s annotations win).',
  },

  // ---- NetworkPolicy (Helm chart defect 2, 5) ----
  {
    scenarios: ['05-network-policy-custom'], fact: egressRule({ to: [byName('kube-system')], ports: [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }] }),
    reference: 'present', ours: ABSENT,
    reason: 'Selected kube-system by a `name` label that namespaces do not carry: DNS was blocked (Helm chart defect 5). Replaced by the rule below.',
  },
  {
    scenarios: ['05-network-policy-custom'],
    fact: egressRule({ to: [{ ...byMetadataName('kube-system'), podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }], ports: [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }] }),
    reference: ABSENT, ours: 'present',
    reason: 'DNS to the cluster DNS pods only: kube-system by kubernetes.io/metadata.name (set on every namespace) and the k8s-app: kube-dns pods.',
  },
  {
    scenarios: ['05-network-policy-custom'], fact: egressRule({ to: [byName('kube-system')], ports: [{ port: 443, protocol: 'TCP' }] }),
    reference: 'present', ours: ABSENT,
    reason: 'allowKubeSystem by a `name` label that matches nothing (Helm chart defect 5). Replaced by the rule below.',
  },
  {
    scenarios: ['05-network-policy-custom'], fact: egressRule({ to: [byMetadataName('kube-system')], ports: [{ port: 443, protocol: 'TCP' }] }),
    reference: ABSENT, ours: 'present',
    reason: 'allowKubeSystem, selecting kube-system by kubernetes.io/metadata.name.',
  },
  {
    scenarios: ['05-network-policy-custom'], fact: egressRule({ to: [byName('openclaw')] }), reference: 'present', ours: ABSENT,
    reason: 'allowSameNamespace by a `name` label that matches nothing (Helm chart defect 5). Replaced by the rule below.',
  },
  {
    scenarios: ['05-network-policy-custom'], fact: egressRule({ to: [{ podSelector: {} }] }), reference: ABSENT, ours: 'present',
    reason: 'allowSameNamespace (egress): a podSelector-only peer, the policy\'s own namespace without naming it (the render can move namespaces).',
  },
  {
    scenarios: ['05-network-policy-custom'], fact: ingressRule({ from: [byName('openclaw')], ports: [{ port: 18789, protocol: 'TCP' }] }), reference: 'present', ours: ABSENT,
    reason: 'allowSameNamespace (ingress) by a `name` label that matches nothing (Helm chart defect 5). Replaced by the rule below.',
  },
  {
    scenarios: ['05-network-policy-custom'], fact: ingressRule({ from: [{ podSelector: {} }], ports: [{ port: 18789, protocol: 'TCP' }] }), reference: ABSENT, ours: 'present',
    reason: 'allowSameNamespace (ingress) to the gateway port: a podSelector-only peer, the policy\'s own namespace without naming it.',
  },
  {
    scenarios: ['05-network-policy-custom'], fact: egressRule({ ports: [{ port: 443, protocol: 'TCP' }, { port: 80, protocol: 'TCP' }] }), reference: ABSENT, ours: 'present',
    reason: 'networkPolicy.customEgressPorts: the Helm chart fails to render any entry (Helm chart defect 2), so its render of this scenario is without it.',
  },

  // ---- Per-replica settings (Helm chart defect 4) ----
  ...[0, 1, 2].map((i): DeliberateDifference => ({
    scenarios: ['06-per-replica'], fact: `object ConfigMap/my-openclaw-replica-${i}-config`, reference: 'present', ours: ABSENT,
    reason: 'Helm loaded every replica\'s ConfigMap into every pod, so all pods saw the last one\'s values (Helm chart defect 4); replaced by one ConfigMap with a file per replica.',
  })),
  {
    scenarios: ['06-per-replica'], fact: 'label openclaw.io/replica-index (values on all objects)', reference: [ABSENT, '0', '1', '2'], ours: ABSENT,
    reason: 'The label of the per-replica ConfigMaps, which are replaced by one ConfigMap.',
  },
  {
    scenarios: ['06-per-replica'], fact: 'object ConfigMap/my-openclaw-replica-env', reference: ABSENT, ours: 'present',
    reason: 'One file per replica (replica-<i>.env); each pod reads only its own.',
  },
  {
    scenarios: ['06-per-replica'], fact: `${MAIN}: envFrom`,
    reference: [0, 1, 2].map((i) => ({ configMapRef: { name: `my-openclaw-replica-${i}-config`, optional: true } })), ours: ABSENT,
    reason: 'envFrom cannot differ per pod of a StatefulSet; the wrapper command sources the pod\'s own file instead.',
  },
  {
    scenarios: ['06-per-replica'], fact: `${MAIN}: command`, reference: HELM_COMMAND, ours: replicaWrapperCommand(PATHS.replicaEnvDir, HELM_COMMAND),
    reason: 'The same gateway command, run by a small sh wrapper that sources replica-<STATEFULSET_REPLICA_INDEX>.env first.',
  },
  {
    scenarios: ['06-per-replica'], fact: `${MAIN}: mount ${PATHS.replicaEnvDir}`, reference: ABSENT, ours: { name: 'replica-env', readOnly: true },
    reason: 'The per-replica env files, read by the wrapper.',
  },
  {
    scenarios: ['06-per-replica'], fact: `${STS}: volume replica-env`, reference: ABSENT, ours: { configMap: { name: 'my-openclaw-replica-env' } },
    reason: 'The per-replica env ConfigMap.',
  },
  {
    scenarios: ['06-per-replica'], fact: 'object PodDisruptionBudget/my-openclaw', reference: ABSENT, ours: 'present',
    reason: 'With more than one replica a PodDisruptionBudget (maxUnavailable 1) keeps node drains from taking all replicas at once.',
  },
  ...[0, 1, 2].map((i) => ({
    scenarios: ['06-per-replica'], fact: `object Service/my-openclaw-${i}`, reference: ABSENT, ours: 'present',
    reason: 'Each replica is an independent gateway (own state, own token): a Service per replica, selecting its pod by statefulset.kubernetes.io/pod-name, reaches it alone.',
  })),
];

interface ScenarioRender {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function synth(args: string[]): Promise<ScenarioRender> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } });
  return { code, stdout, stderr };
}

const renders = new Map<string, ScenarioRender>();

/**
 * The Helm chart's README selects namespaces by a `name` label, which Kubernetes does not set
 * (it sets kubernetes.io/metadata.name): on a stock cluster those rules match nothing, so we say so.
 */
const NAME_LABEL = (at: string, ns: string) => `Warning: ${at}.matchLabels.name: selects namespaces by the label "name", which Kubernetes does not set: `
  + `unless you label the namespaces yourself it matches nothing; Kubernetes sets kubernetes.io/metadata.name: "${ns}"\n`;
const SCENARIO_WARNINGS: Record<string, string> = {
  // customEgressPorts: HTTPS and HTTP to any address, the cluster's own pods among them.
  '05-network-policy-custom': 'Warning: networkPolicy.customEgressPorts: allows traffic to every address on TCP 443, TCP 80, the cluster\'s own pods and Services among them: '
    + 'to reach only the internet, list networkPolicy.egress with an ipBlock such as {cidr: 0.0.0.0/0, except: [10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16]}\n'
    + NAME_LABEL('networkPolicy.allowedNamespaces[0]', 'monitoring')
    + NAME_LABEL('networkPolicy.ingress[0].from[0].namespaceSelector', 'ingress-nginx')
    + NAME_LABEL('networkPolicy.egress[0].to[0].namespaceSelector', 'monitoring'),
  // The Helm values put an Ingress in front without naming its proxies: said, and rendered.
  '04-ingress-tls': `Warning: gateway.trustedProxies: ${trustedProxiesAdvice('Ingress')}\n`,
};

beforeAll(async () => {
  for (const scenario of SCENARIO_NAMES) {
    renders.set(scenario, await synth(['synth', '--quiet', '-f', path.join(SCENARIOS, `${scenario}.yaml`), '--release', 'my-openclaw', '--namespace', 'openclaw']));
  }
});

function actualDifferences(scenario: string): Difference[] {
  return differences(readManifests(referenceFile(scenario)), parseManifests(renders.get(scenario)!.stdout));
}

function matches(entry: DeliberateDifference, scenario: string, d: Difference): boolean {
  return entry.scenarios.includes(scenario) && entry.fact === d.fact
    && canonical(entry.reference) === canonical(d.reference) && canonical(entry.ours) === canonical(d.ours);
}

test('the reference scenarios are all there', () => {
  expect(SCENARIO_NAMES).toEqual([
    '01-default', '02-existing-secret', '03-env-from-secret', '04-ingress-tls',
    '05-network-policy-custom', '06-per-replica', '07-no-persistence', '08-custom-storage',
  ]);
});

describe.each(SCENARIO_NAMES)('scenario %s', (scenario) => {
  test('openclaw-cdk8s synth -f FILE --release my-openclaw --namespace openclaw succeeds', () => {
    const r = renders.get(scenario)!;
    expect(r.stderr).toBe(SCENARIO_WARNINGS[scenario] ?? '');
    expect(r.code).toBe(0);
    const objects = parseManifests(r.stdout);
    expect(objects.length).toBeGreaterThan(3);
    for (const o of objects) expect(o.metadata.namespace).toBe('openclaw');
  });

  test('differs from the Helm chart\'s render only by the deliberate differences', () => {
    const actual = actualDifferences(scenario);
    const unexpected = actual.filter((d) => !DELIBERATE_DIFFERENCES.some((e) => matches(e, scenario, d)));
    const gone = DELIBERATE_DIFFERENCES.filter((e) => e.scenarios.includes(scenario) && !actual.some((d) => matches(e, scenario, d)))
      .map((e) => ({ fact: e.fact, reference: e.reference, ours: e.ours }));
    // Printed in full so that a new difference can be judged (and, if deliberate, listed with its reason).
    expect({ unexpected, gone }).toEqual({ unexpected: [], gone: [] });
  });
});

test('every deliberate difference names real scenarios and has a reason', () => {
  for (const e of DELIBERATE_DIFFERENCES) {
    expect(e.scenarios.length).toBeGreaterThan(0);
    for (const s of e.scenarios) expect(SCENARIO_NAMES).toContain(s);
    expect(e.reason.length).toBeGreaterThan(20);
  }
  const keys = DELIBERATE_DIFFERENCES.flatMap((e) => e.scenarios.map((s) => `${s} ${e.fact}`));
  expect(new Set(keys).size).toBe(keys.length);
});

test('the comparison is not blind: a changed port, image, env value, selector or rule is caught', () => {
  const scenario = '05-network-policy-custom';
  const reference = readManifests(referenceFile(scenario));
  const ours = () => parseManifests(renders.get(scenario)!.stdout);
  const sts = (objects: any[]) => objects.find((o) => o.kind === 'StatefulSet');
  const mutations: Array<(objects: any[]) => void> = [
    (o) => { o.find((x: any) => x.kind === 'Service').spec.ports[0].port = 8080; },
    (o) => { sts(o).spec.template.spec.containers[0].ports[0].containerPort = 8080; },
    (o) => { sts(o).spec.template.spec.containers[0].env.find((e: any) => e.name === 'LOG_LEVEL').value = 'debug'; },
    (o) => { sts(o).spec.selector.matchLabels['app.kubernetes.io/instance'] = 'other'; },
    (o) => { sts(o).spec.template.spec.containers[0].resources.limits.cpu = '1'; },
    (o) => { sts(o).spec.volumeClaimTemplates[0].spec.resources.requests.storage = '1Gi'; },
    (o) => { o.find((x: any) => x.kind === 'NetworkPolicy').spec.egress.pop(); },
    (o) => { o.find((x: any) => x.kind === 'Service').metadata.labels['app.kubernetes.io/name'] = 'x'; },
  ];
  for (const mutate of mutations) {
    const changed = ours();
    mutate(changed);
    const unexpected = differences(reference, changed).filter((d) => !DELIBERATE_DIFFERENCES.some((e) => matches(e, scenario, d)));
    expect(unexpected.length).toBeGreaterThan(0);
  }
});
