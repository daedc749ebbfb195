import { Secret, TOTP } from 'otpauth';

/**
 * RFC 6238 codes (SHA-1, 6 digits, 30 s), as Microsoft Authenticator and every TOTP app make them. One step of
 * clock drift either way is accepted, and a code is good only once per user (a replayed code is rejected).
 */
export class TotpVerifier {
  private readonly lastUsedStep = new Map<string, number>();

  verify(userId: string, base32Secret: string, code: string, now = Date.now()): boolean {
    if (!base32Secret || !/^\d{6}$/.test(code.trim())) return false;
    const totp = new TOTP({ secret: Secret.fromBase32(base32Secret), algorithm: 'SHA1', digits: 6, period: 30 });
    const delta = totp.validate({ token: code.trim(), timestamp: now, window: 1 });
    if (delta === null) return false;
    const step = Math.floor(now / 30_000) + delta;
    if ((this.lastUsedStep.get(userId) ?? -1) >= step) return false;
    this.lastUsedStep.set(userId, step);
    return true;
  }
}
