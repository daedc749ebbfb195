import { X509Certificate } from 'node:crypto';
import { decodeProtectedHeader, errors as joseErrors, jwtVerify } from 'jose';
import type { ConfidentialApp } from './directory.ts';

export type AssertionResult = { ok: true } | { ok: false; code: number; message: string };

/** Five minutes of clock skew, as Entra allows. */
const SKEW_SECONDS = 300;

/**
 * Verifies a certificate client assertion (reference §1.6): the header names the registered certificate by
 * `x5t` (RS256) or `x5t#S256` (PS256 or RS256), the signature verifies with that certificate's key,
 * `iss` = `sub` = client_id, `aud` is this token endpoint, and `exp`/`nbf` hold the current time.
 * `jti` must be present but may repeat: msal-node caches and reuses its assertion for ten minutes, and Entra
 * accepts that.
 */
export async function verifyClientAssertion(assertion: string, app: ConfidentialApp, clientId: string, audiences: string[]): Promise<AssertionResult> {
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(assertion);
  } catch {
    return { ok: false, code: 50027, message: 'JWT token is invalid or malformed.' };
  }
  const x5t = typeof header.x5t === 'string' ? header.x5t : undefined;
  const x5tS256 = typeof header['x5t#S256'] === 'string' ? (header['x5t#S256'] as string) : undefined;
  const presented = x5tS256 ?? x5t;
  if (!presented)
    return {
      ok: false,
      code: 700027,
      message: "Client assertion failed signature validation. [Reason - The assertion header has neither 'x5t' nor 'x5t#S256'.]",
    };
  const registered = app.certificates.find((c) => (x5tS256 ? x5tS256 === c.thumbprints.x5tS256 : x5t === c.thumbprints.x5t));
  if (!registered) {
    return {
      ok: false,
      code: 700027,
      message: `The certificate with identifier used to sign the client assertion is not registered on application. [Reason - The key was not found., Thumbprint of key used by client: '${thumbprintHex(presented)}', Please visit the Azure Portal, Graph Explorer or directly use MS Graph to see configured keys for app Id '${app.clientId}'.]`,
    };
  }
  const now = Date.now();
  if (registered.notAfter.getTime() < now || registered.notBefore.getTime() > now) {
    return {
      ok: false,
      code: 700027,
      message: `Client assertion contains an invalid signature. [Reason - The key used is expired., Thumbprint of key used by client: '${registered.thumbprints.sha1Hex}', Found key 'Start=${registered.notBefore.toISOString()}, End=${registered.notAfter.toISOString()}']`,
    };
  }
  try {
    await jwtVerify(assertion, new X509Certificate(registered.certPem).publicKey, {
      algorithms: ['RS256', 'PS256'],
      clockTolerance: SKEW_SECONDS,
      requiredClaims: ['aud', 'exp', 'iss', 'sub', 'jti', 'nbf'],
    });
  } catch (error) {
    if (error instanceof joseErrors.JWSSignatureVerificationFailed)
      return { ok: false, code: 700027, message: 'Client assertion failed signature validation.' };
    if (error instanceof joseErrors.JWTExpired || (error instanceof joseErrors.JWTClaimValidationFailed && error.claim === 'nbf')) {
      return { ok: false, code: 700024, message: `Client assertion is not within its valid time range. Current time: ${new Date().toISOString()}.` };
    }
    if (error instanceof joseErrors.JWTClaimValidationFailed)
      return { ok: false, code: 50027, message: `JWT token is invalid or malformed. [Reason - claim '${error.claim}' ${error.reason}.]` };
    if (error instanceof joseErrors.JOSEAlgNotAllowed)
      return {
        ok: false,
        code: 700027,
        message: `Client assertion failed signature validation. [Reason - algorithm '${String(header.alg)}' is not supported.]`,
      };
    return { ok: false, code: 50027, message: 'JWT token is invalid or malformed.' };
  }
  const payload = JSON.parse(Buffer.from(assertion.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
  if (payload['iss'] !== clientId || payload['sub'] !== clientId) {
    return { ok: false, code: 700021, message: "Client assertion application identifier doesn't match 'client_id' parameter." };
  }
  const aud = payload['aud'];
  const auds = Array.isArray(aud) ? aud : [aud];
  if (!auds.some((a) => typeof a === 'string' && audiences.includes(a))) {
    return {
      ok: false,
      code: 50027,
      message: `JWT token is invalid or malformed. [Reason - The audience '${String(aud)}' of the client assertion is not this token endpoint.]`,
    };
  }
  return { ok: true };
}

function thumbprintHex(base64url: string): string {
  return Buffer.from(base64url, 'base64url').toString('hex').toUpperCase();
}
