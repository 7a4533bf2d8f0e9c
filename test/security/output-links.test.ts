/**
 * Output files never follow a link: `synth -o`, `helm -o` and the fleet's `writeTo` refuse a
 * symbolic link planted where they write, naming it, and the file it points to (outside the output
 * directory) is untouched. Without a link the file is replaced whole, and no temporary file stays.
 */
import * as fs from 'fs';
import * as path from 'path';
import { FleetLayout, OpenClawFleet } from '../../src';
import { exportHelmChart } from '../../src';
import { writeFileNoFollow } from '../../src/output/safe-write';
import { cli, tempDir } from '../cli/run-cli';
import { TenancyMode } from '../../src';

/** These tests are about the fleet as a bulk renderer: tenancy (test/fleet/tenancy.test.ts) is off. */
const OFF = { mode: TenancyMode.OFF };

const root = tempDir();
let n = 0;

/** A directory `out` holding `link` -> a file outside it, with known content. */
function planted(link: string): { out: string; outside: string; at: string } {
  const base = path.join(root, `case-${n++}`);
  const out = path.join(base, 'out');
  const outside = path.join(base, 'victim.txt');
  const at = path.join(out, link);
  fs.mkdirSync(path.dirname(at), { recursive: true });
  fs.writeFileSync(outside, 'precious\n');
  fs.symlinkSync(outside, at);
  return { out, outside, at };
}

const refusal = (at: string, outside: string) =>
  `cannot write ${at}: it is a symbolic link (to ${outside}), and output files are never written through a link: remove the link or choose another directory`;

test('synth -o: a link at DIR/<release>.k8s.yaml is an error naming it; its target is untouched', async () => {
  const { out, outside, at } = planted('openclaw.k8s.yaml');
  const r = await cli('synth', '--quiet', '-o', out);
  expect(r.code).toBe(1);
  expect(r.stdout).toBe('');
  expect(r.stderr).toBe(`Error: ${refusal(at, outside)}\n`);
  expect(fs.readFileSync(outside, 'utf8')).toBe('precious\n');
  expect(fs.lstatSync(at).isSymbolicLink()).toBe(true);
});

test('helm -o: a link among the files of an export is an error naming it; its target is untouched', async () => {
  const { out, outside, at } = planted('values.yaml');
  const r = await cli('helm', '-o', out);
  expect(r.code).toBe(1);
  expect(r.stderr).toBe(`Error: ${refusal(at, outside)}\n`);
  expect(fs.readFileSync(outside, 'utf8')).toBe('precious\n');
});

test('helm: a link planted in a chart exported before is refused too (not removed with the old files)', () => {
  const out = path.join(root, `case-${n++}`, 'chart');
  exportHelmChart({}, out);
  const outside = path.join(path.dirname(out), 'victim.txt');
  fs.writeFileSync(outside, 'precious\n');
  fs.rmSync(path.join(out, 'templates'), { recursive: true });
  fs.symlinkSync(path.dirname(out), path.join(out, 'templates'));
  expect(() => exportHelmChart({}, out)).toThrow(refusal(path.join(out, 'templates'), path.dirname(out)));
  expect(fs.readFileSync(outside, 'utf8')).toBe('precious\n');
});

test('fleet writeTo: a link at a tenant file, or at a namespace folder, is an error naming it', () => {
  const fleet = new OpenClawFleet({ tenancy: OFF, tenants: [{ name: 'alice' }, { name: 'bob', namespace: 'team-b' }] });
  const flat = planted('bob.k8s.yaml');
  expect(() => fleet.writeTo(flat.out, { workers: 0 })).toThrow(refusal(flat.at, flat.outside));
  expect(fs.readFileSync(flat.outside, 'utf8')).toBe('precious\n');
  // The same on the worker threads' path (the fleet's thread writes what they render).
  const threaded = planted('alice.k8s.yaml');
  expect(() => fleet.writeTo(threaded.out, { workers: 1 })).toThrow(refusal(threaded.at, threaded.outside));
  expect(fs.readFileSync(threaded.outside, 'utf8')).toBe('precious\n');

  const byNs = path.join(root, `case-${n++}`);
  const elsewhere = path.join(byNs, 'elsewhere');
  fs.mkdirSync(path.join(byNs, 'out'), { recursive: true });
  fs.mkdirSync(elsewhere);
  fs.symlinkSync(elsewhere, path.join(byNs, 'out', 'team-b'));
  expect(() => fleet.writeTo(path.join(byNs, 'out'), { layout: FleetLayout.BY_NAMESPACE, workers: 0 }))
    .toThrow(refusal(path.join(byNs, 'out', 'team-b'), elsewhere));
  expect(fs.readdirSync(elsewhere)).toEqual([]);
});

test('without a link: the file is replaced whole, and no temporary file stays', () => {
  const dir = path.join(root, `case-${n++}`);
  fs.mkdirSync(dir);
  const file = path.join(dir, 'x.k8s.yaml');
  fs.writeFileSync(file, 'old content that is longer than the new one\n');
  writeFileNoFollow(file, 'new\n');
  expect(fs.readFileSync(file, 'utf8')).toBe('new\n');
  expect(fs.readdirSync(dir)).toEqual(['x.k8s.yaml']);
});
