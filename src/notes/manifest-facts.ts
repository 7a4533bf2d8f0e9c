/**
 * The summary of a gateway StatefulSet given as a bare manifest, without the model that made it
 * (`renderNotes(objects)` on a list of manifests, a gateway of another tool). A small, documented
 * fallback: it reads only what Kubernetes' own fields say (names, replicas, the `openclaw`
 * container's image and port, the Service that selects the pods, the routes to it) and never a
 * builder's choice (commands, env, volumes), so it cannot drift from the builders. How the token,
 * the state, backups and upgrades work is said only from the model: renderNotes of the chart or App.
 */
import { GatewayFacts } from './facts';
import { namespaceOf, routeUrls } from './routes';

/** The gateway's container: how `kubectl exec -c openclaw` names it. */
export const GATEWAY_CONTAINER = 'openclaw';

/** The port `kubectl port-forward` listens on locally (the gateway's default port). */
export const DEFAULT_LOCAL_PORT = 18789;

/** A StatefulSet that runs an OpenClaw gateway: a container named `openclaw`. */
export function isGatewayStatefulSet(o: any): boolean {
  return o?.kind === 'StatefulSet' && (o.spec?.template?.spec?.containers ?? []).some((c: any) => c?.name === GATEWAY_CONTAINER);
}

export function manifestFacts(sts: any, objects: readonly any[]): GatewayFacts {
  const ns = namespaceOf(sts);
  const container = sts.spec.template.spec.containers.find((c: any) => c.name === GATEWAY_CONTAINER);
  const ports: any[] = container.ports ?? [];
  const port: number = (ports.find((p) => p.name === 'http') ?? ports[0])?.containerPort ?? DEFAULT_LOCAL_PORT;
  const svc = objects.find((o) => o.kind === 'Service' && namespaceOf(o) === ns && o.spec?.clusterIP !== 'None'
    && selects(o.spec?.selector, sts.spec.template?.metadata?.labels));
  const service = svc && { name: String(svc.metadata.name), port: (svc.spec.ports ?? [])[0]?.port ?? port, type: svc.spec.type ?? 'ClusterIP' };
  return {
    name: sts.metadata.name,
    namespace: ns,
    replicas: sts.spec.replicas ?? 1,
    image: container.image,
    port,
    service,
    urls: service ? routeUrls(objects, service.name, ns) : [],
  };
}

function selects(selector: Record<string, string> | undefined, labels: Record<string, string> | undefined): boolean {
  if (!selector || !labels || !Object.keys(selector).length) return false;
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}
