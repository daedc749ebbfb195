import { WardenError } from '../../../shared/errors.ts';
import { M365HttpError } from '../m365/http/httpErrors.ts';

/**
 * What a failed request means for the collection:
 * - 'window': the service kept failing past every retry (throttling, 5xx, resets, unreadable bodies): this
 *   window becomes a gap in the ledger and the job goes on with the next one;
 * - 'source': the service refuses the request itself (no permission or licence, a disabled subscription, a
 *   bad request): every later window of this log would fail the same way, so the rest of the log is a gap;
 * - 'stop': the job cannot go on (cancelled, sign-in needed, a bug): the error ends the run.
 */
export type FailureScope = 'window' | 'source' | 'stop';

export function failureScope(error: unknown, signal: AbortSignal): FailureScope {
  if (signal.aborted) return 'stop';
  if (error instanceof M365HttpError) {
    if (error.code === 'needs-sign-in') return 'stop';
    if (error.transient || error.status === null) return 'window';
    return 'source';
  }
  if (error instanceof WardenError) {
    // A next-page link to another host, or a body the service sent broken every time.
    if (error.code === 'unavailable') return 'window';
    return 'stop';
  }
  return 'stop';
}

export function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
