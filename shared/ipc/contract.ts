import { accountChannels } from './accounts.ts';
import { appChannels } from './app.ts';
import { jobChannels } from './jobs.ts';

/** Every request/response channel, one spread per area file. */
export const contract = {
  ...appChannels,
  ...accountChannels,
  ...jobChannels,
};
export type WardenContract = typeof contract;
