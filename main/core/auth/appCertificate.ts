import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import forge from 'node-forge';
import { WardenError } from '../../../shared/errors.ts';

/** A certificate and its private key, read from a PFX or PEM file, ready for app-only auth. */
export interface AppCertificate {
  privateKeyPem: string;
  certificatePem: string;
  /** SHA-1, upper-case hex: what Entra's portal shows. */
  thumbprint: string;
  thumbprintSha256: string;
  subject: string;
  notBefore: string;
  notAfter: string;
}

export const EXPIRY_WARNING_DAYS = 30;

export type ExpiryState = { state: 'valid' } | { state: 'expiring'; daysLeft: number } | { state: 'expired' } | { state: 'not-yet-valid' };

export function expiryState(cert: Pick<AppCertificate, 'notBefore' | 'notAfter'>, now = new Date()): ExpiryState {
  const notAfter = new Date(cert.notAfter).getTime();
  if (now.getTime() < new Date(cert.notBefore).getTime()) return { state: 'not-yet-valid' };
  if (now.getTime() >= notAfter) return { state: 'expired' };
  const daysLeft = Math.floor((notAfter - now.getTime()) / 86_400_000);
  return daysLeft < EXPIRY_WARNING_DAYS ? { state: 'expiring', daysLeft } : { state: 'valid' };
}

/**
 * Reads a .pfx/.p12 (with its password) or a PEM file holding the certificate and its private key
 * (optionally an encrypted key, with its password). The file itself is never copied anywhere.
 * PKCS#12 parsing uses node-forge: Node's crypto has no PKCS#12 reader.
 */
export function readAppCertificate(file: string, password: string | undefined): AppCertificate {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new WardenError('invalid-input', `Cannot read the certificate file ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`);
  }
  const text = bytes.toString('latin1');
  const isPem = text.includes('-----BEGIN');
  const { certificatePem, key } = isPem ? readPem(file, text, password) : readPfx(file, bytes, password);
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(certificatePem);
  } catch (error) {
    throw new WardenError('invalid-input', `${file}: the certificate cannot be parsed (${(error as Error).message}).`);
  }
  if (!x509.checkPrivateKey(key)) throw new WardenError('invalid-input', `${file}: the private key does not belong to the certificate ${x509.subject}.`);
  return {
    privateKeyPem: key.export({ type: 'pkcs8', format: 'pem' }).toString(),
    certificatePem: x509.toString(),
    thumbprint: x509.fingerprint.replaceAll(':', '').toUpperCase(),
    thumbprintSha256: x509.fingerprint256.replaceAll(':', '').toUpperCase(),
    subject: x509.subject.replaceAll('\n', ', '),
    notBefore: new Date(x509.validFrom).toISOString(),
    notAfter: new Date(x509.validTo).toISOString(),
  };
}

function readPem(file: string, text: string, password: string | undefined): { certificatePem: string; key: KeyObject } {
  const cert = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(text)?.[0];
  const keyPem = /-----BEGIN (?:ENCRYPTED |RSA |EC )?PRIVATE KEY-----[\s\S]+?-----END (?:ENCRYPTED |RSA |EC )?PRIVATE KEY-----/.exec(text)?.[0];
  if (!cert) throw new WardenError('invalid-input', `${file}: no certificate (-----BEGIN CERTIFICATE-----) in this PEM file.`);
  if (!keyPem) throw new WardenError('invalid-input', `${file}: no private key in this PEM file; put the certificate and its key in one file, or use a .pfx.`);
  try {
    return { certificatePem: cert, key: createPrivateKey({ key: keyPem, ...(password ? { passphrase: password } : {}) }) };
  } catch (error) {
    const message = (error as Error).message;
    // OpenSSL says "interrupted or cancelled" when an encrypted key is read without a passphrase.
    if (/passphrase|decrypt|interrupted or cancelled/i.test(message) || keyPem.includes('ENCRYPTED'))
      throw new WardenError(
        'invalid-input',
        `${file}: the private key is encrypted and the password is ${password ? 'wrong' : 'missing (use --cert-password-stdin)'}.`,
      );
    throw new WardenError('invalid-input', `${file}: the private key cannot be read (${message}).`);
  }
}

function readPfx(file: string, bytes: Buffer, password: string | undefined): { certificatePem: string; key: KeyObject } {
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(forge.util.createBuffer(bytes.toString('binary'))), password ?? '');
  } catch (error) {
    const message = (error as Error).message;
    if (/MAC could not be verified|Invalid password/i.test(message)) {
      throw new WardenError('invalid-input', `${path.basename(file)}: the PFX password is ${password ? 'wrong' : 'missing (use --cert-password-stdin)'}.`);
    }
    throw new WardenError('invalid-input', `${file}: not a readable PFX/PKCS#12 file (${message}).`);
  }
  const keyBags = [
    ...(p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag! })[forge.pki.oids.pkcs8ShroudedKeyBag!] ?? []),
    ...(p12.getBags({ bagType: forge.pki.oids.keyBag! })[forge.pki.oids.keyBag!] ?? []),
  ];
  const certBags = p12.getBags({ bagType: forge.pki.oids.certBag! })[forge.pki.oids.certBag!] ?? [];
  const keyBag = keyBags.find((b) => b.key);
  if (!keyBag?.key) throw new WardenError('invalid-input', `${file}: the PFX holds no private key.`);
  const key = createPrivateKey(forge.pki.privateKeyToPem(keyBag.key));
  // With a chain in the file, the certificate is the one whose public key matches the private key.
  for (const bag of certBags) {
    if (!bag.cert) continue;
    const pem = forge.pki.certificateToPem(bag.cert);
    if (new X509Certificate(pem).checkPrivateKey(key)) return { certificatePem: pem, key };
  }
  throw new WardenError('invalid-input', `${file}: the PFX holds no certificate for its private key.`);
}
