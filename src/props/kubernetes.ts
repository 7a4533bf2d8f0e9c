/** Kubernetes fragments in the props: quantities, resources, plain Kubernetes JSON. */

/** A quantity such as `500m`, `2`, `1Gi`. Numbers are accepted as in a values file. */
export type Quantity = string | number;

/** Plain Kubernetes JSON (an object written as in a manifest). */
export interface KubernetesJson {
  readonly [key: string]: unknown;
}

export interface ResourceList {
  readonly cpu?: Quantity;
  readonly memory?: Quantity;
  readonly 'ephemeral-storage'?: Quantity;
  readonly [name: string]: Quantity | undefined;
}

export interface ResourcesProps {
  /** @default { cpu: '2000m', memory: '4Gi' } */
  readonly limits?: ResourceList;
  /** @default { cpu: '500m', memory: '1Gi' } */
  readonly requests?: ResourceList;
}

/** A container volume; plain Kubernetes JSON with a name. */
export interface VolumeJson extends KubernetesJson {
  readonly name: string;
}
