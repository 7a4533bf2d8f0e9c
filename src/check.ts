/**
 * Checks on the props that types cannot express. Each problem names the values path, the bad
 * value and what is allowed; all are collected and reported together by resolveModel.
 */
import { ProblemCollector } from './errors';
import { MAX_RELEASE_NAME_LENGTH, MAX_STATEFULSET_NAME_LENGTH, fullName } from './names';
import { CHART_ENV, CHART_MOUNT_PATHS, PATHS, VOLUMES } from './layout';
import { DEFAULTS, NetworkPolicyPortProps, OpenClawChartProps, ProbeProps } from './props';
import { ALLOW_INSECURE_AUTH_RETIRED_IN, imageFeatures } from './versions';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const HOST_NAME = /^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const LABEL_NAME = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
/** Kubernetes' quantity grammar (as resource.ParseQuantity accepts). */
export const QUANTITY = /^[+-]?(\d+(\.\d*)?|\.\d+)(([KMGTPE]i)|[numkMGTPE]|[eE][+-]?\d+)?$/;
/** Names that look like credentials and so must not be plain env values. */
export const SECRET_LOOKING_NAME = /(^|_)(API_KEY|TOKEN|PASSWORD)$|SECRET/i;
const RBAC_VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection',
  'impersonate', 'bind', 'escalate', 'use', 'approve', 'sign', '*'];
const CHANNEL_SECRET_KEY = /token|secret|password|apikey|api_key/i;
/** Largest value of the int32 fields (replicas, probe timings, partition) the API server accepts. */
const INT32_MAX = 2 ** 31 - 1;
/** A named port (IANA service name): at most 15 lower case letters, digits and "-", with a letter. */
const PORT_NAME = /^(?=.*[a-z])(?!.*--)[a-z0-9]([-a-z0-9]{0,13}[a-z0-9])?$/;
export const isDnsSubdomain = (s: unknown) => typeof s === 'string' && s.length <= 253 && DNS_SUBDOMAIN.test(s);

export function checkProps(props: OpenClawChartProps, p: ProblemCollector): void {
  checkRenderableKeys(props, '', p);
  checkNames(props, p);
  checkImage(props, p);
  checkWorkload(props, p);
  checkEnv(props, p);
  checkProbes(props, p);
  checkNetwork(props, p);
  checkAccess(props, p);
}

/** cdk8s cannot render a map that has a key named "constructor" (it takes the map for a class instance and throws). */
function checkRenderableKeys(value: unknown, path: string, p: ProblemCollector): void {
  if (Array.isArray(value)) value.forEach((v, i) => checkRenderableKeys(v, `${path}[${i}]`, p));
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const at = path ? `${path}.${k}` : k;
      if (k === 'constructor') p.add(at, 'a key named "constructor" cannot be rendered by cdk8s: rename it', k);
      else checkRenderableKeys(v, at, p);
    }
  }
}

function checkNames(props: OpenClawChartProps, p: ProblemCollector): void {
  const release = props.releaseName;
  if (release !== undefined) {
    if (!DNS_LABEL.test(release)) p.add('releaseName', 'must be a DNS label: lower case letters, digits and "-", starting and ending with a letter or digit', release);
    else if (release.length > MAX_RELEASE_NAME_LENGTH) {
      p.add('releaseName', `must be at most ${MAX_RELEASE_NAME_LENGTH} characters (as Helm requires): longer names are truncated and two releases could collide on the same object names`, release);
    }
  }
  for (const key of ['nameOverride', 'fullnameOverride'] as const) {
    const v = props[key];
    if (v && !DNS_LABEL.test(v)) p.add(key, 'must be a DNS label: lower case letters, digits and "-", starting and ending with a letter or digit', v);
  }
  if (props.nameOverride && props.nameOverride.length > 63) p.add('nameOverride', 'must be at most 63 characters (it is the app.kubernetes.io/name label value)', props.nameOverride);
  if (props.namespace !== undefined && !(DNS_LABEL.test(props.namespace) && props.namespace.length <= 63)) {
    p.add('namespace', 'must be a DNS label of at most 63 characters', props.namespace);
  }
  const full = fullName(release ?? 'openclaw', props.nameOverride, props.fullnameOverride);
  if (full.length > MAX_STATEFULSET_NAME_LENGTH) {
    p.add(props.fullnameOverride ? 'fullnameOverride' : 'releaseName',
      `gives the StatefulSet name "${full}" (${full.length} characters); at most ${MAX_STATEFULSET_NAME_LENGTH} are allowed, because Kubernetes adds a revision hash to it in a 63-character pod label`);
  }
  if (/^[0-9]/.test(full)) {
    p.add(props.fullnameOverride ? 'fullnameOverride' : 'releaseName',
      `gives the Service name "${full}", which must start with a letter (Service names are DNS-1035 labels)`, props.fullnameOverride || release);
  }
}

function checkImage(props: OpenClawChartProps, p: ProblemCollector): void {
  const { repository, tag, pullPolicy } = props.image ?? {};
  if (repository !== undefined && !/^[a-z0-9]+([._-][a-z0-9]+)*(:\d+)?(\/[a-z0-9]+([._-]+[a-z0-9]+)*)*$/.test(repository)) {
    p.add('image.repository', 'must be an image repository such as ghcr.io/openclaw/openclaw (lower case, no tag)', repository);
  }
  if (tag !== undefined && !/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/.test(tag)) p.add('image.tag', 'must be an image tag (letters, digits, "_", "." and "-", at most 128)', tag);
  if (pullPolicy !== undefined && !['Always', 'IfNotPresent', 'Never'].includes(pullPolicy)) {
    p.add('image.pullPolicy', 'must be one of Always, IfNotPresent, Never', pullPolicy);
  }
  const initImage = props.gateway?.initImage;
  if (initImage !== undefined && !/^\S+$/.test(initImage)) p.add('gateway.initImage', 'must be an image reference without spaces', initImage);
  const features = imageFeatures(tag ?? DEFAULTS.image.tag);
  if (props.gateway?.controlUi?.allowInsecureAuth === true && !features.allowInsecureAuth) {
    p.add('gateway.controlUi.allowInsecureAuth',
      `was retired by OpenClaw in ${ALLOW_INSECURE_AUTH_RETIRED_IN}: image tag "${tag ?? DEFAULTS.image.tag}" rejects it in config validation and strips it at startup, so it would do nothing. Remove it, or pin image.tag to a release before ${ALLOW_INSECURE_AUTH_RETIRED_IN}`, true);
  }
}

function checkWorkload(props: OpenClawChartProps, p: ProblemCollector): void {
  const replicas = props.replicaCount ?? DEFAULTS.replicaCount;
  if (!Number.isInteger(replicas) || replicas < 1) p.add('replicaCount', 'must be an integer of at least 1', replicas);
  else if (replicas > INT32_MAX) p.add('replicaCount', `must be at most ${INT32_MAX}`, replicas);
  for (const [key, override] of Object.entries(props.replicaOverrides ?? {})) {
    const path = `replicaOverrides.${key}`;
    if (!/^(0|[1-9]\d*)$/.test(key)) p.add(path, 'the key must be a replica index: a non-negative integer such as "0"', key);
    else if (Number(key) >= replicas) p.add(path, `replica index ${key} does not exist: replicaCount is ${replicas} (indices 0 to ${replicas - 1})`, key);
    checkPlainEnv(`${path}.env`, override.env ?? {}, props, p);
  }
  const port = props.service?.port;
  if (port !== undefined && !(Number.isInteger(port) && port >= 1 && port <= 65535)) p.add('service.port', 'must be an integer from 1 to 65535', port);
  const argv: Array<[string, string]> = [
    ...(props.command ?? []).map((a, i): [string, string] => [`command[${i}]`, a]),
    ...(props.extraArgs ?? []).map((a, i): [string, string] => [`extraArgs[${i}]`, a])];
  argv.forEach(([, arg], i) => {
    const [path, given] = arg === '--port' ? argv[i + 1] ?? [argv[i][0], ''] : typeof arg === 'string' && arg.startsWith('--port=') ? [argv[i][0], arg.slice(7)] : [];
    if (path !== undefined && given !== String(port ?? DEFAULTS.service.port)) {
      p.add(path, `the gateway --port must be the gateway port ${port ?? DEFAULTS.service.port}: set service.port to change the port`, given);
    }
  });
  const target = props.service?.targetPort;
  if (target !== undefined && target !== (port ?? DEFAULTS.service.port)) {
    p.add('service.targetPort', `must equal service.port (${port ?? DEFAULTS.service.port}): the gateway listens on one port, which service.port sets`, target);
  }
  if (props.service?.type !== undefined && !['ClusterIP', 'NodePort', 'LoadBalancer'].includes(props.service.type)) {
    p.add('service.type', 'must be one of ClusterIP, NodePort, LoadBalancer', props.service.type);
  }
  const persistence = props.persistence ?? {};
  if (persistence.size !== undefined && !isQuantity(persistence.size)) p.add('persistence.size', 'must be a Kubernetes quantity such as 10Gi', persistence.size);
  if (persistence.storageClass && !isDnsSubdomain(persistence.storageClass)) p.add('persistence.storageClass', 'must be a DNS subdomain (lower case)', persistence.storageClass);
  if (persistence.accessMode !== undefined && !['ReadWriteOnce', 'ReadWriteMany', 'ReadOnlyMany', 'ReadWriteOncePod'].includes(persistence.accessMode)) {
    p.add('persistence.accessMode', 'must be one of ReadWriteOnce, ReadWriteMany, ReadOnlyMany, ReadWriteOncePod', persistence.accessMode);
  }
  for (const kind of ['limits', 'requests'] as const) {
    for (const [res, q] of Object.entries(props.resources?.[kind] ?? {})) {
      if (q !== undefined && !isQuantity(q)) p.add(`resources.${kind}.${res}`, 'must be a Kubernetes quantity such as 500m, 2, 1Gi', q);
    }
  }
  const update = props.updateStrategy;
  if (update?.type !== undefined && !['RollingUpdate', 'OnDelete'].includes(update.type)) p.add('updateStrategy.type', 'must be RollingUpdate or OnDelete', update.type);
  if (update?.type === 'OnDelete' && update.rollingUpdate) p.add('updateStrategy.rollingUpdate', 'is only allowed with type RollingUpdate (the API server rejects it with OnDelete)', update.rollingUpdate);
  const partition = update?.rollingUpdate?.partition;
  if (partition !== undefined && !(Number.isInteger(partition) && partition >= 0 && partition <= INT32_MAX)) p.add('updateStrategy.rollingUpdate.partition', `must be an integer from 0 to ${INT32_MAX}`, partition);
  if (props.podManagementPolicy !== undefined && !['OrderedReady', 'Parallel'].includes(props.podManagementPolicy)) {
    p.add('podManagementPolicy', 'must be OrderedReady or Parallel', props.podManagementPolicy);
  }
  const dataDir = props.env?.DATA_DIR;
  if (dataDir !== undefined && !/^\/[^\0]*[^/]$/.test(dataDir.replace(/\/+$/, '') || '/')) p.add('env.DATA_DIR', 'must be an absolute directory path other than /', dataDir);
  else if (dataDir !== undefined && dataDir.endsWith('/')) p.add('env.DATA_DIR', 'must not end with "/"', dataDir);
  else if (dataDir !== undefined && [...CHART_MOUNT_PATHS, PATHS.appDir].includes(dataDir)) {
    p.add('env.DATA_DIR', `is a path the chart already uses (${[...CHART_MOUNT_PATHS, PATHS.appDir].join(', ')})`, dataDir);
  }
  const reserved = Object.values(VOLUMES) as string[];
  // The chart volumes every pod has (gateway-config and replica-env are the chart's own, mounted by it).
  const volumeNames = new Set<string>([VOLUMES.data, VOLUMES.tmp, VOLUMES.cache, VOLUMES.local]);
  if (props.nodeModulesWritable ?? DEFAULTS.nodeModulesWritable) volumeNames.add(VOLUMES.nodeModules);
  if ((props.configMap?.enabled ?? DEFAULTS.configMap.enabled) && Object.keys(props.configMap?.data ?? {}).length) volumeNames.add(VOLUMES.configFiles);
  const extraNames = new Map<string, number>();
  (props.extraVolumes ?? []).forEach((v, i) => {
    if (!v.name || !DNS_LABEL.test(v.name) || v.name.length > 63) p.add(`extraVolumes[${i}].name`, 'must be a DNS label of at most 63 characters', v.name);
    else if (reserved.includes(v.name)) p.add(`extraVolumes[${i}].name`, `is already used by the chart (reserved: ${reserved.join(', ')})`, v.name);
    else if (extraNames.has(v.name)) p.add(`extraVolumes[${i}].name`, `duplicate volume name (already used by extraVolumes[${extraNames.get(v.name)}])`, v.name);
    else extraNames.set(v.name, i);
    volumeNames.add(v.name);
  });
  const mountPaths = new Map<string, string>([...CHART_MOUNT_PATHS, dataDir ?? DEFAULTS.env.DATA_DIR].map((m) => [m, 'the chart']));
  (props.extraVolumeMounts ?? []).forEach((m, i) => {
    if (!volumeNames.has(m.name)) p.add(`extraVolumeMounts[${i}].name`, `must name a volume of the pod (${[...volumeNames].join(', ')})`, m.name);
    if (!m.mountPath?.startsWith('/')) p.add(`extraVolumeMounts[${i}].mountPath`, 'must be an absolute path', m.mountPath);
    else if (mountPaths.has(m.mountPath)) p.add(`extraVolumeMounts[${i}].mountPath`, `is already a mount path (used by ${mountPaths.get(m.mountPath)}): Kubernetes requires unique mount paths`, m.mountPath);
    else mountPaths.set(m.mountPath, `extraVolumeMounts[${i}]`);
  });
  checkLabels('podLabels', props.podLabels, p);
  checkLabels('nodeSelector', props.nodeSelector, p);
  const annotated: Array<[string, Record<string, string> | undefined]> = [['podAnnotations', props.podAnnotations],
    ['service.annotations', props.service?.annotations], ['ingress.annotations', props.ingress?.annotations],
    ['httpRoute.annotations', props.httpRoute?.annotations], ['persistence.annotations', props.persistence?.annotations],
    ['serviceAccount.annotations', props.serviceAccount?.annotations]];
  for (const [path, annotations] of annotated) {
    for (const [k, v] of Object.entries(annotations ?? {})) {
      if (!LABEL_NAME.test(k)) p.add(`${path}.${k}`, 'the key must be a qualified name (optional DNS prefix, "/", then at most 63 letters, digits, "-", "_", ".")', k);
      if (typeof v !== 'string') p.add(`${path}.${k}`, 'must be a string (quote numbers and booleans)', v);
    }
  }
  const pdb = props.podDisruptionBudget;
  if (pdb?.minAvailable !== undefined && pdb.maxUnavailable !== undefined) p.add('podDisruptionBudget', 'set minAvailable or maxUnavailable, not both', pdb);
}

function checkLabels(path: string, labels: Record<string, string> | undefined, p: ProblemCollector): void {
  for (const [k, v] of Object.entries(labels ?? {})) {
    if (!LABEL_NAME.test(k)) p.add(`${path}.${k}`, 'the key must be a label name (optional DNS prefix, "/", then at most 63 letters, digits, "-", "_", ".")', k);
    if (typeof v !== 'string' || v.length > 63 || !LABEL_VALUE.test(v)) p.add(`${path}.${k}`, 'must be a label value: at most 63 letters, digits, "-", "_", "." starting and ending with a letter or digit', v);
  }
}

function checkEnv(props: OpenClawChartProps, p: ProblemCollector): void {
  const env = props.env ?? {};
  checkPlainEnv('env', env, props, p);
  const port = String(props.service?.port ?? DEFAULTS.service.port);
  if (env.PORT !== undefined && env.PORT !== port) {
    p.add('env.PORT', `must equal the gateway port ${port}: OpenClaw does not read PORT; set service.port to change the port`, env.PORT);
  }
  const seen = new Map<string, string>();
  const claim = (name: string, path: string) => {
    const first = seen.get(name);
    if (first) p.add(path, `duplicate env var name "${name}" (already set by ${first})`, name);
    else seen.set(name, path);
  };
  for (const name of CHART_ENV) seen.set(name, 'the chart');
  // Chart-owned names in env are already reported by checkPlainEnv.
  for (const name of Object.keys({ ...DEFAULTS.env, ...env })) if (!CHART_ENV.includes(name)) claim(name, `env.${name}`);
  const existing = props.existingSecret ?? {};
  const keys = existing.keys ?? {};
  if (Object.keys(keys).length && !existing.name) p.add('existingSecret.name', 'is required when existingSecret.keys is set');
  if (existing.name && !isDnsSubdomain(existing.name)) p.add('existingSecret.name', 'must be a Secret name (DNS subdomain)', existing.name);
  for (const [name, key] of Object.entries(keys)) {
    if (!ENV_NAME.test(name)) p.add(`existingSecret.keys.${name}`, 'the env var name must match [A-Za-z_][A-Za-z0-9_]*', name);
    if (typeof key !== 'string' || !/^[-._a-zA-Z0-9]+$/.test(key)) p.add(`existingSecret.keys.${name}`, 'must be a Secret key (letters, digits, "-", "_", ".")', key);
    claim(name, `existingSecret.keys.${name}`);
  }
  (props.extraEnv ?? []).forEach((e, i) => {
    const path = `extraEnv[${i}]`;
    if (!e.name || !ENV_NAME.test(e.name)) p.add(`${path}.name`, 'must be an env var name ([A-Za-z_][A-Za-z0-9_]*)', e.name);
    else claim(e.name, `${path}.name`);
    if ((e.value !== undefined) === (e.valueFrom !== undefined)) p.add(path, 'needs exactly one of value or valueFrom', e.value === undefined ? e : { ...e, value: '<redacted>' });
    if (e.value !== undefined && e.name && SECRET_LOOKING_NAME.test(e.name) && !props.allowPlainSecretEnv) {
      p.add(`${path}.value`, `"${e.name}" looks like a secret: use valueFrom.secretKeyRef or existingSecret (or set allowPlainSecretEnv: true)`, '<redacted>');
    }
  });
  for (const [name, value] of Object.entries(props.secret?.data ?? {})) {
    if (!ENV_NAME.test(name)) p.add(`secret.data.${name}`, 'the key becomes an env var name and must match [A-Za-z_][A-Za-z0-9_]*', name);
    if (typeof value !== 'string') p.add(`secret.data.${name}`, 'must be a plain string (it is base64-encoded once by the chart)', '<redacted>');
  }
  for (const key of Object.keys(props.configMap?.data ?? {})) {
    if (!/^[-._a-zA-Z0-9]+$/.test(key)) p.add(`configMap.data.${key}`, 'the key is a file name and must match [-._a-zA-Z0-9]+', key);
  }
  const token = props.gateway?.tokenSecret;
  if (token?.name !== undefined && !isDnsSubdomain(token.name)) p.add('gateway.tokenSecret.name', 'must be a Secret name (DNS subdomain)', token.name);
  if (token?.key !== undefined && !(typeof token.key === 'string' && /^[-._a-zA-Z0-9]+$/.test(token.key))) p.add('gateway.tokenSecret.key', 'must be a Secret key (letters, digits, "-", "_", ".")', token.key);
  const model = props.agentModel;
  if (model !== undefined && !/^[^/\s]+\/\S+$/.test(model)) p.add('agentModel', 'must be "provider/model", e.g. anthropic/claude-sonnet-4-6', model);
  for (const [name, channel] of Object.entries(props.gateway?.channels ?? {})) {
    for (const key of secretKeysIn(channel)) {
      p.add(`gateway.channels.${name}.${key}`, 'channel credentials must come from a Secret (e.g. TELEGRAM_BOT_TOKEN in existingSecret), never from the chart config', '<redacted>');
    }
  }
}

/** Plain env values: valid names, and nothing that looks like a credential unless allowed. */
function checkPlainEnv(path: string, env: Record<string, string | undefined>, props: OpenClawChartProps, p: ProblemCollector): void {
  for (const [name, value] of Object.entries(env)) {
    if (!ENV_NAME.test(name)) p.add(`${path}.${name}`, 'the env var name must match [A-Za-z_][A-Za-z0-9_]*', name);
    else if (CHART_ENV.includes(name)) p.add(`${path}.${name}`, 'is set by the chart and cannot be overridden (the gateway port comes from service.port)', name);
    if (value !== undefined && typeof value !== 'string') p.add(`${path}.${name}`, 'must be a string (quote numbers and booleans)', value);
    else if (typeof value === 'string' && value.includes('\0')) p.add(`${path}.${name}`, 'must not contain a NUL character');
    if (SECRET_LOOKING_NAME.test(name) && !props.allowPlainSecretEnv) {
      p.add(`${path}.${name}`, 'looks like a secret and would be visible in the StatefulSet: put it in existingSecret (or set allowPlainSecretEnv: true)', '<redacted>');
    }
  }
}

function secretKeysIn(value: unknown, prefix = ''): string[] {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => {
    const path = prefix ? `${prefix}.${k}` : k;
    return typeof v === 'string' && CHANNEL_SECRET_KEY.test(k) ? [path] : secretKeysIn(v, path);
  });
}

function checkProbes(props: OpenClawChartProps, p: ProblemCollector): void {
  const port = props.service?.port ?? DEFAULTS.service.port;
  const probes: Array<[string, ProbeProps | undefined]> = [
    ['livenessProbe', props.livenessProbe], ['readinessProbe', props.readinessProbe], ['startupProbe', props.startupProbe]];
  for (const [name, probe] of probes) {
    if (!probe) continue;
    for (const key of ['initialDelaySeconds', 'periodSeconds', 'timeoutSeconds', 'failureThreshold', 'successThreshold'] as const) {
      const v = probe[key];
      const min = key === 'initialDelaySeconds' ? 0 : 1;
      if (v !== undefined && !(Number.isInteger(v) && v >= min)) p.add(`${name}.${key}`, `must be an integer of at least ${min}`, v);
      else if (v !== undefined && v > INT32_MAX) p.add(`${name}.${key}`, `must be at most ${INT32_MAX}`, v);
    }
    if (probe.successThreshold !== undefined && probe.successThreshold !== 1 && name !== 'readinessProbe') {
      p.add(`${name}.successThreshold`, 'must be 1 for liveness and startup probes (the API server rejects other values)', probe.successThreshold);
    }
    if (probe.tcpSocket && probe.httpGet) p.add(name, 'set tcpSocket or httpGet, not both', probe);
    for (const check of ['tcpSocket', 'httpGet'] as const) {
      const probePort = probe[check]?.port;
      if (probePort !== undefined && probePort !== port && probePort !== 'http') {
        p.add(`${name}.${check}.port`, `must be the gateway port ${port} (or "http"): the probe checks the gateway`, probePort);
      }
    }
    const path = probe.httpGet?.path;
    if (path !== undefined && !path.startsWith('/')) p.add(`${name}.httpGet.path`, 'must start with "/"', path);
  }
}

function checkNetwork(props: OpenClawChartProps, p: ProblemCollector): void {
  const ingress = props.ingress;
  if (ingress?.enabled) {
    const hosts = new Set<string>();
    (ingress.hosts ?? DEFAULTS.ingress.hosts).forEach((h, i) => {
      if (!h.host || !HOST_NAME.test(h.host) || h.host.length > 253) {
        p.add(`ingress.hosts[${i}].host`, 'must be a lower case DNS name without scheme, port or path (e.g. openclaw.example.com)', h.host);
      } else if (/^[0-9.]+$/.test(h.host)) p.add(`ingress.hosts[${i}].host`, 'must be a DNS name, not an IP address (the API server rejects IP hosts)', h.host);
      hosts.add(h.host);
      (h.paths ?? []).forEach((path, j) => {
        if (path.path !== undefined && !path.path.startsWith('/')) p.add(`ingress.hosts[${i}].paths[${j}].path`, 'must start with "/"', path.path);
        else if (path.path !== undefined && path.pathType !== 'ImplementationSpecific' && /\/\/|\/\.\.?(\/|$)|%2f/i.test(path.path)) {
          p.add(`ingress.hosts[${i}].paths[${j}].path`, 'must not contain "//", "/./", "/../" or "%2f", nor end with "/." or "/.." (the API server rejects them)', path.path);
        }
        if (path.pathType !== undefined && !['Prefix', 'Exact', 'ImplementationSpecific'].includes(path.pathType)) {
          p.add(`ingress.hosts[${i}].paths[${j}].pathType`, 'must be Prefix, Exact or ImplementationSpecific', path.pathType);
        }
      });
    });
    (ingress.tls ?? []).forEach((t, i) => (t.hosts ?? []).forEach((h, j) => {
      if (!hosts.has(h)) p.add(`ingress.tls[${i}].hosts[${j}]`, `must be one of the ingress hosts (${[...hosts].join(', ')})`, h);
    }));
    if (ingress.className && !isDnsSubdomain(ingress.className)) p.add('ingress.className', 'must be an IngressClass name (DNS subdomain)', ingress.className);
  }
  const route = props.httpRoute;
  if (route?.enabled) {
    if (!route.parentRefs?.length) p.add('httpRoute.parentRefs', 'needs at least one Gateway when httpRoute is enabled');
    (route.hostnames ?? []).forEach((h, i) => {
      if (!HOST_NAME.test(h)) p.add(`httpRoute.hostnames[${i}]`, 'must be a lower case DNS name without scheme', h);
    });
    if (route.path !== undefined && !route.path.startsWith('/')) p.add('httpRoute.path', 'must start with "/"', route.path);
  }
  (props.gateway?.trustedProxies ?? []).forEach((cidr, i) => {
    if (!isCidrOrIp(cidr)) p.add(`gateway.trustedProxies[${i}]`, 'must be an IP address or CIDR such as 10.0.0.0/8', cidr);
  });
  (props.gateway?.controlUi?.allowedOrigins ?? []).forEach((o, i) => {
    if (!/^https?:\/\/[^/\s]+$/.test(o)) p.add(`gateway.controlUi.allowedOrigins[${i}]`, 'must be an origin: http(s)://host[:port], no path', o);
  });
  const np = props.networkPolicy;
  const checkPorts = (path: string, ports: NetworkPolicyPortProps[] | undefined) => (ports ?? []).forEach((port, i) => {
    if (port.protocol !== undefined && !['TCP', 'UDP', 'SCTP'].includes(port.protocol)) p.add(`${path}[${i}].protocol`, 'must be TCP, UDP or SCTP', port.protocol);
    if (typeof port.port === 'number' && !(Number.isInteger(port.port) && port.port >= 1 && port.port <= 65535)) {
      p.add(`${path}[${i}].port`, 'must be an integer from 1 to 65535 or a port name', port.port);
    } else if (typeof port.port === 'string' && !PORT_NAME.test(port.port)) {
      p.add(`${path}[${i}].port`, 'must be a port number or a port name (at most 15 lower case letters, digits and "-", with a letter)', port.port);
    }
    if (port.endPort !== undefined && !(typeof port.port === 'number' && Number.isInteger(port.endPort) && port.endPort >= port.port && port.endPort <= 65535)) {
      p.add(`${path}[${i}].endPort`, 'needs a numeric port and must be from that port to 65535', port.endPort);
    }
  });
  checkPorts('networkPolicy.customEgressPorts', np?.customEgressPorts);
  (np?.ingress ?? []).forEach((r, i) => checkPorts(`networkPolicy.ingress[${i}].ports`, r.ports));
  (np?.egress ?? []).forEach((r, i) => checkPorts(`networkPolicy.egress[${i}].ports`, r.ports));
  (np?.policyTypes ?? []).forEach((t, i) => {
    if (!['Ingress', 'Egress'].includes(t)) p.add(`networkPolicy.policyTypes[${i}]`, 'must be Ingress or Egress', t);
  });
}

function checkAccess(props: OpenClawChartProps, p: ProblemCollector): void {
  (props.rbac?.rules ?? []).forEach((rule, i) => {
    (rule.verbs ?? []).forEach((verb, j) => {
      if (!RBAC_VERBS.includes(verb)) p.add(`rbac.rules[${i}].verbs[${j}]`, `must be one of ${RBAC_VERBS.join(', ')}`, verb);
    });
    if (!rule.verbs?.length) p.add(`rbac.rules[${i}].verbs`, 'needs at least one verb');
    const wildcards = (['apiGroups', 'resources', 'verbs'] as const).filter((field) => (rule[field] ?? []).includes('*'));
    if (wildcards.length) {
      p.warn(`rbac.rules[${i}]`, `grants "*" in ${wildcards.join(', ')}: the agent runs shell commands on a model's instructions; list the groups, resources and verbs it needs`);
    }
  });
  const sa = props.serviceAccount?.name;
  if (sa && !isDnsSubdomain(sa)) p.add('serviceAccount.name', 'must be a DNS subdomain (lower case)', sa);
  (props.imagePullSecrets ?? []).forEach((s, i) => {
    if (!s.name || !isDnsSubdomain(s.name)) p.add(`imagePullSecrets[${i}].name`, 'must be a Secret name (DNS subdomain)', s.name);
  });
}

export function isQuantity(q: unknown): boolean {
  return (typeof q === 'number' && Number.isFinite(q) && q >= 0) || (typeof q === 'string' && QUANTITY.test(q));
}

function isCidrOrIp(text: string): boolean {
  const [ip, bits, ...rest] = text.split('/');
  if (rest.length) return false;
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
  if (v4) return v4.slice(1).every((o) => Number(o) <= 255) && (bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= 32));
  return /^[0-9a-fA-F:]+$/.test(ip) && ip.includes(':') && (bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= 128));
}
