/** Where the tests' data lives (test/fixtures/README.md says what each file is). The one owner of these paths. */
import * as path from 'path';

/** The Helm chart's README examples, its renders of them and its values files. */
export const REFERENCE_DIR = path.resolve(__dirname, '../fixtures/reference');
/** Helm values files, one per README example. */
export const SCENARIOS_DIR = path.join(REFERENCE_DIR, 'scenarios');
/** `helm template` of each scenario with the Helm chart 0.1.0. */
export const RENDERED_DIR = path.join(REFERENCE_DIR, 'rendered-by-reference-chart');
/** The Helm chart's values.yaml (chart 0.1.0) and its later version. */
export const REFERENCE_VALUES = path.join(REFERENCE_DIR, 'reference-values.yaml');
export const NEWEST_VALUES = path.join(REFERENCE_DIR, 'reference-values.newest.yaml');
export const REFERENCE_VALUES_SCHEMA = path.join(REFERENCE_DIR, 'reference-values.schema.json');
/** What `openclaw-cdk8s synth --quiet -f scenarios/X.yaml --release my-openclaw -n openclaw` renders, byte for byte (scripts/scenario-renders.ts writes them). */
export const RENDERS_DIR = path.resolve(__dirname, '../fixtures/renders');
