import Ajv, { ValidateFunction } from 'ajv';
import { crdSchemas } from './crds';
import { addKubernetesFormats } from './openapi-formats';
import { apiVersionOf, DEFINITIONS_ID, definitionRef, groupVersionKinds, loadDefinitions } from './k8s-definitions';
import { KubernetesVersion } from './kubernetes-versions';

/** Everything one Kubernetes version serves: built-in kinds plus the shipped CRDs. */
export interface Catalog {
  /** The validator of an apiVersion + kind, compiled on first use; undefined when not served. */
  validator(apiVersion: string, kind: string): ValidateFunction | undefined;
  /** The apiVersions that serve a kind, to explain a wrong apiVersion ([] for an unknown kind). */
  apiVersionsOf(kind: string): string[];
}

const catalogs = new Map<KubernetesVersion, Catalog>();

export function catalogFor(version: KubernetesVersion): Catalog {
  let catalog = catalogs.get(version);
  if (!catalog) catalogs.set(version, (catalog = buildCatalog(version)));
  return catalog;
}

/**
 * Schemas are only registered here; Ajv compiles one when it is first asked for (together with
 * the definitions it references, which later kinds reuse), so checking a StatefulSet does not
 * pay for the other ~190 kinds. The CRDs are read only when an object is not a built-in kind:
 * parsing their YAML costs more than compiling most kinds.
 */
function buildCatalog(version: KubernetesVersion): Catalog {
  const ajv = new Ajv({
    allErrors: true, // report every problem of a manifest at once
    strict: false, // the definitions carry x-kubernetes-* and other non-JSON-Schema keywords
    verbose: true, // errors carry the offending value, for "(got null)" in messages
    code: { optimize: false }, // measured: compiles a StatefulSet ~40% faster; validating is already sub-millisecond
  });
  addKubernetesFormats(ajv);

  const refs = new Map<string, string>(); // "apps/v1 StatefulSet" → schema to compile
  const definitions = loadDefinitions(version);
  ajv.addSchema({ $id: DEFINITIONS_ID, definitions });
  for (const [name, definition] of Object.entries(definitions)) {
    for (const gvk of groupVersionKinds(definition)) refs.set(key(apiVersionOf(gvk), gvk.kind), definitionRef(name));
  }

  let crdsAdded = false;
  const withCrds = () => {
    if (crdsAdded) return;
    crdsAdded = true;
    for (const { apiVersion, kind, schema } of crdSchemas()) {
      const ref = `crd:${apiVersion}/${kind}`;
      ajv.addSchema(schema, ref);
      refs.set(key(apiVersion, kind), ref);
    }
  };
  const lookup = (apiVersion: string, kind: string) => {
    if (!refs.has(key(apiVersion, kind))) withCrds();
    return refs.get(key(apiVersion, kind));
  };

  return {
    validator(apiVersion, kind) {
      const ref = lookup(apiVersion, kind);
      return ref === undefined ? undefined : ajv.getSchema(ref); // Ajv caches what it compiled
    },
    apiVersionsOf(kind) {
      withCrds();
      return [...refs.keys()].filter((k) => k.endsWith(` ${kind}`)).map((k) => k.split(' ')[0]);
    },
  };
}

function key(apiVersion: string, kind: string): string {
  return `${apiVersion} ${kind}`;
}
