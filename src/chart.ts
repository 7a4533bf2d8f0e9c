/**
 * OpenClawChart: resolve the props into one model, then let each builder add its objects.
 */
import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { addAccess } from './access';
import { addConfig } from './config';
import { addNetwork } from './network';
import { OpenClawChartProps } from './props';
import { Model, resolveModel } from './resolve';
import { addWorkload } from './workload';

export class OpenClawChart extends Chart {
  /** Everything the chart derived from its props (names, port, paths, managed config). */
  public readonly model: Model;

  constructor(scope: Construct, id: string, props: OpenClawChartProps = {}) {
    const model = resolveModel(props, id);
    super(scope, id, { namespace: model.namespace, disableResourceNameHashes: true });
    this.model = model;
    addAccess(this, model);
    const podAnnotations = addConfig(this, model);
    addNetwork(this, model);
    addWorkload(this, model, podAnnotations);
  }
}
