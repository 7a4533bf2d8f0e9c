/**
 * What a credential looks like, by its name or by its value. The one owner of these patterns:
 * the checks refuse secret-looking plain values with them, and errors never print a value that
 * matches one.
 */

import { SECRET_LOOKING_NAME } from './patterns';

/** Names that look like credentials (owned by formats.ts, with the other patterns). */
export { SECRET_LOOKING_NAME };

/**
 * Names that probably hold a credential, beyond SECRET_LOOKING_NAME: `DB_PASS`, `POSTGRES_PASSWD`,
 * `SMTP_PASSPHRASE`, `OPENAI_APIKEY`, `GITHUB_PAT`, `GOOGLE_CREDENTIALS`. A warning, not an error:
 * `BYPASS_PROXY` and `COMPASS_URL` match too.
 */
export const PASSWORD_LIKE_NAME = /PASS|APIKEY|_PAT$|CREDENTIAL/i;

/** Credentials inside a value that is otherwise plain text (a URL, a header value). */
const CREDENTIAL_IN_VALUE: ReadonlyArray<{ readonly name: string; readonly pattern: RegExp }> = [
  // scheme://user:password@host, the password not empty (postgres://app:hunter2@db:5432/app).
  { name: 'a password in a URL (scheme://user:password@host)', pattern: /\b[A-Za-z][A-Za-z0-9+.-]*:\/\/[^\s/?#@:]*:[^\s/?#@]+@/ },
  // A whole Authorization value (HTTP_AUTH: Basic dXNlcjpwYXNz), or the header in a file.
  { name: 'an HTTP Basic or Bearer credential', pattern: /^\s*(?:Basic|Bearer)\s+\S+\s*$|\bAuthorization:\s*(?:Basic|Bearer)\s+\S+/i },
];

/** The kind of credential written inside `value` (a URL's password, a Basic or Bearer value), or undefined. */
export function credentialInValue(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  for (const { name, pattern } of CREDENTIAL_IN_VALUE) if (pattern.test(value)) return name;
  return undefined;
}

/**
 * Whether a plain value, under the env name or map key `name`, is or may be a credential: by its
 * name (SECRET_LOOKING_NAME, PASSWORD_LIKE_NAME) or by its value (SECRET_VALUE_PATTERNS, the long
 * random runs, credentialInValue). What the Helm export redacts in its values.yaml.
 */
export function mayBeCredential(name: string | undefined, value: unknown): boolean {
  if (name !== undefined && (SECRET_LOOKING_NAME.test(name) || PASSWORD_LIKE_NAME.test(name))) return true;
  return secretLookingValue(value) !== undefined || credentialInValue(value) !== undefined;
}

/** Well-known credential formats, found anywhere in a value (a line of a file, an item of a list). */
export const SECRET_VALUE_PATTERNS: ReadonlyArray<{ readonly name: string; readonly pattern: RegExp }> = [
  { name: 'an Anthropic API key (sk-ant-...)', pattern: /sk-ant-[A-Za-z0-9_-]{8,}/ },
  { name: 'an OpenAI-style API key (sk-...)', pattern: /(^|[^A-Za-z0-9])sk-[A-Za-z0-9_-]{16,}/ },
  { name: 'a GitHub token (ghp_, gho_, ghu_, ghs_, ghr_, github_pat_)', pattern: /\bgh[pousr]_[A-Za-z0-9]{20,}|\bgithub_pat_[A-Za-z0-9_]{20,}/ },
  { name: 'a Slack token (xoxb-, xoxp-, xoxa-, xoxe-, xapp-)', pattern: /\bxox[abepors]-[A-Za-z0-9-]{10,}|\bxapp-[A-Za-z0-9-]{10,}/ },
  { name: 'a JSON Web Token (eyJ...)', pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/ },
  { name: 'an AWS access key id (AKIA...)', pattern: /\b(AKIA|ASIA)[A-Z0-9]{16}\b/ },
  { name: 'a Telegram bot token (digits:...)', pattern: /\b\d{6,12}:[A-Za-z0-9_-]{30,}\b/ },
  { name: 'a private key (-----BEGIN ... PRIVATE KEY-----)', pattern: /-----BEGIN ([A-Z]+ )?PRIVATE KEY-----/ },
];

/**
 * A whole value that is one long random-looking run: hex of 32 or more characters, or
 * base64/base64url of 40 or more with letters and digits mixed. Used for single-token values
 * (env values, strings in the channels config), not for files, where certificates and hashes are normal.
 */
const LONG_HEX = /^[0-9a-fA-F]{32,}$/;
const LONG_BASE64 = /^(?=.*[0-9])(?=.*[a-z])(?=.*[A-Z])[A-Za-z0-9+/_-]{40,}={0,2}$/;

/** The kind of credential `value` looks like, or undefined. `wholeToken`: also the long-random-run rule. */
export function secretLookingValue(value: unknown, wholeToken = true): string | undefined {
  if (typeof value !== 'string') return undefined;
  for (const { name, pattern } of SECRET_VALUE_PATTERNS) if (pattern.test(value)) return name;
  if (wholeToken) {
    const trimmed = value.trim();
    if (LONG_HEX.test(trimmed)) return 'a long hexadecimal run (32 or more hex digits)';
    if (LONG_BASE64.test(trimmed)) return 'a long base64 run (40 or more mixed letters and digits)';
  }
  return undefined;
}
