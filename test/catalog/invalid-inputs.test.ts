/**
 * The catalog of invalid inputs: each row is an input (props given to OpenClawChart, or a
 * Helm-style values file given to the `openclaw-cdk8s synth` CLI) and the EXACT problem lines it
 * must produce, all at once, in order. Nothing here may throw anything but OpenClawConfigError
 * (props) or exit with anything but 1 and the formatted problems (values files), and no secret
 * value may ever appear in a message: it is shown as <redacted>.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { OpenClawChartProps, OpenClawConfigError, formatProblem } from '../../src';
import { VOLUMES } from '../../src/core/pod-layout';
import { runCli } from '../../src/cli/main';
import { withoutSource } from '../cli/run-cli';
import { valuesToProps } from '../../src';
import { envOf, synthObjects } from '../helpers/synth';

/** Every secret in the catalog contains this marker; no message may. */
const SECRET = 'sk-ant-api03-DO-NOT-PRINT-5f3c';

type Input =
  | { readonly props: OpenClawChartProps; readonly release?: string }
  | { readonly values: string; readonly release?: string };

const RBAC_VERBS = 'get, list, watch, create, update, patch, delete, deletecollection, impersonate, bind, escalate, use, approve, sign, *';
const CHART_MOUNT_PATHS = '/home/node/.openclaw, /home/node/.config, /tmp, /home/node/.cache, /home/node/.local, /home/node/.npm, '
  + '/usr/local/lib/node_modules, /etc/openclaw/managed, /etc/openclaw/config, /etc/openclaw/replica-env, /seed/node_modules, /backups, /app';
const RESERVED_VOLUMES = Object.values(VOLUMES).join(', ');
const LONG_RELEASE = `openclaw-${'x'.repeat(51)}`; // 60 characters
const REDACTED = '(got "<redacted>")';

/** [description, input, the exact problem lines]. */
const CATALOG: Array<[string, Input, string[]]> = [
  // --- ports ------------------------------------------------------------------------------------
  ['port 0', { props: { service: { port: 0 } } }, ['service.port: must be an integer from 1 to 65535 (got 0)']],
  ['port 70000', { props: { service: { port: 70000 } } }, ['service.port: must be an integer from 1 to 65535 (got 70000)']],
  ['port 8080.5', { props: { service: { port: 8080.5 } } }, ['service.port: must be an integer from 1 to 65535 (got 8080.5)']],
  ['values file: port 0', { values: 'service:\n  port: 0\n' }, ['service.port: must be a port number: an integer from 1 to 65535 (got 0)']],
  ['values file: port 70000', { values: 'service:\n  port: 70000\n' }, ['service.port: must be a port number: an integer from 1 to 65535 (got 70000)']],
  ['env.PORT different from service.port', { props: { env: { PORT: '8080' } } },
    ['env.PORT: must equal the gateway port 18789: OpenClaw does not read PORT; set service.port to change the port (got "8080")']],
  ['values file: env.PORT (a number) different from service.port', { values: 'service:\n  port: 8080\nenv:\n  PORT: 18789\n' },
    ['env.PORT: must equal the gateway port 8080: OpenClaw does not read PORT; set service.port to change the port (got "18789")']],
  ['service.targetPort different from service.port', { props: { service: { port: 18789, targetPort: 8080 } } },
    ['service.targetPort: must equal service.port (18789): the gateway listens on one port, which service.port sets (got 8080)']],
  ['probe port different from the gateway port', { props: { service: { port: 8080 }, livenessProbe: { httpGet: { port: 18789 } } } },
    ['livenessProbe.httpGet.port: must be the gateway port 8080 (or "http"): the probe checks the gateway (got 18789)']],
  ['probe port named other than "http"', { props: { readinessProbe: { tcpSocket: { port: 'gateway' } } } },
    ['readinessProbe.tcpSocket.port: must be the gateway port 18789 (or "http"): the probe checks the gateway (got "gateway")']],
  ['command --port different from the gateway port', { props: { command: ['node', 'dist/index.js', 'gateway', '--port', '8080'] } },
    ['command[4]: the gateway --port must be the gateway port 18789: set service.port to change the port (got "8080")']],
  ['extraArgs --port= different from the gateway port', { props: { service: { port: 8080 }, extraArgs: ['--port=18789'] } },
    ['extraArgs[0]: the gateway --port must be the gateway port 8080: set service.port to change the port (got "18789")']],

  // --- workload ---------------------------------------------------------------------------------
  ['replicaCount -1', { props: { replicaCount: -1 } }, ['replicaCount: must be an integer of at least 0 (0 pauses the release and keeps its claims) (got -1)']],
  ['values file: replicaCount -1', { values: 'replicaCount: -1\n' }, ['replicaCount: must be an integer of at least 0 (got -1)']],
  ['replicaCount 2.5', { props: { replicaCount: 2.5 } }, ['replicaCount: must be an integer of at least 0 (0 pauses the release and keeps its claims) (got 2.5)']],
  ['replicaOverrides on a paused release', { props: { replicaCount: 0, replicaOverrides: { 0: { env: { ROLE: 'x' } } } } },
    ['replicaOverrides.0: replica index 0 does not exist: replicaCount is 0 (paused: no replicas) (got "0")']],
  ['maxOldSpaceSizeMiB negative', { props: { maxOldSpaceSizeMiB: -1 } }, ['maxOldSpaceSizeMiB: must be a whole number of MiB, at least 0 (0: no heap cap) (got -1)']],
  ['maxOldSpaceSizeMiB fractional', { props: { maxOldSpaceSizeMiB: 1.5 } }, ['maxOldSpaceSizeMiB: must be a whole number of MiB, at least 0 (0: no heap cap) (got 1.5)']],
  ['negative probe timings', { props: { livenessProbe: { periodSeconds: -5 }, readinessProbe: { initialDelaySeconds: -1, timeoutSeconds: 0 } } }, [
    'livenessProbe.periodSeconds: must be an integer of at least 1 (got -5)',
    'readinessProbe.initialDelaySeconds: must be an integer of at least 0 (got -1)',
    'readinessProbe.timeoutSeconds: must be an integer of at least 1 (got 0)',
  ]],
  ['values file: negative probe timing', { values: 'startupProbe:\n  failureThreshold: -3\n' },
    ['startupProbe.failureThreshold: must be an integer of at least 1 (got -3)']],
  ['successThreshold 3 on the liveness probe', { props: { livenessProbe: { successThreshold: 3 } } },
    ['livenessProbe.successThreshold: must be 1 for liveness and startup probes (the API server rejects other values) (got 3)']],
  ['probe timing beyond int32', { props: { startupProbe: { periodSeconds: 2 ** 31 } } },
    ['startupProbe.periodSeconds: must be at most 2147483647 (got 2147483648)']],
  ['persistence size "ten"', { props: { persistence: { size: 'ten' } } }, ['persistence.size: must be a Kubernetes quantity such as 10Gi (got "ten")']],
  ['values file: persistence size "ten"', { values: 'persistence:\n  size: ten\n' },
    ['persistence.size: must be a Kubernetes quantity such as 500m, 2, 1Gi or 10Gi (a number, then optionally one of m, k, M, G, T, P, E, Ki, Mi, Gi, Ti, Pi, Ei) (got "ten")']],
  ['resources with a bad quantity', { props: { resources: { limits: { cpu: '2 cores', memory: '4Gi' } } } },
    ['resources.limits.cpu: must be a Kubernetes quantity such as 500m, 2, 1Gi (got "2 cores")']],
  ['invalid pull policy', { props: { image: { pullPolicy: 'Sometimes' as never } } }, ['image.pullPolicy: must be one of Always, IfNotPresent, Never (got "Sometimes")']],
  ['values file: invalid pull policy', { values: 'image:\n  pullPolicy: always\n' }, ['image.pullPolicy: must be one of Always, IfNotPresent, Never; did you mean Always? (got "always")']],
  ['replicaOverrides index >= replicaCount', { props: { replicaCount: 3, replicaOverrides: { 3: { env: { ROLE: 'x' } } } } },
    ['replicaOverrides.3: replica index 3 does not exist: replicaCount is 3 (indices 0 to 2) (got "3")']],
  ['replicaOverrides non-integer index', { props: { replicaCount: 2, replicaOverrides: { '1.5': { env: { ROLE: 'x' } } } } },
    ['replicaOverrides.1.5: the key must be a replica index: a non-negative integer such as "0" (got "1.5")']],
  ['values file: replicaOverrides index >= replicaCount', { values: 'replicaCount: 2\nreplicaOverrides:\n  "2":\n    env:\n      ROLE: primary\n' },
    ['replicaOverrides.2: replica index 2 does not exist: replicaCount is 2 (indices 0 to 1) (got "2")']],
  ['updateStrategy OnDelete with rollingUpdate', { props: { updateStrategy: { type: 'OnDelete', rollingUpdate: { partition: 0 } } } },
    ['updateStrategy.rollingUpdate: is only allowed with type RollingUpdate (the API server rejects it with OnDelete) (got {"partition":0})']],
  ['podDisruptionBudget with both minAvailable and maxUnavailable', { props: { podDisruptionBudget: { minAvailable: 1, maxUnavailable: 1 } } },
    ['podDisruptionBudget: set minAvailable or maxUnavailable, not both (got {"minAvailable":1,"maxUnavailable":1})']],

  // --- names ------------------------------------------------------------------------------------
  ['release name longer than 53 characters (truncation could collide)', { props: { releaseName: LONG_RELEASE } }, [
    `releaseName: must be at most 53 characters (as Helm requires): longer names are truncated and two releases could collide on the same object names (got "${LONG_RELEASE}")`,
    `releaseName: gives the StatefulSet name "${LONG_RELEASE}" (60 characters); at most 52 are allowed, because Kubernetes adds a revision hash to it in a 63-character pod label`,
  ]],
  ['release name whose full name is longer than 52 characters', { props: { releaseName: 'a'.repeat(44) } },
    [`releaseName: gives the StatefulSet name "${'a'.repeat(44)}-openclaw" (53 characters); at most 52 are allowed, because Kubernetes adds a revision hash to it in a 63-character pod label`]],
  ['release name with upper case', { props: { releaseName: 'My-OpenClaw' } },
    ['releaseName: must be a DNS label: lower case letters, digits and "-", starting and ending with a letter or digit (got "My-OpenClaw")']],
  ['release name starting with a digit (Service names start with a letter)', { props: { releaseName: '1st' } },
    ['releaseName: gives the Service name "1st-openclaw", which must start with a letter (Service names are DNS-1035 labels) (got "1st")']],
  ['construct id used as the release name, not a DNS label', { props: {}, release: 'OpenClaw' },
    ['releaseName: must be a DNS label: lower case letters, digits and "-", starting and ending with a letter or digit (got "OpenClaw")']],
  ['nameOverride longer than 63 characters', { props: { fullnameOverride: 'openclaw', nameOverride: 'n'.repeat(64) } },
    [`nameOverride: must be at most 63 characters (it is the app.kubernetes.io/name label value) (got "${'n'.repeat(64)}")`]],
  ['namespace with upper case', { props: { namespace: 'OpenClaw' } }, ['namespace: must be a DNS label of at most 63 characters (got "OpenClaw")']],
  ['values file: release name too long (--release)', { values: 'replicaCount: 1\n', release: LONG_RELEASE }, [
    `--release: must be at most 53 characters (as Helm requires): longer names are truncated and two releases could collide on the same object names (got "${LONG_RELEASE}")`,
    `--release: gives the StatefulSet name "${LONG_RELEASE}" (60 characters); at most 52 are allowed, because Kubernetes adds a revision hash to it in a 63-character pod label`,
  ]],

  // --- network ----------------------------------------------------------------------------------
  ['ingress host with upper case', { props: { ingress: { enabled: true, hosts: [{ host: 'OpenClaw.example.com' }] } } },
    ['ingress.hosts[0].host: must be a lower case DNS name without scheme, port or path (e.g. openclaw.example.com) (got "OpenClaw.example.com")']],
  ['ingress host with a scheme', { props: { ingress: { enabled: true, hosts: [{ host: 'https://openclaw.example.com' }] } } },
    ['ingress.hosts[0].host: must be a lower case DNS name without scheme, port or path (e.g. openclaw.example.com) (got "https://openclaw.example.com")']],
  ['values file: ingress host with a scheme', { values: 'ingress:\n  enabled: true\n  hosts:\n    - host: https://openclaw.example.com\n' },
    ['ingress.hosts[0].host: must be a lower case DNS name without scheme, port or path (e.g. openclaw.example.com; "*." allowed in front) (got "https://openclaw.example.com")']],
  ['ingress host that is an IP address', { props: { ingress: { enabled: true, hosts: [{ host: '10.0.0.1' }] } } },
    ['ingress.hosts[0].host: must be a DNS name, not an IP address (the API server rejects IP hosts) (got "10.0.0.1")']],
  ['ingress path with "//"', { props: { ingress: { enabled: true, hosts: [{ host: 'openclaw.example.com', paths: [{ path: '/a//b' }] }] } } },
    ['ingress.hosts[0].paths[0].path: must not contain "//", "/./", "/../" or "%2f", nor end with "/." or "/.." (the API server rejects them) (got "/a//b")']],
  ['TLS host not among the ingress hosts', {
    props: { ingress: { enabled: true, hosts: [{ host: 'openclaw.example.com' }], tls: [{ secretName: 'tls', hosts: ['openclaw.example.org'] }] } },
  }, ['ingress.tls[0].hosts[0]: must be one of the ingress hosts (openclaw.example.com) (got "openclaw.example.org")']],
  ['values file: TLS host not among the ingress hosts', {
    values: 'ingress:\n  enabled: true\n  hosts:\n    - host: a.example.com\n  tls:\n    - secretName: tls\n      hosts: [a.example.com, b.example.com]\n',
  }, ['ingress.tls[0].hosts[1]: must be one of the ingress hosts (a.example.com) (got "b.example.com")']],
  ['httpRoute without parentRefs', { props: { httpRoute: { enabled: true, hostnames: ['openclaw.example.com'] } } },
    ['httpRoute.parentRefs: needs at least one Gateway when httpRoute is enabled']],
  ['bad trustedProxies CIDR', { props: { gateway: { trustedProxies: ['10.0.0.0/8', '10.0.0.0/33', 'proxy.local'] } } }, [
    'gateway.trustedProxies[1]: must be an IP address or CIDR such as 10.42.3.17/32 (got "10.0.0.0/33")',
    'gateway.trustedProxies[2]: must be an IP address or CIDR such as 10.42.3.17/32 (got "proxy.local")',
  ]],
  ['bad allowedOrigins', { props: { gateway: { controlUi: { allowedOrigins: ['openclaw.example.com', 'https://openclaw.example.com/ui'] } } } }, [
    'gateway.controlUi.allowedOrigins[0]: must be an origin: http(s)://host[:port], no path (got "openclaw.example.com")',
    'gateway.controlUi.allowedOrigins[1]: must be an origin: http(s)://host[:port], no path (got "https://openclaw.example.com/ui")',
  ]],
  ['network policy port out of range and endPort on a named port', {
    props: { networkPolicy: { enabled: true, customEgressPorts: [{ port: 0 }, { port: 'https', endPort: 8443 }] } },
  }, [
    'networkPolicy.customEgressPorts[0].port: must be an integer from 1 to 65535 or a port name (got 0)',
    'networkPolicy.customEgressPorts[1].endPort: needs a numeric port and must be from that port to 65535 (got 8443)',
  ]],

  // --- env and secrets --------------------------------------------------------------------------
  ['duplicate env names (env and extraEnv)', { props: { env: { FEATURE_X: 'on' }, extraEnv: [{ name: 'FEATURE_X', value: 'off' }] } },
    ['extraEnv[0].name: duplicate env var name "FEATURE_X" (already set by env.FEATURE_X) (got "FEATURE_X")']],
  ['duplicate env names (extraEnv and existingSecret)', {
    props: { existingSecret: { name: 'keys', keys: { ANTHROPIC_API_KEY: 'anthropic' } }, extraEnv: [{ name: 'ANTHROPIC_API_KEY', valueFrom: { secretKeyRef: { name: 'other', key: 'k' } } }] },
  }, ['extraEnv[0].name: duplicate env var name "ANTHROPIC_API_KEY" (already set by existingSecret.keys.ANTHROPIC_API_KEY) (got "ANTHROPIC_API_KEY")']],
  ['env overriding an env var the chart sets', { props: { env: { OPENCLAW_GATEWAY_PORT: '9999' } } },
    ['env.OPENCLAW_GATEWAY_PORT: is set by the chart and cannot be overridden (the gateway port comes from service.port) (got "OPENCLAW_GATEWAY_PORT")']],
  ['*_API_KEY as a plain env value', { props: { env: { ANTHROPIC_API_KEY: SECRET } } },
    [`env.ANTHROPIC_API_KEY: looks like a secret and would be visible in the StatefulSet: put it in existingSecret (or set allowPlainSecretEnv: true) ${REDACTED}`]],
  ['*_TOKEN as a plain env value', { props: { env: { TELEGRAM_BOT_TOKEN: SECRET } } },
    [`env.TELEGRAM_BOT_TOKEN: looks like a secret and would be visible in the StatefulSet: put it in existingSecret (or set allowPlainSecretEnv: true) ${REDACTED}`]],
  ['*_PASSWORD as a plain env value', { props: { env: { OPENCLAW_GATEWAY_PASSWORD: SECRET } } },
    [`env.OPENCLAW_GATEWAY_PASSWORD: looks like a secret and would be visible in the StatefulSet: put it in existingSecret (or set allowPlainSecretEnv: true) ${REDACTED}`]],
  ['*SECRET* as a plain env value', { props: { env: { CLIENT_SECRET_ID: SECRET } } },
    [`env.CLIENT_SECRET_ID: looks like a secret and would be visible in the StatefulSet: put it in existingSecret (or set allowPlainSecretEnv: true) ${REDACTED}`]],
  ['values file: *_API_KEY as a plain env value', { values: `env:\n  OPENAI_API_KEY: ${SECRET}\n` },
    [`env.OPENAI_API_KEY: looks like a secret and would be visible in the StatefulSet: put it in existingSecret (or set allowPlainSecretEnv: true) ${REDACTED}`]],
  ['secret-looking plain value in extraEnv', { props: { extraEnv: [{ name: 'GITHUB_TOKEN', value: SECRET }] } },
    [`extraEnv[0].value: "GITHUB_TOKEN" looks like a secret: use valueFrom.secretKeyRef or existingSecret (or set allowPlainSecretEnv: true) ${REDACTED}`]],
  ['secret-looking plain value in a replica override', { props: { replicaCount: 2, replicaOverrides: { 1: { env: { SLACK_TOKEN: SECRET } } } } },
    [`replicaOverrides.1.env.SLACK_TOKEN: looks like a secret and would be visible in the StatefulSet: put it in existingSecret (or set allowPlainSecretEnv: true) ${REDACTED}`]],
  ['extraEnv with both value and valueFrom (the value is redacted)', {
    props: { allowPlainSecretEnv: true, extraEnv: [{ name: 'DB_PASSWORD', value: SECRET, valueFrom: { secretKeyRef: { name: 'db', key: 'pw' } } }] },
  }, ['extraEnv[0]: needs exactly one of value or valueFrom (got {"name":"DB_PASSWORD","value":"<redacted>","valueFrom":{"secretKeyRef":{"name...)']],
  ['existingSecret with keys but no name', { props: { existingSecret: { keys: { ANTHROPIC_API_KEY: 'anthropic-api-key' } } } },
    ['existingSecret.name: is required when existingSecret.keys is set']],
  ['values file: existingSecret with keys but no name', { values: 'existingSecret:\n  keys:\n    OPENCLAW_GATEWAY_TOKEN: token\n' },
    ['existingSecret.name: is required when existingSecret.keys is set']],
  ['channel with a token in its config', { props: { gateway: { channels: { telegram: { enabled: true, botToken: SECRET } } } } },
    [`gateway.channels.telegram.botToken: channel credentials must come from a Secret (e.g. TELEGRAM_BOT_TOKEN in existingSecret), never from the chart config ${REDACTED}`]],
  ['values file: channel with a nested token', { values: `gateway:\n  channels:\n    discord:\n      accounts:\n        main:\n          token: ${SECRET}\n` },
    [`gateway.channels.discord.accounts.main.token: channel credentials must come from a Secret (e.g. TELEGRAM_BOT_TOKEN in existingSecret), never from the chart config ${REDACTED}`]],
  ['NUL in a replica env value', { props: { replicaOverrides: { 0: { env: { GREETING: 'a\0b' } } } } },
    ['replicaOverrides.0.env.GREETING: must not contain a NUL character']],
  ['bad tokenSecret name', { props: { gateway: { tokenSecret: { name: 'Gateway Token' } } } },
    ['gateway.tokenSecret.name: must be a Secret name (DNS subdomain) (got "Gateway Token")']],

  // --- access, image, config --------------------------------------------------------------------
  ['rbac rule with an unknown verb', { props: { rbac: { rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'read'] }] } } },
    [`rbac.rules[0].verbs[1]: must be one of ${RBAC_VERBS} (got "read")`]],
  ['values file: rbac rule with an unknown verb', { values: 'rbac:\n  rules:\n    - apiGroups: [""]\n      resources: [pods]\n      verbs: [GET]\n' },
    [`rbac.rules[0].verbs[0]: must be one of ${RBAC_VERBS} (got "GET")`]],
  ['agentModel without a provider', { props: { agentModel: 'claude-sonnet-4-6' } },
    ['agentModel: must be "provider/model", e.g. anthropic/claude-sonnet-4-6 (got "claude-sonnet-4-6")']],
  ['pod annotation key with a space', { props: { podAnnotations: { 'backup schedule': 'daily' } } },
    ['podAnnotations.backup schedule: the key must be a qualified name (optional DNS prefix, "/", then at most 63 letters, digits, "-", "_", ".") (got "backup schedule")']],

  // --- volumes ----------------------------------------------------------------------------------
  ['extraVolumeMounts naming an unknown volume', { props: { extraVolumeMounts: [{ name: 'plugins', mountPath: '/plugins' }] } },
    ['extraVolumeMounts[0].name: must name a volume of the pod (data, tmp, cache, local, node-modules) (got "plugins")']],
  ['extraVolumeMounts naming a chart volume this pod does not have', { props: { nodeModulesWritable: false, extraVolumeMounts: [{ name: 'node-modules', mountPath: '/plugins' }] } },
    ['extraVolumeMounts[0].name: must name a volume of the pod (data, tmp, cache, local) (got "node-modules")']],
  ['extraVolumeMounts on a path the chart mounts', { props: { extraVolumes: [{ name: 'scratch', emptyDir: {} }], extraVolumeMounts: [{ name: 'scratch', mountPath: '/tmp' }] } },
    ['extraVolumeMounts[0].mountPath: is already a mount path (used by the chart): Kubernetes requires unique mount paths (got "/tmp")']],
  ['reserved volume name', { props: { extraVolumes: [{ name: 'data', emptyDir: {} }] } },
    [`extraVolumes[0].name: is already used by the chart (reserved: ${RESERVED_VOLUMES}) (got "data")`]],
  ['two extraVolumes with one name', { props: { extraVolumes: [{ name: 'plugins', emptyDir: {} }, { name: 'plugins', configMap: { name: 'p' } }] } },
    ['extraVolumes[1].name: duplicate volume name (already used by extraVolumes[0]) (got "plugins")']],
  ['values file: reserved volume name', { values: 'extraVolumes:\n  - name: tmp\n    emptyDir: {}\n' },
    [`extraVolumes[0].name: is already used by the chart (reserved: ${RESERVED_VOLUMES}) (got "tmp")`]],
  ['DATA_DIR not absolute', { props: { env: { DATA_DIR: 'data' } } }, ['env.DATA_DIR: must be an absolute directory path other than / (got "data")']],
  ['DATA_DIR "/"', { props: { env: { DATA_DIR: '/' } } }, ['env.DATA_DIR: must be an absolute directory path other than / (got "/")']],
  ['DATA_DIR with a trailing "/"', { props: { env: { DATA_DIR: '/data/' } } }, ['env.DATA_DIR: must not end with "/" (got "/data/")']],
  ['DATA_DIR on a path the chart mounts', { props: { env: { DATA_DIR: '/tmp' } } },
    [`env.DATA_DIR: is a path the chart already uses (${CHART_MOUNT_PATHS}) (got "/tmp")`]],

  // --- more values files: the same rules reached through the CLI --------------------------------
  ['values file: misspelled key', { values: 'servce:\n  port: 80\n' }, ['servce: is not a known key; did you mean service? (got <map, 1 key>)']],
  ['values file: replicaCount "three"', { values: 'replicaCount: three\n' }, ['replicaCount: must be an integer (got "three")']],
  ['values file: replicaOverrides key that is not an index', { values: 'replicaCount: 2\nreplicaOverrides:\n  one:\n    env:\n      A: b\n' },
    ['replicaOverrides.one: the key must be a replica index: a non-negative integer such as "0" or "1" (got "one")']],
  ['values file: service.targetPort different from service.port', { values: 'service:\n  targetPort: 8080\n' },
    ['service.targetPort: must equal service.port (18789): the gateway listens on one port, which service.port sets (got 8080)']],
  ['values file: probe port different from the gateway port', { values: 'livenessProbe:\n  httpGet:\n    port: 8080\n' },
    ['livenessProbe.httpGet.port: must be the gateway port 18789 (or "http"): the probe checks the gateway (got 8080)']],
  ['values file: updateStrategy OnDelete with rollingUpdate', { values: 'updateStrategy:\n  type: OnDelete\n  rollingUpdate:\n    partition: 0\n' },
    ['updateStrategy.rollingUpdate: is only allowed with type RollingUpdate (the API server rejects it with OnDelete) (got {"partition":0})']],
  ['values file: httpRoute without parentRefs', { values: 'httpRoute:\n  enabled: true\n' }, ['httpRoute.parentRefs: needs at least one Gateway when httpRoute is enabled']],
  ['values file: bad trustedProxies CIDR', { values: 'gateway:\n  trustedProxies: ["10.0.0.0/33"]\n' },
    ['gateway.trustedProxies[0]: must be an IP address or CIDR such as 10.42.3.17/32 (got "10.0.0.0/33")']],
  ['values file: bad allowedOrigins', { values: 'gateway:\n  controlUi:\n    allowedOrigins: [openclaw.example.com]\n' },
    ['gateway.controlUi.allowedOrigins[0]: must be an origin: http(s)://host[:port], no path (got "openclaw.example.com")']],
  ['values file: duplicate env names', { values: 'env:\n  FOO: a\nextraEnv:\n  - name: FOO\n    value: b\n' },
    ['extraEnv[0].name: duplicate env var name "FOO" (already set by env.FOO) (got "FOO")']],
  ['values file: extraVolumeMounts naming an unknown volume', { values: 'extraVolumeMounts:\n  - name: plugins\n    mountPath: /plugins\n' },
    ['extraVolumeMounts[0].name: must name a volume of the pod (data, tmp, cache, local, node-modules) (got "plugins")']],
  ['values file: DATA_DIR not absolute', { values: 'env:\n  DATA_DIR: data\n' }, ['env.DATA_DIR: must be an absolute path starting with "/" (got "data")']],
  ['values file: ingress host with upper case', { values: 'ingress:\n  enabled: true\n  hosts:\n    - host: OpenClaw.example.com\n' },
    ['ingress.hosts[0].host: must be a lower case DNS name without scheme, port or path (e.g. openclaw.example.com; "*." allowed in front) (got "OpenClaw.example.com")']],
  ['a pod label named "constructor"', { props: { podLabels: { constructor: 'x' } } },
    ['podLabels.constructor: the key "constructor" is refused: __proto__, constructor, prototype are never props keys (they would reach JavaScript\'s object prototypes)']],

  // --- all at once ------------------------------------------------------------------------------
  ['several problems are reported together, in check order', {
    props: { releaseName: 'Bad', replicaCount: -2, service: { port: 0 }, env: { ANTHROPIC_API_KEY: SECRET }, rbac: { rules: [{ verbs: [] }] } },
  }, [
    'releaseName: must be a DNS label: lower case letters, digits and "-", starting and ending with a letter or digit (got "Bad")',
    'replicaCount: must be an integer of at least 0 (0 pauses the release and keeps its claims) (got -2)',
    'service.port: must be an integer from 1 to 65535 (got 0)',
    `env.ANTHROPIC_API_KEY: looks like a secret and would be visible in the StatefulSet: put it in existingSecret (or set allowPlainSecretEnv: true) ${REDACTED}`,
    'rbac.rules[0].verbs: needs at least one verb',
  ]],
];

const HEADER = /^Invalid OpenClaw configuration \((\d+) problems?\):$/;

/** The problem lines an input produces, after checking the error itself. */
async function problemLines(input: Input): Promise<{ lines: string[]; message: string }> {
  if ('props' in input) {
    let error: unknown;
    try {
      synthObjects(input.props, { release: input.release });
    } catch (e) {
      error = e;
    }
    if (!(error instanceof OpenClawConfigError)) throw new Error(`expected OpenClawConfigError, got ${error === undefined ? 'no error' : (error as Error).stack}`);
    const lines = error.problems.map(formatProblem);
    expect(error.message).toBe([`Invalid OpenClaw configuration (${lines.length} problem${lines.length === 1 ? '' : 's'}):`, ...lines.map((l) => `  - ${l}`)].join('\n'));
    return { lines, message: error.message };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openclaw-catalog-'));
  try {
    const file = path.join(dir, 'values.yaml');
    fs.writeFileSync(file, input.values);
    const release = input.release ?? 'my-openclaw';
    let stdout = '';
    let stderr = '';
    const code = await runCli(['synth', '-f', file, '--release', release, '--namespace', 'openclaw'],
      { stdout: { write: (s: string) => { stdout += s; } }, stderr: { write: (s: string) => { stderr += s; } } });
    expect({ code, stdout }).toEqual({ code: 1, stdout: '' });
    const [header, ...rest] = stderr.replace(/\n$/, '').split('\n');
    expect(header).toMatch(HEADER);
    expect(Number(HEADER.exec(header)![1])).toBe(rest.length);
    expect(stderr).not.toMatch(/^\s+at /m); // no stack trace
    for (const line of rest) expect(line.startsWith('  - ')).toBe(true);
    return { lines: rest.map((l) => withoutSource(l.slice(4))), message: stderr };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('invalid inputs: the exact problems, all at once', () => {
  test('the catalog has at least 30 inputs, props and values files', () => {
    expect(CATALOG.length).toBeGreaterThanOrEqual(30);
    expect(CATALOG.filter(([, i]) => 'values' in i).length).toBeGreaterThanOrEqual(10);
    expect(new Set(CATALOG.map(([d]) => d)).size).toBe(CATALOG.length);
  });

  test.each(CATALOG)('%s', async (_description, input, expected) => {
    const { lines, message } = await problemLines(input);
    expect(lines).toEqual(expected);
    expect(message).not.toContain(SECRET);
    expect(message).not.toContain('DO-NOT-PRINT');
  });
});

describe('every path the chart mounts is refused as DATA_DIR and as an extra mount path', () => {
  // With every optional mount on, so a new chart mount that check.ts does not know fails here.
  const objects = synthObjects({
    configMap: { data: { 'a.json': '{}' } }, replicaCount: 2, replicaOverrides: { 0: { env: { ROLE: 'a' } } }, agentModel: 'a/b',
  });
  const pod = objects.find((o) => o.kind === 'StatefulSet').spec.template.spec;
  const paths = [...new Set<string>([...pod.initContainers, ...pod.containers]
    .flatMap((c: any) => c.volumeMounts.map((m: any) => m.mountPath))
    .filter((p: string) => p !== '/data'))];

  test('the chart mounts these paths', () => {
    expect(paths.length).toBeGreaterThanOrEqual(10);
  });

  test.each(paths)('%s', async (mountPath) => {
    const asDataDir = await problemLines({ props: { env: { DATA_DIR: mountPath } } });
    expect(asDataDir.lines).toEqual([`env.DATA_DIR: is a path the chart already uses (${CHART_MOUNT_PATHS}) (got "${mountPath}")`]);
    const asMount = await problemLines({ props: { extraVolumes: [{ name: 'extra', emptyDir: {} }], extraVolumeMounts: [{ name: 'extra', mountPath }] } });
    expect(asMount.lines).toEqual([`extraVolumeMounts[0].mountPath: is already a mount path (used by the chart): Kubernetes requires unique mount paths (got "${mountPath}")`]);
  });
});

describe('secret values never appear in error messages', () => {
  test('every place a secret can be given shows <redacted>', async () => {
    const { message } = await problemLines({
      props: {
        env: { ANTHROPIC_API_KEY: SECRET, MY_SECRET: SECRET },
        extraEnv: [{ name: 'GITHUB_TOKEN', value: SECRET }, { name: 'X_PASSWORD', value: SECRET, valueFrom: { secretKeyRef: { name: 'a', key: 'b' } } }],
        replicaOverrides: { 0: { env: { SLACK_BOT_TOKEN: SECRET } } },
        secret: { enabled: true, data: { GOOD: SECRET, BAD: 42 as unknown as string } },
        gateway: { channels: { telegram: { botToken: SECRET }, slack: { appToken: SECRET, signingSecret: SECRET } } },
      },
    });
    expect(message).not.toContain(SECRET);
    expect(message).not.toContain('DO-NOT-PRINT');
    expect(message.match(/<redacted>/g)?.length).toBe(10);
  });

  test('values files: a secret in env, channels or secret.data is redacted too', async () => {
    const { message } = await problemLines({
      values: [
        'env:', `  OPENCLAW_GATEWAY_TOKEN: ${SECRET}`,
        'gateway:', '  channels:', '    telegram:', `      botToken: ${SECRET}`,
        'secret:', '  enabled: true', '  data:', '    API_KEY: [1, 2]',
      ].join('\n'),
    });
    expect(message).not.toContain(SECRET);
    expect(message).toContain('<redacted>');
  });
});

describe('opt-in: allowPlainSecretEnv', () => {
  test('props: a secret-looking plain env value is accepted with allowPlainSecretEnv: true', () => {
    const objects = synthObjects({ allowPlainSecretEnv: true, env: { ANTHROPIC_API_KEY: 'sk-dev' }, extraEnv: [{ name: 'DEV_TOKEN', value: 't' }] });
    const env = envOf(objects);
    expect(env.ANTHROPIC_API_KEY).toBe('sk-dev');
    expect(env.DEV_TOKEN).toBe('t');
  });

  test('props: a plain OPENCLAW_GATEWAY_TOKEN replaces the token Secret reference (one definition only)', () => {
    const objects = synthObjects({ allowPlainSecretEnv: true, env: { OPENCLAW_GATEWAY_TOKEN: 'dev-token' } });
    const container = objects.find((o) => o.kind === 'StatefulSet').spec.template.spec.containers[0];
    expect(container.env.filter((e: any) => e.name === 'OPENCLAW_GATEWAY_TOKEN')).toEqual([{ name: 'OPENCLAW_GATEWAY_TOKEN', value: 'dev-token' }]);
  });

  test('values file: the same opt-in', () => {
    const props = valuesToProps({ allowPlainSecretEnv: true, env: { ANTHROPIC_API_KEY: 'sk-dev' } });
    expect(envOf(synthObjects(props))).toMatchObject({ ANTHROPIC_API_KEY: 'sk-dev' });
  });

  test('without the opt-in the same input is refused', async () => {
    const { lines } = await problemLines({ values: 'allowPlainSecretEnv: false\nenv:\n  ANTHROPIC_API_KEY: sk-dev\n' });
    expect(lines).toEqual([`env.ANTHROPIC_API_KEY: looks like a secret and would be visible in the StatefulSet: put it in existingSecret (or set allowPlainSecretEnv: true) ${REDACTED}`]);
  });
});
