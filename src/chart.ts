/**
 * OpenClawChart: resolve the props into one model, then let each builder add its objects.
 */
import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { buildObjects } from './build';
import { OpenClawChartProps } from './props';
import { Model, resolveModel } from './resolve';

export class OpenClawChart extends Chart {
  /** Everything the chart derived from its props (names, port, paths, managed config). */
  public readonly model: Model;

  constructor(scope: Construct, id: string, props: OpenClawChartProps = {}) {
    const model = resolveModel(props, id);
    super(scope, id, { namespace: model.namespace, disableResourceNameHashes: true });
    this.model = model;
    buildObjects({ add: (objectId, manifest) => new ApiObject(this, objectId, manifest as any) }, model);
  }
}
