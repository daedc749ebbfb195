// The tenant's accounts and the people behind them: the fixed core (administrators, the automation service
// account, a scanner, shared mailboxes, a leaver, a guest) and `options.users` ordinary members. Each account
// draws from its own stream keyed by its part (e.g. 'member-17'), so the draws of one never shift another's.

import { automationServer, laptopFor, personalFor, phoneFor } from './devices.ts';
import { country, intToIp, parseCidr, type Block, type City, type Country } from './geography.ts';
import type { User, UserKind } from './model.ts';
import { displaySurname, GIVEN_NAMES, mailSafe, SURNAMES } from './names.ts';
import { type Rng, rngFor } from './prng.ts';
import type { Organization } from './organization.ts';
import type { CoreAccounts, Office, Profile } from './world.ts';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const PASSWORD_CHARS = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
const PASSWORD_SYMBOLS = '!#%+-=?@';

const DEPARTMENTS: [string, string[]][] = [
  ['Sales', ['Account Executive', 'Sales Manager', 'Sales Representative', 'Inside Sales Specialist']],
  ['Marketing', ['Marketing Specialist', 'Content Manager', 'Marketing Director', 'Product Marketing Manager']],
  ['Finance', ['Accountant', 'Financial Analyst', 'Accounts Payable Clerk', 'Controller']],
  ['Engineering', ['Software Engineer', 'Senior Software Engineer', 'QA Engineer', 'Engineering Manager']],
  ['Operations', ['Operations Coordinator', 'Logistics Planner', 'Operations Manager']],
  ['Human Resources', ['HR Generalist', 'Recruiter', 'HR Business Partner']],
  ['Customer Support', ['Support Specialist', 'Support Team Lead', 'Customer Success Manager']],
  ['Legal', ['Legal Counsel', 'Paralegal']],
  ['Executive', ['Chief Executive Officer', 'Chief Financial Officer', 'Chief Operating Officer']],
];

const LOCALE: Record<Country['language'], string> = { en: 'en-US', de: 'de-DE', fr: 'fr-FR', nl: 'nl-NL', es: 'es-ES', it: 'it-IT' };

const SHARED_MAILBOXES = ['info', 'support', 'finance', 'hr', 'sales', 'reception', 'invoices', 'careers', 'marketing', 'it-helpdesk', 'legal', 'purchasing', 'events', 'press'];

export interface PeopleResult {
  users: User[];
  profiles: Profile[];
  core: CoreAccounts;
  members: number[];
}

class Builder {
  readonly users: User[] = [];
  readonly profiles: Profile[] = [];
  private readonly usedLocalParts = new Set<string>();
  /** Next numeric suffix to try per wanted local part (so the 40th John Smith costs one probe, not 40). */
  private readonly nextSuffix = new Map<string, number>();
  private officeWeights: [Office, number][] | null = null;
  private readonly remoteCities = new Map<Office, City[]>();
  private readonly blocks = new Map<string, Block>();
  private readonly org: Organization;
  private readonly seed: string;
  private readonly createdBaseMs: number;

  constructor(org: Organization, seed: string) {
    this.org = org;
    this.seed = seed;
    this.createdBaseMs = org.info.start.getTime();
  }

  private uniqueLocal(wanted: string): string {
    let local = wanted;
    if (this.usedLocalParts.has(local)) {
      let n = this.nextSuffix.get(wanted) ?? 2;
      while (this.usedLocalParts.has(`${wanted}${n}`)) n++;
      local = `${wanted}${n}`;
      this.nextSuffix.set(wanted, n + 1);
    }
    this.usedLocalParts.add(local);
    return local;
  }

  private pickOffice(rng: Rng): Office {
    const offices = this.org.offices;
    if (offices.length === 1) return offices[0]!;
    this.officeWeights ??= offices.map((o, i): [Office, number] => [o, i === 0 ? 0.65 : 0.35 / (offices.length - 1)]);
    return rng.weighted(this.officeWeights);
  }

  /** Cities a remote worker of this office may live in: any city of the office's country. */
  private remoteCitiesOf(office: Office): City[] {
    let list = this.remoteCities.get(office);
    if (!list) {
      list = country(office.city.country).cities.filter((c) => c.name !== office.city.name).concat(office.city);
      this.remoteCities.set(office, list);
    }
    return list;
  }

  private block(cidr: string): Block {
    let b = this.blocks.get(cidr);
    if (!b) {
      b = parseCidr(cidr);
      this.blocks.set(cidr, b);
    }
    return b;
  }

  add(spec: {
    key: string;
    kind: UserKind;
    localPart?: string;
    displayName?: string;
    office?: Office;
    remote?: boolean;
    directoryRoles?: string[];
    roleGroups?: string[];
    jobTitle?: string;
    department?: string;
    mfa?: boolean;
    accountEnabled?: boolean;
    devices?: 'person' | 'server' | 'none';
  }): number {
    const index = this.users.length;
    const rng = rngFor(this.seed, 'user', spec.key);
    const office = spec.office ?? this.pickOffice(rng);
    const homeCountry = country(office.city.country);
    const remote = spec.remote ?? (spec.kind === 'member' && rng.chance(0.2));
    const homeCity: City = remote ? rng.pick(this.remoteCitiesOf(office)) : office.city;
    const lang = homeCountry.language;
    const given = rng.pick(GIVEN_NAMES[lang]);
    const surnameRaw = rng.pick(SURNAMES[lang]);
    const surname = displaySurname(surnameRaw, lang);
    const isPerson = spec.kind === 'member' || spec.kind === 'admin';
    const local = this.uniqueLocal(spec.localPart ?? `${mailSafe(given)}.${mailSafe(surnameRaw)}`);
    const domain = this.org.mailDomain;
    const upn = spec.kind === 'guest' ? `${local}_partner-consulting.com#EXT#@${this.org.info.domain}` : `${local}@${domain}`;
    const [dept, titles] = rng.pick(DEPARTMENTS);
    const department = spec.department ?? (isPerson ? dept : null);
    const jobTitle = spec.jobTitle ?? (isPerson ? rng.pick(titles) : null);
    const createdMs = this.createdBaseMs - rng.range(30, 1500) * 86_400_000 - rng.int(86_400_000);
    const mfa = spec.mfa ?? isPerson;
    const start = rng.weighted([[7, 2], [8, 5], [9, 3]] as const);
    const homeNetwork = rng.pick(homeCity.residential);
    const devices = spec.devices ?? (isPerson ? 'person' : 'none');
    const laptop = devices === 'person' ? laptopFor(rng, given) : devices === 'server' ? automationServer(rng) : null;
    const phone = devices === 'person' && rng.chance(0.85) ? phoneFor(rng) : null;
    const personal = devices === 'person' && rng.chance(0.2) ? personalFor(rng) : null;
    const user: User = {
      id: rng.guid(),
      userPrincipalName: upn,
      displayName: spec.displayName ?? `${given} ${surname}`,
      givenName: isPerson || spec.kind === 'guest' ? given : null,
      surname: isPerson || spec.kind === 'guest' ? surname : null,
      mail: spec.kind === 'guest' ? `${local}@partner-consulting.com` : `${local}@${domain}`,
      jobTitle,
      department,
      officeLocation: isPerson ? office.name : null,
      mobilePhone: isPerson && rng.chance(0.6) ? phoneNumber(rng, homeCountry.code) : null,
      businessPhones: isPerson && rng.chance(0.7) ? [phoneNumber(rng, homeCountry.code)] : [],
      preferredLanguage: isPerson ? LOCALE[lang] : null,
      accountEnabled: spec.accountEnabled ?? spec.kind !== 'shared',
      userType: spec.kind === 'guest' ? 'Guest' : 'Member',
      usageLocation: spec.kind === 'guest' ? null : homeCountry.code,
      createdDateTime: new Date(createdMs).toISOString().slice(0, 19) + 'Z',
      country: spec.kind === 'guest' ? null : homeCountry.name,
      city: isPerson ? homeCity.name : null,
      kind: spec.kind,
      password: spec.kind === 'shared' ? '' : rng.chars(PASSWORD_CHARS, 14) + rng.chars(PASSWORD_SYMBOLS, 1) + rng.range(10, 99),
      totpSecret: mfa ? rng.chars(BASE32, 32) : '',
      mfaRequired: mfa,
      directoryRoles: spec.directoryRoles ?? [],
      roleGroups: spec.roleGroups ?? [],
      countryCode: homeCountry.code,
      timeZone: homeCity.timeZone,
      workingHours: [start, start + rng.weighted([[8, 5], [9, 4], [10, 1]] as const)],
      mailboxGuid: spec.kind === 'guest' ? null : rng.guid(),
      puid: '1003' + rng.hex(6).toUpperCase(),
      sid: `${this.org.sidPrefix}-${1100 + index}`,
      devices: [laptop, phone, personal].filter((d): d is NonNullable<typeof d> => d !== null),
    };
    // A stable home address: one host in the city's block of the user's ISP.
    const block = this.block(homeNetwork.cidr);
    const homeIp = intToIp(block.base + 1 + rng.int(block.size - 2));
    const profile: Profile = {
      index,
      office: isPerson && !remote ? office : isPerson ? null : office,
      homeCity,
      homeNetwork,
      homeIp,
      mobileNetwork: rng.pick(homeCity.mobile),
      laptop,
      phone,
      personal,
      activity: 0.5 + rng.next() * 1.1,
      homeWorking: remote ? 1 : 0.15 + rng.next() * 0.45,
      usesActiveSync: spec.kind === 'member' && phone !== null && rng.chance(0.015),
      desktopMail: rng.chance(0.75) ? 'outlook' : 'web',
    };
    if (profile.usesActiveSync && phone) phone.userAgent = phone.displayName === 'iPhone' ? 'iOS/17.5.1 (21F90) dataaccessd/1.0' : 'Android-Mail/2024.06.02.643017021.Release';
    this.users.push(user);
    this.profiles.push(profile);
    return index;
  }
}

function phoneNumber(rng: Rng, countryCode: string): string {
  const prefix: Record<string, string> = { US: '+1', CA: '+1', GB: '+44', DE: '+49', FR: '+33', NL: '+31', ES: '+34', IE: '+353', AU: '+61' };
  return `${prefix[countryCode] ?? '+1'} ${rng.range(100, 999)} ${rng.range(100, 999)} ${rng.range(1000, 9999)}`;
}

export function createPeople(org: Organization, seed: string, memberCount: number): PeopleResult {
  const b = new Builder(org, seed);
  const hq = org.offices[0]!;
  const admin = (key: string, roles: string[], groups: string[], title: string): number => {
    const i = b.add({ key, kind: 'admin', office: hq, remote: false, directoryRoles: roles, roleGroups: groups, jobTitle: title, department: 'IT' });
    return i;
  };
  // users[0..4]: the accounts the ready line prints.
  const globalAdmin = admin('global-admin', ['Global Administrator'], ['Organization Management'], 'IT Director');
  const exchangeAdmin = admin('exchange-admin', ['Exchange Administrator'], ['Organization Management'], 'Messaging Administrator');
  const ordinary = b.add({ key: 'member-0', kind: 'member' });
  const automation = b.add({
    key: 'automation', kind: 'service', localPart: 'svc-exo-automation', displayName: 'Exchange Automation (service account)',
    office: hq, remote: false, roleGroups: ['Recipient Management'], mfa: false, devices: 'server', department: 'IT',
  });
  const reviewer = admin('security-reviewer', ['Global Reader'], ['View-Only Organization Management', 'Compliance Management'], 'Security Analyst');
  // The rest of the core.
  const scanner = b.add({ key: 'scanner', kind: 'service', localPart: 'scanner', displayName: 'Office Scanner', office: hq, remote: false, mfa: false });
  const helpdesk: number[] = [];
  const helpdeskCount = Math.min(20, 1 + Math.floor(memberCount / 1000));
  for (let k = 0; k < helpdeskCount; k++) helpdesk.push(admin(`helpdesk-${k}`, ['Helpdesk Administrator'], ['Help Desk'], 'IT Support Technician'));
  const exchangeAdmins: number[] = [];
  const exoCount = Math.min(5, 1 + Math.floor(memberCount / 5000));
  for (let k = 0; k < exoCount; k++) exchangeAdmins.push(admin(`exchange-admin-${k}`, ['Exchange Administrator'], ['Organization Management'], 'Systems Engineer'));
  const securityAdmins: number[] = [];
  const secCount = Math.min(4, 1 + Math.floor(memberCount / 10000));
  for (let k = 0; k < secCount; k++) securityAdmins.push(admin(`security-admin-${k}`, ['Security Administrator', 'Privileged Role Administrator'], ['Compliance Management'], 'Security Engineer'));
  const shared: number[] = [];
  const sharedCount = Math.min(SHARED_MAILBOXES.length * 4, 3 + Math.floor(memberCount / 500));
  for (let k = 0; k < sharedCount; k++) {
    const base = SHARED_MAILBOXES[k % SHARED_MAILBOXES.length]!;
    const suffix = k < SHARED_MAILBOXES.length ? '' : `-${Math.floor(k / SHARED_MAILBOXES.length) + 1}`;
    const name = `${base}${suffix}`;
    shared.push(b.add({ key: `shared-${k}`, kind: 'shared', localPart: name, displayName: name.replace(/(^|-)([a-z])/g, (_, p: string, c: string) => (p ? ' ' : '') + c.toUpperCase()), office: hq, remote: false, mfa: false, accountEnabled: false }));
  }
  const disabledLeaver = b.add({ key: 'leaver', kind: 'member', accountEnabled: false, mfa: true, devices: 'none' });
  const guest = b.add({ key: 'guest', kind: 'guest', mfa: false, devices: 'none', office: hq, remote: false });
  const members: number[] = [];
  for (let k = 1; k < memberCount; k++) members.push(b.add({ key: `member-${k}`, kind: 'member' }));
  return {
    users: b.users,
    profiles: b.profiles,
    core: { globalAdmin, exchangeAdmin, ordinary, automation, reviewer, scanner, disabledLeaver, guest, helpdesk, exchangeAdmins, securityAdmins, shared },
    members,
  };
}
