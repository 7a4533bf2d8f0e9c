/**
 * Pod start-up with the real OpenClaw: the rendered pod run by the e2e pod runner (init containers,
 * then the gateway and its probes), once per variant, one JSON line per run on stdout.
 *
 *   npx ts-node --transpile-only bench/pod-start.ts [runs] [label]    # as root (the runner needs namespaces)
 *
 * A run's figures: `initPhaseMs` (pod ready to the last init container's exit), `listenMs` (main
 * container start to the gateway accepting TCP), the startup and readiness probes' first pass
 * (from main container start; the startup probe runs every 5 s, so it moves in 5 s steps), and
 * `startMs` = initPhaseMs + listenMs, the figure that is not quantized by probe periods. Images
 * are not pulled by the runner: the number of distinct images is reported instead. The runner's own
 * `openclaw config validate` between the init containers and the gateway is excluded.
 */
import * as os from 'os';
import { OpenClawChartProps } from '../src';
import { synthObjects } from '../test/helpers/synth';
import { ensureOpenClaw } from '../test/e2e/harness/install';
import { runPod } from '../test/e2e/harness/pod-runner';

const VARIANTS: Record<string, OpenClawChartProps> = {
  // The default install: the pod generates its token, nothing else managed.
  default: {},
  // Managed openclaw.json settings (a model and a channel) and a generated token.
  managed: { agentModel: 'anthropic/claude-sonnet-4-6', gateway: { channels: { telegram: { enabled: false, allowFrom: ['123456789'] } } } },
};

async function main(): Promise<void> {
  const runs = Number(process.argv[2] ?? 1);
  const label = process.argv[3] ?? 'run';
  const install = ensureOpenClaw();
  for (let i = 0; i < runs; i++) {
    for (const [variant, props] of Object.entries(VARIANTS)) {
      const objects = synthObjects(props, { namespace: 'openclaw' });
      const spec = objects.find((o) => o.kind === 'StatefulSet').spec.template.spec;
      const images = new Set([...spec.initContainers, ...spec.containers].map((c: any) => c.image));
      const load = os.loadavg()[0];
      const r = await runPod(objects, { install, namespace: 'openclaw', authCheck: false, timeoutMs: 400000 });
      const probe = (kind: string) => r.probes.find((p) => p.kind === kind)?.firstPassMs;
      process.stdout.write(JSON.stringify({
        label, variant, ok: r.ok, podError: r.podError?.slice(0, 300), load1: Number(load.toFixed(2)),
        images: images.size, inits: r.initContainers.map((c) => [c.name, c.exitCode, c.durationMs]),
        initPhaseMs: r.initPhaseMs, listenMs: r.main.listenMs, startupMs: probe('startup'), readinessMs: probe('readiness'),
        startMs: r.initPhaseMs !== undefined && r.main.listenMs !== undefined ? r.initPhaseMs + r.main.listenMs : undefined,
      }) + '\n');
    }
  }
}

main().catch((e) => {
  process.stderr.write(`${e?.stack ?? e}\n`);
  process.exit(1);
});
