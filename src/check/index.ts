/**
 * Checks on the props that types cannot express, one file per concern. Each problem names the
 * values path, the bad value and what is allowed; all are collected and reported together by
 * resolveModel.
 */
import { ProblemCollector } from '../core/errors';
import { OpenClawChartProps } from '../props';
import { basicSettings } from '../props/settings';
import { checkAccess } from './access';
import { checkEnv } from './env';
import { checkMigrateConfigMemory } from './migrate-memory';
import { checkNetwork } from './network';
import { checkImage, checkNames } from './names';
import { checkProbes } from './probes';
import { checkReplicaEntryPoints } from './replicas';
import { checkWorkload } from './workload';
import { checkDangerousSettings } from './dangerous';
import { checkKubernetesRules } from './kubernetes-rules';
import { checkKubernetesFields } from './kubernetes-fields';
import { checkSecretLookingValues } from './secret-values';
import { checkText } from '../core/text-safety';

export function checkProps(props: OpenClawChartProps, p: ProblemCollector): void {
  const s = basicSettings(props);
  checkText(props, '', p);
  checkNames(props, p);
  checkImage(props, s, p);
  checkWorkload(props, s, p);
  checkEnv(props, s, p);
  checkProbes(props, s, p);
  checkNetwork(props, s, p);
  checkReplicaEntryPoints(props, s, p);
  checkAccess(props, p);
  checkKubernetesRules(props, p);
  checkKubernetesFields(props, p);
  checkSecretLookingValues(props, p);
  checkDangerousSettings(props, p);
  checkMigrateConfigMemory(props, p);
}
