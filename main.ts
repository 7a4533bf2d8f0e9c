// `cdk8s synth` in the repository root: the default deployment, written to dist/.
import { App } from 'cdk8s';
import { OpenClawChart } from './src';

const app = new App();
new OpenClawChart(app, 'openclaw');
app.synth();
