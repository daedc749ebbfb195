// What every record builder needs to know about the tenant: ids, names, the Conditional Access policies it has,
// and where Exchange's servers are. Built once per tenant.

import { rngFor } from '../prng.ts';
import { MailCatalog } from './mailItems.ts';
import type { World } from '../world.ts';

export interface ConditionalAccessPolicyInfo {
  id: string;
  displayName: string;
  enforcedGrantControls: string[];
}

export interface ActivityContext {
  world: World;
  tenantId: string;
  /** '<name>.onmicrosoft.com' (OrganizationName in Exchange records). */
  initialDomain: string;
  /** CA001 requires MFA of administrators; CA002 of everyone on modern clients; CA003 blocks legacy auth (report-only). */
  ca: { adminMfa: ConditionalAccessPolicyInfo; allMfa: ConditionalAccessPolicyInfo; blockLegacy: ConditionalAccessPolicyInfo };
  trustedLocationName: string;
  /** Mailbox servers ('AM0PR06MB6512 (15.20.7633.017)') the tenant's mailboxes sit on. */
  exchangeServers: string[];
  /** 32-bit hash of the seed for cheap integer-hash ids. */
  seedHash: number;
  mail: MailCatalog;
}

const SERVER_PREFIX = ['AM0PR', 'DB9PR', 'PAXPR', 'VI1PR', 'AS8PR', 'DU0PR', 'GV1PR'];

export function createActivityContext(world: World): ActivityContext {
  const rng = rngFor(world.options.seed, 'activity-context');
  const exchangeServers: string[] = [];
  for (let i = 0; i < 12; i++) {
    exchangeServers.push(`${rng.pick(SERVER_PREFIX)}0${rng.range(1, 9)}MB${rng.range(1000, 9999)} (15.20.${rng.range(7500, 7800)}.0${rng.range(10, 40)})`);
  }
  return {
    world,
    tenantId: world.info.tenantId,
    initialDomain: world.info.domain,
    ca: {
      adminMfa: { id: rng.guid(), displayName: 'CA001: Require MFA for administrators', enforcedGrantControls: ['Mfa'] },
      allMfa: { id: rng.guid(), displayName: 'CA002: Require MFA for all users', enforcedGrantControls: ['Mfa'] },
      blockLegacy: { id: rng.guid(), displayName: 'CA003: Block legacy authentication', enforcedGrantControls: ['Block'] },
    },
    trustedLocationName: 'Office networks',
    exchangeServers,
    seedHash: rng.u32(),
    mail: new MailCatalog(world.options.seed, exchangeServers),
  };
}
