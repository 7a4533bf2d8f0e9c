/**
 * A clone works on its own: no tracked file reads the reference library beside our checkouts
 * (`../shared`) or names a directory of the machine it was written on.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const REPO = path.resolve(__dirname, '../..');
/** Paths that exist only on a build machine: the sibling reference folder, and the workspace roots we write in. */
const OUTSIDE = /\.\.\/shared\b|(^|[\s'"`(=:])\/(work|Users|home\/runner)\//m;

function trackedFiles(): string[] {
  try {
    return execFileSync('git', ['ls-files', '-z'], { cwd: REPO, encoding: 'utf8' }).split('\0').filter(Boolean);
  } catch {
    return []; // not a git checkout (e.g. an unpacked tarball): nothing to check
  }
}

test('no tracked file reaches outside the repository', () => {
  const self = path.relative(REPO, __filename); // holds examples of what it looks for
  const offenders = trackedFiles().filter((file) => file !== self).filter((file) => {
    const full = path.join(REPO, file);
    if (!fs.existsSync(full) || fs.statSync(full).size > 2_000_000) return false;
    return OUTSIDE.test(fs.readFileSync(full, 'utf8'));
  });
  expect(offenders).toEqual([]);
});

test('the check sees what it is for', () => {
  const sibling = ['..', 'shared'].join('/'); // spelled out here, this file would be an offender itself
  for (const bad of [`path.resolve(__dirname, '../../${sibling}/reference')`, '  - /work/shared/crds/x.yaml', 'see /Users/me/x']) {
    expect(OUTSIDE.test(bad)).toBe(true);
  }
  for (const fine of ['/home/node/.openclaw', 'schemas/crds/gateway.yaml', 'a shared/ folder']) expect(OUTSIDE.test(fine)).toBe(false);
});
