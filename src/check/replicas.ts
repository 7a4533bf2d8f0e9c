/**
 * Several replicas are several independent gateways (own state, own sessions). A shared entry
 * point that clients are sent to (an Ingress, an HTTPRoute, a LoadBalancer or NodePort Service)
 * picks one at random: with a token generated per pod, a client's token then works on one replica
 * in N. The per-replica Services (`<fullname>-<i>`) reach each one; the in-cluster ClusterIP
 * Service is left to the notes, which say to use them.
 */
import { ProblemCollector } from '../core/errors';
import { replicasShareToken } from '../props/gateway-auth';
import { OpenClawChartProps } from '../props';
import { BasicSettings } from '../props/settings';

export function checkReplicaEntryPoints(props: OpenClawChartProps, s: BasicSettings, p: ProblemCollector): void {
  if (s.replicas <= 1 || replicasShareToken(props)) return;
  const type = props.service?.type;
  const entry = props.ingress?.enabled ? 'the Ingress' : props.httpRoute?.enabled ? 'the HTTPRoute'
    : type === 'LoadBalancer' || type === 'NodePort' ? `the ${type} Service` : undefined;
  if (!entry) return;
  p.warn('replicaCount', `is ${s.replicas} behind one entry point (${entry}), and each replica generates its own gateway token: `
    + `a client reaches a random replica, so its token works on one in ${s.replicas} and its sessions land anywhere. `
    + 'Give them one token (existingSecret or gateway.tokenSecret), or reach each replica through its own Service (<fullname>-<i>)');
}
