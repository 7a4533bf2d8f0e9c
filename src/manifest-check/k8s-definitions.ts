import * as fs from 'fs';
import * as path from 'path';
import { definitionsDirName, KubernetesVersion } from './kubernetes-versions';
import { QUANTITY_PATTERN } from './quantity';
import { schemasDir } from './schemas-dir';
import { closeObjects, Schema } from './strict';

export const OBJECT_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';

/**
 * The id the definitions are registered under in each version's Ajv instance. It is an
 * absolute URI so that a `$ref` to it from a CRD schema does not resolve relative to that schema.
 */
export const DEFINITIONS_ID = 'k8s:definitions';

/** A `$ref` to one definition, resolvable in any version's Ajv instance. */
export function definitionRef(name: string): string {
  return `${DEFINITIONS_ID}#/definitions/${name}`;
}

/** One apiVersion + kind a definition can be sent to the API server as. */
export interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

/**
 * The official OpenAPI definitions of one Kubernetes version, made strict (see `closeObjects`).
 * IntOrString and Quantity are `oneOf [string, integer|number]` upstream; as a single union type
 * they mean the same, but a wrong value gives one error instead of three, and the quantity
 * string gets the grammar the API server parses it with.
 */
export function loadDefinitions(version: KubernetesVersion): Record<string, Schema> {
  const file = path.join(schemasDir(), 'k8s', definitionsDirName(version), '_definitions.json');
  const definitions: Record<string, Schema> = JSON.parse(fs.readFileSync(file, 'utf8')).definitions;
  Object.values(definitions).forEach(closeObjects);
  definitions['io.k8s.apimachinery.pkg.util.intstr.IntOrString'] = { type: ['string', 'integer'] };
  definitions['io.k8s.apimachinery.pkg.api.resource.Quantity'] = { type: ['string', 'number'], pattern: QUANTITY_PATTERN };
  return definitions;
}

/** The kinds a definition is served as (none for the many definitions that are only parts). */
export function groupVersionKinds(definition: Schema): GroupVersionKind[] {
  return definition['x-kubernetes-group-version-kind'] ?? [];
}

/** `apps` + `v1` → `apps/v1`; the core group has no prefix (`v1`). */
export function apiVersionOf({ group, version }: GroupVersionKind): string {
  return group ? `${group}/${version}` : version;
}
