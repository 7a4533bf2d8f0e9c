/**
 * The V8 heap cap of the gateway's Node process. Without one Node sizes its old space from the
 * machine, not from the container's memory limit, so the kernel OOM-kills the pod before V8 collects
 * garbage (openclaw/openclaw #45160, #96828). The official manifest sets 1536 MiB under a 2Gi limit:
 * three quarters, leaving room for the young generation, code, buffers and child processes.
 */
import { quantityBytes } from '../core/quantity';
import { KubernetesJson, OpenClawChartProps } from '../props';

export const HEAP_SHARE_OF_MEMORY_LIMIT = 0.75;

/** The memory limit in whole MiB, or undefined when there is none. */
export function memoryLimitMiB(limits: KubernetesJson | undefined): number | undefined {
  const limit = limits?.memory;
  if (limit === undefined || limit === null || limit === '') return undefined;
  const bytes = quantityBytes(limit as string | number);
  return Number.isFinite(bytes) ? Math.floor(bytes / 2 ** 20) : undefined;
}

/** Where the user sets NODE_OPTIONS themselves (then the chart sets none). */
export function userNodeOptions(props: OpenClawChartProps): boolean {
  return props.env?.NODE_OPTIONS !== undefined
    || (props.extraEnv ?? []).some((e) => e.name === 'NODE_OPTIONS')
    || (!!props.secret?.enabled && props.secret.data?.NODE_OPTIONS !== undefined);
}

/** The cap in MiB the chart sets, or undefined for none. */
export function heapLimitMiB(props: OpenClawChartProps, limits: KubernetesJson | undefined): number | undefined {
  if (userNodeOptions(props)) return undefined;
  if (props.maxOldSpaceSizeMiB !== undefined) return props.maxOldSpaceSizeMiB > 0 ? props.maxOldSpaceSizeMiB : undefined;
  const limit = memoryLimitMiB(limits);
  if (limit === undefined) return undefined;
  const cap = Math.floor(limit * HEAP_SHARE_OF_MEMORY_LIMIT);
  return cap > 0 ? cap : undefined;
}
