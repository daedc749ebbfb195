import { randomBytes } from 'node:crypto';

/** What a sign-in established: carried by authorization codes and refresh tokens. */
export interface SignInGrant {
  userId: string;
  clientId: string;
  /** Space-separated scopes as requested at /authorize. */
  scope: string;
  amr: string[];
  authTime: number;
  sessionId: string;
  ipAddress: string;
}

export interface AuthorizationCode extends SignInGrant {
  redirectUri: string;
  codeChallenge: string;
  codeChallengeMethod: 'S256';
  nonce: string | undefined;
  expiresAt: number;
  redeemed: boolean;
}

/** Authorization codes: single use, short-lived, bound to client, redirect URI and PKCE challenge. */
export class AuthorizationCodes {
  private readonly codes = new Map<string, AuthorizationCode>();

  issue(grant: Omit<AuthorizationCode, 'expiresAt' | 'redeemed'>, lifetimeSeconds: number, now = Date.now()): string {
    this.sweep(now);
    const code = `1.emu.${randomBytes(48).toString('base64url')}`;
    this.codes.set(code, { ...grant, expiresAt: now + lifetimeSeconds * 1000, redeemed: false });
    return code;
  }

  get(code: string): AuthorizationCode | undefined {
    return this.codes.get(code);
  }

  private sweep(now: number): void {
    if (this.codes.size < 10_000) return;
    for (const [code, value] of this.codes) if (value.expiresAt + 3_600_000 < now) this.codes.delete(code);
  }
}

export interface RefreshTokenRecord extends SignInGrant {
  /** Epoch seconds. */
  issuedAt: number;
  /** Epoch ms, to compare with a revocation made in the same second. */
  issuedAtMs: number;
  lastUsedAt: number;
  /** The token this one was exchanged for, once used (rotation). */
  rotatedTo?: string;
}

/**
 * Refresh tokens. Each redemption returns a new token (rotation); like Entra's, a used token stays valid until it
 * expires by inactivity, so a client that crashed before saving the new one is not locked out. Revoking a user's
 * sessions (`tokensValidFrom`, AADSTS50173) invalidates every token issued before it.
 */
export class RefreshTokens {
  private readonly tokens = new Map<string, RefreshTokenRecord>();

  issue(grant: SignInGrant, nowSeconds = Math.floor(Date.now() / 1000)): string {
    const token = `1.emu.rt.${randomBytes(64).toString('base64url')}`;
    this.tokens.set(token, { ...grant, issuedAt: nowSeconds, issuedAtMs: Date.now(), lastUsedAt: nowSeconds });
    return token;
  }

  get(token: string): RefreshTokenRecord | undefined {
    return this.tokens.get(token);
  }
}
