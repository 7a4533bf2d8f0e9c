import * as fs from 'fs';
import * as path from 'path';

export const PACKAGE_NAME = 'openclaw-cdk8s';

let cached: string | undefined;

/**
 * This package's version, from its package.json (the one owner: the CLI's --version and the Helm export). This file runs from `src/` (ts-jest,
 * ts-node), `lib/src/` (compiled) and `lib/` (the CLI bundle), at different depths, so walk
 * up to the package.json that names this package.
 */
export function packageVersion(): string {
  if (cached) return cached;
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) {
      const pkg = JSON.parse(fs.readFileSync(file, 'utf8'));
      if (pkg.name === PACKAGE_NAME && typeof pkg.version === 'string') return (cached = pkg.version as string);
    }
    if (path.dirname(dir) === dir) throw new Error(`no package.json of ${PACKAGE_NAME} above ${__dirname}`);
  }
}
