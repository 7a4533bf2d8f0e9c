import { runCli } from '../src/cli/main';
import * as fs from 'fs';
const S = 'sk-ant-api03-DO-NOT-PRINT-5f3c';
const cases: Record<string, string> = {
  secrets: `secrets:\n  data:\n    TOKEN: ${S}\n`,
  dta: `secret:\n  enabled: true\n  dta:\n    TOKEN: ${S}\n`,
  vaule: `extraEnv:\n  - name: API\n    vaule: ${S}\n`,
  list: `secret:\n  enabled: true\n  data:\n    - ${S}\n`,
  names: `env:\n  ANTHROPIC_KEY: ${S}\n  OPENAI_APIKEY: sk-proj-abcdefghijklmnop1234\n  GITHUB_PAT: ghp_abcdefghijklmnopqrstuvwxyz0123456789\n  DB_PASS: ${S}\n  SLACK: xoxb-1234567890-abcdefghij\n  JWT: eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U\n  AWS: AKIAIOSFODNN7EXAMPLE\n  HEX: 0123456789abcdef0123456789abcdef\n  SHA: not-a-secret\nextraEnv:\n  - name: X\n    value: ${S}\nreplicaCount: 2\nreplicaOverrides:\n  "1":\n    env:\n      ROLE_KEY: ${S}\nconfigMap:\n  data:\n    app.json: '{"key": "${S}"}'\ngateway:\n  channels:\n    slack:\n      accounts:\n        - name: main\n          botToken: ${S}\n        - name: other\n          creds: [xoxb-1234567890-abcdefghij]\n`,
  k8s: `configMap:\n  data:\n    ..data: x\n    "..": y\n    ..token: z\nsecurityContext:\n  privileged: true\nnetworkPolicy:\n  enabled: true\n  policyTypes: [Ingress, Ingress, Egress]\nextraVolumes:\n  - name: a\n    emptyDir: {}\nextraVolumeMounts:\n  - name: a\n    mountPath: //tmp\n  - name: a\n    mountPath: /data/../tmp/\n    subPath: ../x\nexistingSecret:\n  name: s\n  keys:\n    A: ..x\npodSecurityContext:\n  runAsUser: 0\n`,
  danger: `podSecurityContext:\n  runAsUser: 0\n  runAsNonRoot: false\nsecurityContext:\n  privileged: true\n  allowPrivilegeEscalation: true\n  runAsNonRoot: false\n  capabilities:\n    add: [NET_BIND_SERVICE, SYS_ADMIN]\nextraVolumes:\n  - name: root\n    hostPath:\n      path: /\n  - name: logs\n    hostPath:\n      path: /var/log\nrbac:\n  rules:\n    - apiGroups: ["*"]\n      resources: ["*"]\n      verbs: ["*"]\n    - apiGroups: [""]\n      resources: [secrets]\n      verbs: [get, impersonate]\nnetworkPolicy:\n  enabled: true\n  ingress:\n    - {}\n  egress:\n    - to:\n        - ipBlock:\n            cidr: 0.0.0.0/0\n      ports:\n        - port: 443\n  allowedNamespaces:\n    - {}\nallowPlainSecretEnv: true\n`,
};
(async () => {
  for (const [name, yaml] of Object.entries(cases)) {
    fs.writeFileSync(`/tmp/vs/${name}.yaml`, yaml);
    let err = '';
    const code = await runCli(['synth', '--quiet', '-f', `/tmp/vs/${name}.yaml`], { stdout: { write: () => true }, stderr: { write: (s: string) => (err += s) } });
    console.log(`== ${name} ${code} leaked=${err.includes('DO-NOT')}\n${err}`);
  }
})();
