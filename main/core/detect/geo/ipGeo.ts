import { createRequire } from 'node:module';
import maxmind, { type Reader, type Response } from 'maxmind';
import { NetworkRanges } from '../context/networkRanges.ts';
import { AsnTable, type AsnInfo, type AsnTableData } from './asnTable.ts';

/**
 * Offline IP → country and IP → AS, from databases shipped inside npm packages:
 * @ip-location-db/geo-whois-asn-country-mmdb (CC0) read with MaxMind's `maxmind` reader, and
 * @ip-location-db/asn (see asnTable.ts). Nothing is downloaded at run time. Rules prefer the
 * location Entra wrote in the sign-in; these answer for records that carry none (unified audit
 * log records, Log Analytics rows without LocationDetails).
 */
export interface IpGeo {
  country(ip: string | null): string | null;
  asn(ip: string | null): AsnInfo | null;
}

/**
 * Addresses that are nobody's location: private, loopback, link-local, shared (CGNAT), documentation
 * and unique-local ranges. The npm-published data maps some of them to countries by mistake, so
 * they are never looked up.
 */
const NOT_ROUTED = new NetworkRanges([
  '0.0.0.0/8',
  '10.0.0.0/8',
  '100.64.0.0/10',
  '127.0.0.0/8',
  '169.254.0.0/16',
  '172.16.0.0/12',
  '192.0.0.0/24',
  '192.0.2.0/24',
  '192.168.0.0/16',
  '198.18.0.0/15',
  '198.51.100.0/24',
  '203.0.113.0/24',
  '224.0.0.0/3',
  '::/127',
  'fc00::/7',
  'fe80::/10',
  '2001:db8::/32',
]);

export function isRoutableAddress(ip: string): boolean {
  return !NOT_ROUTED.has(ip);
}

let countryReader: Promise<Reader<Response>> | null = null;
let asnTable: AsnTable | null = null;

/** The AS table if this process has loaded it, as data a worker thread can be given (it is not loaded for this). */
export function loadedAsnTableData(): AsnTableData | null {
  return asnTable?.data() ?? null;
}

/** Takes the AS table another thread of this process loaded, instead of parsing it again (about a second). */
export function adoptAsnTable(data: AsnTableData): void {
  asnTable ??= AsnTable.fromData(data);
}

function openCountryReader(): Promise<Reader<Response>> {
  const require = createRequire(import.meta.url);
  const file = require.resolve('@ip-location-db/geo-whois-asn-country-mmdb/geo-whois-asn-country.mmdb');
  return maxmind.open<Response>(file, { cache: { max: 50_000 } });
}

function lookupCountry(reader: Reader<Response>, ip: string): string | null {
  try {
    // This database's records are { country_code }, not MaxMind's own GeoIP2 shape.
    return (reader.get(ip) as { country_code?: string } | null)?.country_code ?? null;
  } catch {
    return null;
  }
}

/** The process-wide lookup (the country database opens in ~30 ms; the AS table loads on first use, ~1 s). */
export async function loadIpGeo(): Promise<IpGeo> {
  countryReader ??= openCountryReader();
  const reader = await countryReader;
  const countries = new Map<string, string | null>();
  const asns = new Map<string, AsnInfo | null>();
  return {
    country(ip) {
      if (!ip) return null;
      // The cache first: deciding whether an address is routable costs more than the cached answer.
      let c = countries.get(ip);
      if (c === undefined) {
        c = isRoutableAddress(ip) ? lookupCountry(reader, ip) : null;
        countries.set(ip, c);
      }
      return c;
    },
    asn(ip) {
      if (!ip) return null;
      let a = asns.get(ip);
      if (a === undefined) {
        asnTable ??= AsnTable.load();
        a = isRoutableAddress(ip) ? asnTable.lookup(ip) : null;
        asns.set(ip, a);
      }
      return a;
    },
  };
}
