import { synthObjects } from '../helpers/synth';
import { validateManifests } from '../../src/validate';
test('t', () => {
  let t0 = Date.now();
  const objs = synthObjects({ ingress: { enabled: true }, httpRoute: { enabled: true, parentRefs: [{ name: 'gw' }] }, networkPolicy: { enabled: true }, rbac: { rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }] }, replicaCount: 3, secret: { enabled: true, data: { A: 'b' } }, configMap: { data: { 'a.json': '{}' } } });
  console.log('first synth', Date.now() - t0, objs.length, objs.map(o => o.kind).join(','));
  t0 = Date.now();
  console.log(validateManifests(objs));
  console.log('first validate', Date.now() - t0);
  t0 = Date.now();
  for (let i = 0; i < 100; i++) synthObjects({ ingress: { enabled: true }, replicaCount: 2, networkPolicy: { enabled: true } , httpRoute: { enabled: true, parentRefs: [{ name: 'gw' }] } });
  console.log('100 synth', Date.now() - t0);
  t0 = Date.now();
  for (let i = 0; i < 100; i++) validateManifests(objs);
  console.log('100 validate', Date.now() - t0);
});
