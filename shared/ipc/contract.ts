import { appChannels } from './app.ts';

/** Every request/response channel, one spread per area file. */
export const contract = {
  ...appChannels,
};
export type WardenContract = typeof contract;
