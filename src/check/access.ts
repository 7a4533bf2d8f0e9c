/**
 * RBAC rules, the ServiceAccount and image pull Secrets.
 */
import { RBAC_VERBS, isOneOf } from '../props/enumerations';
import { ProblemCollector } from '../core/errors';
import { isDnsSubdomain } from '../core/patterns';
import { OpenClawChartProps } from '../props';

export function checkAccess(props: OpenClawChartProps, p: ProblemCollector): void {
  (props.rbac?.rules ?? []).forEach((rule, i) => {
    (rule.verbs ?? []).forEach((verb, j) => {
      if (!isOneOf(RBAC_VERBS, verb)) p.add(`rbac.rules[${i}].verbs[${j}]`, `must be one of ${RBAC_VERBS.join(', ')}`, verb);
    });
    if (!rule.verbs?.length) p.add(`rbac.rules[${i}].verbs`, 'needs at least one verb');
    const wildcards = (['apiGroups', 'resources', 'verbs'] as const).filter((field) => (rule[field] ?? []).includes('*'));
    if (wildcards.length) {
      p.danger(`rbac.rules[${i}]`, `grants "*" in ${wildcards.join(', ')}: the agent runs shell commands on a model's instructions; list the groups, resources and verbs it needs`);
    }
  });
  const sa = props.serviceAccount?.name;
  if (sa && !isDnsSubdomain(sa)) p.add('serviceAccount.name', 'must be a DNS subdomain (lower case)', sa);
  (props.imagePullSecrets ?? []).forEach((s, i) => {
    if (!s.name || !isDnsSubdomain(s.name)) p.add(`imagePullSecrets[${i}].name`, 'must be a Secret name (DNS subdomain)', s.name);
  });
}
