// Mail items and folders as they appear in mailbox audit records: Exchange entry ids (base64 'LgAAAA…' folder
// ids, 'RgAAAA…' item ids), Internet message ids stamped by the sending server, business-like subjects.
// Messages come from a per-tenant pool (the same message legitimately sits in many mailboxes, and drawing from
// a pool keeps the hourly generator cheap); folder ids are derived from the mailbox and cached.

import type { User } from '../model.ts';
import { type Rng, rngFor } from '../prng.ts';

const SUBJECTS = [
  'Q3 forecast review', 'Re: Invoice 4471', 'Team offsite agenda', 'Updated contract draft', 'Re: Project timeline',
  'Weekly status report', 'Lunch on Friday?', 'FW: Customer feedback', 'Budget approval needed', 'Re: Meeting notes',
  'Onboarding checklist', 'Travel itinerary', 'Re: Pricing proposal', 'Holiday schedule', 'Action items from today',
  'Re: Quick question', 'Purchase order 88231', 'Board deck v3', 'Re: Support ticket #20931', 'Training session reminder',
  'Expense report', 'Re: Candidate interview', 'Monthly newsletter', 'Re: Shipment delayed', 'Security awareness training',
  'Re: Re: Data request', 'Quarterly business review', 'Contract renewal', 'Re: Site visit', 'Welcome to the team',
];

export const FOLDERS = ['\\Inbox', '\\Sent Items', '\\Deleted Items', '\\Archive', '\\Drafts'] as const;
export const INBOX = 0;
export const SENT = 1;
export const DELETED = 2;

export interface MessageRef {
  /** Position in the tenant's pool: lets writers keep per-message pieces in an array instead of a map. */
  index: number;
  id: string;
  immutableId: string;
  /** With the angle brackets, as audit records show it. */
  internetMessageId: string;
  subject: string;
  size: number;
}

/** Messages in a tenant's pool. */
export const MESSAGE_POOL_SIZE = 4096;

export class MailCatalog {
  private readonly pool: MessageRef[] = [];
  private readonly folders = new WeakMap<User, string[]>();

  constructor(seed: string, servers: readonly string[]) {
    const rng = rngFor(seed, 'mail-catalog');
    for (let i = 0; i < MESSAGE_POOL_SIZE; i++) {
      const host = rng.pick(servers).split(' ')[0]!;
      const entry = Buffer.from(rng.hex(45), 'hex').toString('base64');
      this.pool.push({
        index: i,
        id: 'RgAAAA' + entry,
        immutableId: 'LgAAAA' + Buffer.from(rng.hex(45), 'hex').toString('base64'),
        internetMessageId: `<${host}${rng.hex(16).toUpperCase()}@${host}.eurprd0${rng.range(1, 9)}.prod.outlook.com>`,
        subject: rng.pick(SUBJECTS),
        size: rng.range(2000, 180000),
      });
    }
  }

  message(rng: Rng): MessageRef {
    return this.pool[rng.int(MESSAGE_POOL_SIZE)]!;
  }

  /** A stable folder id for a mailbox folder (cached per mailbox). */
  folderId(owner: User, folder: number): string {
    let ids = this.folders.get(owner);
    if (!ids) {
      const key = owner.mailboxGuid ?? owner.id;
      const hex = key.replace(/-/g, '');
      ids = FOLDERS.map((_, i) => 'LgAAAAA' + Buffer.from(hex + hex.slice(0, 16) + (i + 12).toString(16).padStart(8, '0') + '0001', 'hex').toString('base64'));
      this.folders.set(owner, ids);
    }
    return ids[folder] ?? ids[0]!;
  }
}
