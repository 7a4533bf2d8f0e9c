/**
 * renderObjects (the construct-free path the fleet uses) gives exactly what the chart synthesizes.
 */
import * as fc from 'fast-check';
import { renderObjects } from '../../src';
import { validCase } from '../helpers/arbitraries';
import { synthObjects } from '../helpers/synth';

test('equals Testing.synth of the chart for 200 random valid props', () => {
  fc.assert(fc.property(validCase, (c) => {
    const props = { namespace: c.namespace, ...c.props };
    expect(JSON.stringify(renderObjects(props, c.release))).toBe(JSON.stringify(synthObjects(props, { release: c.release })));
  }), { numRuns: 200 });
});

test('equals the chart for the default and an HTTPRoute deployment, key order included', () => {
  for (const props of [{}, { httpRoute: { enabled: true, parentRefs: [{ name: 'gw' }], hostnames: ['a.example.com'] } }]) {
    expect(JSON.stringify(renderObjects({ namespace: 'openclaw', ...props }, 'my-openclaw'))).toBe(JSON.stringify(synthObjects(props)));
  }
});
