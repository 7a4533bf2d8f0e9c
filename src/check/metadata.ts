/**
 * Labels and annotations: keys and values Kubernetes accepts.
 */
import { ProblemCollector } from '../core/errors';
import { LABEL_NAME, LABEL_VALUE } from '../core/patterns';
import { OpenClawChartProps } from '../props';

/** Pod labels, node selector and every annotations map. */
export function checkMetadata(props: OpenClawChartProps, p: ProblemCollector): void {
  checkLabels('podLabels', props.podLabels, p);
  checkLabels('nodeSelector', props.nodeSelector, p);
  const annotated: Array<[string, Record<string, string> | undefined]> = [['podAnnotations', props.podAnnotations],
    ['service.annotations', props.service?.annotations], ['ingress.annotations', props.ingress?.annotations],
    ['httpRoute.annotations', props.httpRoute?.annotations], ['persistence.annotations', props.persistence?.annotations],
    ['serviceAccount.annotations', props.serviceAccount?.annotations]];
  for (const [path, annotations] of annotated) {
    for (const [k, v] of Object.entries(annotations ?? {})) {
      if (!LABEL_NAME.test(k)) p.add(`${path}.${k}`, 'the key must be a qualified name (optional DNS prefix, "/", then at most 63 letters, digits, "-", "_", ".")', k);
      if (typeof v !== 'string') p.add(`${path}.${k}`, 'must be a string (quote numbers and booleans)', v);
    }
  }
}

export function checkLabels(path: string, labels: Record<string, string> | undefined, p: ProblemCollector): void {
  for (const [k, v] of Object.entries(labels ?? {})) {
    if (!LABEL_NAME.test(k)) p.add(`${path}.${k}`, 'the key must be a label name (optional DNS prefix, "/", then at most 63 letters, digits, "-", "_", ".")', k);
    if (typeof v !== 'string' || v.length > 63 || !LABEL_VALUE.test(v)) p.add(`${path}.${k}`, 'must be a label value: at most 63 letters, digits, "-", "_", "." starting and ending with a letter or digit', v);
  }
}
