/**
 * OpenClawChart: one OpenClaw (src/openclaw.ts) in a Chart of its own, for an app that gives
 * OpenClaw a Chart (and a manifest file) of its own.
 */
import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { ConfigProblem } from './core/errors';
import { OpenClawChartInfo, addOpenClaw } from './openclaw';
import { resolveModel } from './model/resolve-model';
import { OpenClawChartProps } from './props';
import { Model } from './model/model';

export type { OpenClawChartInfo } from './openclaw';

/**
 * One OpenClaw in a Chart of its own, in the props' namespace (`default` when none).
 *
 * @example
 * const app = new App();
 * new OpenClawChart(app, 'my-openclaw', { namespace: 'openclaw', persistence: { size: '20Gi' } });
 * app.synth(); // dist/my-openclaw.k8s.yaml
 */
export class OpenClawChart extends Chart {
  /** What the chart made: names, port, labels, paths (the stable view to build on). */
  public readonly info: OpenClawChartInfo;

  /**
   * The gateway StatefulSet, for the cdk8s escape hatch: `chart.statefulSet.addJsonPatch(JsonPatch.add(...))`
   * changes the synthesized manifest where no prop does what you need.
   */
  public readonly statefulSet: ApiObject;

  /** The ClusterIP (or NodePort/LoadBalancer) Service in front of the gateway. */
  public readonly service: ApiObject;

  /** The headless Service that gives each replica its DNS name. */
  public readonly headlessService: ApiObject;

  /** @internal Everything the chart derived from its props; changes between releases: use `info`. */
  public readonly _model: Model;

  /**
   * Settings that render but are dangerous or do nothing on the chosen image, each naming its
   * props path. The chart never prints them (a library does not write to your terminal): say them
   * yourself, e.g. `chart.warnings.forEach((w) => console.warn(formatWarning(w)))`.
   */
  public readonly warnings: ConfigProblem[];

  /** `id` is the release name unless the props set `releaseName`. */
  constructor(scope: Construct, id: string, props: OpenClawChartProps = {}) {
    const model = resolveModel(props, id);
    super(scope, id, { namespace: model.namespace, disableResourceNameHashes: true });
    const made = addOpenClaw(this, model);
    this.info = made.info;
    this.statefulSet = made.statefulSet;
    this.service = made.service;
    this.headlessService = made.headlessService;
    this._model = made.model;
    this.warnings = [...made.model.warnings];
  }
}
