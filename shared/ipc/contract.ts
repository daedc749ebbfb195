import { accountChannels } from './accounts.ts';
import { adminChannels } from './admin.ts';
import { journalChannels } from './journal.ts';
import { appChannels } from './app.ts';
import { jobChannels } from './jobs.ts';
import { importChannels } from './imports.ts';
import { reviewChannels } from './review.ts';
import { findingChannels } from './findings.ts';
import { collectChannels } from './collect.ts';
import { postureChannels } from './posture.ts';

/** Every request/response channel, one spread per area file. */
export const contract = {
  ...appChannels,
  ...accountChannels,
  ...jobChannels,
  ...reviewChannels,
  ...importChannels,
  ...findingChannels,
  ...adminChannels,
  ...journalChannels,
  ...collectChannels,
  ...postureChannels,
};
export type WardenContract = typeof contract;
