/**
 * The StatefulSet, its pods and their PodDisruptionBudget: checks on the props.
 */
import { ACCESS_MODES, POD_MANAGEMENT_POLICIES, SERVICE_TYPES, UPDATE_STRATEGY_TYPES, isOneOf, orList } from '../props/enumerations';
import { ProblemCollector } from '../core/errors';
import { INT32_MAX, REPLICA_INDEX, isDnsSubdomain, isQuantity } from '../core/patterns';
import { OpenClawChartProps } from '../props';
import { BasicSettings } from '../props/settings';
import { checkPlainEnv } from './env';
import { checkMetadata } from './metadata';
import { checkVolumes } from './volumes';

/** The StatefulSet and its pods, concern by concern (in this order, as the problems are reported). */
export function checkWorkload(props: OpenClawChartProps, s: BasicSettings, p: ProblemCollector): void {
  checkReplicas(props, s, p);
  checkPorts(props, s, p);
  checkStorage(props, p);
  checkStrategy(props, p);
  checkVolumes(props, s, p);
  checkMetadata(props, p);
  checkDisruptionBudget(props, p);
}

/** replicaCount and the per-replica overrides. */
function checkReplicas(props: OpenClawChartProps, s: BasicSettings, p: ProblemCollector): void {
  const replicas = s.replicas;
  if (!Number.isInteger(replicas) || replicas < 0) p.add('replicaCount', 'must be an integer of at least 0 (0 pauses the release and keeps its claims)', replicas);
  else if (replicas > INT32_MAX) p.add('replicaCount', `must be at most ${INT32_MAX}`, replicas);
  for (const [key, override] of Object.entries(props.replicaOverrides ?? {})) {
    const path = `replicaOverrides.${key}`;
    if (!REPLICA_INDEX.test(key)) p.add(path, 'the key must be a replica index: a non-negative integer such as "0"', key);
    else if (Number(key) >= replicas) p.add(path, `replica index ${key} does not exist: replicaCount is ${replicas} (${replicas ? `indices 0 to ${replicas - 1}` : 'paused: no replicas'})`, key);
    checkPlainEnv(`${path}.env`, override.env ?? {}, props, p);
  }
  const heap = props.maxOldSpaceSizeMiB;
  if (heap !== undefined && !(Number.isInteger(heap) && heap >= 0 && heap <= INT32_MAX)) p.add('maxOldSpaceSizeMiB', 'must be a whole number of MiB, at least 0 (0: no heap cap)', heap);
  if (props.podDisruptionBudget?.enabled === true && replicas === 0) {
    p.warn('podDisruptionBudget.enabled', 'is ignored while replicaCount is 0 (paused): there is no pod to protect, so no PodDisruptionBudget is rendered');
  }
}

/** The one gateway port: service.port, a --port in the argv, targetPort; the Service type. */
function checkPorts(props: OpenClawChartProps, s: BasicSettings, p: ProblemCollector): void {
  const port = props.service?.port;
  if (port !== undefined && !(Number.isInteger(port) && port >= 1 && port <= 65535)) p.add('service.port', 'must be an integer from 1 to 65535', port);
  const argv: Array<[string, string]> = [
    ...(props.command ?? []).map((a, i): [string, string] => [`command[${i}]`, a]),
    ...(props.extraArgs ?? []).map((a, i): [string, string] => [`extraArgs[${i}]`, a])];
  argv.forEach(([, arg], i) => {
    const [path, given] = arg === '--port' ? argv[i + 1] ?? [argv[i][0], ''] : typeof arg === 'string' && arg.startsWith('--port=') ? [argv[i][0], arg.slice(7)] : [];
    if (path !== undefined && given !== String(s.port)) {
      p.add(path, `the gateway --port must be the gateway port ${s.port}: set service.port to change the port`, given);
    }
  });
  const target = props.service?.targetPort;
  if (target !== undefined && target !== s.port) {
    p.add('service.targetPort', `must equal service.port (${s.port}): the gateway listens on one port, which service.port sets`, target);
  }
  if (props.service?.type !== undefined && !isOneOf(SERVICE_TYPES, props.service.type)) {
    p.add('service.type', `must be one of ${SERVICE_TYPES.join(', ')}`, props.service.type);
  }
}

/** The claims and the container resources: quantities, storage class, access mode. */
function checkStorage(props: OpenClawChartProps, p: ProblemCollector): void {
  const persistence = props.persistence ?? {};
  if (persistence.size !== undefined && !isQuantity(persistence.size)) p.add('persistence.size', 'must be a Kubernetes quantity such as 10Gi', persistence.size);
  if (props.runtimeClassName && !isDnsSubdomain(props.runtimeClassName)) p.add('runtimeClassName', 'must be a DNS subdomain (lower case), the name of a RuntimeClass', props.runtimeClassName);
  if (persistence.storageClass && !isDnsSubdomain(persistence.storageClass)) p.add('persistence.storageClass', 'must be a DNS subdomain (lower case)', persistence.storageClass);
  if (persistence.accessMode !== undefined && !isOneOf(ACCESS_MODES, persistence.accessMode)) {
    p.add('persistence.accessMode', `must be one of ${ACCESS_MODES.join(', ')}`, persistence.accessMode);
  }
  for (const kind of ['limits', 'requests'] as const) {
    for (const [res, q] of Object.entries(props.resources?.[kind] ?? {})) {
      if (q !== undefined && !isQuantity(q)) p.add(`resources.${kind}.${res}`, 'must be a Kubernetes quantity such as 500m, 2, 1Gi', q);
    }
  }
}

/** updateStrategy and podManagementPolicy. */
function checkStrategy(props: OpenClawChartProps, p: ProblemCollector): void {
  const update = props.updateStrategy;
  if (update?.type !== undefined && !isOneOf(UPDATE_STRATEGY_TYPES, update.type)) p.add('updateStrategy.type', `must be ${orList(UPDATE_STRATEGY_TYPES)}`, update.type);
  if (update?.type === 'OnDelete' && update.rollingUpdate) p.add('updateStrategy.rollingUpdate', 'is only allowed with type RollingUpdate (the API server rejects it with OnDelete)', update.rollingUpdate);
  const partition = update?.rollingUpdate?.partition;
  if (partition !== undefined && !(Number.isInteger(partition) && partition >= 0 && partition <= INT32_MAX)) p.add('updateStrategy.rollingUpdate.partition', `must be an integer from 0 to ${INT32_MAX}`, partition);
  if (props.podManagementPolicy !== undefined && !isOneOf(POD_MANAGEMENT_POLICIES, props.podManagementPolicy)) {
    p.add('podManagementPolicy', `must be ${orList(POD_MANAGEMENT_POLICIES)}`, props.podManagementPolicy);
  }
}

function checkDisruptionBudget(props: OpenClawChartProps, p: ProblemCollector): void {
  const pdb = props.podDisruptionBudget;
  if (pdb?.minAvailable !== undefined && pdb.maxUnavailable !== undefined) p.add('podDisruptionBudget', 'set minAvailable or maxUnavailable, not both', pdb);
}
