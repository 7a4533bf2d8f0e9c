import { ensureOpenClaw } from './install';
import { runPod } from './pod-runner';
import { loadManifests, editPod, REFERENCE_DIR } from './manifests';
(async () => {
  const install = ensureOpenClaw();
  const cfg = process.argv[2] === 'retired' ? '{"gateway":{"controlUi":{"allowInsecureAuth":true}}}' : '{"gateway":{"mode":"local"}}';
  const objs = editPod(loadManifests(`${REFERENCE_DIR}/01-default.k8s.yaml`), (pod, c) => {
    pod.initContainers = [{ name: 'seed', image: c.image, command: ['sh', '-c', `ls -ld /home/node/.openclaw; echo '${cfg}' > /home/node/.openclaw/openclaw.json`], volumeMounts: [{ name: 'data', mountPath: '/home/node/.openclaw', subPath: '.openclaw' }] }];
    c.volumeMounts = [{ name: 'data', mountPath: '/home/node/.openclaw', subPath: '.openclaw' }];
    c.env.push({ name: 'OPENCLAW_GATEWAY_TOKEN', value: 't' });
    c.startupProbe = { httpGet: { path: '/startupz', port: 'http' }, periodSeconds: 2, failureThreshold: 60 };
    delete c.readinessProbe; delete c.livenessProbe;
  });
  const r = await runPod(objs, { install, awaitExitOnFailureMs: 60000, authCheck: false });
  console.log(JSON.stringify({ init: r.initContainers, validate: r.validate?.status, probes: r.probes.map((p) => [p.kind, p.status, p.firstPassMs, p.lastError]), exit: r.main.exit, log: r.main.logTail.split('\n').slice(-6) }, null, 1));
})();
