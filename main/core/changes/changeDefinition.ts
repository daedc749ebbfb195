import type { ChangeRequest, FieldValue, SentCall } from '../../../shared/model/adminChanges.ts';
import type { ExchangeAdminClient } from '../m365/exo/exchangeAdminClient.ts';

/** The state a change reads and sets, as plain JSON values (compared with canonical JSON). */
export type ChangeState = Record<string, string | number | boolean | null>;

/** What reading the target live gives: the change with identities as Exchange resolved them, and the state. */
export interface CurrentState<R extends ChangeRequest = ChangeRequest> {
  change: R;
  target: string;
  state: ChangeState;
  warnings: string[];
}

/**
 * One kind of change. `read` asks Exchange for the target's state now; `desired` is the state the change
 * leads to; `calls` are the cmdlets that get there (and what the audit record will show); `inverse` is the
 * change that puts the state back (Undo), or null when Warden deliberately offers no Undo.
 */
export interface ChangeDefinition<K extends ChangeRequest['kind'] = ChangeRequest['kind']> {
  kind: K;
  title(change: Extract<ChangeRequest, { kind: K }>): string;
  read(exchange: ExchangeAdminClient, change: Extract<ChangeRequest, { kind: K }>, signal?: AbortSignal): Promise<CurrentState<Extract<ChangeRequest, { kind: K }>>>;
  desired(change: Extract<ChangeRequest, { kind: K }>, before: ChangeState): ChangeState;
  calls(change: Extract<ChangeRequest, { kind: K }>, before: ChangeState): SentCall[];
  /** How the state shows in a preview and in the journal. */
  fields(before: ChangeState, after: ChangeState): FieldValue[];
  inverse(change: Extract<ChangeRequest, { kind: K }>, before: ChangeState): ChangeRequest | null;
  /** Why there is no Undo (when `inverse` gives null). */
  irreversibleWhy: string | null;
}

/** A state value for people: booleans as Yes/No, absent values as "(none)". */
export function show(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined || value === '') return '(none)';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  return String(value);
}

/** One row per state key, labelled. */
export function fieldsFrom(labels: Record<string, string>, before: ChangeState, after: ChangeState): FieldValue[] {
  return Object.entries(labels).map(([key, field]) => ({ field, before: show(before[key]), after: show(after[key]) }));
}
