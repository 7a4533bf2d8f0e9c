/**
 * The gateway-token init container: a token the pod makes itself, so the default install needs
 * no hand-made Secret and no token ever appears in a manifest.
 *
 * When nothing in the pod provides OPENCLAW_GATEWAY_TOKEN or a password, this script (jq image,
 * after config-merge) writes a random 32-byte token, as 64 hex characters from /dev/urandom, to
 * `gateway.auth.token` in openclaw.json on the state volume. OpenClaw reads it there: with a
 * token in its config the gateway accepts `--bind lan` (measured with 2026.9.6), and the CLI in
 * the pod (`kubectl exec ... openclaw devices list`) finds it too. The script text is static;
 * the path is a positional argument.
 *
 * Decisions:
 * - Kept if already there: a file whose `gateway.auth` has a token or a password, or a mode other
 *   than token (password, trusted-proxy, none), is not rewritten; only its mode is made 0600.
 * - A file jq cannot parse (OpenClaw's JSON5, a truncated file) or that is not one JSON object is
 *   never touched: one line on stderr saying to set `gateway.auth.token` in it, exit 0.
 * - The token reaches jq through the environment, never argv (argv is world-readable in /proc).
 * - Written to a temporary file next to the target (mktemp: 0600), then renamed over it.
 */

import { atomicReplacePreamble, findJq, scriptPrelude } from './shell-fragments';

const SCRIPT = `set -eu
${scriptPrelude('openclaw-gateway-token', ['CONFIG_FILE'])}
target=$1
${findJq('cannot write a gateway token to $target')}
fi
if [ -e "$target" ] && [ ! -f "$target" ]; then die "$target exists but is not a regular file"; fi
umask 077
if [ -s "$target" ]; then
  [ -r "$target" ] || die "cannot read $target; no gateway token written"
  if ! "$jq" -e -n --slurpfile e "$target" '$e | length == 1 and (.[0] | type) == "object"' >/dev/null 2>&1; then
    warn "$target is not one plain JSON object (JSON5 comments, trailing commas, or truncated); left untouched, no token generated: set gateway.auth.token in it yourself"
    exit 0
  fi
  if "$jq" -e '(.gateway.auth // {}) as $a | (($a.token // "") != "") or (($a.password // "") != "") or (($a.mode // "token") != "token")' "$target" >/dev/null; then
    chmod 600 "$target" 2>/dev/null || warn "cannot make $target private (mode 0600)"
    say "$target already configures gateway auth; kept"
    exit 0
  fi
  action=added
else
  action=created
fi

OPENCLAW_NEW_GATEWAY_TOKEN=$(od -An -tx1 -N32 /dev/urandom | tr -d ' \\n')
case $OPENCLAW_NEW_GATEWAY_TOKEN in
  *[!0-9a-f]*) die "could not read 32 random bytes from /dev/urandom; no token written" ;;
esac
[ "\${#OPENCLAW_NEW_GATEWAY_TOKEN}" -eq 64 ] || die "could not read 32 random bytes from /dev/urandom; no token written"
export OPENCLAW_NEW_GATEWAY_TOKEN

${atomicReplacePreamble('.openclaw-gateway-token', 'no token written')}
if [ "$action" = added ]; then
  "$jq" '.gateway.auth.token = env.OPENCLAW_NEW_GATEWAY_TOKEN' "$target" >"$tmp" || die "cannot write $tmp; $target not changed"
else
  "$jq" -n '{gateway: {auth: {token: env.OPENCLAW_NEW_GATEWAY_TOKEN}}}' >"$tmp" || die "cannot write $tmp; no token written"
fi
chmod 600 "$tmp"
mv -f -- "$tmp" "$target" || die "cannot replace $target"
tmp=
say "generated a gateway token (32 random bytes, 64 hex characters) into gateway.auth.token of $target (mode 0600)"
`;

/** The script text: static, no user values inside it. `$1` = openclaw.json. */
export function gatewayTokenScript(): string {
  return SCRIPT;
}

/** The init container command: `['sh', '-c', gatewayTokenScript(), 'openclaw-gateway-token', configFilePath]`. */
export function gatewayTokenCommand(configFilePath: string): string[] {
  return ['sh', '-c', SCRIPT, 'openclaw-gateway-token', configFilePath];
}

/**
 * The command that prints a generated token from inside the gateway container: OpenClaw's own
 * `config get` redacts secrets (`__OPENCLAW_REDACTED__`), so node reads the file itself.
 */
export function readGatewayTokenCommand(configFilePath: string): string[] {
  return ['node', '-e', `console.log(JSON.parse(require("fs").readFileSync(${JSON.stringify(configFilePath)}, "utf8")).gateway.auth.token)`];
}
