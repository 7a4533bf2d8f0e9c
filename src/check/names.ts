/**
 * Names (release, overrides, namespace, the names they give) and the image: checks on the props.
 */
import { ProblemCollector } from '../core/errors';
import { DNS_LABEL, IMAGE_REPOSITORY, IMAGE_TAG } from '../core/patterns';
import { PULL_POLICIES, isOneOf } from '../props/enumerations';
import { MAX_RELEASE_NAME_LENGTH, MAX_STATEFULSET_NAME_LENGTH, fullName } from '../core/names';
import { OpenClawChartProps } from '../props';
import { BasicSettings } from '../props/settings';
import { ALLOW_INSECURE_AUTH_RETIRED_IN, LAST_RELEASES_WITH_INSECURE_AUTH, TERMINAL_CONFIG_SINCE, imageFeatures, releaseLine } from '../core/versions';

export function checkNames(props: OpenClawChartProps, p: ProblemCollector): void {
  const release = props.releaseName;
  if (release !== undefined) {
    if (!DNS_LABEL.test(release)) p.add('releaseName', 'must be a DNS label: lower case letters, digits and "-", starting and ending with a letter or digit', release);
    else if (release.length > MAX_RELEASE_NAME_LENGTH) {
      p.add('releaseName', `must be at most ${MAX_RELEASE_NAME_LENGTH} characters (as Helm requires): longer names are truncated and two releases could collide on the same object names`, release);
    }
  }
  for (const key of ['nameOverride', 'fullnameOverride'] as const) {
    const v = props[key];
    if (v && !DNS_LABEL.test(v)) p.add(key, 'must be a DNS label: lower case letters, digits and "-", starting and ending with a letter or digit', v);
  }
  if (props.nameOverride && props.nameOverride.length > 63) p.add('nameOverride', 'must be at most 63 characters (it is the app.kubernetes.io/name label value)', props.nameOverride);
  if (props.namespace !== undefined && !(DNS_LABEL.test(props.namespace) && props.namespace.length <= 63)) {
    p.add('namespace', 'must be a DNS label of at most 63 characters', props.namespace);
  }
  const full = fullName(release ?? 'openclaw', props.nameOverride, props.fullnameOverride);
  if (full.length > MAX_STATEFULSET_NAME_LENGTH) {
    p.add(props.fullnameOverride ? 'fullnameOverride' : 'releaseName',
      `gives the StatefulSet name "${full}" (${full.length} characters); at most ${MAX_STATEFULSET_NAME_LENGTH} are allowed, because Kubernetes adds a revision hash to it in a 63-character pod label`);
  }
  if (/^[0-9]/.test(full)) {
    p.add(props.fullnameOverride ? 'fullnameOverride' : 'releaseName',
      `gives the Service name "${full}", which must start with a letter (Service names are DNS-1035 labels)`, props.fullnameOverride || release);
  }
}

export function checkImage(props: OpenClawChartProps, s: BasicSettings, p: ProblemCollector): void {
  const { repository, tag, pullPolicy } = props.image ?? {};
  if (repository !== undefined && !IMAGE_REPOSITORY.test(repository)) {
    p.add('image.repository', 'must be an image repository such as ghcr.io/openclaw/openclaw (lower case, no tag)', repository);
  }
  if (tag !== undefined && !IMAGE_TAG.test(tag)) p.add('image.tag', 'must be an image tag (letters, digits, "_", "." and "-", at most 128)', tag);
  if (pullPolicy !== undefined && !isOneOf(PULL_POLICIES, pullPolicy)) {
    p.add('image.pullPolicy', `must be one of ${PULL_POLICIES.join(', ')}`, pullPolicy);
  }
  const initImage = props.gateway?.initImage;
  if (initImage !== undefined && !/^\S+$/.test(initImage)) p.add('gateway.initImage', 'must be an image reference without spaces', initImage);
  const features = imageFeatures(s.tag);
  // The Helm chart's own values.yaml sets it (with tag latest): dropped with a warning, so those files keep rendering.
  if (props.gateway?.controlUi?.allowInsecureAuth === true && !features.allowInsecureAuth) {
    p.warn('gateway.controlUi.allowInsecureAuth',
      `dropped: OpenClaw retired it in ${ALLOW_INSECURE_AUTH_RETIRED_IN} (${LAST_RELEASES_WITH_INSECURE_AUTH} still accept it), and image tag "${s.tag}" rejects it in config validation and strips it at startup, so it would do nothing. Remove it, or pin image.tag to one of those releases`);
  }
  if (props.gateway?.terminal?.enabled !== undefined && !features.terminalConfig) {
    p.warn('gateway.terminal.enabled',
      `not written: image tag "${s.tag}" is older than the ${releaseLine(TERMINAL_CONFIG_SINCE)} line, whose openclaw.json is known to have gateway.terminal; the operator terminal keeps OpenClaw's default there`);
  }
}
