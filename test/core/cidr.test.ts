/** IP addresses read without node:net (src/core/cidr.ts). */
import { isIP } from 'net';
import { ipFamily } from '../../src/core/cidr';

describe('ipFamily answers as net.isIP does (the S3 endpoint\'s host, without loading node:net)', () => {
  test.each([
    '10.1.2.3', '0.0.0.0', '255.255.255.255', '256.1.1.1', '1.2.3', '1.2.3.4.5', '01.2.3.4', '::', '::1', 'fe80::1', '2001:db8::8a2e:370:7334',
    '::ffff:1.2.3.4', '::ffff:102:304', '1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7:8:9', '1::2::3', 'g::1', 'minio.example.com', '', '10.0.0.0/8', 'localhost',
  ])('%s', (text) => {
    expect(ipFamily(text)).toBe(isIP(text));
  });
});
