/**
 * `monitoring.*`: the resolved settings and their checks, and the Prometheus Operator objects they
 * render: a PrometheusRule with the release's alerts (src/build/monitoring-rules.ts) and, on request, a
 * ServiceMonitor for the gateway's own metrics (OpenClaw's diagnostics-prometheus plugin).
 */
import { checkLabels } from '../check/metadata';
import { ProblemCollector } from '../core/errors';
import { DATA_KEY, PROMETHEUS_DURATION, isDnsSubdomain } from '../core/patterns';
import { DEFAULTS, KubernetesJson, OpenClawChartProps } from '../props';

/** apiVersion and kind of the Prometheus Operator's objects (test/monitoring/crd-types.test.ts holds them to the imported CRD classes). */
export const PROMETHEUS_RULE_TYPE = { apiVersion: 'monitoring.coreos.com/v1', kind: 'PrometheusRule' } as const;
export const SERVICE_MONITOR_TYPE = { apiVersion: 'monitoring.coreos.com/v1', kind: 'ServiceMonitor' } as const;

/** The diagnostics-prometheus plugin's route (behind the gateway's operator auth). */
export const GATEWAY_METRICS_PATH = '/api/diagnostics/prometheus';


export interface ResolvedMonitoring {
  readonly prometheusRule?: {
    readonly labels: Record<string, string>;
    readonly claimFullPercent: number;
    readonly notReadyMinutes: number;
    readonly pausedHours: number;
  };
  readonly serviceMonitor?: {
    readonly labels: Record<string, string>;
    readonly interval: string;
    readonly tokenSecret: { readonly name: string; readonly key: string };
  };
}

/** Where the gateway finds its token, as the model's env and the chart's Secret say it. */
export interface GatewayTokenSources {
  readonly env: readonly KubernetesJson[];
  readonly chartSecret: { readonly name: string; readonly data: Record<string, string> };
  /** The chart's own labels: user labels may not replace them. */
  readonly chartLabels: Record<string, string>;
}

/** Problems of `monitoring.*` go to `p`; undefined when neither object is on. */
export function resolveMonitoring(props: OpenClawChartProps, sources: GatewayTokenSources, p: ProblemCollector): ResolvedMonitoring | undefined {
  const rule = props.monitoring?.prometheusRule ?? {};
  const monitor = props.monitoring?.serviceMonitor ?? {};
  const d = DEFAULTS.monitoring;
  const integer = (path: string, value: unknown, min: number, max: number, unit: string) => {
    if (!Number.isInteger(value) || (value as number) < min || (value as number) > max) p.add(path, `must be a whole number of ${unit} from ${min} to ${max}`, value);
  };
  const labels = (path: string, given: Record<string, string> | undefined) => {
    checkLabels(path, given, p);
    for (const key of Object.keys(given ?? {})) {
      if (key in sources.chartLabels) p.add(`${path}.${key}`, 'is a label the chart sets itself: choose another key', key);
    }
    return { ...given };
  };
  for (const [path, on] of [['monitoring.prometheusRule.enabled', rule.enabled], ['monitoring.serviceMonitor.enabled', monitor.enabled]] as const) {
    if (on !== undefined && typeof on !== 'boolean') p.add(path, 'must be true or false', on);
  }
  const claimFullPercent = rule.claimFullPercent ?? d.prometheusRule.claimFullPercent;
  integer('monitoring.prometheusRule.claimFullPercent', claimFullPercent, 1, 99, 'percent');
  const notReadyMinutes = rule.notReadyMinutes ?? d.prometheusRule.notReadyMinutes;
  integer('monitoring.prometheusRule.notReadyMinutes', notReadyMinutes, 1, 10080, 'minutes');
  const pausedHours = rule.pausedHours ?? d.prometheusRule.pausedHours;
  integer('monitoring.prometheusRule.pausedHours', pausedHours, 1, 8760, 'hours');
  const ruleLabels = labels('monitoring.prometheusRule.labels', rule.labels);
  const monitorLabels = labels('monitoring.serviceMonitor.labels', monitor.labels);
  const interval = monitor.interval ?? d.serviceMonitor.interval;
  if (typeof interval !== 'string' || !PROMETHEUS_DURATION.test(interval)) {
    p.add('monitoring.serviceMonitor.interval', 'must be a Prometheus duration such as 30s, 1m or 1m30s', interval);
  }
  const given = monitor.tokenSecret;
  if (given !== undefined) {
    if (!isDnsSubdomain(given?.name)) p.add('monitoring.serviceMonitor.tokenSecret.name', 'must be the name of a Secret (a DNS subdomain)', given?.name);
    if (typeof given?.key !== 'string' || !DATA_KEY.test(given.key)) p.add('monitoring.serviceMonitor.tokenSecret.key', 'must be a Secret key (letters, digits, "-", "_", ".")', given?.key);
  }
  const tokenSecret = given ?? gatewayTokenSecret(sources);
  if (monitor.enabled && !tokenSecret) {
    p.add('monitoring.serviceMonitor.tokenSecret', 'is needed: the metrics route needs the gateway token, and no Secret key provides OPENCLAW_GATEWAY_TOKEN '
      + '(each pod generates its own, or it comes from a whole Secret through envFromSecret). Set gateway.tokenSecret or existingSecret, or name the Secret key here');
  }
  const ruleOn = rule.enabled ?? d.prometheusRule.enabled;
  const monitorOn = (monitor.enabled ?? d.serviceMonitor.enabled) && tokenSecret !== undefined;
  if (!ruleOn && !monitorOn) return undefined;
  return {
    ...(ruleOn ? { prometheusRule: { labels: ruleLabels, claimFullPercent, notReadyMinutes, pausedHours } } : {}),
    ...(monitorOn ? { serviceMonitor: { labels: monitorLabels, interval, tokenSecret: tokenSecret! } } : {}),
  };
}

/** The Secret key the gateway reads OPENCLAW_GATEWAY_TOKEN from, if one does. */
function gatewayTokenSecret(s: GatewayTokenSources): { name: string; key: string } | undefined {
  const ref = (s.env.find((e) => e.name === 'OPENCLAW_GATEWAY_TOKEN')?.valueFrom as any)?.secretKeyRef;
  if (ref?.name && ref?.key) return { name: ref.name, key: ref.key };
  if ('OPENCLAW_GATEWAY_TOKEN' in s.chartSecret.data) return { name: s.chartSecret.name, key: 'OPENCLAW_GATEWAY_TOKEN' };
  return undefined;
}
