// Places and networks the synthetic tenant's people sign in from.
//
// Each city has fixed coordinates (what Entra puts in location.geoCoordinates), an IANA time zone, and per-ISP
// address blocks carved deterministically out of that ISP's national block, so an address always means the same
// city and ISP within a tenant (and across tenants). The national blocks and AS numbers are the ones those ISPs
// are commonly seen with; the per-city split is synthetic.

export interface Network {
  /** Operator name as an IP-intelligence service would show it. */
  name: string;
  asn: number;
  /** The operator's block this city's addresses come from. */
  cidr: string;
  kind: 'residential' | 'mobile' | 'business' | 'hosting';
}

export interface City {
  name: string;
  /** Region/state as Entra's location.state shows it. */
  state: string;
  country: string;
  lat: number;
  lon: number;
  timeZone: string;
  /** Residential broadband, mobile and business networks with a block inside this city. */
  residential: Network[];
  mobile: Network[];
  business: Network[];
}

export interface Country {
  code: string;
  name: string;
  language: 'en' | 'de' | 'fr' | 'nl' | 'es' | 'it';
  cities: City[];
}

interface CountrySpec {
  code: string;
  name: string;
  language: Country['language'];
  residential: [string, number, string][];
  mobile: [string, number, string][];
  business: [string, number, string][];
  cities: [name: string, state: string, lat: number, lon: number, tz: string][];
}

// [operator, ASN, national block]; cities get one /16 (or smaller) each out of these blocks.
const SPECS: CountrySpec[] = [
  {
    code: 'US', name: 'United States', language: 'en',
    residential: [['Comcast Cable Communications', 7922, '73.0.0.0/8'], ['AT&T Services', 7018, '99.0.0.0/8'], ['Charter Communications', 20115, '24.0.0.0/8']],
    mobile: [['T-Mobile USA', 21928, '172.32.0.0/11'], ['Verizon Wireless', 22394, '174.192.0.0/10']],
    business: [['Lumen Technologies', 3356, '4.0.0.0/9'], ['Zayo Bandwidth', 6461, '64.124.0.0/14']],
    cities: [
      ['Seattle', 'Washington', 47.6062, -122.3321, 'America/Los_Angeles'],
      ['San Francisco', 'California', 37.7749, -122.4194, 'America/Los_Angeles'],
      ['Denver', 'Colorado', 39.7392, -104.9903, 'America/Denver'],
      ['Chicago', 'Illinois', 41.8781, -87.6298, 'America/Chicago'],
      ['Austin', 'Texas', 30.2672, -97.7431, 'America/Chicago'],
      ['New York', 'New York', 40.7128, -74.006, 'America/New_York'],
      ['Boston', 'Massachusetts', 42.3601, -71.0589, 'America/New_York'],
      ['Atlanta', 'Georgia', 33.749, -84.388, 'America/New_York'],
    ],
  },
  {
    code: 'GB', name: 'United Kingdom', language: 'en',
    residential: [['British Telecommunications PLC', 2856, '86.128.0.0/10'], ['Virgin Media Limited', 5089, '82.0.0.0/11'], ['Sky UK Limited', 5607, '90.192.0.0/11']],
    mobile: [['EE Limited', 12576, '31.94.0.0/16'], ['Vodafone Limited', 25135, '85.255.224.0/19']],
    business: [['Colt Technology Services', 8220, '212.36.0.0/17'], ['BT Business', 2856, '81.128.0.0/11']],
    cities: [
      ['London', 'England', 51.5072, -0.1276, 'Europe/London'],
      ['Manchester', 'England', 53.4808, -2.2426, 'Europe/London'],
      ['Birmingham', 'England', 52.4862, -1.8904, 'Europe/London'],
      ['Edinburgh', 'Scotland', 55.9533, -3.1883, 'Europe/London'],
      ['Bristol', 'England', 51.4545, -2.5879, 'Europe/London'],
    ],
  },
  {
    code: 'DE', name: 'Germany', language: 'de',
    residential: [['Deutsche Telekom AG', 3320, '79.192.0.0/10'], ['Vodafone GmbH', 3209, '88.64.0.0/12']],
    mobile: [['Telefonica Germany', 6805, '176.0.0.0/12'], ['Deutsche Telekom Mobile', 3320, '80.187.0.0/16']],
    business: [['Deutsche Telekom Business', 3320, '217.0.0.0/13']],
    cities: [
      ['Berlin', 'Berlin', 52.52, 13.405, 'Europe/Berlin'],
      ['Munich', 'Bayern', 48.1351, 11.582, 'Europe/Berlin'],
      ['Hamburg', 'Hamburg', 53.5511, 9.9937, 'Europe/Berlin'],
      ['Frankfurt am Main', 'Hessen', 50.1109, 8.6821, 'Europe/Berlin'],
      ['Cologne', 'Nordrhein-Westfalen', 50.9375, 6.9603, 'Europe/Berlin'],
    ],
  },
  {
    code: 'FR', name: 'France', language: 'fr',
    residential: [['Orange S.A.', 3215, '90.0.0.0/9'], ['Free SAS', 12322, '88.160.0.0/11'], ['SFR SA', 15557, '109.0.0.0/11']],
    mobile: [['Bouygues Telecom', 5410, '176.128.0.0/10']],
    business: [['Orange Business Services', 3215, '193.248.0.0/14']],
    cities: [
      ['Paris', 'Ile-De-France', 48.8566, 2.3522, 'Europe/Paris'],
      ['Lyon', 'Auvergne-Rhone-Alpes', 45.764, 4.8357, 'Europe/Paris'],
      ['Toulouse', 'Occitanie', 43.6047, 1.4442, 'Europe/Paris'],
      ['Lille', 'Hauts-De-France', 50.6292, 3.0573, 'Europe/Paris'],
    ],
  },
  {
    code: 'NL', name: 'Netherlands', language: 'nl',
    residential: [['KPN B.V.', 1136, '77.160.0.0/12'], ['Ziggo B.V.', 33915, '84.24.0.0/13']],
    mobile: [['Vodafone Libertel B.V.', 33915, '89.200.0.0/14'], ['T-Mobile Netherlands', 50266, '62.140.128.0/17']],
    business: [['KPN Zakelijk', 1136, '145.128.0.0/12']],
    cities: [
      ['Amsterdam', 'Noord-Holland', 52.3676, 4.9041, 'Europe/Amsterdam'],
      ['Rotterdam', 'Zuid-Holland', 51.9244, 4.4777, 'Europe/Amsterdam'],
      ['Utrecht', 'Utrecht', 52.0907, 5.1214, 'Europe/Amsterdam'],
      ['Eindhoven', 'Noord-Brabant', 51.4416, 5.4697, 'Europe/Amsterdam'],
    ],
  },
  {
    code: 'ES', name: 'Spain', language: 'es',
    residential: [['Telefonica de Espana', 3352, '83.32.0.0/11'], ['Vodafone Spain', 12430, '37.132.0.0/14']],
    mobile: [['Orange Espagne', 12479, '90.160.0.0/11']],
    business: [['Telefonica Empresas', 3352, '80.24.0.0/13']],
    cities: [
      ['Madrid', 'Madrid', 40.4168, -3.7038, 'Europe/Madrid'],
      ['Barcelona', 'Catalunya', 41.3874, 2.1686, 'Europe/Madrid'],
      ['Valencia', 'Valencia', 39.4699, -0.3763, 'Europe/Madrid'],
      ['Malaga', 'Andalucia', 36.7213, -4.4214, 'Europe/Madrid'],
    ],
  },
  {
    code: 'IE', name: 'Ireland', language: 'en',
    residential: [['Eircom Limited', 5466, '86.40.0.0/13'], ['Virgin Media Ireland', 6830, '89.100.0.0/14']],
    mobile: [['Three Ireland', 34218, '37.228.192.0/18']],
    business: [['BT Ireland', 2110, '193.95.128.0/17']],
    cities: [
      ['Dublin', 'Dublin', 53.3498, -6.2603, 'Europe/Dublin'],
      ['Cork', 'Cork', 51.8985, -8.4756, 'Europe/Dublin'],
      ['Galway', 'Galway', 53.2707, -9.0568, 'Europe/Dublin'],
    ],
  },
  {
    code: 'CA', name: 'Canada', language: 'en',
    residential: [['Rogers Communications Canada', 812, '99.224.0.0/11'], ['Bell Canada', 577, '70.24.0.0/13']],
    mobile: [['TELUS Communications', 852, '174.88.0.0/13']],
    business: [['Bell Canada Business', 577, '142.112.0.0/13']],
    cities: [
      ['Toronto', 'Ontario', 43.6532, -79.3832, 'America/Toronto'],
      ['Vancouver', 'British Columbia', 49.2827, -123.1207, 'America/Vancouver'],
      ['Montreal', 'Quebec', 45.5017, -73.5673, 'America/Toronto'],
    ],
  },
  {
    code: 'AU', name: 'Australia', language: 'en',
    residential: [['Telstra Corporation', 1221, '101.160.0.0/11'], ['Optus', 4804, '49.176.0.0/12']],
    mobile: [['Telstra Mobile', 1221, '1.128.0.0/11']],
    business: [['Telstra Business', 1221, '203.32.0.0/14']],
    cities: [
      ['Sydney', 'New South Wales', -33.8688, 151.2093, 'Australia/Sydney'],
      ['Melbourne', 'Victoria', -37.8136, 144.9631, 'Australia/Melbourne'],
      ['Brisbane', 'Queensland', -27.4698, 153.0251, 'Australia/Brisbane'],
    ],
  },
  // Holiday and business-trip destinations only (no employees live here).
  {
    code: 'IT', name: 'Italy', language: 'it',
    residential: [['Telecom Italia', 3269, '79.0.0.0/10']],
    mobile: [['Vodafone Italia', 30722, '2.32.0.0/12']],
    business: [['Telecom Italia Business', 3269, '151.0.0.0/12']],
    cities: [
      ['Rome', 'Lazio', 41.9028, 12.4964, 'Europe/Rome'],
      ['Florence', 'Toscana', 43.7696, 11.2558, 'Europe/Rome'],
    ],
  },
  {
    code: 'PT', name: 'Portugal', language: 'es',
    residential: [['MEO - Servicos de Comunicacoes', 3243, '85.240.0.0/13']],
    mobile: [['NOS Comunicacoes', 2860, '188.80.0.0/13']],
    business: [['MEO Empresas', 3243, '195.23.0.0/16']],
    cities: [['Lisbon', 'Lisboa', 38.7223, -9.1393, 'Europe/Lisbon'], ['Faro', 'Faro', 37.0194, -7.9322, 'Europe/Lisbon']],
  },
  {
    code: 'GR', name: 'Greece', language: 'en',
    residential: [['Hellenic Telecommunications Organisation', 6799, '79.128.0.0/11']],
    mobile: [['Vodafone-panafon', 12361, '46.176.0.0/12']],
    business: [['OTEnet', 6799, '62.103.0.0/16']],
    cities: [['Athens', 'Attiki', 37.9838, 23.7275, 'Europe/Athens']],
  },
  {
    code: 'JP', name: 'Japan', language: 'en',
    residential: [['NTT Communications', 4713, '153.128.0.0/9']],
    mobile: [['NTT DOCOMO', 9605, '1.66.0.0/15']],
    business: [['KDDI Corporation', 2516, '106.128.0.0/10']],
    cities: [['Tokyo', 'Tokyo', 35.6762, 139.6503, 'Asia/Tokyo']],
  },
  {
    code: 'MX', name: 'Mexico', language: 'es',
    residential: [['Telmex', 8151, '187.128.0.0/10']],
    mobile: [['Telcel', 28403, '189.200.0.0/14']],
    business: [['Uninet', 8151, '201.96.0.0/11']],
    cities: [['Cancun', 'Quintana Roo', 21.1619, -86.8515, 'America/Cancun']],
  },
  {
    code: 'SG', name: 'Singapore', language: 'en',
    residential: [['Singtel Fibre', 9506, '116.86.0.0/15']],
    mobile: [['M1 Limited', 4773, '111.65.0.0/17']],
    business: [['Singapore Telecommunications', 7473, '203.116.0.0/16']],
    cities: [['Singapore', 'Singapore', 1.3521, 103.8198, 'Asia/Singapore']],
  },
];

/** Countries where employees live (and offices are). */
export const HOME_COUNTRIES = ['US', 'GB', 'DE', 'FR', 'NL', 'ES', 'IE', 'CA', 'AU'] as const;
/** Destinations for benign trips and holidays. */
export const TRAVEL_COUNTRIES = ['US', 'GB', 'DE', 'FR', 'NL', 'ES', 'IT', 'PT', 'GR', 'JP', 'MX', 'SG', 'IE', 'CA'] as const;

function ipToInt(ip: string): number {
  const p = ip.split('.').map(Number);
  return (((p[0] ?? 0) << 24) >>> 0) + ((p[1] ?? 0) << 16) + ((p[2] ?? 0) << 8) + (p[3] ?? 0);
}

export function intToIp(n: number): string {
  return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

export interface Block {
  /** First address as a 32-bit integer. */
  base: number;
  size: number;
  cidr: string;
}

export function parseCidr(cidr: string): Block {
  const [ip, bitsText] = cidr.split('/');
  const bits = Number(bitsText);
  if (!ip || !Number.isInteger(bits) || bits < 0 || bits > 32) throw new Error(`bad CIDR '${cidr}'`);
  const size = 2 ** (32 - bits);
  const base = Math.floor(ipToInt(ip) / size) * size;
  return { base, size, cidr: `${intToIp(base)}/${bits}` };
}

/** The index-th sub-block of `prefix` bits inside `cidr` (wrapping). */
export function subBlock(cidr: string, index: number, prefix: number): Block {
  const outer = parseCidr(cidr);
  const size = 2 ** (32 - prefix);
  const count = Math.max(1, Math.floor(outer.size / size));
  const base = outer.base + (index % count) * size;
  return { base, size, cidr: `${intToIp(base)}/${prefix}` };
}

export function cidrContains(cidr: string, ip: string): boolean {
  const b = parseCidr(cidr);
  const n = ipToInt(ip);
  return n >= b.base && n < b.base + b.size;
}

function buildCountries(): Map<string, Country> {
  const out = new Map<string, Country>();
  let cityIndex = 0;
  for (const spec of SPECS) {
    const toNet = ([name, asn, cidr]: [string, number, string], kind: Network['kind']): Network => ({ name, asn, cidr, kind });
    const cities: City[] = spec.cities.map(([name, state, lat, lon, tz]) => {
      const i = cityIndex++;
      // Each city gets its own /16 (/20 for business) inside each operator block.
      const carve = (n: Network, prefix: number): Network => ({ ...n, cidr: subBlock(n.cidr, i * 7 + 3, Math.max(prefix, Number(n.cidr.split('/')[1]))).cidr });
      return {
        name, state, country: spec.code, lat, lon, timeZone: tz,
        residential: spec.residential.map((n) => carve(toNet(n, 'residential'), 16)),
        mobile: spec.mobile.map((n) => carve(toNet(n, 'mobile'), 18)),
        business: spec.business.map((n) => carve(toNet(n, 'business'), 20)),
      };
    });
    out.set(spec.code, { code: spec.code, name: spec.name, language: spec.language, cities });
  }
  return out;
}

export const COUNTRIES: ReadonlyMap<string, Country> = buildCountries();

export function country(code: string): Country {
  const c = COUNTRIES.get(code);
  if (!c) throw new Error(`unknown country '${code}'`);
  return c;
}

/** Great-circle distance in kilometres. */
export function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const r = 6371;
  const dLat = ((b.lat - a.lat) * Math.PI) / 180;
  const dLon = ((b.lon - a.lon) * Math.PI) / 180;
  const s = Math.sin(dLat / 2) ** 2 + Math.cos((a.lat * Math.PI) / 180) * Math.cos((b.lat * Math.PI) / 180) * Math.sin(dLon / 2) ** 2;
  return 2 * r * Math.asin(Math.sqrt(s));
}

/** A place attackers connect from: a city plus the hosting/VPN or residential network they use. */
export interface HostilePlace {
  city: string;
  state: string;
  country: string;
  lat: number;
  lon: number;
  network: Network;
}

// Where password sprays, token thieves and phishing kits connect from in the wild: VPS/VPN providers and
// residential ranges in countries the tenant has nobody in.
export const HOSTILE_PLACES: readonly HostilePlace[] = [
  { city: 'Lagos', state: 'Lagos', country: 'NG', lat: 6.5244, lon: 3.3792, network: { name: 'MTN Nigeria', asn: 29465, cidr: '102.89.0.0/16', kind: 'mobile' } },
  { city: 'Moscow', state: 'Moscow', country: 'RU', lat: 55.7558, lon: 37.6173, network: { name: 'PJSC Rostelecom', asn: 12389, cidr: '95.24.0.0/13', kind: 'residential' } },
  { city: 'Bucharest', state: 'Bucuresti', country: 'RO', lat: 44.4268, lon: 26.1025, network: { name: 'M247 Europe SRL', asn: 9009, cidr: '185.156.172.0/22', kind: 'hosting' } },
  { city: 'Sao Paulo', state: 'Sao Paulo', country: 'BR', lat: -23.5505, lon: -46.6333, network: { name: 'Claro NXT Telecomunicacoes', asn: 28573, cidr: '177.32.0.0/11', kind: 'residential' } },
  { city: 'Hanoi', state: 'Ha Noi', country: 'VN', lat: 21.0278, lon: 105.8342, network: { name: 'VNPT Corp', asn: 45899, cidr: '113.160.0.0/11', kind: 'residential' } },
  { city: 'Shanghai', state: 'Shanghai', country: 'CN', lat: 31.2304, lon: 121.4737, network: { name: 'Chinanet', asn: 4134, cidr: '36.96.0.0/11', kind: 'residential' } },
  { city: 'Jakarta', state: 'Jakarta', country: 'ID', lat: -6.2088, lon: 106.8456, network: { name: 'PT Telekomunikasi Indonesia', asn: 7713, cidr: '36.64.0.0/11', kind: 'residential' } },
  { city: 'Kyiv', state: 'Kyiv City', country: 'UA', lat: 50.4501, lon: 30.5234, network: { name: 'Kyivstar PJSC', asn: 15895, cidr: '46.211.0.0/16', kind: 'mobile' } },
  { city: 'Istanbul', state: 'Istanbul', country: 'TR', lat: 41.0082, lon: 28.9784, network: { name: 'Turk Telekom', asn: 9121, cidr: '78.160.0.0/11', kind: 'residential' } },
  { city: 'Johannesburg', state: 'Gauteng', country: 'ZA', lat: -26.2041, lon: 28.0473, network: { name: 'Vodacom', asn: 29975, cidr: '41.0.0.0/11', kind: 'mobile' } },
];

/** VPS providers used for sprays and phishing proxies (the country is where the VPS sits). */
export const HOSTING_PLACES: readonly HostilePlace[] = [
  { city: 'Amsterdam', state: 'Noord-Holland', country: 'NL', lat: 52.3676, lon: 4.9041, network: { name: 'DigitalOcean, LLC', asn: 14061, cidr: '159.89.0.0/16', kind: 'hosting' } },
  { city: 'Frankfurt am Main', state: 'Hessen', country: 'DE', lat: 50.1109, lon: 8.6821, network: { name: 'DigitalOcean, LLC', asn: 14061, cidr: '167.99.0.0/16', kind: 'hosting' } },
  { city: 'Gravelines', state: 'Hauts-De-France', country: 'FR', lat: 50.9865, lon: 2.1281, network: { name: 'OVH SAS', asn: 16276, cidr: '51.68.0.0/16', kind: 'hosting' } },
  { city: 'Helsinki', state: 'Uusimaa', country: 'FI', lat: 60.1699, lon: 24.9384, network: { name: 'Hetzner Online GmbH', asn: 24940, cidr: '95.216.0.0/16', kind: 'hosting' } },
  { city: 'Piscataway', state: 'New Jersey', country: 'US', lat: 40.4993, lon: -74.3996, network: { name: 'The Constant Company, LLC', asn: 20473, cidr: '45.32.0.0/16', kind: 'hosting' } },
];
