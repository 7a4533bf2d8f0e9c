/**
 * The builders in chart order, writing to any sink: the construct tree (OpenClawChart) or plain
 * JSON (renderObjects, for fleets of thousands of tenants).
 */
import { addAccess } from './access';
import { addConfig } from './config';
import { ConfigProblem, ProblemCollector } from '../core/errors';
import { JsonSink, ManifestSink } from '../output/manifest-sink';
import { addNetwork } from './network';
import { OpenClawChartProps } from '../props';
import { resolveModel } from '../model/resolve-model';
import { addMonitoring } from './monitoring';
import { Model } from '../model/model';
import { addWorkload } from './workload';
import { KNOWN_FIELDS_VERSION, unknownFieldsOfObject } from '../manifest-check/known-fields';
import { YamlSink } from '../output/yaml-sink';

export function buildObjects(sink: ManifestSink, model: Model): void {
  // Every object of every render path is held to its kind's fields before any reaches the sink.
  const made: Array<[string, Record<string, any>]> = [];
  const collect: ManifestSink = { add: (id, manifest) => void made.push([id, manifest]) };
  addAccess(collect, model);
  const podAnnotations = addConfig(collect, model);
  addNetwork(collect, model);
  addWorkload(collect, model, podAnnotations);
  addMonitoring(collect, model);
  const problems = new ProblemCollector();
  for (const [, manifest] of made) {
    for (const f of unknownFieldsOfObject(manifest)) {
      problems.add(`${manifest.kind} ${manifest.metadata?.name}: ${f.path}`, `is not a Kubernetes field here (${f.type}, Kubernetes ${KNOWN_FIELDS_VERSION}): nothing is rendered`);
    }
  }
  problems.throwIfAny();
  for (const [id, manifest] of made) sink.add(id, manifest);
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

/** @internal The objects of a model already resolved (the CLI's values path checked and resolved it once). */
export function renderModel(model: Model): { readonly objects: any[]; readonly warnings: readonly ConfigProblem[] } {
  const sink = new JsonSink(model.namespace);
  buildObjects(sink, model);
  return { objects: sink.objects, warnings: model.warnings };
}

function release<S extends ManifestSink>(props: OpenClawChartProps, id: string, checked: boolean, sinkFor: (namespace: string) => S): { sink: S; warnings: readonly ConfigProblem[] } {
  const model = resolveModel(props, id, checked);
  const sink = sinkFor(model.namespace);
  buildObjects(sink, model);
  return { sink, warnings: model.warnings };
}
