/**
 * What the summary reads from the manifests themselves, in Kubernetes' own fields only: the
 * Ingresses and HTTPRoutes that send traffic to a Service (the chart's own, or another chart's
 * of the same App), and which Secrets are among the objects.
 */

/** What the notes say for objects written without a namespace (`--no-namespace`): the reader's to fill in. */
export const NO_NAMESPACE = '<namespace>';

export function namespaceOf(o: any): string {
  return o?.metadata?.namespace ?? NO_NAMESPACE;
}

/** URLs of the Ingresses and HTTPRoutes in `ns` that send traffic to Service `serviceName`. */
export function routeUrls(objects: readonly any[], serviceName: string, ns: string): string[] {
  const urls: string[] = [];
  for (const ing of objects.filter((o) => o.kind === 'Ingress' && namespaceOf(o) === ns)) {
    const tls: any[] = ing.spec?.tls ?? [];
    for (const rule of ing.spec?.rules ?? []) {
      for (const p of rule.http?.paths ?? []) {
        if (p.backend?.service?.name !== serviceName) continue;
        const host = rule.host ?? '<ingress address>';
        const secure = tls.some((t) => !t.hosts?.length || t.hosts.includes(rule.host));
        urls.push(`${secure ? 'https' : 'http'}://${host}${p.path ?? '/'}   (Ingress ${ing.metadata.name}${secure ? ', TLS' : ''})`);
      }
    }
  }
  for (const route of objects.filter((o) => o.kind === 'HTTPRoute' && namespaceOf(o) === ns)) {
    const rules: any[] = route.spec?.rules ?? [];
    const paths = rules
      .filter((r) => (r.backendRefs ?? []).some((b: any) => b.name === serviceName))
      .flatMap((r) => (r.matches ?? [{}]).map((m: any) => m.path?.value ?? '/'));
    if (!paths.length) continue;
    const gateways = (route.spec?.parentRefs ?? []).map((p: any) => p.name).join(', ');
    const hosts: string[] = route.spec?.hostnames?.length ? route.spec.hostnames : [`<a host of Gateway ${gateways}>`];
    for (const host of hosts) {
      for (const path of paths) {
        urls.push(`https://${host}${path}   (HTTPRoute ${route.metadata.name} on Gateway ${gateways}; http:// if that listener has no TLS)`);
      }
    }
  }
  return urls;
}

/** The data keys of Secret `name` in `ns` when it is among the objects, else undefined. */
export function secretKeysInOutput(objects: readonly any[], name: string, ns: string): string[] | undefined {
  const secret = objects.find((o) => o.kind === 'Secret' && o.metadata?.name === name && namespaceOf(o) === ns);
  return secret ? Object.keys({ ...secret.data, ...secret.stringData }) : undefined;
}
