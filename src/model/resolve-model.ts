/**
 * The one way to the model: props -> Model (src/model/model.ts), with a clear report for props of the
 * wrong shape. It sits above both the model and the values schema, so neither imports the other:
 * values/to-props.ts, the chart, renderObjects and the fleet all come here.
 */
import { OpenClawConfigError } from '../core/errors';
import { OpenClawChartProps } from '../props';
import { Checked, Model, resolveCheckedModel } from './model';
import { snapshot } from '../props/snapshot';
import { validateValues } from '../schema/validate-values';

/**
 * `checked`: the props already passed the checks (see resolveCheckedModel). The props are read
 * once, into a snapshot (src/props/snapshot.ts): the checks, the model and the builders see only that.
 * `defaultNamespace`: the namespace when the props name none (the enclosing Chart's, for OpenClaw).
 */
export function resolveModel(givenProps: OpenClawChartProps, defaultRelease: string, checked: Checked = false, defaultNamespace?: string): Model {
  // `{ tag: undefined }` means the default, exactly as if the key were absent: the snapshot drops it.
  const read = snapshot(givenProps, 'props');
  const props = read.namespace === undefined && defaultNamespace !== undefined ? { ...read, namespace: defaultNamespace } : read;
  try {
    return resolveCheckedModel(props, defaultRelease, checked);
  } catch (e) {
    // Props of the wrong shape from JavaScript (a null list entry, a string for a map) can break
    // the checks themselves: report what the values schema says about them instead of a TypeError.
    if (e instanceof OpenClawConfigError) throw e;
    const { namespace: _n, releaseName: _r, ...values } = props;
    const schemaProblems = validateValues(values);
    if (schemaProblems.length) throw new OpenClawConfigError(schemaProblems.map(({ path, message, ...rest }) => ('value' in rest ? { path, message, value: rest.value } : { path, message })));
    throw e;
  }
}
