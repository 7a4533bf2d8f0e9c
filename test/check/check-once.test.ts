/**
 * Check once per render: every way in (the CLI's synth and helm from values files, the Chart, the
 * Construct, renderObjects, the fleet) runs the chart's checks exactly once per release, and the
 * warnings those checks give are said once.
 */
import * as path from 'path';
import { App, Chart, Testing } from 'cdk8s';
import * as checks from '../../src/check';
import { OpenClaw, OpenClawChart, OpenClawFleet, renderObjects } from '../../src';
import { cli, tempDir, writeFile } from '../cli/run-cli';

const dir = tempDir();
// An Ingress without trusted proxies: one warning (gateway.trustedProxies).
const VALUES = 'ingress:\n  enabled: true\n  hosts:\n    - host: claw.example.com\n';
const PROPS = { ingress: { enabled: true, hosts: [{ host: 'claw.example.com' }] } };

let spy: jest.SpyInstance;
beforeEach(() => { spy = jest.spyOn(checks, 'checkProps'); });
afterEach(() => spy.mockRestore());

test('openclaw-cdk8s synth -f: the checks run once, and the warning is said once', async () => {
  const r = await cli('synth', '-f', writeFile(dir, 'values.yaml', VALUES), '--quiet');
  expect(r.code).toBe(0);
  expect(spy).toHaveBeenCalledTimes(1);
  expect(r.stderr.match(/^Warning: gateway\.trustedProxies:/gm)).toHaveLength(1);
});

test('openclaw-cdk8s helm -f: the checks run once, and the warning is said once', async () => {
  const r = await cli('helm', '-f', writeFile(dir, 'helm-values.yaml', VALUES), '-o', path.join(dir, 'chart'));
  expect(r.code).toBe(0);
  expect(spy).toHaveBeenCalledTimes(1);
  expect(r.stderr.match(/^Warning: gateway\.trustedProxies:/gm)).toHaveLength(1);
});

test('OpenClawChart, OpenClaw in a Chart and renderObjects: once each', () => {
  const chart = new OpenClawChart(Testing.app(), 'a', PROPS);
  expect(spy).toHaveBeenCalledTimes(1);
  expect(chart.warnings).toHaveLength(1);
  new OpenClaw(new Chart(new App(), 'mine'), 'b', PROPS);
  expect(spy).toHaveBeenCalledTimes(2);
  renderObjects(PROPS, 'c');
  expect(spy).toHaveBeenCalledTimes(3);
});

test('a fleet in this thread: once per tenant, from the first pass to the written files', () => {
  const fleet = new OpenClawFleet({ defaults: {}, tenants: [{ name: 'alice' }, { name: 'bob' }, { name: 'carol' }], workers: 0 });
  fleet.writeTo(path.join(dir, 'fleet'));
  expect(spy).toHaveBeenCalledTimes(3);
});
