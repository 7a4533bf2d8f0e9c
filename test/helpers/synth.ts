import { Testing } from 'cdk8s';
import { OpenClawChart, OpenClawChartProps, OpenClawConfigError } from '../../src';

export interface SynthOptions {
  readonly release?: string;
  readonly namespace?: string;
}

/** The chart's objects as plain JSON, like `cdk8s synth` writes them. */
export function synthObjects(props: OpenClawChartProps = {}, opts: SynthOptions = {}): any[] {
  return Testing.synth(synthChart(props, opts));
}

/** The chart itself (in an App of its own), e.g. for renderNotes, which describes it from its model. */
export function synthChart(props: OpenClawChartProps = {}, opts: SynthOptions = {}): OpenClawChart {
  return new OpenClawChart(Testing.app(), opts.release ?? 'my-openclaw', { namespace: opts.namespace ?? 'openclaw', ...props });
}

export function findObject(objects: any[], kind: string, name?: string): any {
  const found = objects.filter((o) => o.kind === kind && (name === undefined || o.metadata.name === name));
  if (found.length !== 1) throw new Error(`expected one ${kind}${name ? ` named ${name}` : ''}, found ${found.length}`);
  return found[0];
}

export function podSpecOf(objects: any[]): any {
  return findObject(objects, 'StatefulSet').spec.template.spec;
}

export function mainContainer(objects: any[]): any {
  return podSpecOf(objects).containers.find((c: any) => c.name === 'openclaw');
}

/** The main container's env as name -> value or valueFrom. */
export function envOf(objects: any[]): Record<string, any> {
  return Object.fromEntries(mainContainer(objects).env.map((e: any) => [e.name, e.value ?? e.valueFrom]));
}

/** The message of the OpenClawConfigError that synthesizing `props` throws (fails the test if it does not). */
export function synthError(props: OpenClawChartProps): string {
  try {
    synthObjects(props);
  } catch (e) {
    expect(e).toBeInstanceOf(OpenClawConfigError);
    return (e as Error).message;
  }
  throw new Error('expected an OpenClawConfigError');
}

/** The `path: message` lines of the OpenClawConfigError that `f` throws (fails when it throws none). */
export function problemLines(f: () => unknown): string[] {
  try {
    f();
  } catch (e) {
    if (e instanceof OpenClawConfigError) return e.problems.map((p) => `${p.path}: ${p.message}`);
    throw e;
  }
  throw new Error('no error');
}
