/** The command line: usage, defaults, output to a directory, the schema, and the Helm chart's own values.yaml. */
import * as fs from 'fs';
import * as path from 'path';
import { VALUES_SCHEMA } from '../../src';
import { parseManifests } from './render-facts';
import { cli, STACK_TRACE, tempDir, writeFile } from './run-cli';
import { NEWEST_VALUES, REFERENCE_VALUES } from '../helpers/fixtures';

const dir = tempDir();

describe('usage', () => {
  test('--help lists the commands', async () => {
    const r = await cli('--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: openclaw-cdk8s [options] [command]');
    expect(r.stdout).toMatch(/synth \[options\]\s+render the Kubernetes manifests/);
    expect(r.stdout).toMatch(/schema \[options\]\s+print the JSON schema/);
    expect(r.stdout).toMatch(/fleet \[options\]\s+render a tenants file/);
  });

  test('synth --help documents every option', async () => {
    const r = await cli('synth', '--help');
    expect(r.code).toBe(0);
    for (const option of ['-f, --values <file>', '--set <path=value>', '--set-string <path=value>', '--release <name>', '-n, --namespace <namespace>', '-o, --output <dir>']) {
      expect(r.stdout).toContain(option);
    }
    expect(r.stdout).toContain('(default: "openclaw")');
    expect(r.stdout).toContain('(default: "default")');
  });

  test('wrong usage exits 2 with a hint, no stack trace', async () => {
    const unknown = await cli('synth', '--valuez', 'x.yaml');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("error: unknown option '--valuez'");
    expect(unknown.stderr).toContain('(add --help for usage)');
    expect(unknown.stderr).not.toMatch(STACK_TRACE);
    expect((await cli('render')).code).toBe(2);
    expect((await cli('synth', '-f')).code).toBe(2);
  });
});

describe('synth', () => {
  test('defaults: release openclaw, namespace default, multi-document YAML on stdout', async () => {
    const r = await cli('synth');
    expect(r.code).toBe(0);
    // The human summary goes to stderr so stdout stays pure YAML.
    expect(r.stderr).toContain('kubectl port-forward');
    expect((await cli('synth', '--quiet')).stderr).toBe('');
    const objects = parseManifests(r.stdout);
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`).sort()).toEqual([
      'Service/openclaw', 'Service/openclaw-headless', 'ServiceAccount/openclaw', 'StatefulSet/openclaw',
    ]);
    for (const o of objects) {
      expect(o.metadata.namespace).toBe('default');
      expect(o.metadata.labels['app.kubernetes.io/instance']).toBe('openclaw');
    }
    expect(r.stdout.split('\n---\n')).toHaveLength(objects.length);
  });

  test('--release and --namespace', async () => {
    const r = await cli('synth', '--release', 'team-a', '--namespace', 'assistants');
    const objects = parseManifests(r.stdout);
    expect(objects.find((o) => o.kind === 'StatefulSet').metadata.name).toBe('team-a-openclaw');
    expect(objects.every((o) => o.metadata.namespace === 'assistants')).toBe(true);
  });

  test('-o DIR writes DIR/<release>.k8s.yaml, the same YAML as stdout', async () => {
    const out = path.join(dir, 'out', 'nested');
    const values = writeFile(dir, 'o.yaml', 'replicaCount: 2\n');
    const r = await cli('synth', '-f', values, '--release', 'my-openclaw', '-o', out);
    expect(r.code).toBe(0);
    const file = path.join(out, 'my-openclaw.k8s.yaml');
    const printed = await cli('synth', '-f', values, '--release', 'my-openclaw');
    expect(fs.readFileSync(file, 'utf8')).toBe(printed.stdout);
    expect(r.stdout).toBe(`wrote ${file} (${parseManifests(printed.stdout).length} objects)\n`);
  });

  test('-o to a place that cannot be written is an error, not a crash', async () => {
    const blocker = writeFile(dir, 'a-file', '');
    const r = await cli('synth', '-o', path.join(blocker, 'sub'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^Error: cannot write .*a-file\/sub\/openclaw\.k8s\.yaml: /);
    expect(r.stderr).not.toMatch(STACK_TRACE);
  });

  test('several -f files and --set, as in Helm', async () => {
    const base = writeFile(dir, 'base.yaml', 'replicaCount: 2\nservice:\n  type: NodePort\n  annotations:\n    a: "1"\n');
    const prod = writeFile(dir, 'prod.yaml', 'service:\n  annotations:\n    b: "2"\npersistence:\n  size: 20Gi\n');
    const r = await cli('synth', '-f', base, '-f', prod, '--set', 'replicaCount=3,env.PORT=18789', '--set-string', 'podLabels.tier=1');
    expect(r.code).toBe(0);
    const objects = parseManifests(r.stdout);
    const sts = objects.find((o) => o.kind === 'StatefulSet');
    const svc = objects.find((o) => o.kind === 'Service' && o.metadata.name === 'openclaw');
    expect(sts.spec.replicas).toBe(3);
    expect(svc.spec.type).toBe('NodePort');
    expect(svc.metadata.annotations).toEqual({ a: '1', b: '2' });
    expect(sts.spec.volumeClaimTemplates[0].spec.resources.requests.storage).toBe('20Gi');
    expect(sts.spec.template.metadata.labels.tier).toBe('1');
    expect(sts.spec.template.spec.containers[0].env).toContainEqual({ name: 'PORT', value: '18789' });
  });
});

test('schema prints the values schema', async () => {
  const r = await cli('schema');
  expect(r.code).toBe(0);
  expect(JSON.parse(r.stdout)).toEqual(VALUES_SCHEMA);
});

describe("the Helm chart's own values.yaml, all defaults spelled out", () => {
  const DROPPED = 'gateway.controlUi.allowInsecureAuth: dropped: OpenClaw retired it in 2026.8.1 (the 2026.7 line up to its extended-stable 2026.7.33-35 still accept it), '
    + 'and image tag "latest" rejects it in config validation and strips it at startup, so it would do nothing. Remove it, or pin image.tag to one of those releases';
  const FILES = [REFERENCE_VALUES, NEWEST_VALUES].map((file) => [path.basename(file), file]);

  test.each(FILES)('%s as it is: renders, and says on stderr that allowInsecureAuth is dropped and why', async (_name, file) => {
    const r = await cli('synth', '--quiet', '-f', file, '--release', 'my-openclaw', '-n', 'openclaw');
    expect(r.stderr).toBe(`Warning: ${DROPPED}\n`);
    expect(r.code).toBe(0);
    const objects = parseManifests(r.stdout);
    expect(objects.some((o) => o.kind === 'StatefulSet')).toBe(true);
    // Dropped means not written anywhere: no managed config holds it.
    expect(r.stdout).not.toContain('allowInsecureAuth');
  });

  test.each(FILES)('%s with --strict: refused, the same reason as the error', async (_name, file) => {
    const r = await cli('synth', '--strict', '-f', file);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`Refused with --strict (1 problem):\n  - ${DROPPED}\n`);
  });

  test.each(FILES)('%s with gateway.controlUi.allowInsecureAuth=false synthesizes', async (_name, file) => {
    const r = await cli('synth', '--quiet', '-f', file, '--set', 'gateway.controlUi.allowInsecureAuth=false', '--release', 'my-openclaw', '-n', 'openclaw');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const objects = parseManifests(r.stdout);
    const sts = objects.find((o) => o.kind === 'StatefulSet');
    const main = sts.spec.template.spec.containers[0];
    // The values spelled out are used: tag latest, the TCP probes on 18789 (as the port's name), the resources.
    expect(main.image).toBe('ghcr.io/openclaw/openclaw:latest');
    expect(main.livenessProbe.tcpSocket).toEqual({ port: 'http' });
    expect(main.readinessProbe.tcpSocket).toEqual({ port: 'http' });
    expect(main.resources).toEqual({ limits: { cpu: '2000m', memory: '4Gi' }, requests: { cpu: '500m', memory: '1Gi' } });
    expect(main.securityContext.readOnlyRootFilesystem).toBe(false);
    expect(main.command).toEqual(['node', 'dist/index.js', 'gateway', '--bind', 'lan', '--port', '18789', '--allow-unconfigured']);
    expect(objects.some((o) => o.kind === 'Role')).toBe(false);
    expect(objects.some((o) => o.kind === 'NetworkPolicy')).toBe(false);
  });

  test('with an image from before the retirement, allowInsecureAuth: true is kept', async () => {
    const r = await cli('synth', '-f', REFERENCE_VALUES, '--set-string', 'image.tag=2026.7.1');
    expect(r.code).toBe(0);
    const config = parseManifests(r.stdout).find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'openclaw-gateway-config');
    expect(JSON.parse(config.data['openclaw.json']).gateway.controlUi.allowInsecureAuth).toBe(true);
  });
});

describe('validate', () => {
  const dir = tempDir();

  test('accepts what synth writes and names each problem of a broken manifest with exit code 1', async () => {
    const good = path.join(dir, 'good.yaml');
    expect((await cli('synth', '--quiet', '-o', dir)).code).toBe(0);
    fs.renameSync(path.join(dir, 'openclaw.k8s.yaml'), good);
    const ok = await cli('validate', good);
    expect(ok.code).toBe(0);
    expect(ok.stderr).toBe(`valid for Kubernetes 1.28 and 1.36: ${good}\n`);

    const bad = writeFile(dir, 'bad.yaml', fs.readFileSync(good, 'utf8').replace('serviceAccountName:', 'serviceAcountName:'));
    const r = await cli('validate', '--kubernetes', '1.28', bad);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("StatefulSet/openclaw /spec/template/spec/serviceAcountName: must NOT have additional property 'serviceAcountName'");
    expect(r.stderr).toMatch(/1 problem\(s\) in 1 file\(s\)\n$/);
  });

  test('an unknown Kubernetes version is a usage error', async () => {
    const r = await cli('validate', '--kubernetes', '1.20', 'x.yaml');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('--kubernetes: must be one of 1.28, 1.36 (got "1.20")\n');
  });
});

describe('helm', () => {
  const dir = tempDir();

  test('exports a chart directory for the given values and says how to install it', async () => {
    const out = path.join(dir, 'chart');
    const r = await cli('helm', '-o', out, '--set', 'replicaCount=2', '--release', 'my-openclaw', '-n', 'openclaw');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`helm upgrade --install my-openclaw ${out} -n openclaw`);
    expect(fs.readFileSync(path.join(out, 'Chart.yaml'), 'utf8')).toMatch(/appVersion: "?2026\.9\.6"?/);
    const templates = fs.readdirSync(path.join(out, 'templates')).join('\n');
    expect(templates).toMatch(/PodDisruptionBudget|poddisruptionbudget/i);
  });

  test('bad values fail before anything is written', async () => {
    const out = path.join(dir, 'never');
    const r = await cli('helm', '-o', out, '--set', 'replicaCount=-1');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('replicaCount');
    expect(fs.existsSync(out)).toBe(false);
  });
});
