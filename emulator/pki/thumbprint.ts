import { createHash, X509Certificate } from 'node:crypto';

export interface CertificateThumbprints {
  /** SHA-1 of the DER certificate, upper-case hex: what Entra shows and msal's `clientCertificate.thumbprint` takes. */
  sha1Hex: string;
  sha256Hex: string;
  /** base64url of the raw digests: the `x5t` / `x5t#S256` JOSE header values. */
  x5t: string;
  x5tS256: string;
}

export function thumbprintsOf(certPem: string): CertificateThumbprints {
  const der = new X509Certificate(certPem).raw;
  const sha1 = createHash('sha1').update(der).digest();
  const sha256 = createHash('sha256').update(der).digest();
  return {
    sha1Hex: sha1.toString('hex').toUpperCase(),
    sha256Hex: sha256.toString('hex').toUpperCase(),
    x5t: sha1.toString('base64url'),
    x5tS256: sha256.toString('base64url'),
  };
}

/** The base64 DER body of a PEM certificate, as JWKS `x5c` entries carry it. */
export function derBase64Of(certPem: string): string {
  return new X509Certificate(certPem).raw.toString('base64');
}

/** base64 SHA-256 of the certificate's SubjectPublicKeyInfo: what Chromium's --ignore-certificate-errors-spki-list takes. */
export function spkiSha256Of(certPem: string): string {
  const spki = new X509Certificate(certPem).publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(spki).digest('base64');
}
