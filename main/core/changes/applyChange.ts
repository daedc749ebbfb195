import { createHash } from 'node:crypto';
import { WardenError } from '../../../shared/errors.ts';
import { ChangeRequest, type ChangePreview, type JournalEntry } from '../../../shared/model/adminChanges.ts';
import { canonicalJson } from '../jobs/jobEngine.ts';
import type { JournalRepository } from '../journal/journalRepository.ts';
import { M365HttpError } from '../m365/http/httpErrors.ts';
import type { ChangeState, CurrentState } from './changeDefinition.ts';
import { definitionOf } from './changeKinds.ts';
import type { ChangeSession } from './changeSession.ts';
import { explainExchangeError } from './exchangeErrors.ts';

/** State keys that other changes move too (a member count): they do not decide whether a change took. */
const INCIDENTAL = new Set(['members']);

/** True when two states agree on everything that matters (case-insensitively for names and addresses). */
export function sameState(a: ChangeState, b: ChangeState): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)].filter((k) => !INCIDENTAL.has(k)));
  for (const key of keys) {
    const x = a[key] ?? null;
    const y = b[key] ?? null;
    if (typeof x === 'string' && typeof y === 'string' ? x.toLowerCase() !== y.toLowerCase() : x !== y) return false;
  }
  return true;
}

function fingerprint(current: CurrentState): string {
  return createHash('sha256').update(canonicalJson({ change: current.change, state: current.state })).digest('hex').slice(0, 32);
}

/** Reads the target live and says what the change would do. Writes nothing. */
export async function previewChange(session: ChangeSession, request: ChangeRequest, signal?: AbortSignal): Promise<{ preview: ChangePreview; current: CurrentState }> {
  const definition = definitionOf(request.kind);
  const current = await definition.read(session.exchange, request, signal);
  const desired = definition.desired(current.change, current.state);
  const inverse = definition.inverse(current.change, current.state);
  return {
    current,
    preview: {
      change: ChangeRequest.parse(current.change),
      title: definition.title(current.change),
      target: current.target,
      fields: definition.fields(current.state, desired),
      noOp: sameState(current.state, desired),
      reversible: inverse !== null,
      irreversibleWhy: inverse === null ? definition.irreversibleWhy : null,
      warnings: current.warnings,
      token: fingerprint(current),
      actor: session.actor,
    },
  };
}

export interface ApplyOutcome {
  entry: JournalEntry;
  /** Why the change did not (or may not) take; null when it did. */
  error: WardenError | null;
}

/**
 * Makes a previewed change: reads the target again (refusing when it moved since the preview), journals
 * the change as running, sends the cmdlets, reads the target back and journals how it ended. The result
 * comes from what Exchange shows afterwards, not from the HTTP answer alone: a dropped connection after
 * Exchange acted is still a success, and a change Exchange refused is a failure that changed nothing.
 */
export async function applyChange(
  session: ChangeSession,
  journal: JournalRepository,
  request: ChangeRequest,
  reason: string,
  token: string,
  options: { undoOf?: number; now?: () => number } = {},
): Promise<ApplyOutcome> {
  const now = options.now ?? Date.now;
  const definition = definitionOf(request.kind);
  const { preview, current } = await previewChange(session, request);
  if (preview.token !== token) {
    throw new WardenError('not-allowed', `${preview.target} changed in Exchange since the preview. Look at the new preview and confirm again.`);
  }
  if (preview.noOp) throw new WardenError('invalid-input', `Nothing to change: ${preview.title.charAt(0).toLowerCase()}${preview.title.slice(1)} is already the case.`);
  const before = current.state;
  const desired = definition.desired(current.change, before);
  const calls = definition.calls(current.change, before);
  const undoOf = options.undoOf ?? null;
  const id = journal.begin({
    at: now(),
    actor: session.actor,
    authMode: session.authMode,
    kind: request.kind,
    title: preview.title,
    target: preview.target,
    reason,
    change: current.change,
    before,
    fields: preview.fields,
    calls,
    // An Undo is not undone in turn: making the change again is clearer than undoing an undo.
    reversible: preview.reversible && undoOf === null,
    undoOf,
  });

  let failure: WardenError | null = null;
  let maybeSent = false;
  for (const call of calls) {
    try {
      await session.exchange.run({ name: call.cmdlet, parameters: call.parameters });
    } catch (error) {
      // A connection that dropped after the request left may have reached Exchange.
      maybeSent = error instanceof M365HttpError && error.status === null;
      const explained = explainExchangeError(error, call.cmdlet);
      failure = explained instanceof WardenError ? explained : new WardenError('internal', `${call.cmdlet}: ${(explained as Error).message}`);
      break;
    }
  }

  let after: ChangeState | null = null;
  let readBack: string | null = null;
  try {
    after = (await definition.read(session.exchange, current.change)).state;
  } catch (error) {
    readBack = (error as Error).message;
  }
  let result: 'succeeded' | 'failed' | 'unknown';
  let message: string | null = failure?.message ?? null;
  if (after !== null) {
    if (sameState(after, desired)) {
      result = 'succeeded';
      if (failure) message = `Exchange answered with an error (${failure.message}), but reading ${preview.target} back shows the change in place.`;
      failure = null;
    } else if (sameState(after, before)) {
      result = 'failed';
      failure ??= new WardenError('unavailable', `Exchange accepted the change, but reading ${preview.target} back shows nothing changed.`);
      message = failure.message;
    } else {
      result = 'unknown';
      failure ??= new WardenError('unavailable', `Reading ${preview.target} back shows neither the state before nor the one expected; someone else may have changed it at the same time.`);
      message = failure.message;
    }
  } else if (failure) {
    result = maybeSent ? 'unknown' : 'failed';
    message = `${failure.message} (reading ${preview.target} back failed too: ${readBack})`;
  } else {
    // Exchange said yes; only the confirmation read failed.
    result = 'succeeded';
    message = `The change was accepted; reading ${preview.target} back failed (${readBack}).`;
  }
  journal.finish(id, { result, after, fields: definition.fields(before, after ?? (result === 'succeeded' ? desired : before)), error: message, now: now() });
  if (undoOf !== null && result === 'succeeded') journal.markUndone(undoOf, id);
  return { entry: journal.get(id)!.entry, error: result === 'succeeded' ? null : failure };
}

/**
 * Undoes a journaled change by making its inverse, itself previewed and journaled. Refused when the target
 * moved since the change (Undo would silently overwrite a later change) or when the kind has no Undo.
 */
export async function undoChange(session: ChangeSession, journal: JournalRepository, id: number, reason: string): Promise<ApplyOutcome> {
  const stored = journal.get(id);
  if (!stored) throw new WardenError('not-found', `There is no journal entry ${id}.`);
  const { entry } = stored;
  if (entry.undoneBy !== null) throw new WardenError('invalid-input', `Change ${id} was already undone (entry ${entry.undoneBy}).`);
  if (entry.undoOf !== null) throw new WardenError('invalid-input', `Entry ${id} is itself the Undo of ${entry.undoOf}; make the change again instead.`);
  if (entry.result !== 'succeeded') throw new WardenError('invalid-input', `Only a change that succeeded can be undone; change ${id} ${entry.result === 'failed' ? 'failed' : `is ${entry.result}`}.`);
  const definition = definitionOf(stored.change.kind);
  const inverse = definition.inverse(stored.change as never, stored.before);
  if (!inverse) throw new WardenError('invalid-input', `Change ${id} has no Undo. ${definition.irreversibleWhy ?? ''}`.trim());
  const { preview, current } = await previewChange(session, inverse);
  if (stored.after && !sameState(current.state, stored.after)) {
    throw new WardenError('not-allowed', `${entry.target} changed again since change ${id}; undoing it now would overwrite that later change. Look at ${entry.target} first.`);
  }
  return applyChange(session, journal, inverse, `Undo of change ${id}: ${reason}`, preview.token, { undoOf: id });
}
