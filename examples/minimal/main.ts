/**
 * The smallest deployment: every default, in the namespace `openclaw`.
 *
 *   npx cdk8s synth          # writes dist/openclaw.k8s.yaml
 *
 * One gateway replica with its state on a 10Gi PersistentVolumeClaim, a ClusterIP Service,
 * restricted security contexts and a pinned OpenClaw image. The gateway reads its token from the
 * Secret `openclaw-gateway-token` (key OPENCLAW_GATEWAY_TOKEN), which you create once:
 *
 *   kubectl create secret generic openclaw-gateway-token -n openclaw \
 *     --from-literal=OPENCLAW_GATEWAY_TOKEN="$(openssl rand -hex 32)"
 */
import { App } from 'cdk8s';
import { OpenClawChart } from 'openclaw-cdk8s';

const app = new App();
new OpenClawChart(app, 'openclaw', { namespace: 'openclaw' });
app.synth();
