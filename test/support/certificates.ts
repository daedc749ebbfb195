import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Makes real certificate files with OpenSSL, the way an admin would (`openssl req -x509` then
 * `openssl pkcs12 -export`), so the importer is tested on what real tools write.
 */
export function makeCertificateFiles(options: { days?: number; startDaysAgo?: number; subject?: string; password?: string } = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'warden-cert-'));
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  const subject = options.subject ?? '/CN=Warden Automation';
  if (options.startDaysAgo) {
    const start = new Date(Date.now() - options.startDaysAgo * 86_400_000);
    const end = new Date(start.getTime() + (options.days ?? 30) * 86_400_000);
    const fmt = (d: Date) => `${d.toISOString().slice(0, 19).replace(/[-:T]/g, '')}Z`;
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-subj', subject, '-not_before', fmt(start), '-not_after', fmt(end)], { stdio: 'pipe' });
  } else {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', String(options.days ?? 365), '-subj', subject], { stdio: 'pipe' });
  }
  const password = options.password ?? 'correct horse';
  const pfx = path.join(dir, 'automation.pfx');
  execFileSync('openssl', ['pkcs12', '-export', '-inkey', key, '-in', cert, '-out', pfx, '-passout', `pass:${password}`], { stdio: 'pipe' });
  const combined = path.join(dir, 'automation.pem');
  writeFileSync(combined, readFileSync(cert, 'utf8') + readFileSync(key, 'utf8'));
  const fingerprint = execFileSync('openssl', ['x509', '-in', cert, '-noout', '-fingerprint', '-sha1'], { encoding: 'utf8' }).trim().split('=')[1]!.replaceAll(':', '');
  return { dir, keyPem: key, certPem: cert, pfx, combinedPem: combined, password, thumbprint: fingerprint, privateKeyText: readFileSync(key, 'utf8') };
}
