// The generator's internal picture of the tenant: what the per-hour activity generators and the scenario
// injectors need beyond the public Tenant (where people live, which networks they use, who is who).
// Not part of the public interface.

import type { City, Network } from './geography.ts';
import type { Device, TenantInfo, TenantOptions, User } from './model.ts';

export interface Office {
  name: string;
  city: City;
  network: Network;
  /** The office egress block (a trusted network). */
  cidr: string;
  /** The NAT addresses office traffic leaves from. */
  egressIps: string[];
}

/** Where and how one person connects. Index-aligned with World.users. */
export interface Profile {
  index: number;
  office: Office | null;
  homeCity: City;
  homeNetwork: Network;
  homeIp: string;
  mobileNetwork: Network;
  laptop: Device | null;
  phone: Device | null;
  personal: Device | null;
  /** Relative activity (0.5..1.6): how many sessions this person has compared with the average. */
  activity: number;
  /** Share of working days this person works from home. */
  homeWorking: number;
  /** Reads mail with the phone's native client over Exchange ActiveSync (a benign legacy protocol). */
  usesActiveSync: boolean;
  /** Which ordinary mail client they use on the laptop. */
  desktopMail: 'outlook' | 'web';
}

export interface CoreAccounts {
  globalAdmin: number;
  exchangeAdmin: number;
  ordinary: number;
  automation: number;
  reviewer: number;
  scanner: number;
  disabledLeaver: number;
  guest: number;
  helpdesk: number[];
  exchangeAdmins: number[];
  securityAdmins: number[];
  shared: number[];
}

export interface World {
  options: TenantOptions;
  info: TenantInfo;
  orgName: string;
  /** The verified custom domain people's addresses use. */
  mailDomain: string;
  sidPrefix: string;
  users: User[];
  profiles: Profile[];
  offices: Office[];
  core: CoreAccounts;
  /** Indices of ordinary members (kind 'member', enabled), excluding users[2]. */
  members: number[];
  /** Indices of every account that can sign in interactively as a person (members and admins). */
  people: number[];
  /** People grouped by time zone, for per-hour sampling. */
  zones: { timeZone: string; people: number[] }[];
  /** Where the automation runs from (inside the head office network). */
  automationHostIp: string;
  startMs: number;
  endMs: number;
}
