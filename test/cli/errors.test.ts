/**
 * Every kind of bad input: the CLI lists each problem with its values path, the bad value and
 * what is allowed (the format of src/core/errors.ts), all at once, exits 1 and prints no stack trace.
 */
import { cli, STACK_TRACE, tempDir, withoutSource, writeFile } from './run-cli';

const dir = tempDir();
let n = 0;

/** `synth -f <a file with yaml>` plus extra args. */
async function synthValues(yaml: string, ...args: string[]) {
  return cli('synth', '-f', writeFile(dir, `values-${n++}.yaml`, yaml), ...args);
}

/** The problem lines of stderr (`  - path: message (got value)`), without the `  - `. */
function problems(stderr: string): string[] {
  return stderr.split('\n').filter((l) => l.startsWith('  - ')).map((l) => withoutSource(l.slice(4)));
}

function expectFailure(r: { code: number; stdout: string; stderr: string }, expected: string[]): void {
  expect(r.code).toBe(1);
  expect(r.stdout).toBe('');
  expect(r.stderr).not.toMatch(STACK_TRACE);
  expect(r.stderr.split('\n')[0]).toBe(`Invalid OpenClaw configuration (${expected.length} problem${expected.length === 1 ? '' : 's'}):`);
  expect(problems(r.stderr)).toEqual(expected);
}

describe('unknown keys, with "did you mean"', () => {
  test('a misspelled top-level key', async () => {
    expectFailure(await synthValues('replicaCont: 2\n'), ['replicaCont: is not a known key; did you mean replicaCount? (got <number>)']);
  });

  test('a misspelled nested key, and one in a list item', async () => {
    expectFailure(await synthValues('service:\n  prot: 8080\ningress:\n  hosts:\n    - hots: a.example.com\n'), [
      'service.prot: is not a known key; did you mean service.port? (got <number>)',
      'ingress.hosts[0].host: is required',
      'ingress.hosts[0].hots: is not a known key; did you mean ingress.hosts[0].host? (got <string, 13 characters>)',
    ]);
  });

  test('a right key in the wrong place', async () => {
    expectFailure(await synthValues('storageClass: fast-ssd\n'), [
      'storageClass: is not a known key here; did you mean persistence.storageClass or backup.storageClass? (got <string, 8 characters>)',
    ]);
  });

  test('a key with no near match lists the keys allowed there', async () => {
    expectFailure(await synthValues('image:\n  digest: sha256:abc\n'), [
      'image.digest: is not a known key (known keys here: repository, tag, pullPolicy) (got <string, 10 characters>)',
    ]);
  });

  test('namespace in a values file points to --namespace', async () => {
    expectFailure(await synthValues('namespace: prod\n'), [
      'namespace: is not a values key: the namespace is given with --namespace (valuesToProps: opts.namespace) (got "prod")',
    ]);
  });
});

test('wrong types', async () => {
  expectFailure(await synthValues('replicaCount: three\ningress:\n  enabled: "maybe"\npersistence: [a]\ncommand: node\n'), [
    'replicaCount: must be an integer (got "three")',
    'ingress.enabled: must be true or false (got "maybe")',
    'persistence: must be a map (key: value) (got ["a"])',
    'command: must be a list (got "node")',
  ]);
});

test('bad enum values, with "did you mean" for a near miss', async () => {
  expectFailure(await synthValues('service:\n  type: Ingress\nimage:\n  pullPolicy: always\n'), [
    'image.pullPolicy: must be one of Always, IfNotPresent, Never; did you mean Always? (got "always")',
    'service.type: must be one of ClusterIP, NodePort, LoadBalancer (got "Ingress")',
  ]);
});

test('bad quantities', async () => {
  const quantity = 'must be a Kubernetes quantity such as 500m, 2, 1Gi or 10Gi (a number, then optionally one of m, k, M, G, T, P, E, Ki, Mi, Gi, Ti, Pi, Ei)';
  expectFailure(await synthValues('persistence:\n  size: 10GB\nresources:\n  requests:\n    cpu: 500 m\n    memory: -1\n'), [
    `persistence.size: ${quantity} (got "10GB")`,
    `resources.requests.cpu: ${quantity} (got "500 m")`,
    `resources.requests.memory: ${quantity} (got -1)`,
  ]);
});

test('bad DNS names', async () => {
  expectFailure(await synthValues([
    'ingress:',
    '  enabled: true',
    '  hosts:',
    '    - host: https://openclaw.example.com',
    'persistence:',
    '  storageClass: Fast_SSD',
    'existingSecret:',
    '  name: My Secret',
  ].join('\n')), [
    'ingress.hosts[0].host: must be a lower case DNS name without scheme, port or path (e.g. openclaw.example.com; "*." allowed in front) (got "https://openclaw.example.com")',
    'persistence.storageClass: must be empty or a DNS subdomain: lower case letters, digits, "-" and ".", starting and ending with a letter or digit, at most 253 characters (got "Fast_SSD")',
    'existingSecret.name: must be empty or a DNS subdomain: lower case letters, digits, "-" and ".", starting and ending with a letter or digit, at most 253 characters (got "My Secret")',
  ]);
});

test('bad label values and label keys', async () => {
  expectFailure(await synthValues('podLabels:\n  team: "platform team"\nnodeSelector:\n  "bad key!": "x"\n'), [
    'podLabels.team: must be a label value: at most 63 letters, digits, "-", "_" and ".", starting and ending with a letter or digit (or empty) (got "platform team")',
    'nodeSelector.bad key!: the key must be a label/annotation key: an optional DNS prefix and "/", then at most 63 letters, digits, "-", "_" and ".", starting and ending with a letter or digit (got "bad key!")',
  ]);
});

test('bad ports', async () => {
  expectFailure(await synthValues([
    'service:',
    '  port: 70000',
    'livenessProbe:',
    '  tcpSocket:',
    '    port: "HTTP!"',
    'networkPolicy:',
    '  customEgressPorts:',
    '    - port: 0',
  ].join('\n')), [
    'service.port: must be a port number: an integer from 1 to 65535 (got 70000)',
    'livenessProbe.tcpSocket.port: must be a port: an integer from 1 to 65535, or a port name (at most 15 lower case letters, digits and "-") (got "HTTP!")',
    'networkPolicy.customEgressPorts[0].port: must be a port: an integer from 1 to 65535, or a port name (at most 15 lower case letters, digits and "-") (got 0)',
  ]);
});

test('a file that is not YAML', async () => {
  const file = writeFile(dir, 'broken.yaml', 'service:\n  port: [8080\n');
  const r = await cli('synth', '-f', file);
  expect(r.code).toBe(1);
  expect(r.stderr).not.toMatch(STACK_TRACE);
  const lines = problems(r.stderr);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: is not valid YAML: .+ at line \\d+, column \\d+$`));
});

test('a file that is not a map, and one that is not there', async () => {
  const list = writeFile(dir, 'list.yaml', '- replicaCount: 2\n');
  const scalar = writeFile(dir, 'scalar.yaml', 'just some text\n');
  const missing = `${dir}/missing.yaml`;
  expectFailure(await cli('synth', '-f', list, '-f', scalar, '-f', missing), [
    `${list}: must hold a map of values (key: value) at the top, like the chart's values.yaml, not a list (got [{"replicaCount":2}])`,
    `${scalar}: must hold a map of values (key: value) at the top, like the chart's values.yaml, not a string (got "just some text")`,
    `${missing}: cannot be read (no such file)`,
  ]);
});

test('bad --set syntax names the argument', async () => {
  expectFailure(await cli('synth', '--set', 'replicaCount', '--set', 'ingress.hosts[one].host=x', '--set-string', 'a={x,y'), [
    '--set: key "replicaCount" has no value; expected path=value, e.g. service.port=8080 or ingress.hosts[0].host=openclaw.example.com (got "replicaCount")',
    '--set: list index "[one]" is not an integer; expected path=value, e.g. service.port=8080 or ingress.hosts[0].host=openclaw.example.com (got "ingress.hosts[one].host=x")',
    '--set-string: a list must end with "}"; expected path=value, e.g. service.port=8080 or ingress.hosts[0].host=openclaw.example.com (got "a={x,y")',
  ]);
});

test('several errors at once: schema problems, the chart\'s own checks and the options together', async () => {
  const r = await synthValues([
    'replicaCont: 2',
    'service:',
    '  port: 8080',
    '  type: clusterip',
    'env:',
    '  PORT: "18789"',
    '  ANTHROPIC_API_KEY: sk-live-123',
    'gateway:',
    '  controlUi:',
    '    allowInsecureAuth: true',
    'persistence:',
    '  size: lots',
    'replicaOverrides:',
    '  "3":',
    '    env:',
    '      ROLE: spare',
  ].join('\n'), '--release', 'My_Release');
  expectFailure(r, [
    // the values schema
    'replicaCont: is not a known key; did you mean replicaCount? (got <number>)',
    'service.type: must be one of ClusterIP, NodePort, LoadBalancer; did you mean ClusterIP? (got "clusterip")',
    'persistence.size: must be a Kubernetes quantity such as 500m, 2, 1Gi or 10Gi (a number, then optionally one of m, k, M, G, T, P, E, Ki, Mi, Gi, Ti, Pi, Ei) (got "lots")',
    // the chart's checks (src/check.ts)
    '--release: must be a DNS label: lower case letters, digits and "-", starting and ending with a letter or digit (got "My_Release")',
    'replicaOverrides.3: replica index 3 does not exist: replicaCount is 1 (indices 0 to 0) (got "3")',
    'env.ANTHROPIC_API_KEY: looks like a secret and would be visible in the StatefulSet: put it in existingSecret (or set allowPlainSecretEnv: true) (got "<redacted>")',
    'env.PORT: must equal the gateway port 8080: OpenClaw does not read PORT; set service.port to change the port (got "18789")',
  ]);
});

test('a value given with --set is checked like one from a file', async () => {
  expectFailure(await cli('synth', '--set', 'replicaCount=-1,service.port=99999'), [
    'replicaCount: must be an integer of at least 0 (got -1)',
    'service.port: must be a port number: an integer from 1 to 65535 (got 99999)',
  ]);
});

test('secret.data values are never printed', async () => {
  const r = await synthValues('secret:\n  enabled: true\n  data:\n    ANTHROPIC_API_KEY: 123456\n    OPENCLAW_GATEWAY_TOKEN: [a]\n');
  expect(r.stderr).not.toContain('123456');
  expect(problems(r.stderr)).toEqual(['secret.data.OPENCLAW_GATEWAY_TOKEN: must be a string (got <list, 1 item>)']);
});
