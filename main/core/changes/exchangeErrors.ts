import { WardenError } from '../../../shared/errors.ts';
import { M365HttpError } from '../m365/http/httpErrors.ts';

/** Exchange's own words from an error (without the request line), and the correlation id to quote. */
export function exchangeDetail(error: M365HttpError): { detail: string; correlationId: string } {
  const match = /^\S+ \S+: \d{3}(?: \S+)?: ([\s\S]*) \(correlation id [^)]+\)$/.exec(error.message);
  return { detail: match?.[1] ?? error.message, correlationId: error.correlationId };
}

/** True when Exchange answered that the object does not exist. */
export function isNotFound(error: unknown): error is M365HttpError {
  return error instanceof M365HttpError && (error.status === 404 || /ManagementObjectNotFoundException|couldn't be found/.test(error.message));
}

/**
 * An Exchange failure as a person should read it: which cmdlet, what Exchange said, and what to do.
 * RBAC refusals (403 CmdletAccessDeniedException) say that the account lacks the role, not that
 * something broke. Anything that is not an Exchange answer passes through unchanged.
 */
export function explainExchangeError(error: unknown, cmdlet: string): unknown {
  if (!(error instanceof M365HttpError)) return error;
  const { detail, correlationId } = exchangeDetail(error);
  if (error.status === 403) {
    return new WardenError(
      'not-allowed',
      `Exchange refused ${cmdlet}: ${detail} The signed-in account needs a role group that grants ${cmdlet} (Organization Management does). Correlation id ${correlationId}.`,
    );
  }
  if (error.status === 404) return new WardenError('not-found', `${cmdlet}: ${detail} (correlation id ${correlationId})`);
  if (error.status === 400) return new WardenError('invalid-input', `Exchange rejected ${cmdlet}: ${detail} (correlation id ${correlationId})`);
  return new WardenError(error.code, `${cmdlet} failed: ${detail} (correlation id ${correlationId})`);
}
