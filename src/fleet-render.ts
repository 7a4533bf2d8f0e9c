/**
 * One tenant rendered and written, the same in the fleet's thread and in its worker threads:
 * renderObjects (no construct tree) then toManifestYaml, nothing kept afterwards.
 */
import * as fs from 'fs';
import { renderObjects } from './build';
import { OpenClawConfigError } from './errors';
import { OpenClawFleetError, tenantProblems } from './fleet-error';
import { TenantInput, tenantChartProps } from './fleet-validate';
import { toManifestYaml } from './manifest-yaml';
import { OpenClawChartProps } from './props';

/** @internal A tenant's objects, with errors naming the tenant. */
export function renderTenant(defaults: OpenClawChartProps, tenant: TenantInput, index: number): any[] {
  try {
    return renderObjects(tenantChartProps(defaults, tenant), tenant.name);
  } catch (e) {
    if (e instanceof OpenClawConfigError) throw new OpenClawFleetError(tenantProblems(tenant.name, index, e.problems));
    const err = new Error(`tenant "${tenant.name}": ${(e as Error)?.message ?? e}`);
    (err as any).cause = e;
    throw err;
  }
}

/** @internal Renders a tenant into `file`; returns its object count and size in bytes. */
export function writeTenant(defaults: OpenClawChartProps, tenant: TenantInput, index: number, file: string): [objects: number, bytes: number] {
  const objects = renderTenant(defaults, tenant, index);
  const data = Buffer.from(toManifestYaml(objects));
  fs.writeFileSync(file, data);
  return [objects.length, data.length];
}
