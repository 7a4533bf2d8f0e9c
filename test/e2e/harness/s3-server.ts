/**
 * MinIO (cluster/s3.js builds it from its Go module) as the e2e's S3-compatible server: in a network
 * namespace of the test's pod network, so the pods reach it at `http://<address>:9000` and nothing
 * outside the test does. `client()` runs the chart's own S3 client (src/scripts/s3-client.ts) there.
 */
import { ChildProcess, spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { s3ClientSource } from '../../../src/build/shell/s3-client';
import { PodNetwork } from './pod-network';
import { killNow, sleep, track } from './pod-process';

// eslint-disable-next-line @typescript-eslint/no-var-requires
const { build } = require('../../../cluster/s3.js') as { build: (log?: (l: string) => void) => string };

export interface S3Server {
  readonly endpoint: string;
  readonly bucket: string;
  readonly accessKey: string;
  readonly secretKey: string;
  readonly dataDir: string;
  /** `node -e CLIENT op args...` in the server's namespace, with the bucket and credentials. */
  client(args: string[]): { code: number | null; out: string };
  stop(): void;
}

export async function startS3(net: PodNetwork, bucket: string): Promise<S3Server> {
  const binary = build();
  const ns = net.addNamespace('s3');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'openclaw-e2e-s3-'));
  // Test credentials, made per run; they exist only in this process and the pod's Secret values.
  const accessKey = `e2e${process.pid}`;
  const secretKey = `e2e-secret-${Date.now()}-${process.pid}`;
  const endpoint = `http://${ns.address}:9000`;
  const log = path.join(dataDir, '..', `${path.basename(dataDir)}.log`);
  const p: ChildProcess = track(spawn('nsenter', [`--net=${ns.netns}`, '--', binary, 'server', path.join(dataDir, 'export'),
    '--address', `${ns.address}:9000`, '--console-address', '127.0.0.1:9001', '--quiet'], {
    env: { PATH: process.env.PATH, HOME: dataDir, MINIO_ROOT_USER: accessKey, MINIO_ROOT_PASSWORD: secretKey, MINIO_BROWSER: 'off', MINIO_UPDATE: 'off' },
    stdio: ['ignore', fs.openSync(log, 'w'), fs.openSync(log, 'a')],
  }));
  const client = (args: string[]) => {
    const r = spawnSync('nsenter', [`--net=${ns.netns}`, '--', process.execPath, '-e', s3ClientSource(), ...args], {
      encoding: 'utf8', timeout: 120000,
      env: { PATH: process.env.PATH, OPENCLAW_S3_ENDPOINT: endpoint, OPENCLAW_S3_BUCKET: bucket, AWS_ACCESS_KEY_ID: accessKey, AWS_SECRET_ACCESS_KEY: secretKey },
    });
    return { code: r.status, out: `${r.stdout}${r.stderr}` };
  };
  const stop = () => {
    killNow(p);
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(log, { force: true });
  };
  const until = Date.now() + 60000;
  for (;;) {
    const made = client(['make-bucket']);
    if (made.code === 0) break;
    if (p.exitCode !== null || Date.now() > until) {
      const why = `${made.out}\n${fs.readFileSync(log, 'utf8').slice(-2000)}`;
      stop();
      throw new Error(`MinIO did not start: ${why}`);
    }
    await sleep(500);
  }
  return { endpoint, bucket, accessKey, secretKey, dataDir, client, stop };
}
