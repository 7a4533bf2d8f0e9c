/**
 * Checks on the props that types cannot express, one file per concern. Each problem names the
 * values path, the bad value and what is allowed; all are collected and reported together by
 * resolveModel.
 */
import { ProblemCollector } from '../errors';
import { OpenClawChartProps } from '../props';
import { basicSettings } from '../settings';
import { checkAccess } from './access';
import { checkEnv } from './env';
import { checkNetwork } from './network';
import { checkImage, checkNames } from './names';
import { checkProbes } from './probes';
import { checkReplicaEntryPoints } from './replicas';
import { checkWorkload } from './workload';
import { checkDangerousSettings } from './dangerous';
import { checkKubernetesRules } from './kubernetes-rules';
import { checkSecretLookingValues } from './secret-values';
import { checkText } from '../text-safety';

export function checkProps(props: OpenClawChartProps, p: ProblemCollector): void {
  const s = basicSettings(props);
  checkRenderableKeys(props, '', p);
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
  checkSecretLookingValues(props, p);
  checkDangerousSettings(props, p);
}

/** Keys JavaScript cannot carry: cdk8s takes a map with "constructor" for a class instance and throws; "__proto__" is lost in a copy. */
function checkRenderableKeys(value: unknown, path: string, p: ProblemCollector): void {
  if (Array.isArray(value)) value.forEach((v, i) => checkRenderableKeys(v, `${path}[${i}]`, p));
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const at = path ? `${path}.${k}` : k;
      if (k === 'constructor') p.add(at, 'a key named "constructor" cannot be rendered by cdk8s: rename it', k);
      // An own "__proto__" key (JSON.parse makes them) is dropped by every object spread: refuse it instead.
      else if (k === '__proto__') p.add(at, 'a key named "__proto__" is lost when JavaScript copies the map: rename it', k);
      else checkRenderableKeys(v, at, p);
    }
  }
}
