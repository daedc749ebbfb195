import { AuthorizationCodes, RefreshTokens } from './grants.ts';
import { PasswordLockout, SignInFlows } from './signInFlows.ts';
import { TotpVerifier } from './totp.ts';

/** The STS's mutable state: sign-ins in progress, issued codes and refresh tokens. */
export class EntraState {
  readonly flows = new SignInFlows();
  readonly lockout = new PasswordLockout();
  readonly codes = new AuthorizationCodes();
  readonly refreshTokens = new RefreshTokens();
  readonly totp = new TotpVerifier();
}

/** The display name of the public client the tenant registers for Warden. */
export const PUBLIC_CLIENT_NAME = 'Warden';
