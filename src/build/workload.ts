/**
 * The StatefulSet (containers, probes, env, volumes, claims) and its PodDisruptionBudget.
 */
import { ManifestSink } from '../output/manifest-sink';
import { MANAGED_CONFIG_KEY, PATHS, PORT_NAME, VOLUMES } from '../core/pod-layout';
import { DEFAULTS, KubernetesJson } from '../props';
import { Model, ResolvedProbe } from '../model/model';
import { configMergeCommand } from './shell/config-merge';
import { replicaWrapperCommand } from './shell/replica-env';
import { prepareStateCommand } from './shell/prepare-state';
import { configMigrationCommand, MIGRATE_CONFIG_CONTAINER } from './shell/config-migration';
import { gatewayTokenCommand } from './shell/gateway-token';
import { backupClaimTemplate, backupContainer } from './backup';
import { restoreContainer, s3Env } from './backup-s3';
import { BACKUPS_SUBPATH } from '../model/backup';
import { browserContainer, browserVolumes } from './browser';

export function addWorkload(sink: ManifestSink, model: Model, podAnnotations: Record<string, string>): void {
  const workload = model.workload;
  const meta = (name: string) => ({ name, labels: model.labels.common });

  sink.add('statefulset', {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: meta(model.names.statefulSet),
    spec: {
      serviceName: model.names.headlessService,
      replicas: model.replicas,
      podManagementPolicy: workload.podManagementPolicy,
      updateStrategy: workload.updateStrategy,
      selector: { matchLabels: model.labels.selector },
      ...(model.persistence.enabled || model.backup?.claim === 'own' ? {
        persistentVolumeClaimRetentionPolicy: model.persistence.retentionPolicy,
        volumeClaimTemplates: [
          ...(model.persistence.enabled ? [claimTemplate(model)] : []),
          ...(model.backup?.claim === 'own' ? [backupClaimTemplate(model.backup, model.labels.selector)] : []),
        ],
      } : {}),
      template: {
        metadata: {
          labels: { ...workload.podLabels, ...model.labels.selector },
          ...(Object.keys(podAnnotations).length ? { annotations: podAnnotations } : {}),
        },
        spec: podSpec(model),
      },
    },
  });

  if (workload.disruptionBudget) {
    sink.add('pdb', {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: meta(model.fullName),
      spec: {
        selector: { matchLabels: model.labels.selector },
        ...workload.disruptionBudget,
      },
    });
  }
}

function claimTemplate(model: Model): KubernetesJson {
  const p = model.persistence;
  return {
    metadata: {
      name: VOLUMES.data,
      labels: model.labels.selector,
      ...(Object.keys(p.annotations ?? {}).length ? { annotations: p.annotations } : {}),
    },
    spec: {
      accessModes: [p.accessMode],
      ...(p.storageClass ? { storageClassName: p.storageClass } : {}),
      resources: { requests: { storage: p.size } },
    },
  };
}

function podSpec(model: Model): KubernetesJson {
  const workload = model.workload;
  const volumes: KubernetesJson[] = [
    ...(model.persistence.enabled ? [] : [{ name: VOLUMES.data, emptyDir: {} }]),
    // Read-only root filesystem: OpenClaw writes logs to /tmp and runtime tools use ~/.cache and ~/.local.
    { name: VOLUMES.tmp, emptyDir: {} },
    { name: VOLUMES.cache, emptyDir: {} },
    { name: VOLUMES.local, emptyDir: {} },
    // OpenClaw runs `npm root --global` at startup, which writes ~/.npm/_logs.
    { name: VOLUMES.npm, emptyDir: {} },
    ...(workload.nodeModulesWritable ? [{ name: VOLUMES.nodeModules, emptyDir: {} }] : []),
    ...(model.managedConfig ? [{ name: VOLUMES.managedConfig, configMap: { name: model.names.managedConfigMap } }] : []),
    ...(Object.keys(model.configFiles).length ? [{ name: VOLUMES.configFiles, configMap: { name: model.names.configFilesConfigMap } }] : []),
    ...(model.replicaEnv.size ? [{ name: VOLUMES.replicaEnv, configMap: { name: model.names.replicaEnvConfigMap } }] : []),
    ...(model.backup ? [{ name: VOLUMES.backupTmp, emptyDir: {} }] : []),
    ...(model.browser ? browserVolumes(model.browser) : []),
    ...model.extraVolumes,
  ];
  const dataMount = { name: VOLUMES.data, mountPath: model.dataDir };
  const gatewayMounts = [
    dataMount,
    // State and ~/.config (with the auth-profile key in ~/.config/openclaw) live on the data volume (the Helm chart lost the key at restart).
    { name: VOLUMES.data, mountPath: PATHS.stateDir, subPath: '.openclaw' },
    // All of ~/.config, where other runtimes OpenClaw starts (codex, acpx) write too.
    { name: VOLUMES.data, mountPath: PATHS.config, subPath: '.config' },
    { name: VOLUMES.tmp, mountPath: PATHS.tmp },
    { name: VOLUMES.cache, mountPath: PATHS.cache },
    { name: VOLUMES.local, mountPath: PATHS.local },
    { name: VOLUMES.npm, mountPath: PATHS.npm },
    ...(workload.nodeModulesWritable ? [{ name: VOLUMES.nodeModules, mountPath: PATHS.nodeModules }] : []),
    ...(Object.keys(model.configFiles).length ? [{ name: VOLUMES.configFiles, mountPath: PATHS.configFilesDir, readOnly: true }] : []),
    ...(model.replicaEnv.size ? [{ name: VOLUMES.replicaEnv, mountPath: PATHS.replicaEnvDir, readOnly: true }] : []),
    ...workload.extraVolumeMounts,
  ] as KubernetesJson[];
  return {
    serviceAccountName: model.names.serviceAccount,
    automountServiceAccountToken: model.automountToken,
    securityContext: model.podSecurityContext,
    ...(workload.imagePullSecrets.length ? { imagePullSecrets: workload.imagePullSecrets } : {}),
    ...(Object.keys(workload.nodeSelector).length ? { nodeSelector: workload.nodeSelector } : {}),
    ...(workload.tolerations.length ? { tolerations: workload.tolerations } : {}),
    ...(Object.keys(workload.affinity).length ? { affinity: workload.affinity } : {}),
    ...(workload.runtimeClassName ? { runtimeClassName: workload.runtimeClassName } : {}),
    initContainers: initContainers(model, dataMount, gatewayMounts),
    containers: [{
      name: 'openclaw',
      image: model.image.ref,
      imagePullPolicy: model.image.pullPolicy,
      securityContext: model.securityContext,
      command: model.replicaEnv.size ? replicaWrapperCommand(PATHS.replicaEnvDir, [...model.command]) : model.command,
      ...(model.args.length ? { args: model.args } : {}),
      ports: [{ name: PORT_NAME, containerPort: model.port, protocol: 'TCP' }],
      env: model.env,
      ...(model.envFrom.length ? { envFrom: model.envFrom } : {}),
      volumeMounts: gatewayMounts,
      ...probes(model),
      resources: model.resources,
    },
    ...(model.backup ? [backupContainer({ backup: model.backup, image: model.image, securityContext: model.securityContext, dataDir: model.dataDir, s3: model.backupS3 })] : []),
    ...(model.browser ? [browserContainer(model.browser, model.securityContext)] : []),
    ],
    volumes,
  };
}

/**
 * 1. prepare-state (the OpenClaw image): creates the state directories as the pod's user, because
 *    the kubelet creates missing subPath directories root-owned and unwritable; seeds the writable
 *    node_modules emptyDir from the image so global packages (npm) keep working.
 * 2. gateway-config (jq image), only when there are settings to manage: merges them into openclaw.json.
 * 3. gateway-token (jq image), only when nothing provides gateway auth: the pod's own token.
 * 4. migrate-config (the OpenClaw image, with the gateway's env, mounts and resources: doctor
 *    needs the memory, and an init container's resources do not add to the pod's), unless
 *    `upgrade.migrateConfig` is off: validates, and if needed migrates, the final config.
 */
function initContainers(model: Model, dataMount: KubernetesJson, gatewayMounts: KubernetesJson[]): KubernetesJson[] {
  const seed = model.workload.nodeModulesWritable;
  const common = { securityContext: model.securityContext, resources: model.workload.initContainerResources };
  const containers: KubernetesJson[] = [{
    name: 'prepare-state',
    image: model.image.ref,
    imagePullPolicy: model.image.pullPolicy,
    command: prepareStateCommand(model.dataDir, seed ? { from: PATHS.nodeModules, to: PATHS.nodeModulesSeed } : undefined),
    volumeMounts: [dataMount, ...(seed ? [{ name: VOLUMES.nodeModules, mountPath: PATHS.nodeModulesSeed }] : [])],
    ...common,
  }];
  if (model.restore && model.backupS3) {
    // Before anything reads or writes openclaw.json: a restored config is then merged and checked like any other.
    containers.push(restoreContainer({
      restore: model.restore, s3: model.backupS3, image: model.image, securityContext: model.securityContext,
      resources: model.backup?.resources ?? { limits: DEFAULTS.backup.resources.limits, requests: DEFAULTS.backup.resources.requests }, dataDir: model.dataDir,
    }));
  }
  if (model.managedConfig) {
    containers.push({
      name: 'gateway-config',
      image: model.initImage,
      imagePullPolicy: 'IfNotPresent',
      command: configMergeCommand(`${PATHS.managedConfigDir}/${MANAGED_CONFIG_KEY}`, model.configFile),
      volumeMounts: [dataMount, { name: VOLUMES.managedConfig, mountPath: PATHS.managedConfigDir, readOnly: true }],
      ...common,
    });
  }
  if (model.generateToken) {
    containers.push({
      name: 'gateway-token',
      image: model.initImage,
      imagePullPolicy: 'IfNotPresent',
      command: gatewayTokenCommand(model.configFile),
      volumeMounts: [dataMount],
      ...common,
    });
  }
  if (model.migrateConfig) {
    const preUpgrade = preUpgradeDir(model);
    const ownBackups = preUpgrade.startsWith(`${PATHS.backupsDir}/`);
    containers.push({
      name: MIGRATE_CONFIG_CONTAINER,
      image: model.image.ref,
      imagePullPolicy: model.image.pullPolicy,
      command: configMigrationCommand(model.configFile, { preUpgradeDir: preUpgrade, allowDowngrade: model.upgrade.allowDowngrade }),
      env: preUpgrade && model.backupS3 ? [...model.env, ...s3Env(model.backupS3).filter((e) => e.name !== 'POD_NAME')] : model.env,
      ...(model.envFrom.length ? { envFrom: model.envFrom } : {}),
      volumeMounts: ownBackups ? [...gatewayMounts, { name: VOLUMES.backups, mountPath: PATHS.backupsDir }] : gatewayMounts,
      securityContext: model.securityContext,
      resources: model.resources,
    });
  }
  return containers;
}

/**
 * Where migrate-config puts the pre-upgrade archive: `pre-upgrade/` beside the scheduled archives
 * (the backups claim with `backup.claim: own`, else the state claim's backups directory); '' when
 * `upgrade.backupFirst` is off or nothing persists.
 */
function preUpgradeDir(model: Model): string {
  if (!model.upgrade.backupFirst) return '';
  if (model.backup?.claim === 'own') return `${PATHS.backupsDir}/pre-upgrade`;
  return model.persistence.enabled ? `${model.dataDir}/${BACKUPS_SUBPATH}/pre-upgrade` : '';
}

function probes(model: Model): KubernetesJson {
  const render = (p: ResolvedProbe | undefined) => p && {
    ...(p.kind === 'http' ? { httpGet: { path: p.path, port: PORT_NAME } } : { tcpSocket: { port: PORT_NAME } }),
    // 0 is Kubernetes' default, which the API server stores as absent: written, it would never read back.
    ...(p.initialDelaySeconds ? { initialDelaySeconds: p.initialDelaySeconds } : {}),
    periodSeconds: p.periodSeconds,
    timeoutSeconds: p.timeoutSeconds,
    failureThreshold: p.failureThreshold,
    successThreshold: p.successThreshold,
  };
  const { liveness, readiness, startup } = model.probes;
  return {
    ...(startup ? { startupProbe: render(startup) } : {}),
    ...(liveness ? { livenessProbe: render(liveness) } : {}),
    ...(readiness ? { readinessProbe: render(readiness) } : {}),
  };
}
