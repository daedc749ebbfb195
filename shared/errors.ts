import { z } from 'zod';

/**
 * Every error that crosses IPC (and every CLI failure) carries one of these codes.
 * The renderer decides what to show from the code; the message is for people.
 */
export const ErrorCode = z.enum([
  'invalid-input',
  'unknown-channel',
  'forbidden-origin',
  'not-allowed',
  'not-found',
  'unavailable',
  /** Only a person can go on: sign in again, consent, MFA. Jobs pause on it rather than fail. */
  'needs-sign-in',
  /** The work ran but could not get everything; the message says exactly what is missing. */
  'incomplete',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const IpcErrorSchema = z.object({ code: ErrorCode, message: z.string() });
export type IpcError = z.infer<typeof IpcErrorSchema>;

/** Thrown by main-side code to fail with a specific code and a message a user can act on. */
export class WardenError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'WardenError';
    this.code = code;
  }
}
