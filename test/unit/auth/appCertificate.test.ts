import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expiryState, readAppCertificate } from '../../../main/core/auth/appCertificate.ts';
import { makeCertificateFiles } from '../../support/certificates.ts';

const files = makeCertificateFiles({ days: 400, subject: '/CN=Warden Automation/O=Contoso' });

describe('reading an app certificate', () => {
  it('reads a PFX with its password: thumbprint, subject, validity, and a PKCS#8 key', () => {
    const cert = readAppCertificate(files.pfx, files.password);
    expect(cert.thumbprint).toBe(files.thumbprint);
    expect(cert.thumbprintSha256).toMatch(/^[0-9A-F]{64}$/);
    expect(cert.subject).toContain('CN=Warden Automation');
    expect(new Date(cert.notAfter).getTime() - Date.now()).toBeGreaterThan(399 * 86_400_000);
    expect(cert.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----/);
  });

  it('reads a PEM file holding the certificate and its key', () => {
    expect(readAppCertificate(files.combinedPem, undefined).thumbprint).toBe(files.thumbprint);
  });

  it('reads an encrypted PEM key with its password, and names a wrong one', () => {
    const encrypted = path.join(files.dir, 'encrypted.pem');
    const key = execFileSync('openssl', ['pkcs8', '-topk8', '-in', files.keyPem, '-passout', 'pass:s3cret'], { encoding: 'utf8' });
    writeFileSync(encrypted, readFileSync(files.certPem, 'utf8') + key);
    expect(readAppCertificate(encrypted, 's3cret').thumbprint).toBe(files.thumbprint);
    expect(() => readAppCertificate(encrypted, 'nope')).toThrow(/encrypted and the password is wrong/);
    expect(() => readAppCertificate(encrypted, undefined)).toThrow(/password is missing/);
  });

  it('names a wrong or missing PFX password', () => {
    expect(() => readAppCertificate(files.pfx, 'wrong')).toThrow(/automation\.pfx: the PFX password is wrong/);
    expect(() => readAppCertificate(files.pfx, undefined)).toThrow(/password is missing \(use --cert-password-stdin\)/);
  });

  it('refuses a key that belongs to another certificate, a file without a key, garbage and a missing file', () => {
    const other = makeCertificateFiles();
    const mixed = path.join(files.dir, 'mixed.pem');
    writeFileSync(mixed, readFileSync(files.certPem, 'utf8') + readFileSync(other.keyPem, 'utf8'));
    expect(() => readAppCertificate(mixed, undefined)).toThrow(/does not belong to the certificate/);
    expect(() => readAppCertificate(files.certPem, undefined)).toThrow(/no private key in this PEM file/);
    const garbage = path.join(files.dir, 'garbage.pfx');
    writeFileSync(garbage, Buffer.from([0x30, 0x82, 0x01, 0x00, 0xde, 0xad]));
    expect(() => readAppCertificate(garbage, 'x')).toThrow(/not a readable PFX/);
    expect(() => readAppCertificate(path.join(files.dir, 'missing.pfx'), 'x')).toThrow(/Cannot read the certificate file .*ENOENT/);
  });
});

describe('certificate expiry', () => {
  const now = new Date('2026-06-01T00:00:00Z');
  it('warns 30 days ahead and says when a certificate has expired', () => {
    expect(expiryState({ notBefore: '2026-01-01T00:00:00Z', notAfter: '2027-01-01T00:00:00Z' }, now)).toEqual({ state: 'valid' });
    expect(expiryState({ notBefore: '2026-01-01T00:00:00Z', notAfter: '2026-06-20T00:00:00Z' }, now)).toEqual({ state: 'expiring', daysLeft: 19 });
    expect(expiryState({ notBefore: '2026-01-01T00:00:00Z', notAfter: '2026-05-31T00:00:00Z' }, now)).toEqual({ state: 'expired' });
    expect(expiryState({ notBefore: '2026-07-01T00:00:00Z', notAfter: '2027-05-31T00:00:00Z' }, now)).toEqual({ state: 'not-yet-valid' });
  });
});
