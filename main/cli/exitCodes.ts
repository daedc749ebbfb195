import { WardenError, type ErrorCode } from '../../shared/errors.ts';

/** The `warden` exit codes. Scripts rely on them; never renumber. */
export const ExitCode = {
  ok: 0,
  other: 1,
  badUsage: 2,
  authNeeded: 3,
  incomplete: 4,
  /** `warden posture`: at least one posture check failed (the report is printed as usual). */
  checksFailed: 5,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export function exitCodeFor(code: ErrorCode): ExitCode {
  switch (code) {
    case 'invalid-input':
    case 'unknown-channel':
    case 'not-found':
      return ExitCode.badUsage;
    case 'needs-sign-in':
      return ExitCode.authNeeded;
    case 'incomplete':
      return ExitCode.incomplete;
    default:
      return ExitCode.other;
  }
}

/** A failure the CLI reports as one clear line and an exit code, without a stack trace. */
export function isReportable(error: unknown): error is WardenError {
  return error instanceof WardenError;
}
