/**
 * `openclaw-cdk8s fleet -f tenants.yaml -o DIR`: a tenants file (the platform's tenancy, defaults
 * and policy, and the tenants) rendered by OpenClawFleet.writeTo, for a GitOps pipeline. Every
 * refused tenant is listed with its problems; nothing is written unless `--partial`, which writes
 * every other tenant and leaves a refused tenant's earlier file as it was. Exit 1 when any tenant
 * is refused.
 */
import * as fs from 'fs';
import { FleetProblem, OpenClawFleetError } from '../fleet/errors';
import { FleetLayout } from '../fleet/outdir';
import type { OpenClawFleet } from '../fleet/fleet';
import type { FleetTenant, OpenClawFleetProps } from '../fleet/fleet-props';
import { forPeople } from '../core/text-safety';
import { FLEET_FILE_KEYS } from './fleet-schema';

export interface FleetOptions {
  readonly file: string;
  readonly output: string;
  readonly partial?: boolean;
  readonly strict?: boolean;
  readonly layout?: string;
  readonly workers?: string;
  readonly quiet?: boolean;
  /** @internal How often progress is said (tests). */
  readonly progressEveryMs?: number;
}

interface Io {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
}

/** Paths the fleet refuses with its own words. */
const FLEET_SAYS = new Set(['namespace', 'releaseName']);

/** The largest tenants file read: about a million tenants of a few settings each. */
export const MAX_FLEET_FILE_BYTES = 256 * 1024 * 1024;
/** Aliases a YAML tenants file may expand (a "billion laughs" file is refused). */
const MAX_ALIASES = 1000;
/** Progress is said at most this often, and only for runs that last longer. */
const PROGRESS_EVERY_MS = 2000;

/** Runs the command; returns the exit code (0 written, 1 a tenant or the file refused, 2 usage). */
export function fleetCommand(opts: FleetOptions, io: Io): number {
  const layouts = Object.values(FleetLayout) as string[];
  if (opts.layout !== undefined && !layouts.includes(opts.layout)) {
    io.stderr.write(`--layout: must be one of ${layouts.join(', ')} (got ${JSON.stringify(opts.layout)})\n`);
    return 2;
  }
  const workers = opts.workers === undefined ? undefined : Number(opts.workers);
  if (workers !== undefined && !(Number.isInteger(workers) && workers >= 0 && workers <= 64)) {
    io.stderr.write(`--workers: must be a whole number from 0 to 64 (got ${JSON.stringify(opts.workers)})\n`);
    return 2;
  }
  const read = readFleetFile(opts.file);
  if ('problem' in read) {
    io.stderr.write(`${opts.file}: ${read.problem}\n`);
    return 1;
  }
  const { OpenClawFleet: Fleet } = require('../fleet/fleet') as typeof import('../fleet/fleet');
  const data = read.data;
  const tenants = data.tenants as FleetTenant[];
  const build = (list: FleetTenant[]) => new Fleet({
    tenancy: data.tenancy, defaults: data.defaults, policy: data.policy, strict: opts.strict, workers, tenants: list,
  } as OpenClawFleetProps);
  const started = Date.now();
  if (!opts.quiet && tenants.length >= 1000) io.stderr.write(`checking ${tenants.length} tenants...\n`);
  // Refused tenants, by their index in the file; a problem of no tenant refuses the file.
  const refused = new Map<number, FleetProblem[]>();
  // Keys and types first, as for a values file (the fleet checks the rest): a misspelt default
  // would otherwise do nothing.
  const { validateValues } = require('../schema/validate-values') as typeof import('../schema/validate-values');
  const general = validateValues(data.defaults ?? {});
  if (general.length) {
    const problems = general.map((p): FleetProblem => ({ ...p, path: `defaults.${p.path}`, propsPath: p.path }));
    io.stderr.write(`${new OpenClawFleetError(problems).message}\nnothing was written\n`);
    return 1;
  }
  tenants.forEach((t, index) => {
    const props = (t as FleetTenant | undefined)?.props;
    // The namespace and release name are the fleet's to say (they are not values keys).
    const problems = props === undefined ? [] : validateValues(props).filter((p) => !FLEET_SAYS.has(p.path));
    const name = typeof t?.name === 'string' && t.name ? t.name : `tenants[${index}]`;
    if (problems.length) refused.set(index, problems.map((p) => ({ ...p, path: `${name}: ${p.path}`, propsPath: p.path, tenant: name, index })));
  });
  // First every tenant (so each refused one is listed with all its problems), then, with
  // --partial, again without the refused ones until the rest is a fleet.
  let kept = tenants.map((_, i) => i);
  let fleet: OpenClawFleet | undefined;
  for (let pass = 0; kept.length || pass === 0; pass++) {
    if (pass > 3) {
      io.stderr.write('the tenants left after refusing some are still refused: nothing was written\n');
      return 1;
    }
    try {
      fleet = build(kept.map((i) => tenants[i]));
    } catch (e) {
      if (!(e instanceof OpenClawFleetError)) throw e;
      fleet = undefined;
      const general = e.problems.filter((p) => p.index === undefined);
      if (general.length) {
        io.stderr.write(`${new OpenClawFleetError(general).message}\nnothing was written\n`);
        return 1;
      }
      for (const p of e.problems) {
        const index = kept[p.index!];
        const said = refused.get(index) ?? [];
        // A path the values schema already refused (an unknown key) is said once.
        if (pass === 0 && said.some((s) => s.propsPath === p.propsPath)) continue;
        refused.set(index, [...said, { ...p, index }]);
      }
    }
    if (!opts.partial || (fleet && !kept.some((i) => refused.has(i)))) break;
    kept = kept.filter((i) => !refused.has(i));
    fleet = undefined;
  }
  if (refused.size && !opts.partial) fleet = undefined;
  if (refused.size) sayRefused(refused, tenants, io);
  if (!fleet) {
    io.stderr.write(`${refused.size} of ${tenants.length} tenants refused: nothing was written${opts.partial ? '' : ' (--partial writes the others)'}\n`);
    return 1;
  }
  for (const line of fleet.warningLines) io.stderr.write(`${line}\n`);
  let said = started;
  const result = fleet.writeTo(opts.output, {
    layout: opts.layout as FleetLayout | undefined,
    workers,
    keepTenants: [...refused.keys()].map((i) => tenants[i]?.name).filter((n): n is string => typeof n === 'string'),
    onProgress: opts.quiet ? undefined : (written, total) => {
      const now = Date.now();
      if (now - said < (opts.progressEveryMs ?? PROGRESS_EVERY_MS) || written === total) return;
      said = now;
      io.stderr.write(`written ${written} of ${total} tenants\n`);
    },
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  io.stdout.write(forPeople(`wrote ${result.files.length} tenants to ${result.outdir} (${result.objects} objects, ${result.bytes} bytes, ${seconds} s)`
    + `${result.removed.length ? `; removed ${result.removed.length} files of tenants no longer in the fleet` : ''}\n`));
  if (refused.size) {
    io.stderr.write(`${refused.size} of ${tenants.length} tenants refused: their files were not written (an earlier one is kept)\n`);
    return 1;
  }
  return 0;
}

/** Each refused tenant with its problems, one block per tenant, in file order. */
function sayRefused(refused: ReadonlyMap<number, FleetProblem[]>, tenants: readonly FleetTenant[], io: Io): void {
  for (const index of [...refused.keys()].sort((a, b) => a - b)) {
    const name = tenants[index]?.name;
    const problems = refused.get(index)!;
    io.stderr.write(`refused tenant ${typeof name === 'string' && name ? name : `tenants[${index}]`} (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n`);
    const error = new OpenClawFleetError(problems);
    io.stderr.write(`${error.message.slice(error.message.indexOf('\n') + 1)}\n`);
  }
}

type FleetFileData = { tenancy?: unknown; defaults?: unknown; policy?: unknown; tenants: unknown[] };

/** Reads and parses the tenants file (JSON or YAML), bounded; its shape is checked, its values by the fleet. */
export function readFleetFile(file: string): { data: FleetFileData } | { problem: string } {
  let text: string;
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) return { problem: 'is not a regular file' };
    if (stat.size > MAX_FLEET_FILE_BYTES) return { problem: `is too large: a tenants file may hold at most ${MAX_FLEET_FILE_BYTES / 1024 / 1024} MiB` };
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { problem: `cannot be read (${code === 'ENOENT' ? 'no such file' : code ?? (e as Error).message})` };
  }
  let data: unknown;
  try {
    if (/^\s*[{[]/.test(text)) {
      data = JSON.parse(text);
    } else {
      const YAML = require('yaml') as typeof import('yaml');
      data = YAML.parse(text, { version: '1.1', uniqueKeys: false, maxAliasCount: MAX_ALIASES, prettyErrors: true });
    }
  } catch (e) {
    return { problem: `is not valid ${/^\s*[{[]/.test(text) ? 'JSON' : 'YAML'}: ${String((e as Error).message).split('\n')[0]}` };
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return { problem: 'must be a map with "tenants" (and optionally "tenancy", "defaults", "policy"): see openclaw-cdk8s schema --fleet' };
  }
  const unknown = Object.keys(data).filter((k) => !FLEET_FILE_KEYS.includes(k));
  if (unknown.length) return { problem: `has unknown keys ${unknown.map((k) => JSON.stringify(k)).join(', ')}: a tenants file holds ${FLEET_FILE_KEYS.join(', ')}` };
  const tenants = (data as Record<string, unknown>).tenants;
  if (!Array.isArray(tenants)) return { problem: 'tenants: must be a list of tenants ({ name, props })' };
  return { data: data as FleetFileData };
}
