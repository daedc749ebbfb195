import { randomBytes, X509Certificate } from 'node:crypto';
import forge from 'node-forge';
import { generateRsaKeyPair } from './keys.ts';

export interface IssuedCertificate {
  certPem: string;
  keyPem: string;
}

const DAY_MS = 86_400_000;

function serialNumber(): string {
  // Positive 16-byte serial: a leading 0x01..0x7f byte keeps the DER integer positive.
  return `${(1 + ((randomBytes(1)[0] ?? 0) % 127)).toString(16).padStart(2, '0')}${randomBytes(15).toString('hex')}`;
}

function baseCertificate(publicKeyPem: string, days: number, notBefore = new Date(Date.now() - 5 * 60_000)): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKeyPem);
  cert.serialNumber = serialNumber();
  cert.validity.notBefore = notBefore;
  cert.validity.notAfter = new Date(notBefore.getTime() + days * DAY_MS);
  return cert;
}

/** The emulator's own root CA. Clients trust it explicitly (ready line `caCert`); nothing installs it system-wide. */
export function createCertificateAuthority(commonName = 'Warden Emulator Root CA'): IssuedCertificate {
  const keys = generateRsaKeyPair(2048);
  const cert = baseCertificate(keys.publicKeyPem, 3650);
  const subject = [
    { name: 'commonName', value: commonName },
    { name: 'organizationName', value: 'Warden emulator (local testing only)' },
  ];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(forge.pki.privateKeyFromPem(keys.privateKeyPem), forge.md.sha256.create());
  return { certPem: forge.pki.certificateToPem(cert), keyPem: keys.privateKeyPem };
}

export const SERVER_NAMES = { dns: ['localhost'], ips: ['127.0.0.1', '::1'] } as const;

/** A TLS server certificate for 127.0.0.1, ::1 and localhost, signed by the emulator CA. */
export function issueServerCertificate(ca: IssuedCertificate): IssuedCertificate {
  const keys = generateRsaKeyPair(2048);
  // 397 days: under the 398-day ceiling browsers apply to server certificates.
  const cert = baseCertificate(keys.publicKeyPem, 397);
  const caCert = forge.pki.certificateFromPem(ca.certPem);
  cert.setSubject([{ name: 'commonName', value: 'localhost' }]);
  cert.setIssuer(caCert.subject.attributes);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    {
      name: 'subjectAltName',
      altNames: [...SERVER_NAMES.dns.map((value) => ({ type: 2, value })), ...SERVER_NAMES.ips.map((ip) => ({ type: 7, ip }))],
    },
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: caCert.generateSubjectKeyIdentifier().getBytes() },
  ]);
  cert.sign(forge.pki.privateKeyFromPem(ca.keyPem), forge.md.sha256.create());
  return { certPem: forge.pki.certificateToPem(cert), keyPem: keys.privateKeyPem };
}

/**
 * A self-signed certificate, as `New-SelfSignedCertificate` makes for an app registration: the automation app's
 * credential, and the token-signing key's certificate (published as x5c in the JWKS like Entra's).
 */
export function createSelfSignedCertificate(commonName: string, days = 730, notBefore?: Date): IssuedCertificate {
  const keys = generateRsaKeyPair(2048);
  const cert = baseCertificate(keys.publicKeyPem, days, notBefore);
  const subject = [{ name: 'commonName', value: commonName }];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
    { name: 'extKeyUsage', clientAuth: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(forge.pki.privateKeyFromPem(keys.privateKeyPem), forge.md.sha256.create());
  return { certPem: forge.pki.certificateToPem(cert), keyPem: keys.privateKeyPem };
}

/** True when the certificate is valid for at least `marginDays` more days. */
export function isCurrent(certPem: string, marginDays = 7): boolean {
  const cert = new X509Certificate(certPem);
  return new Date(cert.validTo).getTime() > Date.now() + marginDays * DAY_MS && new Date(cert.validFrom).getTime() <= Date.now() + 60_000;
}

/** True when `certPem` was signed by `caPem` and names every address the server answers on. */
export function isServerCertificateFor(certPem: string, caPem: string): boolean {
  const cert = new X509Certificate(certPem);
  const ca = new X509Certificate(caPem);
  if (!cert.checkIssued(ca) || !cert.verify(ca.publicKey)) return false;
  const san = cert.subjectAltName ?? '';
  return SERVER_NAMES.dns.every((d) => san.includes(`DNS:${d}`)) && SERVER_NAMES.ips.every((ip) => cert.checkIP(ip) !== undefined);
}
