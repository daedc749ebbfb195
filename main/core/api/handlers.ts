import type { WardenContract } from '../../../shared/ipc/contract.ts';
import type { Handlers } from '../ipc/dispatch.ts';
import { appHandlers, type AppApiDeps } from './app.ts';

export type ApiDeps = AppApiDeps;

/** The whole handler table for the contract, one spread per area. A missing channel is a compile error. */
export function createHandlers(deps: ApiDeps): Handlers<WardenContract> {
  return {
    ...appHandlers(deps),
  };
}
