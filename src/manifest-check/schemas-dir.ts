import * as fs from 'fs';
import * as path from 'path';

let cached: string | undefined;

/**
 * The package's top-level `schemas/` directory, which ships inside the npm package.
 * This file runs from `src/manifest-check/` (ts-jest) and from `lib/src/validate/` (after tsc),
 * which sit at different depths, so walk up from here instead of hard-coding `../..`.
 */
export function schemasDir(): string {
  if (cached) return cached;
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'schemas', 'k8s'))) return (cached = path.join(dir, 'schemas'));
    if (path.dirname(dir) === dir) throw new Error(`no schemas/k8s directory above ${__dirname}`);
  }
}
