/**
 * OpenClawChart: resolve the props into one model, then let each builder add its objects.
 */
import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { buildObjects } from './build';
import { ConfigProblem } from './errors';
import { PATHS } from './layout';
import { OpenClawChartProps } from './props';
import { resolveModel } from './model';
import { Model } from './resolve';

/** What a chart made, as your own constructs need it: names, the port, the labels, the paths. Stable across releases. */
export interface OpenClawChartInfo {
  /** The release name (`app.kubernetes.io/instance`). */
  readonly releaseName: string;
  readonly namespace: string;
  /** The object name prefix (`<release>-openclaw`, or `fullnameOverride`). */
  readonly fullName: string;
  /** The one gateway port (Service, container, probes). */
  readonly port: number;
  readonly serviceName: string;
  readonly headlessServiceName: string;
  readonly statefulSetName: string;
  readonly serviceAccountName: string;
  /** The pod selector labels (they never change across upgrades). */
  readonly selectorLabels: Readonly<Record<string, string>>;
  /** Where the data volume is mounted (`env.DATA_DIR`) and where OpenClaw keeps its state. */
  readonly dataDir: string;
  readonly stateDir: string;
}

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

  /**
   * Everything the chart derived from its props.
   * @deprecated Internal and changing between releases: use `info` for names, port and paths.
   */
  public readonly model: Model;

  /**
   * Settings that render but are dangerous or do nothing on the chosen image, each naming its
   * props path. The chart never prints them (a library does not write to your terminal): say them
   * yourself, e.g. `chart.warnings.forEach((w) => console.warn(formatWarning(w)))`.
   */
  public readonly warnings: readonly ConfigProblem[];

  constructor(scope: Construct, id: string, props: OpenClawChartProps = {}) {
    const model = resolveModel(props, id);
    super(scope, id, { namespace: model.namespace, disableResourceNameHashes: true });
    this.model = model;
    this.warnings = model.warnings;
    const objects = new Map<string, ApiObject>();
    buildObjects({ add: (objectId, manifest) => void objects.set(objectId, new ApiObject(this, objectId, manifest as any)) }, model);
    this.statefulSet = objects.get('statefulset')!;
    this.service = objects.get('service')!;
    this.headlessService = objects.get('headless')!;
    this.info = {
      releaseName: model.release,
      namespace: model.namespace,
      fullName: model.fullName,
      port: model.port,
      serviceName: model.names.service,
      headlessServiceName: model.names.headlessService,
      statefulSetName: model.names.statefulSet,
      serviceAccountName: model.names.serviceAccount,
      selectorLabels: { ...model.labels.selector },
      dataDir: model.dataDir,
      stateDir: PATHS.stateDir,
    };
  }
}
