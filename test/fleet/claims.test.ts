/**
 * Hosts and paths across a fleet (src/fleet/claims.ts), held as numbers and confirmed against the
 * owner's routes made again: the same refusals as a map of the joined strings, at fleet sizes.
 */
import { FleetClaims } from '../../src/fleet/claims';
import { TenantClaims } from '../../src/fleet/references';

function fleetOf(routes: Array<Array<[string, string]>>) {
  const claims: TenantClaims[] = routes.map((list) => ({ refs: [], routes: list.map(([host, p], k) => [`ingress.hosts[${k}].paths[0]`, host, p]) }));
  const problems: string[] = [];
  let rechecks = 0;
  const fleet = new FleetClaims((i) => `t${i}`, (i) => (path, message) => problems.push(`t${i}: ${path}: ${message}`), (i) => {
    rechecks++;
    return claims[i];
  });
  claims.forEach((c, i) => fleet.add(i, c));
  return { problems, rechecks: () => rechecks };
}

test('20,000 tenants on their own hosts: nothing refused, no tenant made again', () => {
  const { problems, rechecks } = fleetOf(Array.from({ length: 20_000 }, (_, i) => [[`t${i}.example.com`, '/']]));
  expect(problems).toEqual([]);
  expect(rechecks()).toBe(0);
});

test('tenants under paths of one host: their own paths pass, a prefix or the same path of another is refused', () => {
  const routes: Array<Array<[string, string]>> = Array.from({ length: 2000 }, (_, i) => [['claw.example.com', `/u${i}`]]);
  routes.push([['claw.example.com', '/u5/x']], [['claw.example.com', '/']], [['claw.example.com', '/u7']], [['other.example.com', '/u7']]);
  const { problems } = fleetOf(routes);
  expect(problems).toEqual([
    't2000: ingress.hosts[0].paths[0]: routes "claw.example.com/u5/x", which tenant "t5" (tenants[5]) routes too: a host and path belong to one tenant',
    't2001: ingress.hosts[0].paths[0]: routes "claw.example.com/", which tenant "t0" (tenants[0]) routes too: a host and path belong to one tenant',
    't2002: ingress.hosts[0].paths[0]: routes "claw.example.com/u7", which tenant "t7" (tenants[7]) routes too: a host and path belong to one tenant',
  ]);
});

test('one tenant routing the same host and path twice is not refused', () => {
  const { problems } = fleetOf([[['a.example.com', '/'], ['a.example.com', '/']], [['b.example.com', '/api']]]);
  expect(problems).toEqual([]);
});
