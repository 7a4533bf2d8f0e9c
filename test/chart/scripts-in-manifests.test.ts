/**
 * The shell the manifests carry, taken from the synthesized objects and run with real sh and jq
 * on temporary directories that stand in for the pod's volumes.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { OpenClawChartProps } from '../../src';
import { findObject, mainContainer, podSpecOf, synthObjects } from '../helpers/synth';

interface Pod {
  readonly objects: any[];
  /** mountPath in the container -> directory on this machine. */
  readonly mounts: Map<string, string>;
}

/** Lays out the pod's volumes as directories: ConfigMaps written from the rendered objects, the rest empty. */
function layOut(objects: any[], root: string, dataDir?: string): Pod {
  const spec = podSpecOf(objects);
  const volumeDirs = new Map<string, string>();
  const volumeDir = (name: string) => {
    if (!volumeDirs.has(name)) {
      const dir = path.join(root, 'volumes', name);
      fs.mkdirSync(dir, { recursive: true });
      const volume = (spec.volumes ?? []).find((v: any) => v.name === name);
      if (volume?.configMap) {
        const cm = findObject(objects, 'ConfigMap', volume.configMap.name);
        for (const [k, v] of Object.entries<string>(cm.data)) fs.writeFileSync(path.join(dir, k), v);
      }
      volumeDirs.set(name, dir);
    }
    return volumeDirs.get(name)!;
  };
  if (dataDir) volumeDirs.set('data', dataDir);
  const mounts = new Map<string, string>();
  for (const c of [...spec.initContainers, ...spec.containers]) {
    for (const m of c.volumeMounts) {
      const dir = m.subPath ? path.join(volumeDir(m.name), m.subPath) : volumeDir(m.name);
      mounts.set(m.mountPath, dir);
    }
  }
  return { objects, mounts };
}

/** Rewrites container paths in the arguments to the directories standing in for the mounts. */
function hostPath(pod: Pod, arg: string): string {
  const hit = [...pod.mounts.keys()].filter((m) => arg === m || arg.startsWith(`${m}/`)).sort((a, b) => b.length - a.length)[0];
  return hit ? pod.mounts.get(hit)! + arg.slice(hit.length) : arg;
}

/** Runs a container's command verbatim, its path arguments pointed at the stand-in directories. */
function runContainer(pod: Pod, name: string, edit: (command: string[]) => string[] = (c) => c) {
  const spec = podSpecOf(pod.objects);
  const c = [...spec.initContainers, ...spec.containers].find((x: any) => x.name === name);
  const [cmd, ...args] = edit(c.command.map((a: string, i: number) => (i > 2 ? hostPath(pod, a) : a)));
  return spawnSync(cmd, args, { encoding: 'utf8', env: { PATH: process.env.PATH! } });
}

let root: string;
beforeEach(() => { root = fs.mkdtempSync(path.join(os.tmpdir(), 'openclaw-manifest-')); });
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

/**
 * Runs the init steps that merge the managed settings, as the kubelet would, on the given data
 * directory: prepare-state alone (node, the default), or prepare-state then gateway-config (sh and
 * jq, with `gateway.initImage` set). `merge` is the run that merged.
 */
function initPodWith(props: OpenClawChartProps, dataDir = path.join(root, 'data'), jq = false) {
  fs.mkdirSync(dataDir, { recursive: true });
  // The token from a Secret, so that only the merge writes (the token step: init-state.test.ts).
  const gateway = { tokenSecret: {}, ...props.gateway, ...(jq ? { initImage: 'imega/jq:1.6' } : {}) };
  const pod = layOut(synthObjects({ nodeModulesWritable: false, ...props, gateway }), root, dataDir);
  const prepare = runContainer(pod, 'prepare-state');
  expect(prepare.status).toBe(0);
  const merge = jq ? runContainer(pod, 'gateway-config') : prepare;
  return { pod, merge, configFile: path.join(dataDir, '.openclaw', 'openclaw.json') };
}

const oldImage = { image: { tag: '2026.2.1' } };
const readJson = (f: string) => JSON.parse(fs.readFileSync(f, 'utf8'));

describe.each([
  ['prepare-state (node in the OpenClaw image)', false],
  ['gateway-config (jq, with gateway.initImage set)', true],
])('the managed settings merge, from the manifest: %s', (_path, jq) => {
  const initPod = (props: OpenClawChartProps, dataDir?: string) => initPodWith(props, dataDir, jq);
  test('creates openclaw.json (and its directory) when missing', () => {
    const { merge, configFile } = initPod({ ...oldImage, gateway: { controlUi: { allowInsecureAuth: true } } });
    expect(merge.status).toBe(0);
    expect(readJson(configFile)).toEqual({ gateway: { controlUi: { allowInsecureAuth: true } } });
  });

  test('keeps every key the user or OpenClaw wrote; the chart keys win', () => {
    const dataDir = path.join(root, 'data');
    fs.mkdirSync(path.join(dataDir, '.openclaw'), { recursive: true });
    const existing = { meta: { lastTouchedVersion: '2026.9.6' }, gateway: { auth: { mode: 'token' }, trustedProxies: ['1.2.3.4'] }, agents: { entries: { main: {} } } };
    fs.writeFileSync(path.join(dataDir, '.openclaw', 'openclaw.json'), JSON.stringify(existing));
    const { merge, configFile } = initPod({ ingress: { enabled: true, hosts: [{ host: 'claw.example.com' }], tls: [{ hosts: ['claw.example.com'] }] } }, dataDir);
    expect(merge.status).toBe(0);
    expect(readJson(configFile)).toEqual({
      meta: { lastTouchedVersion: '2026.9.6' },
      agents: { entries: { main: {} } },
      gateway: {
        auth: { mode: 'token' },
        // Behind an ingress the chart owns the key: nothing trusted unless given (trusted-proxies.ts).
        trustedProxies: [],
        controlUi: { allowedOrigins: ['https://claw.example.com'] },
      },
    });
  });

  test('allowInsecureAuth on, then off, then on again (defect 8)', () => {
    const dataDir = path.join(root, 'data');
    const states = [true, false, true].map((flag) => {
      const { merge, configFile } = initPod({ ...oldImage, gateway: { controlUi: { allowInsecureAuth: flag } } }, dataDir);
      expect(merge.status).toBe(0);
      return readJson(configFile).gateway.controlUi.allowInsecureAuth;
    });
    expect(states).toEqual([true, false, true]);
  });

  test('a JSON5 file with comments is left byte-for-byte untouched, with one log line, and the pod still starts (defect 10)', () => {
    const dataDir = path.join(root, 'data');
    fs.mkdirSync(path.join(dataDir, '.openclaw'), { recursive: true });
    const json5 = '// my config\n{\n  gateway: { port: 18789, }, // trailing comma\n}\n';
    const file = path.join(dataDir, '.openclaw', 'openclaw.json');
    fs.writeFileSync(file, json5);
    const { merge } = initPod({ ...oldImage }, dataDir);
    expect(merge.status).toBe(0);
    expect(fs.readFileSync(file, 'utf8')).toBe(json5);
    // One line from the merge (the token step, when it runs, says the same of its own).
    expect(merge.stderr.trim().split('\n').filter((l) => l.startsWith('openclaw-config-merge:'))).toHaveLength(1);
    expect(merge.stderr.trim().split('\n').every((l) => /left untouched/.test(l))).toBe(true);
  });

  test('follows a custom DATA_DIR: the file lands on the volume, where OpenClaw reads it (defect 9)', () => {
    const objs = synthObjects({ ...oldImage, env: { DATA_DIR: '/var/lib/open claw' }, ...(jq ? { gateway: { initImage: 'imega/jq:1.6' } } : {}) });
    const c = podSpecOf(objs).initContainers.find((x: any) => x.name === (jq ? 'gateway-config' : 'prepare-state'));
    expect(jq ? c.command.slice(-1) : c.command.slice(c.command.indexOf('--config'), c.command.indexOf('--config') + 2))
      .toEqual([...(jq ? [] : ['--config']), '/var/lib/open claw/.openclaw/openclaw.json']);
    expect(c.volumeMounts).toContainEqual({ name: 'data', mountPath: '/var/lib/open claw' });
    expect(mainContainer(objs).volumeMounts).toContainEqual({ name: 'data', mountPath: '/home/node/.openclaw', subPath: '.openclaw' });
    const { merge, configFile } = initPod({ ...oldImage, env: { DATA_DIR: '/var/lib/open claw' } }, path.join(root, 'custom dir'));
    expect(merge.status).toBe(0);
    expect(readJson(configFile).gateway.controlUi.allowInsecureAuth).toBe(false);
  });

  test('channels, the model and trusted proxies are merged under their OpenClaw keys', () => {
    const { merge, configFile } = initPod({
      agentModel: 'anthropic/claude-sonnet-4-6',
      gateway: {
        trustedProxies: ['10.42.0.0/16'],
        channels: { telegram: { enabled: true, allowFrom: ['123456789'], groups: { '*': { requireMention: true } } } },
      },
    });
    expect(merge.status).toBe(0);
    expect(readJson(configFile)).toEqual({
      gateway: { trustedProxies: ['10.42.0.0/16'] },
      channels: { telegram: { enabled: true, allowFrom: ['123456789'], groups: { '*': { requireMention: true } } } },
      agents: { defaults: { model: { primary: 'anthropic/claude-sonnet-4-6' } } },
    });
  });
});

describe('prepare-state init container, from the manifest', () => {
  test('creates the state and auth-profile directories, the key directory private', () => {
    const dataDir = path.join(root, 'data');
    fs.mkdirSync(dataDir);
    const pod = layOut(synthObjects({ nodeModulesWritable: false }), root, dataDir);
    const run = runContainer(pod, 'prepare-state');
    expect(run.status).toBe(0);
    expect(fs.statSync(path.join(dataDir, '.openclaw')).isDirectory()).toBe(true);
    expect(fs.statSync(path.join(dataDir, '.config/openclaw')).mode & 0o777).toBe(0o700);
  });

  test('seeds the writable node_modules emptyDir with a copy of the image directory', () => {
    const objs = synthObjects();
    const image = path.join(root, 'image-node-modules');
    fs.mkdirSync(path.join(image, 'npm', 'bin'), { recursive: true });
    fs.writeFileSync(path.join(image, 'npm', 'bin', 'npm-cli.js'), 'cli');
    const pod = layOut(objs, root, path.join(root, 'data'));
    fs.mkdirSync(path.join(root, 'data'), { recursive: true });
    // The image's /usr/local/lib/node_modules is stood in for by `image`.
    const run = runContainer(pod, 'prepare-state', (c) => c.map((a, i) => (c[i - 1] === '--seed' ? image : a)));
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(fs.readFileSync(path.join(pod.mounts.get('/usr/local/lib/node_modules')!, 'npm/bin/npm-cli.js'), 'utf8')).toBe('cli');
  });
});

describe('per-replica settings, from the manifest (README example)', () => {
  const props: OpenClawChartProps = {
    replicaCount: 3,
    replicaOverrides: {
      0: { env: { REPLICA_ROLE: 'primary', REPLICA_PRIORITY: 'high' } },
      1: { env: { REPLICA_ROLE: 'secondary', CUSTOM_VAR: 'replica-1-value' } },
      2: { env: { REPLICA_ROLE: 'secondary', CUSTOM_VAR: "it's $HOME `x` \\ a=b\nline2" } },
    },
  };

  /** Runs the main container's wrapper with `env -0` in place of OpenClaw, as replica `index`. */
  function replicaEnv(index: number): Record<string, string> {
    const objs = synthObjects(props);
    const pod = layOut(objs, root, path.join(root, 'data'));
    const command: string[] = mainContainer(objs).command;
    const wrapper = command.slice(0, command.indexOf('openclaw-replica-env') + 1);
    const script = wrapper[2].split('/etc/openclaw/replica-env').join(pod.mounts.get('/etc/openclaw/replica-env')!);
    const run = spawnSync('sh', ['-c', script, 'openclaw-replica-env', 'env', '-0'], {
      encoding: 'utf8', env: { PATH: process.env.PATH!, STATEFULSET_REPLICA_INDEX: String(index) },
    });
    expect(run.status).toBe(0);
    return Object.fromEntries(run.stdout.split('\0').filter(Boolean).map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
  }

  test.each([
    [0, { REPLICA_ROLE: 'primary', REPLICA_PRIORITY: 'high' }, ['CUSTOM_VAR']],
    [1, { REPLICA_ROLE: 'secondary', CUSTOM_VAR: 'replica-1-value' }, ['REPLICA_PRIORITY']],
    [2, { REPLICA_ROLE: 'secondary', CUSTOM_VAR: "it's $HOME `x` \\ a=b\nline2" }, ['REPLICA_PRIORITY']],
  ])('replica %i sees exactly its own values', (index, own, absent) => {
    const env = replicaEnv(index as number);
    expect(env).toMatchObject(own as Record<string, string>);
    for (const name of absent as string[]) expect(env[name]).toBeUndefined();
  });

  test('STATEFULSET_REPLICA_INDEX is the ordinal from the pod-index label; POD_NAME stays the pod name', () => {
    const env = mainContainer(synthObjects(props)).env;
    expect(env.find((e: any) => e.name === 'STATEFULSET_REPLICA_INDEX').valueFrom.fieldRef.fieldPath).toBe("metadata.labels['apps.kubernetes.io/pod-index']");
    expect(env.find((e: any) => e.name === 'POD_NAME').valueFrom.fieldRef.fieldPath).toBe('metadata.name');
  });
});
