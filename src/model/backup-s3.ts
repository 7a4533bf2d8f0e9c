/**
 * Off-site backups (`backup.s3`) and restoring from them (`backup.restoreFrom`): the resolved
 * settings and their checks, and the NetworkPolicy egress rule to the endpoint. The containers that
 * use them are in src/build/backup-s3.ts.
 */
import { ProblemCollector } from '../core/errors';
import { ipFamily } from '../core/cidr';
import { isDnsSubdomain } from '../core/patterns';
import { DEFAULTS, KubernetesJson, OpenClawChartProps } from '../props';

export interface ResolvedBackupS3 {
  readonly endpoint: string;
  readonly bucket: string;
  readonly prefix: string;
  readonly region: string;
  readonly pathStyle: boolean;
  readonly keep: number;
  readonly host: string;
  readonly port: number;
  readonly secret?: { readonly name: string; readonly idKey: string; readonly secretKey: string };
}

/** `latest`, or `key:<object key>`: what restore-state records on the claim once done. */
export interface ResolvedRestore {
  readonly source: string;
  readonly overwrite: boolean;
}

const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const REGION = /^[a-z0-9][a-z0-9-]{0,31}$/;
const DATA_KEY = /^[-._a-zA-Z0-9]{1,253}$/;
// Printable, no backslash or control characters: keys are signed byte for byte.
const KEY_TEXT = /^[\x20-\x5b\x5d-\x7e]*$/;

/** Problems of `backup.s3` go to `p`; undefined when it is not set. */
export function resolveBackupS3(props: OpenClawChartProps, p: ProblemCollector): ResolvedBackupS3 | undefined {
  const s = props.backup?.s3;
  if (s === undefined) return undefined;
  if (typeof s !== 'object' || s === null) {
    p.add('backup.s3', 'must be an object with endpoint and bucket', s);
    return undefined;
  }
  let host = '';
  let port = 0;
  let url: URL | undefined;
  try {
    url = typeof s.endpoint === 'string' ? new URL(s.endpoint) : undefined;
  } catch {
    url = undefined;
  }
  if (url && (url.username || url.password)) {
    // Never echo it: the user part may be a credential.
    p.add('backup.s3.endpoint', 'must not carry credentials (user:password@): put them in the Secret named by backup.s3.credentialsSecret');
  } else if (!url || !/^https?:$/.test(url.protocol) || (url.pathname !== '/' && url.pathname !== '') || url.search || url.hash || !s.endpoint.startsWith(`${url.protocol}//`)) {
    p.add('backup.s3.endpoint', 'must be an http:// or https:// URL with a host and an optional port, and no path, query or fragment, such as https://s3.eu-west-1.amazonaws.com', s.endpoint);
  } else {
    host = url.hostname.replace(/^\[|\]$/g, '');
    port = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
  }
  if (typeof s.bucket !== 'string' || !BUCKET.test(s.bucket) || /\.\.|^\d+\.\d+\.\d+\.\d+$/.test(s.bucket)) {
    p.add('backup.s3.bucket', 'must be an S3 bucket name: 3 to 63 lower-case letters, digits, dots and hyphens, starting and ending with a letter or digit', s.bucket);
  }
  const prefix = s.prefix ?? '';
  if (typeof prefix !== 'string' || prefix.startsWith('/') || (prefix !== '' && !prefix.endsWith('/')) || prefix.length > 512 || !KEY_TEXT.test(prefix)) {
    p.add('backup.s3.prefix', "must be '' or a key prefix ending in '/' (not starting with '/', printable characters, at most 512), such as 'openclaw/prod/'", prefix);
  }
  const region = s.region ?? 'us-east-1';
  if (typeof region !== 'string' || !REGION.test(region)) p.add('backup.s3.region', 'must be a region name such as us-east-1 (lower-case letters, digits, hyphens)', region);
  const pathStyle = s.forcePathStyle ?? true;
  if (typeof pathStyle !== 'boolean') p.add('backup.s3.forcePathStyle', 'must be true or false', pathStyle);
  else if (!pathStyle && host && ipFamily(host)) p.add('backup.s3.forcePathStyle', 'must be true when the endpoint is an IP address (a bucket cannot be part of an address)', pathStyle);
  const keep = s.keep ?? props.backup?.keep ?? DEFAULTS.backup.keep;
  if (!Number.isInteger(keep) || keep < 1 || keep > 1000) p.add('backup.s3.keep', 'must be an integer from 1 to 1000', keep);
  const c = s.credentialsSecret;
  let secret: ResolvedBackupS3['secret'];
  if (c !== undefined) {
    if (typeof c !== 'object' || c === null) p.add('backup.s3.credentialsSecret', 'must be an object with the name of an existing Secret', c);
    else {
      if (!isDnsSubdomain(c.name)) p.add('backup.s3.credentialsSecret.name', 'must be the name of an existing Secret (a DNS subdomain, lower case)', c.name);
      const idKey = c.accessKeyIdKey ?? 'AWS_ACCESS_KEY_ID';
      const secretKey = c.secretAccessKeyKey ?? 'AWS_SECRET_ACCESS_KEY';
      if (typeof idKey !== 'string' || !DATA_KEY.test(idKey)) p.add('backup.s3.credentialsSecret.accessKeyIdKey', 'must be a Secret data key (letters, digits, -, _ and .)', idKey);
      if (typeof secretKey !== 'string' || !DATA_KEY.test(secretKey)) p.add('backup.s3.credentialsSecret.secretAccessKeyKey', 'must be a Secret data key (letters, digits, -, _ and .)', secretKey);
      secret = { name: c.name, idKey, secretKey };
    }
  }
  return { endpoint: String(s.endpoint).replace(/\/$/, ''), bucket: s.bucket, prefix, region, pathStyle: pathStyle === true, keep, host, port, secret };
}

/** Problems of `backup.restoreFrom` go to `p`; undefined when it is not set. */
export function resolveRestore(props: OpenClawChartProps, s3: ResolvedBackupS3 | undefined, p: ProblemCollector): ResolvedRestore | undefined {
  const r = props.backup?.restoreFrom;
  if (r === undefined) return undefined;
  if (typeof r !== 'object' || r === null || typeof r.s3 !== 'object' || r.s3 === null) {
    p.add('backup.restoreFrom', 'must be { s3: { key: <object key> } } or { s3: { latest: true } }', r);
    return undefined;
  }
  if (!props.backup?.s3) p.add('backup.restoreFrom', 'needs backup.s3: the bucket to restore from');
  const overwrite = r.overwrite ?? false;
  if (typeof overwrite !== 'boolean') p.add('backup.restoreFrom.overwrite', 'must be true or false', overwrite);
  const { key, latest } = r.s3;
  if (latest !== undefined && typeof latest !== 'boolean') p.add('backup.restoreFrom.s3.latest', 'must be true or false', latest);
  if (key !== undefined && latest) {
    p.add('backup.restoreFrom.s3', 'must set key or latest: true, not both', r.s3);
    return undefined;
  }
  if (key === undefined) {
    if (!latest) p.add('backup.restoreFrom.s3', 'must set key (an object key in backup.s3.bucket) or latest: true', r.s3);
    return s3 && latest ? { source: 'latest', overwrite: overwrite === true } : undefined;
  }
  if (typeof key !== 'string' || !key || key.startsWith('/') || key.length > 1024 || !KEY_TEXT.test(key)) {
    p.add('backup.restoreFrom.s3.key', 'must be an object key (not starting with /, printable characters, at most 1024), such as openclaw/my-openclaw-0/2026-12-06T17-10-48.448+00-00-openclaw-backup.tar.gz', key);
    return undefined;
  }
  return { source: `key:${key}`, overwrite: overwrite === true };
}

/**
 * Egress to the endpoint under a restricting NetworkPolicy: its address when the endpoint is an IP,
 * else its port to any address (a NetworkPolicy cannot select a host name), with a warning.
 */
export function s3Egress(s3: ResolvedBackupS3, allowDNS: boolean, p: ProblemCollector): KubernetesJson {
  const ports = [{ protocol: 'TCP', port: s3.port }];
  const ip = ipFamily(s3.host);
  if (ip) return { to: [{ ipBlock: { cidr: `${s3.host}/${ip === 4 ? 32 : 128}` } }], ports };
  p.warn('backup.s3.endpoint', `a NetworkPolicy cannot select a host name: egress to any address on TCP ${s3.port} is allowed for the backups; to narrow it, use an IP endpoint`, s3.endpoint);
  if (!allowDNS) p.warn('networkPolicy.allowDNS', `is false, so the pod cannot resolve ${s3.host} (backup.s3.endpoint)`, false);
  return { ports };
}
