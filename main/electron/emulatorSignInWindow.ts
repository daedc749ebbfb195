import { X509Certificate } from 'node:crypto';
import { randomUUID } from 'node:crypto';
import { BrowserWindow, session, type Session } from 'electron';
import { originOf } from '../core/ipc/dispatch.ts';
import { denyAllPermissions } from './webContentsPolicy.ts';

/** Sessions of sign-in windows, with the test of where their pages may navigate. */
export const signInSessions = new WeakMap<Session, (url: string) => boolean>();

const LOOPBACK_REDIRECT = /^http:\/\/(localhost|127\.0\.0\.1):\d+(\/|$|\?)/;

/**
 * Sign-in to an emulator (the demo tenant) happens in a Warden window rather than the system browser:
 * the system browser does not trust the emulator's private CA, and Warden must not install that CA in
 * the OS. This window's own in-memory session trusts exactly the certificates that CA issued, and
 * nothing else changes. Real tenants always use the system browser.
 */
export async function openEmulatorSignInWindow(url: string, caCertPem: string, signal: AbortSignal): Promise<void> {
  const ca = new X509Certificate(caCertPem);
  const partition = `warden-signin-${randomUUID()}`;
  const signInSession = session.fromPartition(partition, { cache: false });
  signInSession.setCertificateVerifyProc((request, callback) => {
    try {
      const certificate = new X509Certificate(request.certificate.data);
      const issuedByCa = certificate.checkIssued(ca) && certificate.verify(ca.publicKey);
      const forThisHost = certificate.checkIP(request.hostname) !== undefined || certificate.checkHost(request.hostname) !== undefined;
      const current = Date.now() >= Date.parse(certificate.validFrom) && Date.now() <= Date.parse(certificate.validTo);
      callback(issuedByCa && forThisHost && current ? 0 : -2);
    } catch {
      callback(-2);
    }
  });
  denyAllPermissions(signInSession);
  const emulatorOrigin = originOf(url);
  signInSessions.set(signInSession, (target) => originOf(target) === emulatorOrigin || LOOPBACK_REDIRECT.test(target));

  const window = new BrowserWindow({
    title: 'Sign in to the demo tenant',
    width: 520,
    height: 720,
    webPreferences: {
      partition,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
    },
  });
  // The loopback redirect (http://localhost:PORT) ends the flow: let the user read the result, then close.
  window.webContents.on('did-navigate', (_event, target) => {
    if (LOOPBACK_REDIRECT.test(target)) setTimeout(() => !window.isDestroyed() && window.close(), 1500);
  });
  signal.addEventListener('abort', () => !window.isDestroyed() && window.close(), { once: true });
  await window.loadURL(url);
}
