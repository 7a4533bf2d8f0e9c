/**
 * The HTTPRoute is written as plain JSON (the construct-free path never loads cdk8s), so the
 * generated L1 class of the CRD (imports/, from `cdk8s import`) is the oracle: same apiVersion and
 * kind, and the same manifest the class makes for the same route.
 */
import { HttpRoute, HttpRouteSpecRulesMatchesPathType } from '../../imports/gateway.networking.k8s.io';
import { HTTP_ROUTE_TYPE } from '../../src/build/network';
import { findObject, synthObjects } from '../helpers/synth';

test('apiVersion and kind are those of the imported HTTPRoute class', () => {
  expect(HTTP_ROUTE_TYPE).toEqual(HttpRoute.GVK);
});

test('the route equals what the imported class makes of it, extra parentRef keys dropped as the class drops them', () => {
  const parentRefs = [{ name: 'gw', namespace: 'infra', sectionName: 'https' }, { name: 'other', junk: 'x' } as any];
  const route = findObject(synthObjects({
    httpRoute: { enabled: true, parentRefs, hostnames: ['openclaw.example.com'], path: '/ui', annotations: { a: 'b' } },
    service: { port: 8080 },
  }), 'HTTPRoute');
  const expected = HttpRoute.manifest({
    metadata: { name: 'my-openclaw', namespace: 'openclaw', labels: route.metadata.labels, annotations: { a: 'b' } },
    spec: {
      parentRefs,
      hostnames: ['openclaw.example.com'],
      rules: [{
        matches: [{ path: { type: HttpRouteSpecRulesMatchesPathType.PATH_PREFIX, value: '/ui' } }],
        backendRefs: [{ name: 'my-openclaw', port: 8080 }],
      }],
    },
  });
  expect(route).toEqual(expected);
  expect(route.spec.parentRefs[1]).toEqual({ name: 'other' });
});
