import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  assertValidManifests,
  formatProblems,
  SUPPORTED_KUBERNETES_VERSIONS,
  validateManifests,
  validateYamlFiles,
} from '../../src';
import { expectValidManifests } from '../helpers/k8s-valid';
import { RENDERED_DIR } from '../helpers/fixtures';

const RENDERED = RENDERED_DIR;

function statefulSet(mutate: (s: any) => void = () => {}): any {
  const sts: any = {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'my-openclaw', labels: { 'app.kubernetes.io/name': 'openclaw' } },
    spec: {
      serviceName: 'my-openclaw-headless',
      replicas: 1,
      selector: { matchLabels: { 'app.kubernetes.io/name': 'openclaw' } },
      template: {
        metadata: { labels: { 'app.kubernetes.io/name': 'openclaw' } },
        spec: {
          containers: [
            {
              name: 'openclaw',
              image: 'ghcr.io/openclaw/openclaw:2026.8.1',
              ports: [{ name: 'http', containerPort: 18789 }],
              readinessProbe: { httpGet: { path: '/readyz', port: 'http' } },
              resources: { requests: { cpu: '500m', memory: '1Gi' } },
            },
          ],
        },
      },
      volumeClaimTemplates: [
        {
          metadata: { name: 'data' },
          spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' } } },
        },
      ],
    },
  };
  mutate(sts);
  return sts;
}

function service(targetPort: unknown): object {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'my-openclaw' },
    spec: { ports: [{ name: 'http', port: 18789, targetPort }], selector: { app: 'openclaw' } },
  };
}

function httpRoute(mutate: (r: any) => void = () => {}): any {
  const route: any = {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name: 'my-openclaw', namespace: 'openclaw' },
    spec: {
      parentRefs: [{ name: 'public-gateway', namespace: 'gateways' }],
      hostnames: ['openclaw.example.com'],
      rules: [
        {
          matches: [{ path: { type: 'PathPrefix', value: '/' } }],
          backendRefs: [{ name: 'my-openclaw', port: 18789 }],
        },
      ],
    },
  };
  mutate(route);
  return route;
}

/** "path: message" of every problem, for compact assertions. */
function issues(objects: object[], versions = SUPPORTED_KUBERNETES_VERSIONS): string[] {
  return validateManifests(objects, versions).map((p) => `v${p.version} ${p.path}: ${p.message}`);
}

describe('manifests rendered by the reference Helm chart', () => {
  const files = fs.readdirSync(RENDERED).filter((f) => f.endsWith('.k8s.yaml'));

  test('are all found', () => {
    expect(files.length).toBeGreaterThanOrEqual(8);
  });

  // Helm chart defect 23: the chart renders `annotations:` with no value on the pod template.
  test.each(files)('%s: the null pod-template annotations are the only problem', (file) => {
    const fullPath = path.join(RENDERED, file);
    expect(validateYamlFiles([fullPath])).toEqual(
      SUPPORTED_KUBERNETES_VERSIONS.map((version) => ({
        file: fullPath,
        version,
        kind: 'StatefulSet',
        name: 'my-openclaw',
        path: '/spec/template/metadata/annotations',
        message: 'must be object (got null)',
      })),
    );
  });
});

describe('a valid StatefulSet', () => {
  test('has no problems in any supported version', () => {
    expect(validateManifests([statefulSet()])).toEqual([]);
    expect(() => expectValidManifests([statefulSet()])).not.toThrow();
  });

  test('may carry rollingUpdate under type OnDelete: only the API server rejects that, not the schema', () => {
    const sts = statefulSet((s) => (s.spec.updateStrategy = { type: 'OnDelete', rollingUpdate: { partition: 0 } }));
    expect(validateManifests([sts])).toEqual([]);
  });
});

describe('strict schema errors', () => {
  test('an unknown (misspelled) field is named by its path', () => {
    const sts = statefulSet((s) => {
      const pod = s.spec.template.spec;
      pod.contianers = pod.containers;
      delete pod.containers;
    });
    expect(issues([sts], ['1.28'])).toEqual([
      "v1.28 /spec/template/spec/containers: must have required property 'containers'",
      "v1.28 /spec/template/spec/contianers: must NOT have additional property 'contianers'",
    ]);
  });

  test('a string where an integer is wanted', () => {
    expect(issues([statefulSet((s) => (s.spec.replicas = 'three'))], ['1.36'])).toEqual([
      'v1.36 /spec/replicas: must be integer (got "three")',
    ]);
  });

  test('a storage size that is not a quantity', () => {
    const sts = statefulSet((s) => (s.spec.volumeClaimTemplates[0].spec.resources.requests.storage = 'ten'));
    expect(issues([sts], ['1.28'])).toEqual([
      'v1.28 /spec/volumeClaimTemplates/0/spec/resources/requests/storage: must be a Kubernetes quantity such as 500m, 1.5 or 10Gi (got "ten")',
    ]);
  });

  test('null where a map or list is wanted', () => {
    const sts = statefulSet((s) => {
      s.metadata.labels = null;
      s.spec.template.spec.containers[0].ports = null;
    });
    expect(issues([sts], ['1.28'])).toEqual([
      'v1.28 /metadata/labels: must be object (got null)',
      'v1.28 /spec/template/spec/containers/0/ports: must be array (got null)',
    ]);
  });

  test('formats are checked as the API server decodes them: base64 Secret data, int32 ports', () => {
    const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { key: 'not base64!', ok: 'c2VjcmV0' } };
    const sts = statefulSet((s) => (s.spec.template.spec.containers[0].ports[0].containerPort = 2 ** 31));
    expect(issues([secret, sts], ['1.28'])).toEqual([
      'v1.28 /data/key: must match format "byte" (got "not base64!")',
      'v1.28 /spec/template/spec/containers/0/ports/0/containerPort: must match format "int32" (got 2147483648)',
    ]);
  });

  test('every problem of every object is reported at once', () => {
    const broken = [statefulSet((s) => (s.spec.replicas = 'three')), service(true)];
    expect(validateManifests(broken)).toHaveLength(4); // 2 objects x 2 versions
  });
});

describe('apiVersion and kind', () => {
  test('an unknown kind is an error naming it', () => {
    expect(issues([{ apiVersion: 'apps/v1', kind: 'StatefullSet', metadata: { name: 'x' } }], ['1.28'])).toEqual([
      "v1.28 /kind: unknown kind 'StatefullSet' (apiVersion 'apps/v1') in Kubernetes 1.28",
    ]);
  });

  test('a known kind under the wrong apiVersion says which one serves it', () => {
    expect(issues([statefulSet((s) => (s.apiVersion = 'apps/v1beta1'))], ['1.36'])).toEqual([
      "v1.36 /apiVersion: 'apps/v1beta1' does not serve kind StatefulSet in Kubernetes 1.36; use apps/v1",
    ]);
  });

  test('an object without apiVersion or kind is an error', () => {
    expect(issues([{ kind: 'ConfigMap' }], ['1.28'])).toEqual(['v1.28 /apiVersion: must be a string such as apps/v1']);
    expect(issues([{ apiVersion: 'v1' }], ['1.28'])).toEqual(['v1.28 /kind: must be a string such as StatefulSet']);
  });
});

describe('int-or-string and quantity', () => {
  test.each([['http'], [18789]])('targetPort %p is valid', (port) => {
    expect(validateManifests([service(port)])).toEqual([]);
  });

  test('targetPort true is invalid', () => {
    expect(issues([service(true)], ['1.28'])).toEqual(['v1.28 /spec/ports/0/targetPort: must be string or integer (got true)']);
  });

  const withCpu = (cpu: unknown) => statefulSet((s) => (s.spec.template.spec.containers[0].resources.limits = { cpu }));

  test.each(['500m', '10Gi', '1.5', '2e3', '1E3', '+1', '.5', '1k', 2, 0.5])('quantity %p is valid', (q) => {
    expect(validateManifests([withCpu(q)])).toEqual([]);
  });

  test.each(['ten', '10GB', '1K', '1.5.5', '10 Gi', '', 'Gi'])('quantity %p is invalid', (q) => {
    expect(issues([withCpu(q)], ['1.36'])).toEqual([
      `v1.36 /spec/template/spec/containers/0/resources/limits/cpu: must be a Kubernetes quantity such as 500m, 1.5 or 10Gi (got ${JSON.stringify(q)})`,
    ]);
  });
});

describe('Gateway API HTTPRoute (CRD)', () => {
  test('a valid route has no problems', () => {
    expect(validateManifests([httpRoute()])).toEqual([]);
  });

  test('an unknown field in the spec is an error', () => {
    const route = httpRoute((r) => (r.spec.rules[0].backendRefs[0].servicePort = 80));
    expect(issues([route], ['1.28'])).toEqual([
      "v1.28 /spec/rules/0/backendRefs/0/servicePort: must NOT have additional property 'servicePort'",
    ]);
  });

  // The built-in definitions carry no enums (podManagementPolicy: Serial passes); CRDs do.
  test('a value outside an enum lists the allowed values', () => {
    const route = httpRoute((r) => (r.spec.rules[0].matches[0].path.type = 'Prefix'));
    expect(issues([route], ['1.36'])).toEqual([
      'v1.36 /spec/rules/0/matches/0/path/type: must be one of "Exact", "PathPrefix", "RegularExpression" (got "Prefix")',
    ]);
  });

  test('metadata is checked as ObjectMeta', () => {
    const route = httpRoute((r) => (r.metadata.lables = { a: 'b' }));
    expect(issues([route], ['1.36'])).toEqual(["v1.36 /metadata/lables: must NOT have additional property 'lables'"]);
  });
});

describe('Kubernetes versions differ', () => {
  test('Service spec.trafficDistribution (added in 1.30) is valid for 1.36 only', () => {
    const svc: any = service('http');
    svc.spec.trafficDistribution = 'PreferClose';
    expect(issues([svc])).toEqual([
      "v1.28 /spec/trafficDistribution: must NOT have additional property 'trafficDistribution'",
    ]);
  });

  test('flowcontrol v1beta2 (removed in 1.29) is served by 1.28 only', () => {
    const flowSchema = {
      apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta2',
      kind: 'FlowSchema',
      metadata: { name: 'openclaw' },
      spec: { priorityLevelConfiguration: { name: 'workload-low' } },
    };
    expect(issues([flowSchema])).toEqual([
      "v1.36 /apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta2' does not serve kind FlowSchema in Kubernetes 1.36; use flowcontrol.apiserver.k8s.io/v1",
    ]);
  });
});

describe('reporting', () => {
  const broken = statefulSet((s) => (s.spec.replicas = 'three'));

  test('formatProblems gives one line per problem, naming version, object and path', () => {
    expect(formatProblems(validateManifests([broken]))).toBe(
      [
        'v1.28 StatefulSet/my-openclaw /spec/replicas: must be integer (got "three")',
        'v1.36 StatefulSet/my-openclaw /spec/replicas: must be integer (got "three")',
      ].join('\n'),
    );
  });

  test('assertValidManifests throws the formatted problems, and passes valid objects', () => {
    expect(() => assertValidManifests([broken], ['1.28'])).toThrow(
      new Error('v1.28 StatefulSet/my-openclaw /spec/replicas: must be integer (got "three")'),
    );
    expect(() => assertValidManifests([statefulSet()])).not.toThrow();
  });

  test('expectValidManifests fails a test with the formatted problems', () => {
    expect(() => expectValidManifests([broken])).toThrow('/spec/replicas: must be integer');
  });
});

describe('validateYamlFiles', () => {
  let dir: string;
  beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'validate-'))));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  function write(name: string, text: string): string {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return file;
  }

  test('reads every document of every file, skips empty ones and names the file', () => {
    const good = write('good.yaml', '---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\n---\n');
    const bad = write('bad.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\ndata: []\n');
    expect(formatProblems(validateYamlFiles([good, bad], ['1.28']))).toBe(
      `${bad}: v1.28 ConfigMap/b /data: must be object (got a list)`,
    );
  });

  test('parses YAML as Kubernetes does (1.1): an unquoted yes is a boolean', () => {
    const file = write('env.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    env:\n    - name: ENABLED\n      value: yes\n');
    expect(validateYamlFiles([file], ['1.36']).map((p) => `${p.path}: ${p.message}`)).toEqual([
      '/spec/containers/0/env/0/value: must be string (got true)',
    ]);
  });

  test('a duplicated key is not a manifest: it throws naming the file', () => {
    const file = write('dup.yaml', 'apiVersion: v1\nkind: ConfigMap\nkind: Secret\n');
    expect(() => validateYamlFiles([file])).toThrow(file);
  });
});
