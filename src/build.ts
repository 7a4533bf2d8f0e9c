/**
 * The builders in chart order, writing to any sink: the construct tree (OpenClawChart) or plain
 * JSON (renderObjects, for fleets of thousands of tenants).
 */
import { addAccess } from './access';
import { addConfig } from './config';
import { ConfigProblem } from './errors';
import { JsonSink, ManifestSink } from './manifest-sink';
import { addNetwork } from './network';
import { OpenClawChartProps } from './props';
import { resolveModel } from './model';
import { Model } from './resolve';
import { addWorkload } from './workload';
import { YamlSink } from './yaml-sink';

export function buildObjects(sink: ManifestSink, model: Model): void {
  addAccess(sink, model);
  const podAnnotations = addConfig(sink, model);
  addNetwork(sink, model);
  addWorkload(sink, model, podAnnotations);
}

/**
 * The objects `Testing.synth(new OpenClawChart(app, id, props))` gives, without building a cdk8s
 * construct tree: the same JSON, several times faster, so the cost of a fleet grows linearly.
 * Throws OpenClawConfigError for bad props, as the chart does.
 */
export function renderObjects(props: OpenClawChartProps, id: string): any[] {
  return renderRelease(props, id).objects;
}

/**
 * @internal renderObjects with the warnings the props raised (the CLI says them, `--strict` refuses
 * them). `checked`: the props already passed the checks (the fleet's first pass): no warnings then.
 */
export function renderRelease(props: OpenClawChartProps, id: string, checked = false): { readonly objects: any[]; readonly warnings: readonly ConfigProblem[] } {
  const { sink, warnings } = release(props, id, checked, (namespace) => new JsonSink(namespace));
  return { objects: sink.objects, warnings };
}

/**
 * @internal renderRelease's manifest as YAML (`toManifestYaml` of its objects), written as the
 * builders go, without the objects: what a fleet writes to disk.
 */
export function renderReleaseYaml(props: OpenClawChartProps, id: string, checked = false): { readonly text: string; readonly objects: number; readonly warnings: readonly ConfigProblem[] } {
  const { sink, warnings } = release(props, id, checked, (namespace) => new YamlSink(namespace));
  return { text: sink.text, objects: sink.count, warnings };
}

function release<S extends ManifestSink>(props: OpenClawChartProps, id: string, checked: boolean, sinkFor: (namespace: string) => S): { sink: S; warnings: readonly ConfigProblem[] } {
  const model = resolveModel(props, id, checked);
  const sink = sinkFor(model.namespace);
  buildObjects(sink, model);
  return { sink, warnings: model.warnings };
}
