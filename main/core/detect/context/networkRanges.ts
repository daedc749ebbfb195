import { BlockList, isIP } from 'node:net';
import { WardenError } from '../../../../shared/errors.ts';

export interface Cidr {
  address: string;
  prefix: number;
  family: 'ipv4' | 'ipv6';
}

/** Parses '203.0.113.0/24', '2001:db8::/32' or a bare address (a /32 or /128); throws naming the bad value. */
export function parseCidr(text: string): Cidr {
  const value = text.trim();
  const slash = value.indexOf('/');
  const address = slash === -1 ? value : value.slice(0, slash);
  const version = isIP(address);
  if (version === 0) throw new WardenError('invalid-input', `${text}: not an IP address or CIDR range (expected e.g. 203.0.113.0/24 or 2001:db8::/32).`);
  const max = version === 4 ? 32 : 128;
  const prefixText = slash === -1 ? String(max) : value.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > max) {
    throw new WardenError('invalid-input', `${text}: the prefix length must be a number from 0 to ${max}.`);
  }
  return { address, prefix: Number(prefixText), family: version === 4 ? 'ipv4' : 'ipv6' };
}

/**
 * A set of CIDR ranges, matched with Node's own BlockList (which also matches IPv4-mapped IPv6
 * addresses against IPv4 ranges).
 */
export class NetworkRanges {
  private readonly list = new BlockList();
  readonly size: number;

  constructor(cidrs: readonly string[]) {
    for (const text of cidrs) {
      const c = parseCidr(text);
      this.list.addSubnet(c.address, c.prefix, c.family);
    }
    this.size = cidrs.length;
  }

  has(ip: string | null): boolean {
    if (!ip || this.size === 0) return false;
    const version = isIP(ip);
    if (version === 0) return false;
    return this.list.check(ip, version === 4 ? 'ipv4' : 'ipv6');
  }
}
