/**
 * SHA-256 of text, hex: the one owner of the checksum annotations' hash. Pure JavaScript
 * (fast-sha256), so a cold `openclaw-cdk8s synth` does not load node:crypto, which alone costs
 * about 12 ms of its start on Node 20 to 24 (docs/performance.md). The same digest as
 * `createHash('sha256').update(text).digest('hex')`.
 */
import { hash } from 'fast-sha256';

export function sha256Hex(text: string): string {
  return Buffer.from(hash(Buffer.from(text, 'utf8'))).toString('hex');
}
