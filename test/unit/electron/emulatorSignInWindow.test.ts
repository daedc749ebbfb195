// The demo tenant's sign-in window trusts the emulator's CA, in its own session only, and still
// refuses navigation anywhere but the emulator and the loopback redirect.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./standInElectron.ts'));

function openssl(args: string[]) {
  execFileSync('openssl', args, { stdio: 'pipe' });
}

function makePki() {
  const dir = mkdtempSync(path.join(tmpdir(), 'warden-pki-'));
  const f = (n: string) => path.join(dir, n);
  openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', f('ca.key'), '-out', f('ca.pem'), '-days', '2', '-subj', '/CN=Emulator CA']);
  openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', f('leaf.key'), '-out', f('leaf.csr'), '-subj', '/CN=127.0.0.1']);
  const ext = f('leaf.ext');
  writeFileSync(ext, 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  openssl(['x509', '-req', '-in', f('leaf.csr'), '-CA', f('ca.pem'), '-CAkey', f('ca.key'), '-CAcreateserial', '-out', f('leaf.pem'), '-days', '2', '-extfile', ext]);
  openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', f('other.key'), '-out', f('other.pem'), '-days', '2', '-subj', '/CN=127.0.0.1']);
  return { ca: readFileSync(f('ca.pem'), 'utf8'), leaf: readFileSync(f('leaf.pem'), 'utf8'), other: readFileSync(f('other.pem'), 'utf8') };
}

type StandIn = typeof import('./standInElectron.ts');

describe('the emulator sign-in window', () => {
  it('trusts only certificates issued by that emulator CA, in its own session', async () => {
    const electron = (await import('electron')) as unknown as StandIn;
    const { openEmulatorSignInWindow, signInSessions } = await import('../../../main/electron/emulatorSignInWindow.ts');
    const { restrictWebContents } = await import('../../../main/electron/webContentsPolicy.ts');
    const pki = makePki();
    const before = electron.BrowserWindow.created.length;
    await openEmulatorSignInWindow('https://127.0.0.1:4443/tenant/oauth2/v2.0/authorize?x=1', pki.ca, new AbortController().signal);
    const window = electron.BrowserWindow.created[before]!;
    const prefs = window.options['webPreferences'] as Record<string, unknown>;
    expect(prefs).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true });
    expect(prefs['preload']).toBeUndefined();

    const session = window.webContents.session as { certificateVerifyProc: (req: unknown, cb: (code: number) => void) => void; permissionRequestHandler: unknown };
    expect(session).not.toBe(electron.session.defaultSession);
    expect(electron.session.defaultSession.certificateVerifyProc).toBeNull();
    const verdict = (pem: string, hostname = '127.0.0.1') => {
      let code = 1;
      session.certificateVerifyProc({ hostname, certificate: { data: pem } }, (c) => (code = c));
      return code;
    };
    expect(verdict(pki.leaf)).toBe(0);
    // Issued by the CA but for another host: refused.
    expect(verdict(pki.leaf, 'login.microsoftonline.com')).toBeLessThan(0);
    expect(verdict(pki.other)).toBeLessThan(0);
    expect(verdict('not a certificate')).toBeLessThan(0);
    expect(session.permissionRequestHandler).toBeTypeOf('function');

    // Navigation: the emulator and the loopback redirect only.
    const allowed = signInSessions.get(session as never)!;
    restrictWebContents(window.webContents as never, allowed);
    const navigate = window.webContents.listeners.get('will-navigate')!.at(-1)!;
    const attempt = (url: string) => {
      const preventDefault = vi.fn();
      navigate({ preventDefault }, url);
      return preventDefault.mock.calls.length === 0;
    };
    expect(attempt('https://127.0.0.1:4443/tenant/login')).toBe(true);
    expect(attempt('http://localhost:53122/?code=abc&state=x')).toBe(true);
    expect(attempt('https://evil.example/phish')).toBe(false);
    expect(attempt('https://127.0.0.1:9999/other')).toBe(false);
  });

  it('closes when the sign-in is cancelled', async () => {
    const electron = (await import('electron')) as unknown as StandIn;
    const { openEmulatorSignInWindow } = await import('../../../main/electron/emulatorSignInWindow.ts');
    const controller = new AbortController();
    const before = electron.BrowserWindow.created.length;
    await openEmulatorSignInWindow('https://127.0.0.1:4443/t/oauth2/v2.0/authorize', makePki().ca, controller.signal);
    controller.abort();
    expect(electron.BrowserWindow.created[before]!.isDestroyed()).toBe(true);
  });
});
