/**
 * src/props/kubernetes-types.ts is copied from cdk8s-plus-28's Kubernetes imports by
 * scripts/kubernetes-types.ts: the copy is current, and the types of cdk8s-plus still fit the
 * props (a TypeScript user's `k8s.Toleration` from cdk8s-plus-28 is accepted as it was).
 */
import * as fs from 'fs';
import { App, Chart } from 'cdk8s';
import type { k8s } from 'cdk8s-plus-28';
import { OpenClaw, OpenClawChartProps } from '../../src';
import { KUBERNETES_TYPES_FILE, kubernetesTypesSource } from '../../scripts/kubernetes-types';

test('the checked-in copy is what the generator makes (regenerate: npx ts-node scripts/kubernetes-types.ts --write)', () => {
  expect(fs.readFileSync(KUBERNETES_TYPES_FILE, 'utf8')).toBe(kubernetesTypesSource());
});

test('cdk8s-plus-28 Kubernetes objects are accepted by the props and rendered as written', () => {
  const toleration: k8s.Toleration = { key: 'dedicated', operator: 'Equal', value: 'openclaw', effect: 'NoSchedule' };
  const affinity: k8s.Affinity = {
    nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'pool', operator: 'In', values: ['ai'] }] }] } },
  };
  const props: OpenClawChartProps = { tolerations: [toleration], affinity };
  const chart = new Chart(new App(), 'c');
  new OpenClaw(chart, 'claw', props);
  const sts = chart.toJson().find((o) => o.kind === 'StatefulSet');
  expect(sts.spec.template.spec.tolerations).toEqual([toleration]);
  expect(sts.spec.template.spec.affinity).toEqual(affinity);
});
