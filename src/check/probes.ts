/**
 * Liveness, readiness and startup probes: timings the API server accepts, and the gateway port.
 */
import { ProblemCollector } from '../core/errors';
import { INT32_MAX } from '../core/patterns';
import { OpenClawChartProps, ProbeProps } from '../props';
import { BasicSettings } from '../props/settings';

export function checkProbes(props: OpenClawChartProps, s: BasicSettings, p: ProblemCollector): void {
  const port = s.port;
  const probes: Array<[string, ProbeProps | undefined]> = [
    ['livenessProbe', props.livenessProbe], ['readinessProbe', props.readinessProbe], ['startupProbe', props.startupProbe]];
  for (const [name, probe] of probes) {
    if (!probe) continue;
    for (const key of ['initialDelaySeconds', 'periodSeconds', 'timeoutSeconds', 'failureThreshold', 'successThreshold'] as const) {
      const v = probe[key];
      const min = key === 'initialDelaySeconds' ? 0 : 1;
      if (v !== undefined && !(Number.isInteger(v) && v >= min)) p.add(`${name}.${key}`, `must be an integer of at least ${min}`, v);
      else if (v !== undefined && v > INT32_MAX) p.add(`${name}.${key}`, `must be at most ${INT32_MAX}`, v);
    }
    if (probe.successThreshold !== undefined && probe.successThreshold !== 1 && name !== 'readinessProbe') {
      p.add(`${name}.successThreshold`, 'must be 1 for liveness and startup probes (the API server rejects other values)', probe.successThreshold);
    }
    if (probe.tcpSocket && probe.httpGet) p.add(name, 'set tcpSocket or httpGet, not both', probe);
    for (const check of ['tcpSocket', 'httpGet'] as const) {
      const probePort = probe[check]?.port;
      if (probePort !== undefined && probePort !== port && probePort !== 'http') {
        p.add(`${name}.${check}.port`, `must be the gateway port ${port} (or "http"): the probe checks the gateway`, probePort);
      }
    }
    const path = probe.httpGet?.path;
    if (path !== undefined && !path.startsWith('/')) p.add(`${name}.httpGet.path`, 'must start with "/"', path);
  }
}
