import type { EmulatorContext } from '../context.ts';
import type { Router } from '../server/router.ts';
import { SearchSessions } from './cmdlets/searchSessions.ts';
import { invokeCommand, type ExoState } from './invokeCommand.ts';
import { ResultPages } from './resultPages.ts';

/** Registers the Exchange admin API under /exo/adminapi/beta/{tenant}/InvokeCommand; returns its state. */
export function registerExo(router: Router, ctx: EmulatorContext): ExoState {
  const state: ExoState = { sessions: new SearchSessions(), results: new ResultPages(), rate: new Map() };
  router.add('POST', '/exo/adminapi/beta/:tenant/InvokeCommand', 'exo', (req) => invokeCommand(ctx, state, req));
  return state;
}
