/**
 * docs/security-warnings.md, row by row: each row's props render with the row's warning (marked
 * dangerous), `synth --strict` and a strict fleet refuse them, and the table names every control
 * of the Pod Security Standards. Settings the issue found rendering under --strict with no warning
 * (spc_t, AppArmor Unconfined, procMount Unmasked, supplementalGroups [0], nfs/gitRepo/iscsi/csi and
 * projected tokens, nulls over the defaults, wide NetworkPolicy peers, escalating RBAC, snippets,
 * LoadBalancer address annotations, wide trustedProxies) are rows of the table.
 */
import * as fs from 'fs';
import * as path from 'path';
import { OpenClawFleet, OpenClawFleetError } from '../../src';
import { renderObjects } from '../../src/build/render-objects';
import { OpenClawConfigError, formatProblem } from '../../src/core/errors';
import { resolveModel } from '../../src/model/resolve-model';
import { cli, tempDir, writeFile } from '../cli/run-cli';
import { podTemplates } from '../helpers/policy';
import { TenancyMode } from '../../src';

/** These tests are about the fleet as a bulk renderer: tenancy (test/fleet/tenancy.test.ts) is off. */
const OFF = { mode: TenancyMode.OFF };

interface Row {
  readonly section: string;
  readonly control: string;
  readonly path: string;
  /** undefined: no prop sets the control. */
  readonly props?: any;
  readonly warning: string;
}

const DOC = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'security-warnings.md'), 'utf8');
const code = (cell: string) => cell.replace(/^`(.*)`$/, '$1');

function tableRows(): Row[] {
  const rows: Row[] = [];
  let section = '';
  for (const line of DOC.split('\n')) {
    if (line.startsWith('## ')) section = line.slice(3);
    if (!line.startsWith('| ') || line.startsWith('| Control |') || line.startsWith('| ---')) continue;
    const [control, at, props, warning] = line.slice(2, -2).split(' | ');
    rows.push({ section, control, path: code(at), props: props === 'none' ? undefined : JSON.parse(code(props)), warning: code(warning) });
  }
  return rows;
}

const ROWS = tableRows();
const RENDERED = ROWS.filter((r) => r.props !== undefined);
const hasNull = (value: unknown): boolean => value === null || (typeof value === 'object' && Object.values(value as object).some(hasNull));
const dir = tempDir();
let n = 0;

test('the table has a row for every control of the baseline and restricted profiles', () => {
  const controls = (section: string) => new Set(ROWS.filter((r) => r.section === section).map((r) => r.control));
  expect([...controls('Pod Security Standards: baseline')]).toEqual(['HostProcess', 'Host Namespaces', 'Privileged Containers', 'Capabilities',
    'HostPath Volumes', 'Host Ports', 'AppArmor', 'SELinux', '/proc Mount Type', 'Seccomp', 'Sysctls']);
  expect([...controls('Pod Security Standards: restricted')]).toEqual(['Volume Types', 'Privilege Escalation', 'Running as Non-root',
    'Running as Non-root user', 'Seccomp', 'Capabilities']);
  expect(RENDERED.length).toBeGreaterThanOrEqual(80);
});

describe.each(RENDERED.map((r) => [`${r.section}: ${r.control}: ${r.path} ${JSON.stringify(r.props)}`, r]))('%s', (_name, row) => {
  test('renders, with the warning marked dangerous', () => {
    const warnings = resolveModel(row.props, 'openclaw').warnings;
    const found = warnings.find((w) => formatProblem(w) === row.warning);
    expect(found).toEqual(expect.objectContaining({ path: row.path, dangerous: true }));
    expect(() => renderObjects(row.props, 'openclaw')).not.toThrow();
  });

  test('a strict fleet refuses it', () => {
    let error: unknown;
    try {
      new OpenClawFleet({ tenancy: OFF, tenants: [{ name: 'tenant', props: row.props }], strict: true });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OpenClawFleetError);
    const problems = (error as OpenClawFleetError).problems.map((p) => formatProblem({ ...p, path: p.propsPath }));
    expect(problems).toContain(row.warning);
  });

  // A null in a values file removes the key (as in Helm), so those rows exist only as props.
  if (!hasNull(row.props)) test('synth says it, and synth --strict refuses it: exit 1, nothing rendered', async () => {
    const file = writeFile(dir, `row-${n++}.yaml`, JSON.stringify(row.props));
    const said = await cli('synth', '--quiet', '-f', file);
    expect(said.code).toBe(0);
    expect(said.stderr.split('\n')).toContain(`Warning: ${row.warning}`);
    const strict = await cli('synth', '--quiet', '--strict', '-f', file);
    expect({ code: strict.code, stdout: strict.stdout }).toEqual({ code: 1, stdout: '' });
    expect(strict.stderr).toMatch(/^Refused with --strict \(\d+ problems?\):\n/);
    expect(strict.stderr.split('\n')).toContain(`  - ${row.warning}`);
  });
});

test('the controls without a prop: no render of the table sets a host namespace or a hostPort, and values cannot ask for one', async () => {
  for (const row of RENDERED) {
    for (const pod of podTemplates(renderObjects(row.props, 'openclaw'))) {
      expect([pod.spec.hostNetwork, pod.spec.hostPID, pod.spec.hostIPC]).toEqual([undefined, undefined, undefined]);
      const containers = [...pod.spec.initContainers ?? [], ...pod.spec.containers];
      expect(containers.flatMap((c: any) => c.ports ?? []).filter((p: any) => 'hostPort' in p)).toEqual([]);
    }
  }
  const r = await cli('synth', '--quiet', '-f', writeFile(dir, 'host.yaml', 'hostNetwork: true\nhostPID: true\n'));
  expect(r.code).toBe(1);
  expect(r.stderr).toContain('hostNetwork: is not a known key');
});

describe('errors, not warnings', () => {
  const CONTROL = 'must not contain control characters (newline, tab, ESC, ...): controllers copy the path into their own configuration (ingress-nginx into nginx.conf), where a newline starts a directive of the writer\'s choosing';
  const problems = (props: any) => {
    try {
      resolveModel(props, 'openclaw');
    } catch (e) {
      if (e instanceof OpenClawConfigError) return e.problems.map(formatProblem);
      throw e;
    }
    return [];
  };

  test('an ingress path with a newline or an ESC, an HTTPRoute path with a tab', () => {
    const ingress = { enabled: true, hosts: [{ host: 'openclaw.example.com', paths: [{ path: '/a\nb' }, { path: '/x\u001b[2J' }] }] };
    expect(problems({ ingress, httpRoute: { enabled: true, parentRefs: [{ name: 'gw' }], path: '/a\tb' }, gateway: { trustedProxies: ['10.42.3.17/32'] } })).toEqual([
      `ingress.hosts[0].paths[0].path: ${CONTROL} (got "/a\\nb")`,
      `ingress.hosts[0].paths[1].path: ${CONTROL} (got "/x\\u001b[2J")`,
      `httpRoute.path: ${CONTROL} (got "/a\\tb")`,
    ]);
  });

  test('the newline as written in a values file: exit 1, the path and the rule', async () => {
    const r = await cli('synth', '--quiet', '-f', writeFile(dir, 'nl.yaml', 'ingress:\n  enabled: true\n  hosts:\n    - host: openclaw.example.com\n      paths:\n        - path: "/a\\n  more_set_headers x;"\n'));
    expect({ code: r.code, stdout: r.stdout }).toEqual({ code: 1, stdout: '' });
    // The problem names the file and line it came from, then the path.
    expect(r.stderr).toContain(`nl.yaml:6: ingress.hosts[0].paths[0].path: ${CONTROL} (got "/a\\n  more_set_headers x;")\n`);
  });

  test('trustedProxies "0/0" is not an address: refused, with a narrow example', () => {
    expect(problems({ gateway: { trustedProxies: ['0/0', '10.42.3.17/32'] } })).toEqual([
      'gateway.trustedProxies[0]: must be an IP address or CIDR such as 10.42.3.17/32 (got "0/0")',
    ]);
  });
});

describe('trustedProxies: narrow ranges, however spelled, are quiet; every spelling of everything warns', () => {
  const said = (list: string[]) => resolveModel({ gateway: { trustedProxies: list } }, 'openclaw').warnings.map(formatProblem);
  const WHY = 'whoever calls from such an address can forge X-Forwarded-For and pose as any client, and direct calls from there are refused; list the ingress controller\'s pod addresses (e.g. 10.42.3.17/32)';

  test('a /24, a /32, a bare address, a /64 and a /128 raise nothing', () => {
    expect(said(['10.1.2.0/24', '10.42.3.17/32', '10.42.3.18', '2001:db8::/64', '2001:db8::1/128', 'fe80::1'])).toEqual([]);
  });

  test('0.0.0.0/0, 0:0::/0 and ::0/0; halves and quarters of both families', () => {
    expect(said(['0.0.0.0/0', '0:0::/0'])).toEqual([
      `gateway.trustedProxies[0]: trusts every IPv4 address: ${WHY} (got "0.0.0.0/0")`,
      `gateway.trustedProxies[1]: trusts every IPv6 address: ${WHY} (got "0:0::/0")`,
    ]);
    const quarters = ['0.0.0.0/2', '64.0.0.0/2', '128.0.0.0/1', '::/1', '8000::/1'];
    expect(said(quarters).slice(-2)).toEqual([
      `gateway.trustedProxies: together trust every IPv4 address, as 0.0.0.0/0 does: ${WHY} (got ${JSON.stringify(quarters)})`,
      `gateway.trustedProxies: together trust every IPv6 address, as ::/0 does: ${WHY} (got ${JSON.stringify(quarters)})`,
    ]);
    // 248.0.0.0/5 missing: not everything (each range still warns for its width).
    expect(said(['0.0.0.0/1', '128.0.0.0/2', '192.0.0.0/3', '224.0.0.0/4', '240.0.0.0/5']).filter((w) => w.includes('together'))).toEqual([]);
  });
});
