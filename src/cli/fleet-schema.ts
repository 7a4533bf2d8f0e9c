/**
 * The JSON schema (draft-07) of a tenants file for `openclaw-cdk8s fleet`, printed by
 * `openclaw-cdk8s schema --fleet`: the platform's `tenancy`, `defaults` and `policy`, and the
 * `tenants`. `defaults` and each tenant's `props` are the values schema (the chart's props).
 */
import { TenancyMode } from '../fleet/tenancy';
import { TENANT_SAFE_PROPS } from '../fleet/policy';
import { VALUES_SCHEMA } from '../schema/values-schema';

/** The keys a tenants file may hold. */
export const FLEET_FILE_KEYS: readonly string[] = ['tenancy', 'defaults', 'policy', 'tenants'];

const labelSelector = { type: 'object', description: 'A Kubernetes LabelSelector, as in a manifest.' };
const quantity = { $ref: '#/definitions/quantity' };

/** The tenants file schema; the values schema's definitions are shared, its root is `definitions.props`. */
export function fleetSchema(): Record<string, unknown> {
  const { definitions, $schema, $comment, ...props } = VALUES_SCHEMA as Record<string, any>;
  void $schema;
  void $comment;
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'OpenClaw fleet (tenants file)',
    description: 'Input of `openclaw-cdk8s fleet -f FILE -o DIR`: the platform\'s tenancy, defaults and policy, and the tenants.',
    type: 'object',
    additionalProperties: false,
    required: ['tenants'],
    properties: {
      tenancy: {
        description: 'How tenants are kept apart (FleetTenancy). Default: a namespace per tenant.',
        type: 'object',
        additionalProperties: false,
        properties: {
          mode: { type: 'string', enum: Object.values(TenancyMode), default: TenancyMode.NAMESPACE_PER_TENANT },
          namespaceTemplate: { type: 'string', pattern: '\\{tenant\\}', default: 'openclaw-{tenant}', description: 'Each tenant\'s namespace; {tenant} is the tenant name.' },
          hostTemplate: { type: 'string', pattern: '\\{tenant\\}', description: 'Each tenant\'s host, e.g. {tenant}.claw.example.com.' },
          runtimeClassName: { type: 'string', description: 'RuntimeClass of every tenant pod (gvisor, kata).' },
          ingressController: {
            type: 'object', additionalProperties: false, required: ['namespaceSelector'],
            description: 'The only source a tenant namespace admits.',
            properties: { namespaceSelector: labelSelector, podSelector: labelSelector },
          },
          egress: { type: 'array', items: { type: 'object' }, description: 'More NetworkPolicy egress rules for every tenant namespace.' },
          resourceQuota: { type: 'object', additionalProperties: { type: 'string' }, description: 'spec.hard of each tenant namespace\'s ResourceQuota, over the defaults.' },
          limitRange: { type: 'array', items: { type: 'object' }, description: 'spec.limits of each tenant namespace\'s LimitRange.' },
        },
      },
      defaults: { $ref: '#/definitions/props', description: 'The platform\'s props for every tenant (not held to the policy).' },
      policy: {
        description: 'What a tenant\'s own props may set (FleetPolicy).',
        type: 'object',
        additionalProperties: false,
        properties: {
          allow: { type: 'array', items: { type: 'string' }, default: [...TENANT_SAFE_PROPS], description: 'Prop paths a tenant may set; a path allows everything under it.' },
          maxPersistenceSize: { ...quantity, default: '20Gi' },
          maxCpu: { ...quantity, default: '2' },
          maxMemory: { ...quantity, default: '4Gi' },
        },
      },
      tenants: {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['name'],
          properties: {
            name: { $ref: '#/definitions/dnsLabel', description: 'The tenant\'s name: release name and file name.' },
            namespace: { type: 'string', description: 'With tenancy off only: the tenant\'s namespace.' },
            props: { $ref: '#/definitions/props', description: 'The tenant\'s props, held to the policy.' },
          },
        },
      },
    },
    definitions: { ...definitions, props },
  };
}
