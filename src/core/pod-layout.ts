/** Where things live in the pod: paths, volume names, the port name, the env vars the chart owns. */

/** Where things live in the containers. */
export const PATHS = {
  home: '/home/node',
  stateDir: '/home/node/.openclaw',
  /** Persisted whole: the auth-profile key (`openclaw/`) and other runtimes' config (codex, acpx). */
  config: '/home/node/.config',
  managedConfigDir: '/etc/openclaw/managed',
  configFilesDir: '/etc/openclaw/config',
  replicaEnvDir: '/etc/openclaw/replica-env',
  nodeModules: '/usr/local/lib/node_modules',
  /** Where prepare-state sees the writable node_modules emptyDir while seeding it. */
  nodeModulesSeed: '/seed/node_modules',
  // Writable emptyDirs under the read-only root filesystem.
  tmp: '/tmp',
  cache: '/home/node/.cache',
  local: '/home/node/.local',
  npm: '/home/node/.npm',
  /** The backup container's archives (the `backups` claim). */
  backupsDir: '/backups',
  /** The image's WORKDIR, where `dist/index.js` is. */
  appDir: '/app',
} as const;

/** Every path the chart mounts a volume at, in any of its containers (besides DATA_DIR). */
export const CHART_MOUNT_PATHS: readonly string[] = [
  PATHS.stateDir, PATHS.config, PATHS.tmp, PATHS.cache, PATHS.local, PATHS.npm, PATHS.nodeModules,
  PATHS.managedConfigDir, PATHS.configFilesDir, PATHS.replicaEnvDir, PATHS.nodeModulesSeed, PATHS.backupsDir,
];

/** Names of the pod's volumes. */
export const VOLUMES = {
  data: 'data',
  tmp: 'tmp',
  cache: 'cache',
  local: 'local',
  npm: 'npm',
  nodeModules: 'node-modules',
  managedConfig: 'gateway-config',
  configFiles: 'config-files',
  replicaEnv: 'replica-env',
  /** The backup container's claim and its own /tmp. */
  backups: 'backups',
  backupTmp: 'backup-tmp',
  /** The browser sidecar's /tmp (Chromium's profile) and its memory-backed /dev/shm. */
  browserTmp: 'browser-tmp',
  browserShm: 'browser-shm',
} as const;

/** The container port's name; probes and Services refer to it, never to a number. */
export const PORT_NAME = 'http';

/** Env vars the chart sets itself; user env may not override them. */
export const CHART_ENV = ['STATEFULSET_REPLICA_INDEX', 'POD_NAME', 'OPENCLAW_GATEWAY_PORT', 'OPENCLAW_STATE_DIR'];


/** The key (and file name) of openclaw.json in the managed-config ConfigMap. */
export const MANAGED_CONFIG_KEY = 'openclaw.json';
