/**
 * Legal but dangerous settings: they render, with a warning naming the path on stderr
 * (`--strict` refuses them). The agent runs shell commands on a model's instructions, so what
 * the pod may do on its node or in the cluster matters more than for an ordinary web server.
 * One file per concern; docs/security-warnings.md lists every control and its warning.
 */
import { ProblemCollector } from '../core/errors';
import { OpenClawChartProps } from '../props';
import { checkControllerAnnotations } from './controller-annotations';
import { checkNetworkBreadth } from './network-breadth';
import { checkPodSecurity } from './pod-security';
import { checkRbacEscalation } from './rbac-escalation';

export function checkDangerousSettings(props: OpenClawChartProps, p: ProblemCollector): void {
  checkPodSecurity(props, p);
  checkNetworkBreadth(props, p);
  checkRbacEscalation(props, p);
  checkControllerAnnotations(props, p);
  if (props.allowPlainSecretEnv === true) {
    p.danger('allowPlainSecretEnv', 'is true: secret-looking env names and values are written in plain text to the StatefulSet and ConfigMaps, readable by anyone who may read them; use existingSecret');
  }
}
