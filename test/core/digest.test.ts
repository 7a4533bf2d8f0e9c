/** The checksum annotations' SHA-256 (pure JavaScript, for the cold start) is node:crypto's, on any text. */
import { createHash } from 'crypto';
import * as fc from 'fast-check';
import { sha256Hex } from '../../src/core/digest';

const node = (text: string) => createHash('sha256').update(text).digest('hex');

test('known digests', () => {
  expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  // Lengths around the 64-byte block and its 56-byte padding limit, and multi-byte UTF-8.
  for (const text of ['a'.repeat(55), 'a'.repeat(56), 'a'.repeat(64), 'a'.repeat(1000), 'é🦀\u2028', '{"openclaw.json":"x"}']) {
    expect(sha256Hex(text)).toBe(node(text));
  }
});

test('random text, unicode and lone surrogates included', () => {
  fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
    expect(sha256Hex(text)).toBe(node(text));
  }), { numRuns: 500 });
});
