import { describe, expect, it } from 'vitest';
import { AsnTable } from './asnTable.ts';

describe('the AS table', () => {
  it('answers the same when handed to another thread as data (a structured clone) as where it was loaded', () => {
    const loaded = AsnTable.load();
    const copy = AsnTable.fromData(structuredClone(loaded.data()));
    // Google DNS (AS15169), Cloudflare over IPv6 (AS13335), an IPv4-mapped IPv6 address, a documentation address.
    const ips = ['8.8.8.8', '2606:4700:4700::1111', '::ffff:8.8.4.4', '192.0.2.1'];
    expect(ips.map((ip) => copy.lookup(ip)?.asn ?? null)).toEqual([15169, 13335, 15169, null]);
    expect(ips.map((ip) => copy.lookup(ip))).toEqual(ips.map((ip) => loaded.lookup(ip)));
  });
});
