import { AuthError, InteractionRequiredAuthError } from '@azure/msal-node';
import { WardenError } from '../../../shared/errors.ts';

/** AADSTS codes that mean "only the user can fix this by signing in again". */
const SIGN_IN_AGAIN: Record<string, string> = {
  '50173': 'the session was revoked (for example after a password change or an administrator revoking sessions)',
  '70008': 'the session expired after a long time unused',
  '700082': 'the session expired after a long time unused',
  '50132': 'the session was revoked (password changed or reset)',
  '50133': 'the session was revoked (password changed or reset)',
  '50076': 'your organization requires multi-factor authentication again',
  '50079': 'you need to register for multi-factor authentication',
  '50074': 'multi-factor authentication is required',
  '50078': 'your multi-factor authentication has expired',
  '50089': 'the flow expired',
};

/** Entra's error_description without its trace/correlation/timestamp lines. */
function firstLine(text: string | undefined): string {
  return (text ?? '').split(/\r?\n/)[0]!.trim();
}

function aadstsCode(error: AuthError): string | null {
  const errorNo = (error as { errorNo?: string }).errorNo;
  if (errorNo) return String(errorNo);
  return /AADSTS(\d+)/.exec(error.errorMessage ?? error.message)?.[1] ?? null;
}

/**
 * Turns an msal (or loopback) failure into a WardenError a user can act on. Entra's own wording is kept,
 * with its AADSTS code, since admins search for those codes.
 */
export function toWardenAuthError(error: unknown, what: string): WardenError {
  if (error instanceof WardenError) return error;
  if (error instanceof AuthError) {
    const code = aadstsCode(error);
    const detail = firstLine(error.errorMessage) || error.errorCode;
    if (code === '65001' || error.subError === 'consent_required') {
      return new WardenError(
        'not-allowed',
        `${what}: consent is missing (${detail}). An administrator must grant Warden's app registration the permissions listed in the README, then sign in again.`,
      );
    }
    if (code && SIGN_IN_AGAIN[code]) return new WardenError('needs-sign-in', `${what}: sign in again: ${SIGN_IN_AGAIN[code]} (${detail}).`);
    if (error instanceof InteractionRequiredAuthError || error.errorCode === 'no_tokens_found' || error.errorCode === 'invalid_grant') {
      return new WardenError('needs-sign-in', `${what}: sign in again (${detail}).`);
    }
    if (error.errorCode === 'access_denied') return new WardenError('needs-sign-in', `${what}: sign-in was denied or cancelled in the browser (${detail}).`);
    if (code === '700027' || code === '700024' || code === '7000274' || code === '7000215' || code === '700016') {
      return new WardenError('not-allowed', `${what}: the app credential was refused (${detail}).`);
    }
    return new WardenError('unavailable', `${what}: ${detail}`);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new WardenError('unavailable', `${what}: ${message}`);
}
