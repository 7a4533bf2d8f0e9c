/**
 * The one init step before migrate-config, run with `node` in the OpenClaw image (which has no jq):
 * what prepare-state, gateway-config and gateway-token did in three containers and two images.
 *
 * 1. State directories (as prepare-state.ts): `.openclaw` and `.config/openclaw` (0700) on the data
 *    volume, made as the pod's user because the kubelet creates missing subPath directories root-owned;
 *    with `--seed FROM TO`, a writable copy of the image's global node_modules.
 * 2. With `--managed FILE`: the managed settings deep-merged into the config, with config-merge.ts's
 *    semantics (jq's `existing * managed`: keys kept, the chart's keys win, objects merged, arrays and
 *    other values replaced; a file that is not one plain JSON object left untouched with one line on
 *    stderr; a 0-byte file treated as missing; never rewritten when nothing changes; atomic
 *    replacement keeping the file's mode and owner, a new file 0600).
 * 3. With `--token`: gateway-token.ts's semantics (32 random bytes as 64 hex characters into
 *    `gateway.auth.token`, only when the file configures no token, password or other auth mode;
 *    kept at every later start; the file made 0600; the token never printed, never in argv).
 *
 * Each step logs under the name its container had (`openclaw-config-merge: ...`), so the log
 * reads as before. The script text is static, held here as one owner; paths arrive as arguments.
 * test/build/shell/init-state.test.ts runs it with the real node on temporary directories, and
 * compares it with the jq scripts, which still run when `gateway.initImage` is set.
 */

/** The program name in argv and in usage errors. */
export const INIT_STATE_NAME = 'openclaw-prepare-state';

const SCRIPT = String.raw`'use strict';
const fs = require('fs'), path = require('path'), crypto = require('crypto');
let step = 'openclaw-prepare-state';
const say = (m) => process.stdout.write(step + ': ' + m + '\n');
const warn = (m) => process.stderr.write(step + ': ' + m + '\n');
class Die extends Error {}
const die = (m) => { warn(m); throw new Die(m); };
const why = (e) => (e && e.code) || String(e);

const USAGE = 'usage: node -e SCRIPT openclaw-prepare-state --data DIR [--seed FROM TO] [--config FILE [--managed JSON] [--token]]';
const o = {};
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  if (a === '--data' || a === '--config' || a === '--managed') { if (i + 1 >= argv.length) die(USAGE); o[a.slice(2)] = argv[++i]; }
  else if (a === '--seed') { if (i + 2 >= argv.length) die(USAGE); o.seed = [argv[++i], argv[++i]]; }
  else if (a === '--token') o.token = true;
  else die(USAGE);
}
if (!o.data || ((o.managed || o.token) && !o.config)) die(USAGE);

// A file's JSON values, as jq --slurpfile reads them: [] for whitespace, throws when not JSON.
function slurp(text) {
  const values = [];
  let i = 0;
  const ws = /\s/;
  while (true) {
    while (i < text.length && ws.test(text[i])) i++;
    if (i >= text.length) return values;
    let j = i, depth = 0, inString = false;
    for (; j < text.length; j++) {
      const c = text[j];
      if (inString) { if (c === '\\') j++; else if (c === '"') { inString = false; if (depth === 0) { j++; break; } } continue; }
      if (c === '"') inString = true;
      else if (c === '{' || c === '[') depth++;
      else if (c === '}' || c === ']') { depth--; if (depth <= 0) { j++; break; } }
      else if (depth === 0 && (ws.test(c) || c === '{' || c === '[')) break;
    }
    values.push(JSON.parse(text.slice(i, j)));
    i = j;
  }
}
const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
// Keys such as "__proto__" are data here: defined, never assigned.
const put = (obj, k, v) => Object.defineProperty(obj, k, { value: v, enumerable: true, writable: true, configurable: true });
function merge(a, b) {
  const out = {};
  for (const k of Object.keys(a)) put(out, k, a[k]);
  for (const k of Object.keys(b)) put(out, k, isObject(out[k]) && isObject(b[k]) && Object.prototype.hasOwnProperty.call(out, k) ? merge(out[k], b[k]) : b[k]);
  return out;
}
function equal(a, b) {
  if (Array.isArray(a) || Array.isArray(b)) return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => equal(x, b[i]));
  if (isObject(a) || isObject(b)) {
    if (!isObject(a) || !isObject(b)) return false;
    const ka = Object.keys(a), kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && equal(a[k], b[k]));
  }
  return a === b;
}
const show = (v) => JSON.stringify(v, null, 2) + '\n';

// 'missing' | 'empty' | 'file'; dies on anything else.
function kind(target) {
  let st;
  try { st = fs.statSync(target); } catch (e) { if (e.code === 'ENOENT' || e.code === 'ENOTDIR') return 'missing'; die('cannot read ' + target + ': ' + why(e)); }
  if (!st.isFile()) die(target + ' exists but is not a regular file');
  return st.size === 0 ? 'empty' : 'file';
}
function readValues(target, notDone) {
  let text;
  try { text = fs.readFileSync(target, 'utf8'); } catch (e) { die('cannot read ' + target + '; ' + notDone); }
  try { return slurp(text); } catch (e) { return undefined; }
}

// A temporary file beside the target (so the rename is atomic), removed on any failure. A signal
// waits for the synchronous steps to end (no half-written or stray file), then exits 128+n.
let tmp;
const dropTmp = () => { if (tmp) { try { fs.unlinkSync(tmp); } catch (e) { /* already gone */ } tmp = undefined; } };
for (const [sig, code] of [['SIGHUP', 129], ['SIGINT', 130], ['SIGTERM', 143]]) process.on(sig, () => { dropTmp(); process.exit(code); });
function replace(target, prefix, content, notWritten, keepFrom) {
  const dir = path.dirname(target);
  try { fs.mkdirSync(dir, { recursive: true }); } catch (e) { die('cannot create directory ' + dir + ' for ' + target + ' (' + why(e) + ')'); }
  let fd;
  for (let n = 0; fd === undefined; n++) {
    const name = path.join(dir, prefix + '.' + crypto.randomBytes(6).toString('hex'));
    try { fd = fs.openSync(name, 'wx', 0o600); tmp = name; } catch (e) { if (e.code !== 'EEXIST' || n > 5) die('cannot create a temporary file in ' + dir + '; ' + notWritten + ' (' + why(e) + ')'); }
  }
  try { fs.writeSync(fd, content); fs.fsyncSync(fd); fs.closeSync(fd); } catch (e) { die('cannot write ' + tmp + '; ' + notWritten + ' (' + why(e) + ')'); }
  if (keepFrom) { // the existing file's owner and mode, where we can
    try { fs.chownSync(tmp, keepFrom.uid, keepFrom.gid); } catch (e) { /* not ours to give */ }
    try { fs.chmodSync(tmp, keepFrom.mode & 0o7777); } catch (e) { /* keep 0600 */ }
  }
  try { fs.renameSync(tmp, target); } catch (e) { die('cannot replace ' + target + ' (' + why(e) + ')'); }
  tmp = undefined;
}

function prepareState() {
  const data = o.data;
  fs.mkdirSync(path.join(data, '.openclaw'), { recursive: true });
  fs.mkdirSync(path.join(data, '.config', 'openclaw'), { recursive: true });
  fs.chmodSync(path.join(data, '.config', 'openclaw'), 0o700); // the auth-profile key lives here
  if (o.seed && fs.existsSync(o.seed[0]) && fs.statSync(o.seed[0]).isDirectory()) {
    // Symlinks copied as links (npm's .bin entries are relative), as cp -R does.
    fs.cpSync(o.seed[0], o.seed[1], { recursive: true, verbatimSymlinks: true, force: true });
  }
  say('state directories ready in ' + data);
}

function configMerge(managedFile, target) {
  step = 'openclaw-config-merge';
  let m;
  try { m = slurp(fs.readFileSync(managedFile, 'utf8')); } catch (e) { m = undefined; }
  if (!m || m.length !== 1 || !isObject(m[0])) die('managed settings ' + managedFile + ' are missing, unreadable or not one JSON object; ' + target + ' not changed');
  const managed = m[0];
  const k = kind(target);
  if (k === 'missing' || k === 'empty') {
    replace(target, '.openclaw-config-merge', show(managed), target + ' not written', k === 'empty' && fs.statSync(target));
    return say(k === 'missing' ? 'created ' + target + ' with the managed settings' : target + ' was empty; wrote the managed settings');
  }
  const e = readValues(target, 'managed settings not applied');
  if (e === undefined) return warn(target + ' is not plain JSON (JSON5 comments, trailing commas, or truncated); left untouched, managed settings not applied');
  if (e.length !== 1 || !isObject(e[0])) return warn(target + ' is not a single JSON object; left untouched, managed settings not applied');
  const merged = merge(e[0], managed);
  if (equal(e[0], merged)) return say(target + ' already has the managed settings; unchanged');
  replace(target, '.openclaw-config-merge', show(merged), target + ' not changed', fs.statSync(target));
  say('merged the managed settings into ' + target);
}

function gatewayToken(target) {
  step = 'openclaw-gateway-token';
  process.umask(0o077);
  const k = kind(target);
  let config = {};
  if (k === 'file') {
    const e = readValues(target, 'no gateway token written');
    if (e === undefined || e.length !== 1 || !isObject(e[0])) {
      return warn(target + ' is not one plain JSON object (JSON5 comments, trailing commas, or truncated); left untouched, no token generated: set gateway.auth.token in it yourself');
    }
    config = e[0];
    const gw = config.gateway;
    const auth = gw == null || gw === false ? undefined : gw.auth; // jq's (.gateway.auth // {})
    const or = (v, d) => (v === undefined || v === null || v === false ? d : v); // jq's //
    if (isObject(auth) && (or(auth.token, '') !== '' || or(auth.password, '') !== '' || or(auth.mode, 'token') !== 'token')) {
      try { fs.chmodSync(target, 0o600); } catch (err) { warn('cannot make ' + target + ' private (mode 0600)'); }
      return say(target + ' already configures gateway auth; kept');
    }
    if ((gw != null && gw !== false && !isObject(gw)) || (auth != null && auth !== false && !isObject(auth))) {
      die(target + ': gateway.auth is not an object; no token written, ' + target + ' not changed');
    }
  }
  const token = crypto.randomBytes(32).toString('hex');
  if (!isObject(config.gateway)) put(config, 'gateway', {});
  if (!isObject(config.gateway.auth)) put(config.gateway, 'auth', {});
  put(config.gateway.auth, 'token', token);
  replace(target, '.openclaw-gateway-token', show(config), k === 'file' ? target + ' not changed' : 'no token written');
  say('generated a gateway token (32 random bytes, 64 hex characters) into gateway.auth.token of ' + target + ' (mode 0600)');
}

try {
  prepareState();
  if (o.managed) configMerge(o.managed, o.config);
  if (o.token) gatewayToken(o.config);
} catch (e) {
  dropTmp();
  if (!(e instanceof Die)) warn(String((e && e.message) || e));
  process.exitCode = 1;
}
`;

/** The script text: static, no user values inside it. */
export function initStateScript(): string {
  return SCRIPT;
}

export interface InitStateArgs {
  /** The data volume's mount path. */
  readonly dataDir: string;
  /** OpenClaw's config file (openclaw.json) on the data volume. */
  readonly configFile: string;
  /** The managed settings (the ConfigMap's file), merged into the config when set. */
  readonly managedJson?: string;
  /** Generate the pod's gateway token when the config has no auth. */
  readonly generateToken: boolean;
  /** Copy the image's global node_modules (`from`) into the writable emptyDir (`to`). */
  readonly seed?: { readonly from: string; readonly to: string };
}

/** `node -e SCRIPT openclaw-prepare-state --data DIR [--seed FROM TO] [--config FILE [--managed JSON] [--token]]` */
export function initStateCommand(a: InitStateArgs): string[] {
  const config = a.managedJson !== undefined || a.generateToken;
  return [
    'node', '-e', SCRIPT, INIT_STATE_NAME, '--data', a.dataDir,
    ...(a.seed ? ['--seed', a.seed.from, a.seed.to] : []),
    ...(config ? ['--config', a.configFile] : []),
    ...(a.managedJson !== undefined ? ['--managed', a.managedJson] : []),
    ...(a.generateToken ? ['--token'] : []),
  ];
}

