// The organization: name, domains, tenant and app ids, and its offices (whose egress blocks are the trusted
// networks). Everything is drawn from the 'organization' stream of the seed.

import { country, HOME_COUNTRIES, intToIp, subBlock } from './geography.ts';
import type { TenantInfo, TenantOptions } from './model.ts';
import { Rng, rngFor } from './prng.ts';
import type { Office } from './world.ts';

// Fictitious company names of the kind Microsoft uses in its own documentation.
const ORG_NAMES = [
  'Fabrikam', 'Northwind Traders', 'Tailspin Toys', 'Wingtip Toys', 'Adventure Works', 'Litware', 'Proseware',
  'Woodgrove Bank', 'Alpine Ski House', 'Coho Winery', 'Fourth Coffee', 'Lamna Healthcare', 'Trey Research',
  'Relecloud', 'Wide World Importers', 'Blue Yonder Airlines', 'Humongous Insurance', 'Lucerne Publishing',
  'Southridge Video', 'VanArsdel', 'Graphic Design Institute', 'Munson\'s Pickles and Preserves', 'Consolidated Messenger',
];

export interface Organization {
  info: TenantInfo;
  orgName: string;
  mailDomain: string;
  sidPrefix: string;
  offices: Office[];
  automationHostIp: string;
}

function officeIn(rng: Rng, countryCode: string, cityIndex: number, name: string): Office {
  const c = country(countryCode);
  const city = c.cities[cityIndex % c.cities.length]!;
  const network = rng.pick(city.business);
  // A /28 egress block somewhere inside the city's business block: 16 addresses, a few used for NAT.
  const block = subBlock(network.cidr, rng.int(256), 28);
  const egressIps = [1, 2, 3, 4].map((k) => intToIp(block.base + k));
  return { name, city, network, cidr: block.cidr, egressIps };
}

export function createOrganization(options: TenantOptions): Organization {
  const rng = rngFor(options.seed, 'organization');
  const orgName = rng.pick(ORG_NAMES);
  const slug = orgName.toLowerCase().replace(/[^a-z]/g, '');
  const initialDomain = `${slug}${rng.range(100, 999)}.onmicrosoft.com`;
  const mailDomain = `${slug}.com`;
  const hq = rng.pick(HOME_COUNTRIES);
  const offices: Office[] = [officeIn(rng, hq, rng.int(8), 'Head Office')];
  // Larger organizations have a branch in another city, and the largest one abroad.
  if (options.users >= 50) offices.push(officeIn(rng, hq, offices.length + rng.int(3), 'Branch Office'));
  if (options.users >= 500) {
    const abroad = rng.pick(HOME_COUNTRIES.filter((c) => c !== hq));
    offices.push(officeIn(rng, abroad, rng.int(4), `${country(abroad).name} Office`));
  }
  // Distinct office cities (a branch in the head office's city would make no sense).
  const seen = new Set<string>();
  const uniqueOffices = offices.filter((o) => (seen.has(o.city.name) ? false : (seen.add(o.city.name), true)));
  for (const o of uniqueOffices) if (o.name === 'Branch Office' || o.name === 'Head Office') o.name = `${o.city.name} ${o.name === 'Head Office' ? 'Head Office' : 'Office'}`;

  const tenantId = rng.guid();
  const automationApp = {
    clientId: rng.guid(),
    displayName: `${orgName} Exchange Automation`,
    objectId: rng.guid(),
    servicePrincipalId: rng.guid(),
  };
  const publicClientId = rng.guid();
  const sidPrefix = `S-1-5-21-${rng.range(1000000000, 4000000000)}-${rng.range(1000000000, 4000000000)}-${rng.range(1000000000, 4000000000)}`;
  const start = new Date(options.end.getTime() - options.days * 86_400_000);
  const head = uniqueOffices[0]!;
  const info: TenantInfo = {
    tenantId,
    domain: initialDomain,
    displayName: orgName,
    start,
    end: new Date(options.end.getTime()),
    publicClientId,
    automationApp,
    trustedNetworks: uniqueOffices.map((o) => o.cidr),
    country: head.city.country,
    verifiedDomains: [initialDomain, mailDomain],
  };
  return { info, orgName, mailDomain, sidPrefix, offices: uniqueOffices, automationHostIp: head.egressIps[3]! };
}
