/**
 * OpenClaw: the construct. Resolves the props into one model, then lets each builder add its
 * objects to this construct, so it works inside any Chart (beside a Namespace, other workloads,
 * other OpenClaws). OpenClawChart (chart.ts) is the thin Chart around one of these.
 */
import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { buildObjects } from './build/render-objects';
import { ConfigProblem } from './core/errors';
import { PATHS } from './core/pod-layout';
import { OpenClawChartProps } from './props';
import { resolveModel } from './model/resolve-model';
import { Model } from './model/model';

/** What an OpenClaw made, as your own constructs need it: names, the port, the labels, the paths. Stable across releases. */
export interface OpenClawChartInfo {
  /** The release name (`app.kubernetes.io/instance`). */
  readonly releaseName: string;
  /**
   * The namespace of every object.
   * @jsii suppress JSII5018 (the Kubernetes field name; bindings escape it where it is reserved)
   */
  readonly namespace: string;
  /** The object name prefix (`<release>-openclaw`, or `fullnameOverride`). */
  readonly fullName: string;
  /** The one gateway port (Service, container, probes). */
  readonly port: number;
  /** The Service in front of the gateway. */
  readonly serviceName: string;
  /** The headless Service that gives each replica its DNS name. */
  readonly headlessServiceName: string;
  /** The gateway StatefulSet. */
  readonly statefulSetName: string;
  /** The pods' ServiceAccount. */
  readonly serviceAccountName: string;
  /** The pod selector labels (they never change across upgrades). */
  readonly selectorLabels: Readonly<Record<string, string>>;
  /** Where the data volume is mounted (`env.DATA_DIR`). */
  readonly dataDir: string;
  /** Where OpenClaw keeps its state. */
  readonly stateDir: string;
}

/**
 * Props of {@link OpenClaw}: the Helm chart's values.yaml, key for key (see OpenClawChartProps).
 * Without `namespace`, the objects go into the enclosing Chart's namespace (or `default`).
 */
export interface OpenClawProps extends OpenClawChartProps {}

/**
 * OpenClaw, the self-hosted AI assistant, as a construct for any cdk8s Chart: a StatefulSet with its
 * Services, ServiceAccount, optional Ingress/HTTPRoute, NetworkPolicy, RBAC, ConfigMaps and Secret.
 *
 * @example
 * class Platform extends Chart {
 *   constructor(scope: Construct, id: string) {
 *     super(scope, id, { namespace: 'assistants' });
 *     new ApiObject(this, 'ns', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'assistants' } });
 *     const claw = new OpenClaw(this, 'team-claw', { ingress: { enabled: true, hosts: [{ host: 'claw.example.com' }] } });
 *     // claw.info.serviceName, claw.info.port: wire your own objects to it.
 *   }
 * }
 */
export class OpenClaw extends Construct {
  /** What was made: names, port, labels, paths (the stable view to build on). */
  public readonly info: OpenClawChartInfo;

  /**
   * The gateway StatefulSet, for the cdk8s escape hatch: `claw.statefulSet.addJsonPatch(JsonPatch.add(...))`
   * changes the synthesized manifest where no prop does what you need.
   */
  public readonly statefulSet: ApiObject;

  /** The ClusterIP (or NodePort/LoadBalancer) Service in front of the gateway. */
  public readonly service: ApiObject;

  /** The headless Service that gives each replica its DNS name. */
  public readonly headlessService: ApiObject;

  /**
   * Settings that render but are dangerous or do nothing on the chosen image, each naming its
   * props path. Never printed (a library does not write to your terminal): say them yourself,
   * e.g. `claw.warnings.forEach((w) => console.warn(formatWarning(w)))`.
   */
  public readonly warnings: ConfigProblem[];

  /** @internal Everything derived from the props (OpenClawChart's deprecated `model`). */
  public readonly _model: Model;

  /** `id` is the release name unless the props set `releaseName`. */
  constructor(scope: Construct, id: string, props: OpenClawProps = {}) {
    super(scope, id);
    const made = addOpenClaw(this, resolveModel(props, id, false, Chart.of(this).namespace));
    this._model = made.model;
    this.warnings = [...made.model.warnings];
    this.info = made.info;
    this.statefulSet = made.statefulSet;
    this.service = made.service;
    this.headlessService = made.headlessService;
  }
}

/** @internal What addOpenClaw made. */
export interface OpenClawParts {
  readonly model: Model;
  readonly info: OpenClawChartInfo;
  readonly statefulSet: ApiObject;
  readonly service: ApiObject;
  readonly headlessService: ApiObject;
}

/**
 * @internal Adds every object of the model to `scope` as its direct children: the one body of
 * OpenClaw and OpenClawChart (whose `apiObjects` so stay the OpenClaw objects).
 */
export function addOpenClaw(scope: Construct, model: Model): OpenClawParts {
  const objects = new Map<string, ApiObject>();
  buildObjects({
    // Every object names its namespace: the enclosing Chart's may differ from the props'.
    add: (objectId, manifest: any) => void objects.set(objectId, new ApiObject(scope, objectId, {
      ...manifest, metadata: { ...manifest.metadata, namespace: model.namespace },
    })),
  }, model);
  return {
    model,
    statefulSet: objects.get('statefulset')!,
    service: objects.get('service')!,
    headlessService: objects.get('headless')!,
    info: {
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
    },
  };
}
