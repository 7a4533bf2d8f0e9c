/** Values problems name the file and line they come from, or the --set argument (its key only: values may be secrets). */
import { cli, tempDir, writeFile } from './run-cli';

const dir = tempDir();
const a = writeFile(dir, 'a.yaml', 'replicaCount: 1\npersistence:\n  size: 5Gi\n');
const b = writeFile(dir, 'b.yaml', 'image:\n  tag: "2026.9.6"\npersistance:\n  enabled: true\ningress:\n  enabled: true\n  hosts:\n    - host: Bad_Host\n');

test('-f a.yaml -f b.yaml: each problem names the file and the line of its key', async () => {
  const r = await cli('synth', '-q', '-f', a, '-f', b);
  expect(r.code).toBe(1);
  expect(r.stdout).toBe('');
  expect(r.stderr).toBe(`Invalid OpenClaw configuration (2 problems):
  - ${b}:3: persistance: is not a known key; did you mean persistence? (got <map, 1 key>)
  - ${b}:8: ingress.hosts[0].host: must be a lower case DNS name without scheme, port or path (e.g. openclaw.example.com; "*." allowed in front) (got "Bad_Host")
`);
});

test('a key in both files is named where it was last set (later files win)', async () => {
  const first = writeFile(dir, 'first.yaml', 'service:\n  port: 70000\n');
  const second = writeFile(dir, 'second.yaml', '# override\n\nservice:\n  type: ClusterIP\n  port: 80000\n');
  const r = await cli('synth', '-q', '-f', first, '-f', second);
  expect(r.stderr).toBe(`Invalid OpenClaw configuration (1 problem):
  - ${second}:5: service.port: must be a port number: an integer from 1 to 65535 (got 80000)
`);
});

test('--set and --set-string problems name the argument (its key: a value may be a secret), later arguments first', async () => {
  const r = await cli('synth', '-q', '-f', a, '--set', 'persistance.enabled=true,service.port=99999', '--set-string', 'secrets.token=hunter2-not-shown');
  expect(r.code).toBe(1);
  expect(r.stderr).toBe(`Invalid OpenClaw configuration (3 problems):
  - --set persistance.enabled: persistance: is not a known key; did you mean persistence? (got <map, 1 key>)
  - --set-string secrets.token: secrets: is not a known key; did you mean secret? (got <map, 1 key>)
  - --set service.port: must be a port number: an integer from 1 to 65535 (got 99999)
`);
  expect(r.stderr).not.toContain('hunter2');
});

test('a --set overrides the file: the problem is the argument\'s, not the file\'s line', async () => {
  const r = await cli('synth', '-q', '-f', b, '--set', 'ingress.hosts[0].host=Also_Bad', '--set', 'persistance=null');
  expect(r.stderr).toBe(`Invalid OpenClaw configuration (1 problem):
  - --set ingress.hosts[0].host: must be a lower case DNS name without scheme, port or path (e.g. openclaw.example.com; "*." allowed in front) (got "Also_Bad")
`);
});
