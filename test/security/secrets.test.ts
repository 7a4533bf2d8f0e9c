/**
 * No secret value leaves a Secret: not in errors (misspelled keys around secrets show the value by
 * shape only), not in warnings or notes, not as a function of it on the pod template (the
 * checksum), and secret-looking values are refused in plain env and ConfigMaps whatever the name.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import { renderObjects } from '../../src/build/render-objects';
import { renderNotes } from '../../src/notes/summary';
import { synthChart } from '../helpers/synth';
import { describeValue, formatProblem, shapeOf } from '../../src/core/errors';
import { cli, tempDir, withoutSource, writeFile } from '../cli/run-cli';

const SECRET = 'sk-ant-api03-DO-NOT-PRINT-5f3c';
const dir = tempDir();
let n = 0;
const ADVICE = 'put it in a Secret (existingSecret, or valueFrom.secretKeyRef) (or set allowPlainSecretEnv: true)';

async function refused(yaml: string): Promise<string[]> {
  const r = await cli('synth', '--quiet', '-f', writeFile(dir, `s${n++}.yaml`, yaml));
  expect(r.code).toBe(1);
  expect(r.stdout).toBe('');
  expect(r.stderr).not.toContain('DO-NOT-PRINT');
  return r.stderr.split('\n').filter((l) => l.startsWith('  - ')).map((l) => withoutSource(l.slice(4)));
}

describe('misspelled keys around secrets print the value by shape only', () => {
  test.each([
    ['secrets: (a misspelled secret)', `secrets:\n  data:\n    TOKEN: ${SECRET}\n`, ['secrets: is not a known key; did you mean secret? (got <map, 1 key>)']],
    ['secret.dta', `secret:\n  enabled: true\n  dta:\n    TOKEN: ${SECRET}\n`, ['secret.dta: is not a known key; did you mean secret.data? (got <map, 1 key>)']],
    ['extraEnv[].vaule', `extraEnv:\n  - name: API\n    vaule: ${SECRET}\n`, [
      'extraEnv[0].vaule: is not a known key; did you mean extraEnv[0].value? (got <string, 30 characters>)',
      'extraEnv[0]: needs exactly one of value or valueFrom (got {"name":"API"})',
    ]],
    ['secret.data written as a list', `secret:\n  enabled: true\n  data:\n    - ${SECRET}\n`, ['secret.data: must be a map (key: value) (got <list, 1 item>)']],
    ['an unknown top-level key holding a token', `anthropicKey: ${SECRET}\n`, ['anthropicKey: is not a known key (see `openclaw-cdk8s schema` for every key) (got <string, 30 characters>)']],
  ])('%s', async (_name, yaml, expected) => {
    expect(await refused(yaml)).toEqual(expected);
  });

  test('shapes: type and size, never content', () => {
    expect([SECRET, 'é☕', [1, 2], { a: 1 }, 42, true, null].map((v) => describeValue(shapeOf(v)))).toEqual([
      '<string, 30 characters>', '<string, 2 characters>', '<list, 2 items>', '<map, 1 key>', '<number>', '<boolean>', '<null>',
    ]);
  });

  test('any problem under a secret-bearing path, or holding a secret-looking value, is shown by shape', () => {
    expect(formatProblem({ path: 'secret.data.X', message: 'm', value: 'hunter2' })).toBe('secret.data.X: m (got <string, 7 characters>)');
    expect(formatProblem({ path: 'gateway.channels.a.b[0]', message: 'm', value: 'x' })).toBe('gateway.channels.a.b[0]: m (got <string, 1 character>)');
    expect(formatProblem({ path: 'env.DB_PASSWORD', message: 'm', value: 5 })).toBe('env.DB_PASSWORD: m (got <number>)');
    expect(formatProblem({ path: 'podLabels.x', message: 'm', value: { deep: [SECRET] } })).toBe('podLabels.x: m (got <map, 1 key>)');
    expect(formatProblem({ path: 'env.DATA_DIR', message: 'm', value: 'data' })).toBe('env.DATA_DIR: m (got "data")');
  });
});

describe('secret-looking values are refused whatever the name, unless allowPlainSecretEnv', () => {
  const values = [
    'env:', `  ANTHROPIC_KEY: ${SECRET}`, '  OPENAI_APIKEY: sk-proj-abcdefghijklmnop1234', '  GITHUB_PAT: ghp_abcdefghijklmnopqrstuvwxyz0123456789',
    `  DB_PASS: ${SECRET}`, '  SLACK: xoxb-1234567890-abcdefghij',
    '  JWT: eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
    '  AWS: AKIAIOSFODNN7EXAMPLE', '  HEX: 0123456789abcdef0123456789abcdef', '  GREETING: hello',
    'extraEnv:', '  - name: X', `    value: ${SECRET}`,
    'replicaCount: 2', 'replicaOverrides:', '  "1":', '    env:', `      ROLE_KEY: ${SECRET}`,
    'configMap:', '  data:', `    app.json: '{"key": "${SECRET}"}'`,
    'gateway:', '  channels:', '    slack:', '      accounts:', '        - name: main', `          botToken: ${SECRET}`,
    '        - name: other', '          creds: [xoxb-1234567890-abcdefghij]', '',
  ].join('\n');

  test('env, extraEnv, replicaOverrides, configMap.data and the channels (lists too): the path and the pattern, not the value', async () => {
    const where = (what: string, at: string) => `looks like ${what} and would be visible in ${at}: ${ADVICE}`;
    expect(await refused(values)).toEqual([
      'gateway.channels.slack.accounts[0].botToken: channel credentials must come from a Secret (e.g. TELEGRAM_BOT_TOKEN in existingSecret), never from the chart config (got "<redacted>")',
      `env.ANTHROPIC_KEY: ${where('an Anthropic API key (sk-ant-...)', 'the StatefulSet')}`,
      `env.OPENAI_APIKEY: ${where('an OpenAI-style API key (sk-...)', 'the StatefulSet')}`,
      `env.GITHUB_PAT: ${where('a GitHub token (ghp_, gho_, ghu_, ghs_, ghr_, github_pat_)', 'the StatefulSet')}`,
      `env.DB_PASS: ${where('an Anthropic API key (sk-ant-...)', 'the StatefulSet')}`,
      `env.SLACK: ${where('a Slack token (xoxb-, xoxp-, xoxa-, xoxe-, xapp-)', 'the StatefulSet')}`,
      `env.JWT: ${where('a JSON Web Token (eyJ...)', 'the StatefulSet')}`,
      `env.AWS: ${where('an AWS access key id (AKIA...)', 'the StatefulSet')}`,
      `env.HEX: ${where('a long hexadecimal run (32 or more hex digits)', 'the StatefulSet')}`,
      `replicaOverrides.1.env.ROLE_KEY: ${where('an Anthropic API key (sk-ant-...)', 'the replica-env ConfigMap')}`,
      `extraEnv[0].value: ${where('an Anthropic API key (sk-ant-...)', 'the StatefulSet')}`,
      `configMap.data.app.json: ${where('an Anthropic API key (sk-ant-...)', 'the ConfigMap')}`,
      `gateway.channels.slack.accounts[1].creds[0]: ${where('a Slack token (xoxb-, xoxp-, xoxa-, xoxe-, xapp-)', 'the gateway-config ConfigMap')}`,
    ]);
  });

  test('with allowPlainSecretEnv: true the env values render, with a warning (the channel token is still refused by its key)', async () => {
    const plain = values.replace(/ {6}accounts:[\s\S]*$/, '      enabled: true\n');
    const r = await cli('synth', '--quiet', '-f', writeFile(dir, `s${n++}.yaml`, `allowPlainSecretEnv: true\n${plain}`));
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('Warning: allowPlainSecretEnv: is true: secret-looking env names and values are written in plain text to the StatefulSet and ConfigMaps, readable by anyone who may read them; use existingSecret\n');
    expect(r.stdout).toContain(`value: ${SECRET}`);
  });

  test('a file with a certificate, a hash or a git commit is not a secret', async () => {
    const r = await cli('synth', '--quiet', '--strict', '-f', writeFile(dir, `s${n++}.yaml`, [
      'configMap:', '  data:', '    ca.pem: |', '      -----BEGIN CERTIFICATE-----', `      ${'MIIBszCCAVmgAwIBAgIUQ'.repeat(3)}`, '      -----END CERTIFICATE-----',
      '    build.txt: commit 0123456789abcdef0123456789abcdef01234567', 'env:', '  GIT_SHA_SHORT: 0123abc', '  MODEL: sk-ish-name', '',
    ].join('\n')));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });
});

describe('the pod template carries no function of a Secret value', () => {
  const checksum = (data: Record<string, string>) => renderObjects({ secret: { enabled: true, data } }, 'openclaw')
    .find((o) => o.kind === 'StatefulSet').spec.template.metadata.annotations['checksum/config'];

  test('checksum/config is the same for any token value, and changes when a key is added', () => {
    expect(checksum({ OPENCLAW_GATEWAY_TOKEN: 'abcd' })).toBe(checksum({ OPENCLAW_GATEWAY_TOKEN: 'wxyz' }));
    expect(checksum({ OPENCLAW_GATEWAY_TOKEN: 'abcd' })).not.toBe(checksum({ OPENCLAW_GATEWAY_TOKEN: 'abcd', ANTHROPIC_API_KEY: 'k' }));
  });

  test('no object but the Secret holds the value, plain, in base64 or hashed', () => {
    const token = 'zq7x';
    const objects = renderObjects({ secret: { enabled: true, data: { OPENCLAW_GATEWAY_TOKEN: token } } }, 'openclaw');
    const forms = [token, Buffer.from(token).toString('base64'), createHash('sha256').update(token).digest('hex')];
    for (const o of objects.filter((x) => x.kind !== 'Secret')) {
      const text = JSON.stringify(o);
      for (const form of forms) expect(text).not.toContain(form);
    }
  });

  test('the notes name where the token comes from, never its value', () => {
    const notes = renderNotes(synthChart({ allowPlainSecretEnv: true, env: { OPENCLAW_GATEWAY_TOKEN: SECRET }, secret: { enabled: true, data: { ANTHROPIC_API_KEY: SECRET } } }));
    expect(notes).toContain('OPENCLAW_GATEWAY_TOKEN is a plain env value');
    expect(notes).toContain('OPENCLAW_GATEWAY_TOKEN');
    expect(notes).not.toContain('DO-NOT-PRINT');
  });
});

describe('--set arguments with a syntax error show secret values by shape', () => {
  test('the keys stay readable, the secret value does not', async () => {
    const r = await cli('synth', '--set', 'secret.data.OPENCLAW_GATEWAY_TOKEN=zq7x,extraArgs[x]=1');
    expect(r.code).toBe(1);
    expect(r.stderr).not.toContain('zq7x');
    expect(r.stderr).toBe('Invalid OpenClaw configuration (1 problem):\n'
      + '  - --set: list index "[x]" is not an integer; expected path=value, e.g. service.port=8080 or ingress.hosts[0].host=openclaw.example.com'
      + ' (got "secret.data.OPENCLAW_GATEWAY_TOKEN=<string, 4 characters>,extraArgs[x]=1")\n');
  });
});

describe('--set is split as the parser splits it before anything is shown', () => {
  test('an escaped comma stays in the secret value: all of it is hidden', async () => {
    const r = await cli('synth', '--set', 'secret.data.X=abc\\,DO-NOT-PRINT,extraArgs[x]=1');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('Invalid OpenClaw configuration (1 problem):\n'
      + '  - --set: list index "[x]" is not an integer; expected path=value, e.g. service.port=8080 or ingress.hosts[0].host=openclaw.example.com'
      + ' (got "secret.data.X=<string, 16 characters>,extraArgs[x]=1")\n');
  });
});

describe('probable credentials (a URL password, Basic/Bearer, *PASS*, *APIKEY*, *_PAT, *CREDENTIAL*) warn, are never printed, and never reach the Helm export', () => {
  const values = [
    'env:', '  DB_PASS: hunter2-DO-NOT-PRINT', '  POSTGRES_PASSWD: DO-NOT-PRINT-pw', '  DATABASE_URL: postgres://app:DO-NOT-PRINT@db:5432/app',
    '  HTTP_AUTH: Basic RE8tTk9ULVBSSU5UOng=', '  OPENAI_APIKEY: plain-DO-NOT-PRINT', '  GITHUB_PAT: DO-NOT-PRINT-pat', '  GOOGLE_CREDENTIALS: DO-NOT-PRINT-json',
    '  DATABASE_HOST: db', '  LINK: https://example.com:8443/path?user=me',
    'extraEnv:', '  - name: UPSTREAM', '    value: Bearer DO-NOT-PRINT-token', '  - name: REGION', '    value: eu',
    'configMap:', '  data:', '    db.conf: url=mysql://root:DO-NOT-PRINT@db/app', '',
  ].join('\n');
  const advice = 'put it in a Secret (existingSecret, or valueFrom.secretKeyRef)';
  const byName = (at: string) => `${at}: probably holds a password or key (by its name) and would be visible in the StatefulSet: ${advice}`;
  const expected = [
    byName('env.DB_PASS'), byName('env.POSTGRES_PASSWD'),
    `env.DATABASE_URL: probably holds a password in a URL (scheme://user:password@host) and would be visible in the StatefulSet: ${advice}`,
    `env.HTTP_AUTH: probably holds an HTTP Basic or Bearer credential and would be visible in the StatefulSet: ${advice}`,
    byName('env.OPENAI_APIKEY'), byName('env.GITHUB_PAT'), byName('env.GOOGLE_CREDENTIALS'),
    `extraEnv[0].value: probably holds an HTTP Basic or Bearer credential and would be visible in the StatefulSet: ${advice}`,
    `configMap.data.db.conf: probably holds a password in a URL (scheme://user:password@host) and would be visible in the ConfigMap: ${advice}`,
  ];

  test('warnings naming the path and the kind; --strict refuses them', async () => {
    const file = writeFile(dir, `s${n++}.yaml`, values);
    const r = await cli('synth', '--quiet', '-f', file);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(expected.map((w) => `Warning: ${w}\n`).join(''));
    const strict = await cli('synth', '--quiet', '--strict', '-f', file);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toBe(`Refused with --strict (9 problems):\n${expected.map((w) => `  - ${w}\n`).join('')}`);
    expect(strict.stderr).not.toContain('DO-NOT-PRINT');
  });

  test("the Helm export's values.yaml records each of them as <redacted>, and the harmless values as they are", async () => {
    const out = `${dir}/helm-probable`;
    const r = await cli('helm', '-f', writeFile(dir, `s${n++}.yaml`, values), '-o', out);
    expect(r.code).toBe(0);
    const recorded = fs.readFileSync(`${out}/values.yaml`, 'utf8');
    expect(recorded).not.toContain('DO-NOT-PRINT');
    expect(recorded).toContain([
      '# env:', '#   DB_PASS: <redacted>', '#   POSTGRES_PASSWD: <redacted>', '#   DATABASE_URL: <redacted>', '#   HTTP_AUTH: <redacted>',
      '#   OPENAI_APIKEY: <redacted>', '#   GITHUB_PAT: <redacted>', '#   GOOGLE_CREDENTIALS: <redacted>', '#   DATABASE_HOST: db',
      '#   LINK: https://example.com:8443/path?user=me', '# extraEnv:', '#   - name: UPSTREAM', '#     value: <redacted>', '#   - name: REGION', '#     value: eu',
      '# configMap:', '#   data:', '#     db.conf: <redacted>', '',
    ].join('\n'));
  });

  test('an error never shows them either (a URL password or a Basic value is shown by shape)', () => {
    expect(formatProblem({ path: 'podLabels.x', message: 'm', value: 'postgres://app:pw@db/app' })).toBe('podLabels.x: m (got <string, 24 characters>)');
    expect(formatProblem({ path: 'podLabels.x', message: 'm', value: 'Bearer abc.def' })).toBe('podLabels.x: m (got <string, 14 characters>)');
    expect(formatProblem({ path: 'env.POSTGRES_PASSWD', message: 'm', value: 'x' })).toBe('env.POSTGRES_PASSWD: m (got <string, 1 character>)');
  });
});
