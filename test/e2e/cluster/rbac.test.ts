/**
 * RBAC as the API server decides it: `kubectl auth can-i --as=system:serviceaccount:NS:NAME` for the
 * ServiceAccount we render. Yes for exactly the rules asked for; no for Secrets, for other
 * namespaces and for the privilege-escalation paths.
 */
import { cli } from '../../cli/run-cli';
import { CLUSTER_START_TIMEOUT_MS, apply, kubectl, restrictedNamespace, startCluster, tempFile } from '../harness/control-plane';

const RELEASE = 'my-openclaw';

beforeAll(async () => {
  await startCluster();
}, CLUSTER_START_TIMEOUT_MS);

/** The API server's answer, "yes" or "no", for the release's ServiceAccount. */
function canI(ns: string, verb: string, resource: string, inNamespace = ns): string {
  const r = kubectl(['auth', 'can-i', verb, resource, '-n', inNamespace, `--as=system:serviceaccount:${ns}:${RELEASE}`], undefined, true);
  return r.stdout.trim();
}

async function install(ns: string, ...sets: string[]): Promise<void> {
  const r = await cli('synth', '--quiet', '--release', RELEASE, '-n', ns, ...sets.flatMap((s) => ['--set', s]));
  expect(r.code).toBe(0);
  apply(tempFile('rbac.yaml', r.stdout), ns);
}

const DENIED: Array<[string, string]> = [
  ['get', 'secrets'], ['list', 'secrets'], ['create', 'pods'], ['create', 'pods/exec'], ['get', 'pods/log'],
  ['create', 'serviceaccounts/token'], ['create', 'rolebindings'], ['update', 'configmaps'], ['list', 'pods'],
];

test('default render: the ServiceAccount may do nothing at all', async () => {
  const ns = restrictedNamespace('rbac-default');
  await install(ns);
  const answers = Object.fromEntries([['get', 'configmaps'] as [string, string], ...DENIED].map(([v, r]) => [`${v} ${r}`, canI(ns, v, r)]));
  expect(Object.values(answers).every((a) => a === 'no')).toBe(true);
  process.stdout.write(`RBAC, default render: ${JSON.stringify(answers)}\n`);
});

test('rbac.rules: exactly the rules asked for, in the release namespace only', async () => {
  const ns = restrictedNamespace('rbac-rules');
  const other = restrictedNamespace('rbac-other');
  await install(ns, 'rbac.create=true', 'rbac.rules[0].apiGroups[0]=', 'rbac.rules[0].resources[0]=configmaps', 'rbac.rules[0].verbs={get,list}');
  const answers: Record<string, string> = {
    'get configmaps': canI(ns, 'get', 'configmaps'),
    'list configmaps': canI(ns, 'list', 'configmaps'),
    'watch configmaps': canI(ns, 'watch', 'configmaps'),
    [`get configmaps -n ${other}`]: canI(ns, 'get', 'configmaps', other),
    'get configmaps -n kube-system': canI(ns, 'get', 'configmaps', 'kube-system'),
    ...Object.fromEntries(DENIED.map(([v, r]) => [`${v} ${r}`, canI(ns, v, r)])),
  };
  expect(answers).toEqual({
    'get configmaps': 'yes', 'list configmaps': 'yes', 'watch configmaps': 'no',
    [`get configmaps -n ${other}`]: 'no', 'get configmaps -n kube-system': 'no',
    ...Object.fromEntries(DENIED.map(([v, r]) => [`${v} ${r}`, 'no'])),
  });
  process.stdout.write(`RBAC, rbac.rules get,list configmaps: ${JSON.stringify(answers)}\n`);
});
