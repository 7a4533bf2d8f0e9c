/** Kubernetes fragments in the props: quantities, resources, plain Kubernetes JSON. */

/** A quantity such as `500m`, `2`, `1Gi`. Numbers are accepted as in a values file. */
export type Quantity = string | number;

/**
 * Plain Kubernetes JSON (an object written as in a manifest). A map type rather than an
 * interface with an index signature: jsii publishes it as a JSON map in every language.
 */
export type KubernetesJson = { readonly [key: string]: unknown };

/**
 * Amounts of compute resources, as in a Kubernetes `ResourceList`: `cpu`, `memory`,
 * `ephemeral-storage`, or an extended resource such as `nvidia.com/gpu`. A map type (jsii has no
 * struct with free keys); the values schema names the three usual keys (ResourceListValues in
 * values-shapes.ts).
 * @example
 * { cpu: '500m', memory: '1Gi' }
 */
export type ResourceList = { readonly [name: string]: Quantity };

/**
 * Requests and limits of a container, as in Kubernetes `resources`.
 * @example
 * { requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '2', memory: '4Gi' } }
 */
export interface ResourcesProps {
  /** @default { cpu: '2000m', memory: '4Gi' } */
  readonly limits?: ResourceList;
  /** @default { cpu: '500m', memory: '1Gi' } */
  readonly requests?: ResourceList;
}

/**
 * Limits and requests of a sidecar or Job container (backup, browser); each defaults on its own,
 * as the prop that uses it says.
 */
export interface ContainerResourcesProps {
  /**
   * Limits of the container.
   * @default - as the prop that uses it says
   */
  readonly limits?: ResourceList;
  /**
   * Requests of the container.
   * @default - as the prop that uses it says
   */
  readonly requests?: ResourceList;
}

/**
 * A container volume: plain Kubernetes JSON with a `name` (checked at synth time, and by the
 * values schema: VolumeValues in values-shapes.ts). A map type so that jsii publishes it as a
 * JSON map in every language.
 */
export type VolumeJson = { readonly [key: string]: unknown };
