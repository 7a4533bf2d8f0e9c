'use strict';
/**
 * The benchmark's fleet: N tenants of a 10-object chart (ServiceAccount, Role, RoleBinding,
 * gateway ConfigMap, two Services, StatefulSet, PodDisruptionBudget, Ingress, NetworkPolicy),
 * spread over 50 team namespaces, each with its own labels and host. The fleet and the plain
 * `App.synth()` runs build exactly these charts.
 */

const DEFAULTS = {
  persistence: { size: '5Gi' },
  resources: { requests: { cpu: '250m', memory: '512Mi' }, limits: { cpu: '1', memory: '2Gi' } },
  agentModel: 'anthropic/claude-sonnet-4-6',
  rbac: { create: true, rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list', 'watch'] }] },
  podDisruptionBudget: { enabled: true },
  // HTTPS to the internet only (customEgressPorts would also open the cluster's own addresses, and warns).
  networkPolicy: {
    enabled: true, allowSameNamespace: true,
    egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'] } }], ports: [{ protocol: 'TCP', port: 443 }] }],
  },
  ingress: { enabled: true, className: 'nginx' },
  // The ingress controller's pods, as the chart's warning asks for an ingress.
  gateway: { trustedProxies: ['10.42.7.0/28'] },
};

/** Tenant `i` of the benchmark fleet. */
function tenant(i) {
  const name = `user-${String(i).padStart(5, '0')}`;
  const host = `${name}.openclaw.example.com`;
  return {
    name,
    namespace: `team-${String(i % 50).padStart(2, '0')}`,
    props: {
      podLabels: { 'example.com/owner': name },
      ingress: { hosts: [{ host }], tls: [{ secretName: 'openclaw-wildcard-tls', hosts: [host] }] },
    },
  };
}

function tenants(n) {
  return Array.from({ length: n }, (_, i) => tenant(i));
}

/**
 * The same fleet with tenancy on (the fleet's default): a namespace per tenant instead of 50 team
 * namespaces, each tenant's host from the platform's host template (its TLS Secret the platform's
 * wildcard certificate), and a policy that lets tenants set their pod labels too. Every tenant
 * renders the same chart as above, plus its Namespace, ResourceQuota, LimitRange and NetworkPolicy
 * and the fleet's safe settings.
 */
const TENANCY = {
  tenancy: { hostTemplate: '{tenant}.openclaw.example.com' },
  defaults: { ...DEFAULTS, ingress: { ...DEFAULTS.ingress, tls: [{ secretName: 'openclaw-wildcard-tls' }] } },
  policy: { allow: ['agentModel', 'gateway.channels', 'persistence.size', 'resources', 'env', 'podLabels'] },
};

/** Tenant `i` of the benchmark fleet with tenancy on. */
function tenancyTenant(i) {
  const name = `user-${String(i).padStart(5, '0')}`;
  return { name, props: { podLabels: { 'example.com/owner': name } } };
}

module.exports = { DEFAULTS, TENANCY, tenant, tenants, tenancyTenant };
