/**
 * What renderNotes is given, and what it takes from it: the manifests (for the list of objects and
 * the routes, Secrets and StatefulSets among them) and the models of the OpenClaw constructs that
 * made them (for everything said about a gateway).
 */
import type { Model } from '../model/model';

/**
 * Something with the shape of a cdk8s Chart (has `toJson()`), e.g. an OpenClawChart.
 * TypeScript only, as renderNotes.
 * @jsii ignore
 */
export interface ChartLike {
  toJson(): any[];
}

/**
 * Something with the shape of a cdk8s App (has `charts`). TypeScript only, as renderNotes.
 * @jsii ignore
 */
export interface AppLike {
  readonly charts: readonly ChartLike[];
}

/** What `renderNotes` describes: the manifests themselves, or the chart or app that makes them. */
export type NotesSource = readonly object[] | ChartLike | AppLike;

/** The manifests of a source, as plain JSON. */
export function manifestsOf(source: NotesSource): any[] {
  if (Array.isArray(source)) return [...source];
  if (typeof (source as ChartLike).toJson === 'function') return (source as ChartLike).toJson();
  if (Array.isArray((source as AppLike).charts)) return (source as AppLike).charts.flatMap((c) => c.toJson());
  throw new TypeError('renderNotes: expected a list of manifests, a cdk8s Chart or a cdk8s App');
}

/**
 * @internal The models of the OpenClaw and OpenClawChart constructs of a source, each once: every
 * construct of a Chart's tree (an OpenClaw inside a user's Chart, or the OpenClawChart itself)
 * that holds a `_model`. A list of manifests has none: it carries no model.
 */
export function modelsOf(source: NotesSource): Model[] {
  if (Array.isArray(source)) return [];
  const charts: readonly ChartLike[] = typeof (source as ChartLike).toJson === 'function' ? [source as ChartLike] : (source as AppLike).charts ?? [];
  const models = new Set<Model>();
  for (const chart of charts) {
    const node = (chart as { node?: { findAll?: () => readonly unknown[] } }).node;
    const constructs = typeof node?.findAll === 'function' ? node.findAll() : [chart];
    for (const c of constructs) {
      const model = (c as { _model?: unknown })._model;
      if (isModel(model)) models.add(model);
    }
  }
  return [...models];
}

/**
 * @internal A ChartLike for objects rendered without a construct tree (renderModel), carrying the
 * model they came from: what the CLI hands to the Helm export so that its NOTES.txt is the full one.
 */
export function renderedFrom(model: Model, objects: readonly object[]): ChartLike & { readonly _model: Model } {
  return { toJson: () => [...objects], _model: model };
}

function isModel(m: unknown): m is Model {
  return typeof m === 'object' && m !== null && typeof (m as Model).names?.statefulSet === 'string' && Array.isArray((m as Model).env);
}
