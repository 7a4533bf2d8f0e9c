/** The props of {@link OpenClawFleet} and what it yields per tenant. */
import { OpenClawChartProps } from '../props';
import type { FleetTenancy } from './tenancy';
import type { FleetPolicy } from './policy';

/** One tenant (one person's OpenClaw) of a fleet. */
export interface FleetTenant {
  /**
   * The tenant's name. It becomes the release name (the prefix of every object name and the
   * `app.kubernetes.io/instance` label) and the output file name `<name>.k8s.yaml`.
   * Must be a DNS label of at most 53 characters, unique within its namespace.
   */
  readonly name: string;
  /**
   * Namespace of the tenant's objects, with tenancy off. Wins over `namespace` in the defaults.
   * With tenancy the fleet assigns the namespace, and a different one is refused.
   * @default - the fleet's with tenancy; else `props.namespace`, else `defaults.namespace`, else 'default'
   * @jsii suppress JSII5018 (the Kubernetes field name; bindings escape it where it is reserved)
   */
  readonly namespace?: string;
  /**
   * This tenant's props, deep-merged over the fleet's `defaults`: maps (plain objects) merge key
   * by key, everything else (lists, strings, numbers) replaces the default. `undefined` keeps the
   * default. `releaseName` must not be set (the tenant name is the release name).
   * @default {}
   */
  readonly props?: OpenClawChartProps;
}

/** Props of {@link OpenClawFleet}. */
export interface OpenClawFleetProps {
  /** The tenants, rendered in this order. */
  readonly tenants: FleetTenant[];
  /**
   * Props shared by every tenant; each tenant's `props` are deep-merged over them.
   * `releaseName` must not be set here. They are the platform's: with tenancy they are not held
   * to the tenant policy, and they go over the fleet's own safe settings.
   * @default {}
   */
  readonly defaults?: OpenClawChartProps;
  /**
   * How tenants are kept apart: on by default, each tenant in a namespace of its own with Pod
   * Security `restricted`, a quota, a LimitRange and a NetworkPolicy that admits only the ingress
   * controller ({@link FleetTenancy}). `{ mode: TenancyMode.OFF }` renders tenants as given.
   * @default { mode: TenancyMode.NAMESPACE_PER_TENANT }
   */
  readonly tenancy?: FleetTenancy;
  /**
   * What a tenant's own props may set, with tenancy on (the defaults are the platform's and are
   * not held to it): by default its model, channels, persistence size and resources within
   * bounds, and env without credentials. Whatever it allows, a tenant's references must name
   * its own objects and its hosts must be its own.
   * @default - TENANT_SAFE_PROPS within the default bounds
   */
  readonly policy?: FleetPolicy;
  /**
   * Worker threads that check the tenants while constructing the fleet; 0 checks them in the
   * calling thread. The problems and warnings are the same, in the same order. A `writeTo` with
   * as many workers in the same turn of the event loop reuses these threads.
   * @default - the number of CPU cores (at most 8) for fleets of 1,000 tenants or more on a
   * machine with several cores, else 0
   */
  readonly workers?: number;
  /**
   * Refuse warnings (legal but dangerous or ineffective settings, see {@link OpenClawFleet.warnings}):
   * each tenant's warnings are then problems of the {@link OpenClawFleetError}, as `--strict` does
   * in the CLI.
   * @default false
   */
  readonly strict?: boolean;
}

/** One tenant's rendered objects, as `cdk8s synth` would write them. */
export interface FleetTenantObjects {
  /** The tenant (and release) name. */
  readonly tenant: string;
  /**
   * The tenant's namespace.
   * @jsii suppress JSII5018 (the Kubernetes field name; bindings escape it where it is reserved)
   */
  readonly namespace: string;
  /** The Kubernetes objects as plain JSON, in `chart.toJson()` order. */
  readonly objects: any[];
}

/** One tenant's rendered manifest. */
export interface FleetTenantYaml {
  /** The tenant (and release) name. */
  readonly tenant: string;
  /**
   * The tenant's namespace.
   * @jsii suppress JSII5018 (the Kubernetes field name; bindings escape it where it is reserved)
   */
  readonly namespace: string;
  /** Multi-document YAML, byte for byte as `cdk8s synth` writes the tenant's chart. */
  readonly yaml: string;
}
