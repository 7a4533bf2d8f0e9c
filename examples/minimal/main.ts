/**
 * The smallest deployment: every default, in the namespace `openclaw`.
 *
 *   npx cdk8s synth          # writes dist/openclaw.k8s.yaml
 *
 * One gateway replica with its state on a 10Gi PersistentVolumeClaim, a ClusterIP Service,
 * restricted security contexts and a pinned OpenClaw image. No Secret to create: the pod generates
 * its gateway token on first start (gateway.auth.token on its state volume); the notes printed by
 * `openclaw-cdk8s synth` show the `kubectl exec` command that reads it.
 */
import { App } from 'cdk8s';
import { OpenClawChart } from 'openclaw-cdk8s';

const app = new App();
new OpenClawChart(app, 'openclaw', { namespace: 'openclaw' });
app.synth();
