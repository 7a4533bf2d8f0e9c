/**
 * Manifest helpers for the end-to-end suite: load a rendered multi-document YAML file and derive
 * variants of a pod template (deep copies; the input is never changed).
 */
import * as fs from 'fs';
import { parseAllDocuments } from 'yaml';
import { OpenClawChartProps } from '../../../src';
import { synthObjects } from '../../helpers/synth';
import type { K8sObject } from './pod-runner';

export { RENDERED_DIR as REFERENCE_DIR } from '../../helpers/fixtures';

/** All objects of a rendered `*.k8s.yaml` (empty documents dropped). */
export function loadManifests(file: string): K8sObject[] {
  const docs = parseAllDocuments(fs.readFileSync(file, 'utf8'));
  for (const d of docs) if (d.errors.length) throw new Error(`${file}: ${d.errors.map((e) => e.message).join('; ')}`);
  return docs.map((d) => d.toJS()).filter((o) => o && typeof o === 'object');
}

export function clone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v));
}

export function workload(objects: K8sObject[]): K8sObject {
  const w = objects.filter((o) => o.kind === 'StatefulSet' || o.kind === 'Deployment');
  if (w.length !== 1) throw new Error(`expected one StatefulSet/Deployment, found ${w.length}`);
  return w[0];
}

/** Copy of `objects` with the workload's pod spec and first container handed to `edit`. */
export function editPod(objects: K8sObject[], edit: (pod: any, container: any, all: K8sObject[]) => void): K8sObject[] {
  const copy = clone(objects);
  const pod = workload(copy).spec.template.spec;
  edit(pod, pod.containers[0], copy);
  return copy;
}

/**
 * The chart's synthesized objects (namespace `openclaw`), opted into `gateway.tokenSecret`, plus that
 * token Secret as a user creates it: a known token for the checks (the generated token is day-two.test.ts's subject).
 */
export function chartObjects(props: OpenClawChartProps, token = 'e2e-gateway-token', tokenSecret = 'my-openclaw-gateway-token', tokenKey = 'OPENCLAW_GATEWAY_TOKEN'): K8sObject[] {
  return [
    ...synthObjects({ ...props, gateway: { tokenSecret: {}, ...props.gateway } }, { namespace: 'openclaw' }),
    { apiVersion: 'v1', kind: 'Secret', metadata: { name: tokenSecret, namespace: 'openclaw' }, type: 'Opaque', data: { [tokenKey]: Buffer.from(token).toString('base64') } },
  ];
}
