/** Kubernetes fragments in the props: quantities, resources, plain Kubernetes JSON. */

/** A quantity such as `500m`, `2`, `1Gi`. Numbers are accepted as in a values file. */
export type Quantity = string | number;

/** Plain Kubernetes JSON (an object written as in a manifest). */
export interface KubernetesJson {
  readonly [key: string]: unknown;
}

/**
 * Amounts of compute resources, as in a Kubernetes `ResourceList`.
 * @example
 * { cpu: '500m', memory: '1Gi' }
 */
export interface ResourceList {
  /**
   * CPU, e.g. `500m` or `2`.
   * @default - none
   */
  readonly cpu?: Quantity;
  /**
   * Memory, e.g. `1Gi`.
   * @default - none
   */
  readonly memory?: Quantity;
  /**
   * Ephemeral storage, e.g. `2Gi`.
   * @default - none
   */
  readonly 'ephemeral-storage'?: Quantity;
  readonly [name: string]: Quantity | undefined;
}

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

/** A container volume; plain Kubernetes JSON with a name. */
export interface VolumeJson extends KubernetesJson {
  /** The volume's name, referred to by `extraVolumeMounts`. */
  readonly name: string;
}
