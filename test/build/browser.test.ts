import { cdpCheck } from '../../src/build/browser';
import { expectValidManifests } from '../helpers/k8s-valid';
import { policyViolations } from '../helpers/policy';
import { findObject, podSpecOf, problemLines, synthObjects } from '../helpers/synth';

const browserOf = (objs: any[]) => podSpecOf(objs).containers.find((c: any) => c.name === 'browser');
const managedConfig = (objs: any[]) => JSON.parse(findObject(objs, 'ConfigMap', 'my-openclaw-gateway-config').data['openclaw.json']);

describe('browser.enabled', () => {
  test('off by default: no browser container, no browser volumes, no browser block in openclaw.json', () => {
    const objs = synthObjects();
    expect(podSpecOf(objs).containers.map((c: any) => c.name)).toEqual(['openclaw']);
    expect(podSpecOf(objs).volumes.map((v: any) => v.name)).not.toContain('browser-tmp');
    expect(JSON.stringify(objs)).not.toContain('9222');
  });

  test('on: a restricted Chromium sidecar with CDP on loopback, the pod restricted for every container', () => {
    const objs = synthObjects({ browser: { enabled: true } });
    expectValidManifests(objs);
    expect(policyViolations(objs)).toEqual([]);
    const c = browserOf(objs);
    const main = podSpecOf(objs).containers[0];
    expect(c.image).toBe('chromedp/headless-shell:136.0.7052.2');
    expect(c.securityContext).toEqual(main.securityContext);
    expect(c.securityContext).toMatchObject({
      readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, runAsNonRoot: true, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(c.command).toEqual(['/headless-shell/headless-shell']);
    expect(c.args).toEqual([
      '--headless', '--no-sandbox', '--remote-debugging-address=127.0.0.1', '--remote-debugging-port=9222',
      '--user-data-dir=/tmp/chromium-profile', '--no-first-run', '--no-default-browser-check', '--disable-gpu',
      '--disable-breakpad', '--disable-crash-reporter', '--password-store=basic', 'about:blank',
    ]);
    // Writable paths only on its own emptyDirs: never the gateway's state.
    expect(c.volumeMounts).toEqual([{ name: 'browser-tmp', mountPath: '/tmp' }, { name: 'browser-shm', mountPath: '/dev/shm' }]);
    expect(podSpecOf(objs).volumes).toEqual(expect.arrayContaining([
      { name: 'browser-tmp', emptyDir: { sizeLimit: '1Gi' } },
      { name: 'browser-shm', emptyDir: { medium: 'Memory', sizeLimit: '256Mi' } },
    ]));
    expect(c.env).toEqual(expect.arrayContaining([{ name: 'HOME', value: '/tmp' }]));
    expect(c.resources).toEqual({ limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '100m', memory: '256Mi' } });
    expect(podSpecOf(objs).automountServiceAccountToken).toBe(false);
  });

  test('probes: startup and liveness GET /json/version on loopback from inside the container; no readiness probe to take the gateway off the Service', () => {
    const c = browserOf(synthObjects({ browser: { enabled: true, port: 9333 } }));
    const exec = { command: cdpCheck(9333) };
    expect(c.startupProbe).toEqual({ exec, timeoutSeconds: 5, periodSeconds: 2, failureThreshold: 30 });
    expect(c.livenessProbe).toEqual({ exec, timeoutSeconds: 5, periodSeconds: 20, failureThreshold: 3 });
    expect(c.readinessProbe).toBeUndefined();
    expect(exec.command.join(' ')).toContain('/dev/tcp/127.0.0.1/9333');
    expect(exec.command.join(' ')).toContain('GET /json/version');
  });

  test('CDP is on no containerPort, Service, Ingress or NetworkPolicy port', () => {
    const objs = synthObjects({
      browser: { enabled: true },
      ingress: { enabled: true, hosts: [{ host: 'claw.example.com' }] },
      networkPolicy: { enabled: true, allowSameNamespace: true },
    });
    expect(browserOf(objs).ports).toBeUndefined();
    const ports = (o: any) => JSON.stringify(o.spec).match(/"port":\s*\d+|"containerPort":\s*\d+|"number":\s*\d+/g) ?? [];
    for (const kind of ['Service', 'Ingress', 'NetworkPolicy']) {
      for (const o of objs.filter((x) => x.kind === kind)) {
        expect(ports(o).filter((p: string) => p.includes('9222'))).toEqual([]);
      }
    }
    const np = findObject(objs, 'NetworkPolicy');
    expect(np.spec.ingress.flatMap((r: any) => r.ports ?? []).map((p: any) => p.port)).toEqual([18789]);
    expect(podSpecOf(objs).containers.flatMap((c: any) => c.ports ?? []).map((p: any) => p.containerPort)).toEqual([18789]);
  });

  test('openclaw.json: an attach-only default profile on the loopback CDP URL, and the allowed private hosts', () => {
    expect(managedConfig(synthObjects({ browser: { enabled: true, port: 9333, allowedHostnames: ['wiki.internal', '10.0.0.12'] } })).browser).toEqual({
      enabled: true,
      defaultProfile: 'sidecar',
      profiles: { sidecar: { cdpUrl: 'http://127.0.0.1:9333', attachOnly: true } },
      ssrfPolicy: { allowedHostnames: ['wiki.internal', '10.0.0.12'] },
    });
    // Without private hosts, OpenClaw's default SSRF policy stays as it is.
    expect(managedConfig(synthObjects({ browser: { enabled: true } })).browser.ssrfPolicy).toBeUndefined();
    // The chart's other managed keys are kept beside it.
    expect(managedConfig(synthObjects({ browser: { enabled: true }, agentModel: 'anthropic/claude-sonnet-4-6' })).agents).toEqual({ defaults: { model: { primary: 'anthropic/claude-sonnet-4-6' } } });
  });

  test('image, command, extra flags, sizes and resources are the user\'s', () => {
    const objs = synthObjects({
      browser: {
        enabled: true,
        image: { repository: 'registry.example.com/debian-chromium', tag: '156.0', pullPolicy: 'Always' },
        command: ['chromium'],
        extraArgs: ['--lang=en-US'],
        shmSize: '512Mi',
        tmpSize: '2Gi',
        resources: { limits: { memory: '2Gi' } },
      },
    });
    const c = browserOf(objs);
    expect([c.image, c.imagePullPolicy, c.command]).toEqual(['registry.example.com/debian-chromium:156.0', 'Always', ['chromium']]);
    expect(c.args.slice(-2)).toEqual(['--lang=en-US', 'about:blank']);
    expect(podSpecOf(objs).volumes).toEqual(expect.arrayContaining([
      { name: 'browser-tmp', emptyDir: { sizeLimit: '2Gi' } },
      { name: 'browser-shm', emptyDir: { medium: 'Memory', sizeLimit: '512Mi' } },
    ]));
    expect(c.resources).toEqual({ limits: { memory: '2Gi' }, requests: { cpu: '100m', memory: '256Mi' } });
  });

  test('bad settings are refused with the path, the value and what is allowed', () => {
    expect(problemLines(() => synthObjects({
      browser: {
        enabled: true,
        port: 18789,
        extraArgs: ['--remote-debugging-address=0.0.0.0', '--user-data-dir=/data'],
        allowedHostnames: ['http://wiki.internal/'],
        command: [],
        shmSize: '0',
        image: { repository: 'Chromium:latest' },
      },
    }))).toEqual([
      'browser.image.repository: must be an image repository such as chromedp/headless-shell (lower case, no tag)',
      'browser.command: must be a non-empty list of non-empty strings: the Chromium binary of the image (and flags before the chart\'s)',
      'browser.port: must differ from the gateway port 18789 and its browser-control port 18791 (both listen on the pod\'s loopback)',
      'browser.extraArgs[0]: sets a flag the chart owns (--remote-debugging-address, --remote-debugging-port, --remote-debugging-pipe, --user-data-dir): CDP stays on 127.0.0.1:browser.port, where only the pod\'s own containers reach it',
      'browser.extraArgs[1]: sets a flag the chart owns (--remote-debugging-address, --remote-debugging-port, --remote-debugging-pipe, --user-data-dir): CDP stays on 127.0.0.1:browser.port, where only the pod\'s own containers reach it',
      'browser.allowedHostnames[0]: must be a host name or IP address without scheme, port, path or wildcard (e.g. wiki.internal, 10.0.0.12)',
      'browser.shmSize: must be a Kubernetes quantity above zero such as 256Mi',
    ]);
    // The control port follows the gateway port.
    expect(problemLines(() => synthObjects({ service: { port: 9000 }, browser: { enabled: true, port: 9002 } }))).toEqual([
      'browser.port: must differ from the gateway port 9000 and its browser-control port 9002 (both listen on the pod\'s loopback)',
    ]);
  });
});
