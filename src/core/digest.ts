/**
 * SHA-256 of text, hex: the one owner of the checksum annotations' hash. Pure JavaScript
 * (fast-sha256), so a cold `openclaw-cdk8s synth` does not load node:crypto, which alone costs
 * about 12 ms of its start on Node 20 to 24 (docs/performance.md). The same digest as
 * `createHash('sha256').update(text).digest('hex')`.
 */
import { hash } from 'fast-sha256';

/** Texts hashed while a recorder is on (recordDigests): the fleet's shapes (fleet-shapes.ts) fill checksums in. */
let recording: string[] | undefined;

export function sha256Hex(text: string): string {
  recording?.push(text);
  return Buffer.from(hash(Buffer.from(text, 'utf8'))).toString('hex');
}

/** @internal Runs `fn` and returns its result with every text sha256Hex hashed meanwhile, in order. */
export function recordDigests<T>(fn: () => T): { result: T; texts: string[] } {
  const outer = recording;
  const texts: string[] = [];
  recording = texts;
  try {
    return { result: fn(), texts };
  } finally {
    recording = outer;
  }
}
