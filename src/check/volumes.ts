/**
 * DATA_DIR, extraVolumes and extraVolumeMounts: names and mount paths that do not collide with the chart's.
 */
import { ProblemCollector } from '../core/errors';
import { DNS_LABEL } from '../core/patterns';
import { CHART_MOUNT_PATHS, PATHS, VOLUMES } from '../core/pod-layout';
import { OpenClawChartProps } from '../props';
import { BasicSettings } from '../props/settings';
import { normalizeMountPath } from './kubernetes-rules';

export function checkVolumes(props: OpenClawChartProps, s: BasicSettings, p: ProblemCollector): void {
  const dataDir = props.env?.DATA_DIR;
  if (dataDir !== undefined && !/^\/[^\0]*[^/]$/.test(dataDir.replace(/\/+$/, '') || '/')) p.add('env.DATA_DIR', 'must be an absolute directory path other than /', dataDir);
  else if (dataDir !== undefined && dataDir.endsWith('/')) p.add('env.DATA_DIR', 'must not end with "/"', dataDir);
  else if (dataDir !== undefined && [...CHART_MOUNT_PATHS, PATHS.appDir].includes(normalizeMountPath(dataDir))) {
    p.add('env.DATA_DIR', `is a path the chart already uses (${[...CHART_MOUNT_PATHS, PATHS.appDir].join(', ')})`, dataDir);
  }
  const reserved = Object.values(VOLUMES) as string[];
  // The chart volumes every pod has (gateway-config and replica-env are the chart's own, mounted by it).
  const volumeNames = new Set<string>([VOLUMES.data, VOLUMES.tmp, VOLUMES.cache, VOLUMES.local]);
  if (s.nodeModulesWritable) volumeNames.add(VOLUMES.nodeModules);
  if (s.configMapEnabled && Object.keys(props.configMap?.data ?? {}).length) volumeNames.add(VOLUMES.configFiles);
  const extraNames = new Map<string, number>();
  (props.extraVolumes ?? []).forEach((volume, i) => {
    // A name that is not a string is refused here with the same message (the DNS label test fails).
    const v = volume as { readonly name: string };
    if (!v.name || !DNS_LABEL.test(v.name) || v.name.length > 63) p.add(`extraVolumes[${i}].name`, 'must be a DNS label of at most 63 characters', v.name);
    else if (reserved.includes(v.name)) p.add(`extraVolumes[${i}].name`, `is already used by the chart (reserved: ${reserved.join(', ')})`, v.name);
    else if (extraNames.has(v.name)) p.add(`extraVolumes[${i}].name`, `duplicate volume name (already used by extraVolumes[${extraNames.get(v.name)}])`, v.name);
    else extraNames.set(v.name, i);
    volumeNames.add(v.name);
  });
  const mountPaths = new Map<string, string>([...CHART_MOUNT_PATHS, s.dataDir].map((m) => [normalizeMountPath(m), 'the chart']));
  (props.extraVolumeMounts ?? []).forEach((m, i) => {
    if (!volumeNames.has(m.name)) p.add(`extraVolumeMounts[${i}].name`, `must name a volume of the pod (${[...volumeNames].join(', ')})`, m.name);
    if (!m.mountPath?.startsWith('/')) p.add(`extraVolumeMounts[${i}].mountPath`, 'must be an absolute path', m.mountPath);
    else {
      // Compared as the kubelet sees them: "//tmp" and "/data/../tmp/" are "/tmp".
      const normal = normalizeMountPath(m.mountPath);
      const spelled = normal === m.mountPath ? '' : ` (${JSON.stringify(m.mountPath)} is ${JSON.stringify(normal)})`;
      if (mountPaths.has(normal)) p.add(`extraVolumeMounts[${i}].mountPath`, `is already a mount path${spelled} (used by ${mountPaths.get(normal)}): Kubernetes requires unique mount paths`, m.mountPath);
      else mountPaths.set(normal, `extraVolumeMounts[${i}]`);
    }
  });
}
