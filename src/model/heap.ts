/**
 * The V8 heap cap of the gateway's Node process. Without one Node sizes its old space from the
 * machine, not from the container's memory limit, so the kernel OOM-kills the pod before V8 collects
 * garbage (openclaw/openclaw #45160, #96828). The official manifest sets 1536 MiB under a 2Gi limit:
 * three quarters, leaving room for the young generation, code, buffers and child processes.
 */
import { KubernetesJson, OpenClawChartProps } from '../props';

export const HEAP_SHARE_OF_MEMORY_LIMIT = 0.75;

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

/** Bytes of a Kubernetes quantity (already checked against QUANTITY), e.g. `2Gi`, `512M`, `1e9`. */
export function quantityBytes(q: string | number): number {
  if (typeof q === 'number') return q;
  const m = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(.*)$/.exec(q.trim());
  if (!m) return NaN;
  const n = Number(m[1]);
  const suffix = m[2];
  if (suffix in BINARY) return n * BINARY[suffix];
  if (suffix in DECIMAL) return n * DECIMAL[suffix];
  if (/^[eE][+-]?\d+$/.test(suffix)) return Number(`${m[1]}${suffix}`);
  return NaN;
}

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
