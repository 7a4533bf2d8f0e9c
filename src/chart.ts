/**
 * OpenClawChart: resolve the props into one model, then let each builder add its objects.
 */
import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { buildObjects } from './build';
import { ConfigProblem, formatWarning } from './errors';
import { OpenClawChartProps } from './props';
import { resolveModel } from './model';
import { Model } from './resolve';

export class OpenClawChart extends Chart {
  /** Everything the chart derived from its props (names, port, paths, managed config). */
  public readonly model: Model;

  /**
   * Settings that render but are dangerous or do nothing on the chosen image, each naming its
   * props path. Each is also written to stderr when the chart is built.
   */
  public readonly warnings: readonly ConfigProblem[];

  constructor(scope: Construct, id: string, props: OpenClawChartProps = {}) {
    const model = resolveModel(props, id);
    super(scope, id, { namespace: model.namespace, disableResourceNameHashes: true });
    this.model = model;
    this.warnings = model.warnings;
    for (const warning of model.warnings) process.stderr.write(`${formatWarning(warning)} (chart ${id})\n`);
    buildObjects({ add: (objectId, manifest) => new ApiObject(this, objectId, manifest as any) }, model);
  }
}
