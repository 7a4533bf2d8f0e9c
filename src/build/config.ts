/**
 * The ConfigMaps and the dev-only Secret, and the checksum that rolls the pods when a ConfigMap
 * changes. The checksum is on the pod template, which more people may read than Secrets: it is
 * a function of the ConfigMaps and of the Secret's key names only, never of a Secret value (an
 * unsalted hash of a short token is brute-forced in a second). A changed Secret value rolls
 * nothing: `kubectl rollout restart statefulset/<name>`, or a reloader (see the README).
 */
import { sha256Hex } from '../core/digest';
import { MANAGED_CONFIG_KEY } from '../core/pod-layout';
import { ManifestSink } from '../output/manifest-sink';
import { Model } from '../model/model';
import { replicaEnvFile, replicaEnvFileName } from './shell/replica-env';

/** Adds the objects and returns the pod template annotations (user's plus the checksum). */
export function addConfig(sink: ManifestSink, model: Model): Record<string, string> {
  const meta = (name: string) => ({ name, labels: model.labels.common });
  const rendered: unknown[] = [];
  const configMap = (id: string, name: string, data: Record<string, string>) => {
    rendered.push(data);
    sink.add(id, { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta(name), data });
  };

  if (model.managedConfig) {
    configMap('gateway-config', model.names.managedConfigMap, { [MANAGED_CONFIG_KEY]: `${JSON.stringify(model.managedConfig, null, 2)}\n` });
  }
  if (Object.keys(model.configFiles).length) configMap('config', model.names.configFilesConfigMap, model.configFiles);
  if (model.replicaEnv.size) {
    const data: Record<string, string> = {};
    for (const [index, env] of [...model.replicaEnv].sort(([a], [b]) => a - b)) data[replicaEnvFileName(index)] = replicaEnvFile(env);
    configMap('replica-env', model.names.replicaEnvConfigMap, data);
  }
  if (Object.keys(model.secretData).length) {
    const data: Record<string, string> = {};
    // Plain strings in, base64 exactly once (the Helm chart's docs asked for base64 and encoded it again).
    for (const [k, v] of Object.entries(model.secretData)) data[k] = Buffer.from(v, 'utf8').toString('base64');
    // Adding or removing a key rolls the pods (the env they load changes); a new value does not.
    rendered.push({ secretKeys: Object.keys(data).sort() });
    sink.add('secret', { apiVersion: 'v1', kind: 'Secret', metadata: meta(model.names.secret), type: 'Opaque', data });
  }

  const annotations = { ...model.workload.podAnnotations };
  if (rendered.length) {
    annotations['checksum/config'] = sha256Hex(JSON.stringify(rendered));
  }
  return annotations;
}
