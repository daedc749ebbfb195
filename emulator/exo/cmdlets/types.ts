import type { EmulatorContext } from '../../context.ts';
import type { Caller } from '../../entra/bearer.ts';
import type { EmulatorRequest } from '../../server/types.ts';
import type { BoundParameters, ParamSpec } from '../parameters.ts';
import type { SearchSessions } from './searchSessions.ts';

export interface CmdletInvocation {
  ctx: EmulatorContext;
  caller: Caller;
  params: BoundParameters;
  req: EmulatorRequest;
  sessions: SearchSessions;
}

export interface CmdletOutput {
  value: object[];
  warnings?: string[];
  /** For write cmdlets: the ObjectId of the audit record the change causes; absent = nothing changed. */
  audit?: { objectId: string; ingestionWasEnabled?: boolean };
}

export interface CmdletDefinition {
  name: string;
  params: ParamSpec;
  run(invocation: CmdletInvocation): CmdletOutput | Promise<CmdletOutput>;
}

/** `ResultSize`: a number, or 'Unlimited'; the default for Get-* cmdlets is 1000. */
export function resultSizeOf(params: BoundParameters, fallback = 1000): number {
  const v = params.value('ResultSize');
  if (v === 'Unlimited') return Number.POSITIVE_INFINITY;
  return typeof v === 'number' ? v : fallback;
}

export const MORE_RESULTS_WARNING =
  'There are more results available than are currently displayed. To view them, increase the value for the ResultSize parameter.';

/** Applies ResultSize, with Exchange's warning when it cut the list. */
export function limited(items: object[], params: BoundParameters): CmdletOutput {
  const size = resultSizeOf(params);
  if (items.length > size) return { value: items.slice(0, size), warnings: [MORE_RESULTS_WARNING] };
  return { value: items };
}
