/**
 * IPv4 and IPv6 ranges as numbers, so that width and coverage are computed, not matched as text:
 * `0.0.0.0/0`, `0:0::/0` and `0.0.0.0/1` plus `128.0.0.0/1` all cover every IPv4 address.
 */

/** One range: its family, first address and prefix length (a bare address is a /32 or /128). */
export interface IpRange {
  readonly family: 4 | 6;
  readonly start: bigint;
  readonly prefix: number;
}

const BITS = { 4: 32, 6: 128 } as const;

/** `10.0.0.0/8`, `10.1.2.3`, `fd00::/8`, `::ffff:10.0.0.0/104`; undefined when it is none of these. */
export function parseRange(text: unknown): IpRange | undefined {
  if (typeof text !== 'string') return undefined;
  const [ip, bits, ...rest] = text.split('/');
  if (rest.length || (bits !== undefined && !/^\d{1,3}$/.test(bits))) return undefined;
  const v4 = ipv4(ip);
  const family = v4 !== undefined ? 4 : 6;
  const address = v4 ?? ipv6(ip);
  const prefix = bits === undefined ? BITS[family] : Number(bits);
  if (address === undefined || prefix > BITS[family]) return undefined;
  const host = BITS[family] - prefix;
  return { family, start: (address >> BigInt(host)) << BigInt(host), prefix };
}

/**
 * 4 or 6 for a bare IPv4 or IPv6 address, else 0, as `net.isIP` answers: loading node:net for it
 * loads Node's stream machinery, 5 to 10 ms of every cold render.
 */
export function ipFamily(text: string): 0 | 4 | 6 {
  const range = text.includes('/') ? undefined : parseRange(text);
  // net.isIP refuses an IPv4 part with a leading zero (octal to some readers), as Go does.
  if (range?.family === 4 && /(^|\.)0\d/.test(text)) return 0;
  return range ? range.family : 0;
}

function ipv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return undefined;
  return parts.reduce((n, p) => (n << 8n) | BigInt(p), 0n);
}

function ipv6(text: string): bigint | undefined {
  let groups = text.split(':');
  // A dotted IPv4 tail (::ffff:1.2.3.4) is two groups.
  const tail = groups.length > 1 ? ipv4(groups[groups.length - 1]) : undefined;
  if (tail !== undefined) groups = [...groups.slice(0, -1), (tail >> 16n).toString(16), (tail & 0xffffn).toString(16)];
  const gap = groups.indexOf('');
  if (text.includes('::')) {
    const head = text.startsWith('::') ? [] : groups.slice(0, gap);
    const back = groups.slice(groups.lastIndexOf('') + 1);
    if (head.length + back.length > 7 || text.indexOf('::') !== text.lastIndexOf('::')) return undefined;
    groups = [...head, ...Array<string>(8 - head.length - back.length).fill('0'), ...back];
  }
  if (groups.length !== 8 || !groups.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
  return groups.reduce((n, g) => (n << 16n) | BigInt(`0x${g}`), 0n);
}

/** How many bits shorter than a host address the range is (0 for a single address). */
export function hostBits(range: IpRange): number {
  return BITS[range.family] - range.prefix;
}

/** The families (4, 6) whose every address the ranges cover together. */
export function familiesCovered(ranges: readonly IpRange[]): Array<4 | 6> {
  return ([4, 6] as const).filter((family) => {
    const spans = ranges.filter((r) => r.family === family)
      .map((r) => [r.start, r.start + (1n << BigInt(hostBits(r)))] as const)
      .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    let reached = 0n;
    for (const [from, to] of spans) {
      if (from > reached) return false;
      if (to > reached) reached = to;
    }
    return reached === 1n << BigInt(BITS[family]);
  });
}
