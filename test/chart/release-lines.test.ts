/** Version gates by release line: extended-stable releases, betas, tags that are not releases, and what the chart writes for each. */
import { OpenClawChartProps } from '../../src';
import { resolveModel } from '../../src/model/resolve-model';
import { compareReleases, imageAtLeast, imageFeatures, parseOpenClawVersion, releaseLine } from '../../src/core/versions';
import { findObject, mainContainer, synthObjects } from '../helpers/synth';

const v = (tag: string) => parseOpenClawVersion(tag)!;
const managed = (props: OpenClawChartProps) => {
  const cm = synthObjects(props).find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'my-openclaw-gateway-config');
  return cm && JSON.parse(cm.data['openclaw.json']);
};

describe('release lines', () => {
  test('an extended-stable release sorts after its own line and before the next, whatever its publication date', () => {
    expect(v('2026.7.35')).toEqual({ year: 2026, month: 7, day: 35, extendedStable: true });
    expect(compareReleases(v('2026.7.35'), v('2026.7.1'))).toBeGreaterThan(0);
    expect(compareReleases(v('2026.7.35'), v('2026.8.1'))).toBeLessThan(0);
    expect(compareReleases(v('2026.6.35'), v('2026.7.1'))).toBeLessThan(0);
    expect(releaseLine('2026.7.33')).toBe('2026.7');
    expect(releaseLine('latest')).toBeUndefined();
  });

  test('a beta comes before its release; a rebuild (-1, -2) and an image variant (-slim) are the release', () => {
    expect(compareReleases(v('2026.8.1-beta.3'), v('2026.8.1'))).toBeLessThan(0);
    expect(compareReleases(v('2026.8.1-beta.3'), v('2026.7.35'))).toBeGreaterThan(0);
    expect(compareReleases(v('2026.8.1-beta.1'), v('2026.8.1-beta.2'))).toBeLessThan(0);
    expect(compareReleases(v('2026.7.1-2'), v('2026.7.1'))).toBe(0);
    expect(compareReleases(v('2026.9.6-slim'), v('2026.9.6'))).toBe(0);
  });

  test('a gate must be a mainline release', () => {
    expect(() => imageAtLeast('2026.9.6', '2026.7.35')).toThrow('version gate 2026.7.35 must be a mainline release');
    expect(() => imageAtLeast('2026.9.6', '2026.8.1-beta.1')).toThrow('must be a mainline release');
  });

  // What the release matrix (test/e2e/release-matrix.test.ts) observed on each release it runs.
  test.each([
    ['2026.3.22', { healthEndpoints: true, startupEndpoint: false, allowInsecureAuth: true, allowedOriginsRequired: true, terminalConfig: false }],
    ['2026.3.31', { healthEndpoints: true, startupEndpoint: false, allowInsecureAuth: true, allowedOriginsRequired: true, terminalConfig: false }],
    ['2026.4.24', { healthEndpoints: true, startupEndpoint: false, allowInsecureAuth: true, allowedOriginsRequired: true, terminalConfig: false }],
    ['2026.4.25', { healthEndpoints: true, startupEndpoint: false, allowInsecureAuth: true, allowedOriginsRequired: false, terminalConfig: false }],
    ['2026.6.35', { healthEndpoints: true, startupEndpoint: false, allowInsecureAuth: true, allowedOriginsRequired: false, terminalConfig: false }],
    ['2026.7.35', { healthEndpoints: true, startupEndpoint: false, allowInsecureAuth: true, allowedOriginsRequired: false, terminalConfig: false }],
    ['2026.8.1', { healthEndpoints: true, startupEndpoint: true, allowInsecureAuth: false, allowedOriginsRequired: false, terminalConfig: false }],
    ['2026.9.6', { healthEndpoints: true, startupEndpoint: true, allowInsecureAuth: false, allowedOriginsRequired: false, terminalConfig: true }],
    ['latest', { healthEndpoints: true, startupEndpoint: true, allowInsecureAuth: false, allowedOriginsRequired: false, terminalConfig: true }],
    ['sha256-0123abcd', { healthEndpoints: true, startupEndpoint: true, allowInsecureAuth: false, allowedOriginsRequired: false, terminalConfig: true }],
  ])('features of %s', (tag, features) => expect(imageFeatures(tag)).toEqual(features));
});

describe('allowInsecureAuth on an image that retired it: dropped with a warning, not refused', () => {
  const DROPPED = (tag: string) => 'dropped: OpenClaw retired it in 2026.8.1 (the 2026.7 line up to its extended-stable 2026.7.33-35 still accept it), '
    + `and image tag "${tag}" rejects it in config validation and strips it at startup, so it would do nothing. Remove it, or pin image.tag to one of those releases`;

  test.each(['latest', '2026.8.1', '2026.9.6'])('tag %s: one warning naming the path, nothing written', (tag) => {
    const props = { image: { tag }, gateway: { controlUi: { allowInsecureAuth: true } } };
    expect(resolveModel(props, 'my-openclaw').warnings).toEqual([{ path: 'gateway.controlUi.allowInsecureAuth', message: DROPPED(tag) }]);
    expect(managed(props)).toBeUndefined();
  });

  test('the extended-stable 2026.7.35 still takes it: no warning, written', () => {
    const props = { image: { tag: '2026.7.35' }, gateway: { controlUi: { allowInsecureAuth: true } } };
    expect(resolveModel(props, 'my-openclaw').warnings).toEqual([]);
    expect(managed(props).gateway.controlUi).toEqual({ allowInsecureAuth: true });
  });
});

describe('gateway.controlUi.allowedOrigins on images that exit without it (2026.2.26 to 2026.4.24)', () => {
  test('the default render writes the port-forward origins, on the gateway port', () => {
    expect(managed({ image: { tag: '2026.3.31' } }).gateway.controlUi).toEqual({
      allowInsecureAuth: false, allowedOrigins: ['http://localhost:18789', 'http://127.0.0.1:18789'] });
    expect(managed({ image: { tag: '2026.3.22' }, service: { port: 9000 } }).gateway.controlUi.allowedOrigins).toEqual(['http://localhost:9000', 'http://127.0.0.1:9000']);
  });

  test('with an ingress, its origin alone (as on every release); given origins are kept as they are', () => {
    const ingress = { enabled: true, hosts: [{ host: 'claw.example.com' }], tls: [{ secretName: 't', hosts: ['claw.example.com'] }] };
    expect(managed({ image: { tag: '2026.3.31' }, ingress }).gateway.controlUi.allowedOrigins).toEqual(['https://claw.example.com']);
    expect(managed({ image: { tag: '2026.3.31' }, gateway: { controlUi: { allowedOrigins: ['https://a.example.com'] } } }).gateway.controlUi.allowedOrigins)
      .toEqual(['https://a.example.com']);
  });

  test('from 2026.4.25 (which seeds them itself) and on unknown tags nothing is written', () => {
    expect(managed({ image: { tag: '2026.4.29' } }).gateway.controlUi).toEqual({ allowInsecureAuth: false });
    expect(managed({ image: { tag: 'latest' } })).toBeUndefined();
    expect(findObject(synthObjects({ image: { tag: 'latest' } }), 'StatefulSet').spec.template.spec.initContainers.map((c: any) => c.name)).toEqual(['prepare-state', 'gateway-token', 'migrate-config']);
    expect(mainContainer(synthObjects({ image: { tag: '2026.2.1' } })).image).toBe('ghcr.io/openclaw/openclaw:2026.2.1');
    expect(managed({ image: { tag: '2026.2.1' } }).gateway.controlUi).toEqual({ allowInsecureAuth: false });
  });
});
