import { createPrivateKey, createPublicKey, X509Certificate, type KeyObject } from 'node:crypto';
import { errors as joseErrors, exportJWK, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import type { IssuedCertificate } from '../pki/certificates.ts';
import { derBase64Of, thumbprintsOf } from '../pki/thumbprint.ts';

export type VerifyFailure = 'malformed' | 'signature' | 'expired' | 'not-yet-valid';

/**
 * The emulator STS's token-signing key: signs RS256 tokens with `kid` = `x5t` = the SHA-1 thumbprint of its
 * certificate (as Entra's keys do) and publishes the key in the JWKS.
 */
export class TokenSigner {
  readonly kid: string;
  private readonly privateKey: KeyObject;
  private readonly publicKey: KeyObject;
  private readonly certDer: string;
  /**
   * Payloads of tokens whose signature was already checked, by token. A data client sends the same token with
   * every request, and an RS256 check costs far more than a lookup (it showed in the feed's profile); a token's
   * signature never changes, so only the times are checked again.
   */
  private readonly verified = new Map<string, JWTPayload>();

  constructor(signing: IssuedCertificate) {
    this.privateKey = createPrivateKey(signing.keyPem);
    this.publicKey = new X509Certificate(signing.certPem).publicKey;
    this.kid = thumbprintsOf(signing.certPem).x5t;
    this.certDer = derBase64Of(signing.certPem);
  }

  sign(payload: JWTPayload): Promise<string> {
    return new SignJWT(payload).setProtectedHeader({ typ: 'JWT', alg: 'RS256', x5t: this.kid, kid: this.kid }).sign(this.privateKey);
  }

  async verify(token: string): Promise<{ ok: true; claims: JWTPayload } | { ok: false; failure: VerifyFailure }> {
    if (!/^[\w-]+\.[\w-]+\.[\w-]+$/.test(token)) return { ok: false, failure: 'malformed' };
    const known = this.verified.get(token);
    if (known) {
      // jose's rules: expired once exp <= now; not yet valid while nbf > now (seconds, no tolerance).
      const now = Math.floor(Date.now() / 1000);
      if (typeof known.exp === 'number' && known.exp <= now) return { ok: false, failure: 'expired' };
      if (typeof known.nbf === 'number' && known.nbf > now) return { ok: false, failure: 'not-yet-valid' };
      return { ok: true, claims: known };
    }
    try {
      const { payload } = await jwtVerify(token, this.publicKey, { algorithms: ['RS256'] });
      if (this.verified.size >= 1000) this.verified.delete(this.verified.keys().next().value as string);
      this.verified.set(token, payload);
      return { ok: true, claims: payload };
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) return { ok: false, failure: 'expired' };
      if (error instanceof joseErrors.JWTClaimValidationFailed && error.claim === 'nbf') return { ok: false, failure: 'not-yet-valid' };
      if (error instanceof joseErrors.JWSSignatureVerificationFailed) return { ok: false, failure: 'signature' };
      return { ok: false, failure: 'malformed' };
    }
  }

  async jwks(issuer: string): Promise<object> {
    const jwk = await exportJWK(createPublicKey(this.publicKey));
    return { keys: [{ kty: 'RSA', use: 'sig', kid: this.kid, x5t: this.kid, n: jwk.n, e: jwk.e, x5c: [this.certDer], issuer }] };
  }
}
