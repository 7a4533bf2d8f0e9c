/**
 * Sidecars: app containers after the first (e.g. the chart's `backup` container). The kubelet
 * starts every app container of a pod together; here each sidecar starts right after the main
 * container, in its own rootfs with its own user, env and mounts (the pod's volumes are shared),
 * logs to `logs/sidecar-<name>.log`, and goes with the pod's PID namespace at teardown.
 */
import * as path from 'path';
import type { EnvContext } from './pod-env';
import { q } from './pod-process';
import { ContainerPlan, execLine, HostPaths, mountScript, planContainer } from './pod-sandbox';
import type { PreparedVolume } from './pod-volumes';

/** Plans of the pod's app containers after the first. */
export function planSidecars(ctx: EnvContext, serviceEnv: Record<string, string>, work: string): ContainerPlan[] {
  return (ctx.pod.spec.containers ?? []).slice(1).map((c: any) => planContainer(ctx, 'sidecar', c, serviceEnv, work));
}

export function sidecarLogFile(logs: string, name: string): string {
  return path.join(logs, `sidecar-${name}.log`);
}

/** Pod-script lines that mount and start each sidecar in the background (`@@E2E sidecar-start <name>`). */
export function sidecarStartLines(plans: readonly ContainerPlan[], vols: Map<string, PreparedVolume>, host: HostPaths, work: string, logs: string): string[] {
  return plans.flatMap((p) => [
    ...mountScript(p, vols, host, work),
    `mark sidecar-start ${q(p.name)}`,
    `${execLine(p)} </dev/null >${q(sidecarLogFile(logs, p.name))} 2>&1 &`,
  ]);
}
