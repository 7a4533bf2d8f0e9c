/**
 * The S3 client the backup, restore-state and migrate-config containers run: plain Node (the
 * OpenClaw image has node and sh, no aws CLI and no SDK), AWS Signature Version 4, one owner.
 *
 * `node -e "$OPENCLAW_S3_CLIENT" OP ARGS...` with the settings in the environment:
 * OPENCLAW_S3_ENDPOINT (`https://host[:port]`), OPENCLAW_S3_BUCKET, OPENCLAW_S3_REGION,
 * OPENCLAW_S3_PATH_STYLE (`true`: `endpoint/bucket/key`; else `bucket.host/key`), and credentials:
 * AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (/ AWS_SESSION_TOKEN) from a Secret, or else web
 * identity (AWS_ROLE_ARN + AWS_WEB_IDENTITY_TOKEN_FILE, as EKS's IRSA injects them), exchanged at
 * STS (AWS_STS_ENDPOINT, default `https://sts.<region>.amazonaws.com`) for temporary keys.
 *
 * Operations:
 * - `put FILE KEY`: one PUT (objects up to 5 GiB) with `x-amz-checksum-sha256`; the upload counts
 *   only when the server reports that same SHA-256 back (in the PUT's answer, or else a HEAD with
 *   `x-amz-checksum-mode: ENABLED`). A server that reports none fails the upload: unverified is
 *   not uploaded.
 * - `get KEY FILE`: streams the object to FILE (mode 0600) while hashing it, and compares with the
 *   checksum the server stored when it reports one.
 * - `latest PREFIX`: prints the newest archive key (`*-openclaw-backup.tar.gz` directly under
 *   PREFIX, by LastModified); exit 3 when there is none.
 * - `prune PREFIX KEEP`: deletes all but the newest KEEP archives directly under PREFIX (keys
 *   deeper down, such as `PREFIX/pre-upgrade/`, are never touched).
 * - `make-bucket`: creates the bucket (the e2e's fresh server; an existing bucket is fine).
 *
 * Logs name keys, sizes and checksums, never a credential. Exit 1 with one line on stderr on
 * any failure. Static text: nothing from the user is inside it.
 */

const SOURCE = String.raw`'use strict';
const crypto = require('crypto');
const fs = require('fs');
const me = 'openclaw-s3';
const fail = (msg, code) => { process.stderr.write(me + ': ' + msg + '\n'); process.exit(code || 1); };
const env = (k, def) => { const v = process.env[k]; if (v === undefined || v === '') { if (def === undefined) fail(k + ' is not set'); return def; } return v; };
const endpoint = new URL(env('OPENCLAW_S3_ENDPOINT'));
const bucket = env('OPENCLAW_S3_BUCKET');
const region = env('OPENCLAW_S3_REGION', 'us-east-1');
const pathStyle = env('OPENCLAW_S3_PATH_STYLE', 'true') === 'true';
const lib = require(endpoint.protocol === 'https:' ? 'https' : 'http');
const hex = (b) => crypto.createHash('sha256').update(b).digest('hex');
const hmac = (k, s) => crypto.createHmac('sha256', k).update(s).digest();
const enc = (s) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
const encKey = (k) => k.split('/').map(enc).join('/');
const EMPTY = hex('');

function send(method, url, headers, body, stream) {
  return new Promise((resolve, reject) => {
    const req = lib.request(url, { method, headers }, (res) => {
      if (stream) return resolve(res);
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.setTimeout(600000, () => req.destroy(new Error('no answer within 600 s')));
    req.on('error', reject);
    if (body && typeof body.pipe === 'function') body.pipe(req); else req.end(body);
  });
}

let creds;
async function credentials() {
  if (creds && (!creds.expires || creds.expires > Date.now() + 60000)) return creds;
  if (process.env.AWS_ACCESS_KEY_ID && process.env.AWS_SECRET_ACCESS_KEY) {
    creds = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY, token: process.env.AWS_SESSION_TOKEN };
    return creds;
  }
  if (process.env.AWS_ROLE_ARN && process.env.AWS_WEB_IDENTITY_TOKEN_FILE) {
    const sts = new URL(process.env.AWS_STS_ENDPOINT || 'https://sts.' + region + '.amazonaws.com/');
    const q = new URLSearchParams({ Action: 'AssumeRoleWithWebIdentity', Version: '2011-06-15', RoleArn: process.env.AWS_ROLE_ARN,
      RoleSessionName: 'openclaw-backup', WebIdentityToken: fs.readFileSync(process.env.AWS_WEB_IDENTITY_TOKEN_FILE, 'utf8').trim() });
    const r = await send('POST', sts, { 'content-type': 'application/x-www-form-urlencoded' }, q.toString());
    const x = r.body.toString('utf8');
    const tag = (t) => (new RegExp('<' + t + '>([^<]*)</' + t + '>').exec(x) || [])[1];
    if (r.status !== 200 || !tag('AccessKeyId')) fail('AssumeRoleWithWebIdentity at ' + sts.host + ' answered ' + r.status + ' ' + (tag('Code') || ''));
    creds = { id: tag('AccessKeyId'), secret: tag('SecretAccessKey'), token: tag('SessionToken'), expires: Date.parse(tag('Expiration') || '') || 0 };
    return creds;
  }
  fail('no credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (backup.s3.credentialsSecret) or use workload identity (AWS_ROLE_ARN and AWS_WEB_IDENTITY_TOKEN_FILE)');
}

/** A signed request: key '' is the bucket itself; query is a plain object. */
async function s3(method, key, { query = {}, headers = {}, body, payloadHash = EMPTY, stream = false } = {}) {
  const c = await credentials();
  const host = pathStyle ? endpoint.host : bucket + '.' + endpoint.host;
  const path = (pathStyle ? '/' + enc(bucket) : '') + '/' + encKey(key);
  const amzDate = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const day = amzDate.slice(0, 8);
  const h = { ...headers, host, 'x-amz-date': amzDate, 'x-amz-content-sha256': payloadHash, ...(c.token ? { 'x-amz-security-token': c.token } : {}) };
  const names = Object.keys(h).map((n) => n.toLowerCase()).sort();
  const lower = Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), String(v).trim()]));
  const qs = Object.keys(query).sort().map((k) => enc(k) + '=' + enc(String(query[k]))).join('&');
  const canonical = [method, path, qs, names.map((n) => n + ':' + lower[n] + '\n').join(''), names.join(';'), payloadHash].join('\n');
  const scope = day + '/' + region + '/s3/aws4_request';
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, hex(canonical)].join('\n');
  const kSigning = hmac(hmac(hmac(hmac('AWS4' + c.secret, day), region), 's3'), 'aws4_request');
  h.authorization = 'AWS4-HMAC-SHA256 Credential=' + c.id + '/' + scope + ', SignedHeaders=' + names.join(';') + ', Signature=' + crypto.createHmac('sha256', kSigning).update(toSign).digest('hex');
  const url = endpoint.protocol + '//' + host + path + (qs ? '?' + qs : '');
  return send(method, url, h, body, stream);
}

const where = (key) => 's3://' + bucket + '/' + key;
const why = (r) => { const x = r.body.toString('utf8'); const m = /<Code>([^<]*)<\/Code>(?:[\s\S]*<Message>([^<]*)<\/Message>)?/.exec(x); return r.status + (m ? ' ' + m[1] + (m[2] ? ': ' + m[2] : '') : ''); };
const unxml = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

function fileSha256(file) {
  return new Promise((resolve, reject) => {
    const h = crypto.createHash('sha256');
    fs.createReadStream(file).on('data', (c) => h.update(c)).on('end', () => resolve(h.digest())).on('error', reject);
  });
}

async function put(file, key) {
  const size = fs.statSync(file).size;
  if (size > 5 * 1024 ** 3) fail(file + ' is ' + size + ' bytes: one upload takes at most 5 GiB');
  const sum = await fileSha256(file);
  const b64 = sum.toString('base64');
  const r = await s3('PUT', key, { body: fs.createReadStream(file), payloadHash: sum.toString('hex'),
    headers: { 'content-length': size, 'content-type': 'application/gzip', 'x-amz-checksum-sha256': b64 } });
  if (r.status !== 200) fail('upload of ' + where(key) + ' failed: ' + why(r));
  let reported = r.headers['x-amz-checksum-sha256'];
  if (!reported) {
    const head = await s3('HEAD', key, { headers: { 'x-amz-checksum-mode': 'ENABLED' } });
    if (head.status !== 200) fail('cannot read back ' + where(key) + ': ' + head.status);
    reported = head.headers['x-amz-checksum-sha256'];
  }
  if (!reported) fail('the server reported no SHA-256 for ' + where(key) + ': the upload cannot be verified');
  if (reported !== b64) fail('the server reports SHA-256 ' + reported + ' for ' + where(key) + ', the archive has ' + b64);
  console.log(me + ': uploaded ' + where(key) + ': ' + size + ' bytes, SHA-256 ' + b64 + ' confirmed by the server');
}

async function download(key, file) {
  // Streamed to FILE while hashed: an archive never sits in memory.
  const res = await s3('GET', key, { headers: { 'x-amz-checksum-mode': 'ENABLED' }, stream: true });
  if (res.statusCode !== 200) {
    const chunks = [];
    for await (const ch of res) chunks.push(ch);
    fail('download of ' + where(key) + ' failed: ' + why({ status: res.statusCode, body: Buffer.concat(chunks) }));
  }
  const sum = crypto.createHash('sha256');
  let size = 0;
  const out = fs.createWriteStream(file, { mode: 0o600 });
  await new Promise((resolve, reject) => {
    res.on('data', (ch) => { sum.update(ch); size += ch.length; });
    res.on('error', reject);
    out.on('error', reject);
    out.on('finish', resolve);
    res.pipe(out);
  });
  const b64 = sum.digest('base64');
  const stored = res.headers['x-amz-checksum-sha256'];
  if (stored && stored !== b64) fail('downloaded ' + where(key) + ' has SHA-256 ' + b64 + ', the server stored ' + stored);
  console.log(me + ': downloaded ' + where(key) + ': ' + size + ' bytes' + (stored ? ', SHA-256 ' + b64 + ' matches the server' : ' (the server stored no SHA-256)'));
}

/** Archives directly under PREFIX, newest first. */
async function archives(prefix) {
  const found = [];
  let token;
  do {
    const r = await s3('GET', '', { query: { 'list-type': '2', prefix, delimiter: '/', ...(token ? { 'continuation-token': token } : {}) } });
    if (r.status !== 200) fail('listing ' + where(prefix) + ' failed: ' + why(r));
    const x = r.body.toString('utf8');
    for (const m of x.matchAll(/<Contents>([\s\S]*?)<\/Contents>/g)) {
      const key = unxml((/<Key>([^<]*)<\/Key>/.exec(m[1]) || [])[1] || '');
      const at = Date.parse((/<LastModified>([^<]*)<\/LastModified>/.exec(m[1]) || [])[1] || '') || 0;
      if (/-openclaw-backup\.tar\.gz$/.test(key) && !key.slice(prefix.length).includes('/')) found.push({ key, at });
    }
    token = /<IsTruncated>true<\/IsTruncated>/.test(x) ? unxml((/<NextContinuationToken>([^<]*)</.exec(x) || [])[1] || '') : undefined;
  } while (token);
  return found.sort((a, b) => b.at - a.at || (a.key < b.key ? 1 : -1));
}

async function main(op, args) {
  if (op === 'put' && args.length === 2) return put(args[0], args[1]);
  if (op === 'get' && args.length === 2) return download(args[0], args[1]);
  if (op === 'latest' && args.length === 1) {
    const [newest] = await archives(args[0]);
    if (!newest) fail('no archive (*-openclaw-backup.tar.gz) under ' + where(args[0]), 3);
    return void console.log(newest.key);
  }
  if (op === 'prune' && args.length === 2 && /^[1-9][0-9]*$/.test(args[1])) {
    for (const old of (await archives(args[0])).slice(Number(args[1]))) {
      const r = await s3('DELETE', old.key);
      if (r.status !== 204 && r.status !== 200) fail('cannot delete ' + where(old.key) + ': ' + why(r));
      console.log(me + ': removed old archive ' + where(old.key) + ' (keeping the newest ' + args[1] + ')');
    }
    return;
  }
  if (op === 'make-bucket' && args.length === 0) {
    const r = await s3('PUT', '');
    if (r.status !== 200 && !/BucketAlreadyOwnedByYou/.test(r.body.toString('utf8'))) fail('cannot create bucket ' + bucket + ': ' + why(r));
    return void console.log(me + ': bucket ' + bucket + ' ready');
  }
  fail('usage: node -e "$OPENCLAW_S3_CLIENT" put FILE KEY | get KEY FILE | latest PREFIX | prune PREFIX KEEP | make-bucket', 2);
}
main(process.argv[1], process.argv.slice(2)).catch((e) => fail(String(e && e.message || e)));
`;

/** The client's source, for `node -e`. */
export function s3ClientSource(): string {
  return SOURCE;
}

/** The env var the containers carry the source in (`node -e "$OPENCLAW_S3_CLIENT" ...`). */
export const S3_CLIENT_ENV = 'OPENCLAW_S3_CLIENT';
