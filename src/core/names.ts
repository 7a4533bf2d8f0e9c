/**
 * Object names and labels, computed like the Helm chart's `openclaw.fullname` helpers
 * (63-character truncation, trailing dashes trimmed), but suffixed names are cut so that the
 * whole name stays within 63 characters (the Helm chart let `<fullname>-headless` overflow).
 */

/** The chart name, as in the Helm chart's Chart.yaml. */
export const CHART_NAME = 'openclaw';

/** Kubernetes' limit for object names that are DNS labels and for label values. */
export const MAX_NAME_LENGTH = 63;

/**
 * StatefulSet pods get the label `controller-revision-hash: <statefulset>-<10 chars>`, so a
 * StatefulSet name longer than 52 characters makes every pod creation fail.
 */
export const MAX_STATEFULSET_NAME_LENGTH = 52;

/** Helm refuses release names longer than 53 characters. */
export const MAX_RELEASE_NAME_LENGTH = 53;

export function truncateName(name: string, max = MAX_NAME_LENGTH): string {
  return name.slice(0, max).replace(/[-.]+$/, '');
}

/** `<base>-<suffix>`, cutting the base (never the suffix) to stay within 63 characters. */
export function suffixedName(base: string, suffix: string): string {
  return `${truncateName(base, MAX_NAME_LENGTH - suffix.length - 1)}-${suffix}`;
}

export function fullName(release: string, nameOverride?: string, fullnameOverride?: string): string {
  if (fullnameOverride) return truncateName(fullnameOverride);
  const name = nameOverride || CHART_NAME;
  return truncateName(release.includes(name) ? release : `${release}-${name}`);
}

/** A label value from any string: invalid characters become `_`, at most 63 characters. */
export function labelValue(text: string): string {
  return text.replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, MAX_NAME_LENGTH).replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
}

export interface ChartLabels {
  /** On every object. */
  readonly common: Record<string, string>;
  /** The pod selector (never changes across upgrades). */
  readonly selector: Record<string, string>;
}

export function chartLabels(release: string, name: string, version: string): ChartLabels {
  const selector = { 'app.kubernetes.io/name': name, 'app.kubernetes.io/instance': release };
  return {
    selector,
    common: {
      ...selector,
      'app.kubernetes.io/version': labelValue(version),
      'app.kubernetes.io/managed-by': 'cdk8s',
    },
  };
}
