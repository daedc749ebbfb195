// Loads the real Electron entry point against a stand-in `electron` module and checks every
// security setting the shell is responsible for. Removing any one of them fails a test here.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { INVOKE_CHANNEL } from '../../../shared/ipc/bridge.ts';

vi.mock('electron', () => import('./standInElectron.ts'));

type StandIn = typeof import('./standInElectron.ts');

async function loadShell(options: { singleInstanceLock?: boolean } = {}): Promise<StandIn> {
  vi.resetModules();
  const electron = (await import('electron')) as unknown as StandIn;
  electron.BrowserWindow.created.length = 0;
  electron.app.singleInstanceLock = options.singleInstanceLock ?? true;
  await import('../../../main/electron/index.ts');
  // Let whenReady().then(start) run to the end (it opens the OS vault first).
  if (electron.app.singleInstanceLock) await expect.poll(() => electron.BrowserWindow.created.length, { timeout: 15_000 }).toBe(1);
  else await new Promise((resolve) => setImmediate(resolve));
  return electron;
}

function onlyWindow(electron: StandIn) {
  expect(electron.BrowserWindow.created).toHaveLength(1);
  return electron.BrowserWindow.created[0]!;
}

describe('the Electron shell', () => {
  let electron: StandIn;
  beforeEach(async () => {
    process.env['WARDEN_DATA_DIR'] = '/tmp/warden-shell-test';
    electron = await loadShell();
  });
  afterEach(() => {
    delete process.env['WARDEN_DATA_DIR'];
  });

  describe('the window', () => {
    const cases: Array<[string, unknown]> = [
      ['contextIsolation', true],
      ['sandbox', true],
      ['nodeIntegration', false],
      ['nodeIntegrationInWorker', false],
      ['nodeIntegrationInSubFrames', false],
      ['webSecurity', true],
      ['allowRunningInsecureContent', false],
      ['webviewTag', false],
      ['experimentalFeatures', false],
      ['disableBlinkFeatures', 'Auxclick'],
    ];
    it.each(cases)('sets webPreferences.%s to %s explicitly', (key, value) => {
      const prefs = onlyWindow(electron).options['webPreferences'] as Record<string, unknown>;
      expect(prefs).toHaveProperty(key, value);
    });

    it('loads the renderer from app://warden and uses the sandboxed CommonJS preload', () => {
      const window = onlyWindow(electron);
      expect(window.loadedUrl).toBe('app://warden/index.html');
      expect((window.options['webPreferences'] as { preload: string }).preload).toMatch(/preload[\\/]preload\.cjs$/);
    });
  });

  describe('the app:// protocol', () => {
    it('is registered as a standard, secure scheme before the app is ready', () => {
      expect(electron.protocol.privileged).toContainEqual({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) });
    });

    it('serves every response with a strict Content-Security-Policy', async () => {
      const handler = electron.protocol.handlers.get('app');
      expect(handler).toBeDefined();
      for (const url of ['app://warden/index.html', 'app://warden/../../etc/passwd', 'app://elsewhere/index.html']) {
        const response = await handler!(new Request(url));
        const csp = response.headers.get('content-security-policy');
        if (url.startsWith('app://elsewhere')) {
          expect(response.status).toBe(404);
          continue;
        }
        expect(csp).toBeTruthy();
        expect(csp).toMatch(/default-src 'none'/);
        expect(csp).toMatch(/script-src 'self'(;|$)/);
        // Only the empty <style> element Fluent UI fills through the CSSOM (the SHA-256 of "").
        expect(csp).toMatch(/style-src 'self' 'sha256-47DEQpj8HBSa\+\/TImW\+5JCeuQeRkm5NMpJWZG3hSuFU='(;|$)/);
        expect(csp).toMatch(/frame-ancestors 'none'/);
        expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|unsafe-hashes|wasm-unsafe-eval|\*|https?:/);
      }
    });
  });

  describe('navigation and new windows', () => {
    function listener(event: string) {
      const contents = onlyWindow(electron).webContents;
      const found = contents.listeners.get(event)?.[0];
      expect(found, `no ${event} listener`).toBeDefined();
      return found!;
    }

    it.each(['will-navigate', 'will-redirect'])('%s is refused for any other origin', (event) => {
      const handler = listener(event);
      for (const url of ['https://login.evil.example/', 'file:///etc/passwd', 'app://other/index.html', 'javascript:alert(1)']) {
        const preventDefault = vi.fn();
        handler({ preventDefault }, url);
        expect(preventDefault, url).toHaveBeenCalled();
      }
      const preventDefault = vi.fn();
      handler({ preventDefault }, 'app://warden/index.html');
      expect(preventDefault).not.toHaveBeenCalled();
    });

    it('frames cannot navigate away either', () => {
      const preventDefault = vi.fn();
      listener('will-frame-navigate')({ url: 'https://evil.example/', preventDefault });
      expect(preventDefault).toHaveBeenCalled();
    });

    it('denies every window.open', () => {
      const open = onlyWindow(electron).webContents.windowOpenHandler;
      expect(open).toBeTypeOf('function');
      for (const url of ['https://learn.microsoft.com/', 'app://warden/index.html', 'about:blank']) {
        expect(open!({ url })).toEqual({ action: 'deny' });
      }
    });

    it('refuses to attach a <webview>', () => {
      const preventDefault = vi.fn();
      listener('will-attach-webview')({ preventDefault });
      expect(preventDefault).toHaveBeenCalled();
    });
  });

  describe('permissions', () => {
    it('denies every permission request and check', () => {
      const s = electron.session.defaultSession;
      for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read']) {
        const callback = vi.fn();
        s.permissionRequestHandler!({}, permission, callback);
        expect(callback).toHaveBeenCalledWith(false);
        expect(s.permissionCheckHandler!({}, permission)).toBe(false);
      }
      expect(s.devicePermissionHandler!({})).toBe(false);
    });
  });

  describe('single instance', () => {
    it('asks for the single-instance lock and opens one window when it gets it', () => {
      expect(electron.app.calls).toContain('requestSingleInstanceLock');
      expect(electron.app.calls).not.toContain('quit');
      onlyWindow(electron);
    });

    it('quits without a window when another instance holds the lock', async () => {
      const second = await loadShell({ singleInstanceLock: false });
      expect(second.app.calls).toContain('quit');
      expect(second.BrowserWindow.created).toHaveLength(0);
    });
  });

  describe('IPC', () => {
    function invoke(senderUrl: string | null, channel: unknown, input: unknown) {
      const handler = electron.ipcMain.handlers.get(INVOKE_CHANNEL);
      expect(handler).toBeDefined();
      return handler!({ senderFrame: senderUrl === null ? null : { url: senderUrl } }, channel, input) as Promise<unknown>;
    }

    it('answers the app origin through the contract', async () => {
      const result = await invoke('app://warden/index.html', 'app.info', {});
      expect(result).toMatchObject({ ok: true, value: { version: '9.9.9-standin', dataDir: '/tmp/warden-shell-test' } });
    });

    it('refuses a foreign or missing sender frame', async () => {
      await expect(invoke('https://evil.example/', 'app.info', {})).resolves.toMatchObject({ ok: false, error: { code: 'forbidden-origin' } });
      await expect(invoke(null, 'app.info', {})).resolves.toMatchObject({ ok: false, error: { code: 'forbidden-origin' } });
    });

    it('opens help pages only through shell.openExternal with the fixed URL', async () => {
      const result = await invoke('app://warden/index.html', 'app.openExternalHelp', { topic: 'app-registration' });
      expect(result).toMatchObject({ ok: true });
      expect(electron.shell.opened.at(-1)).toBe('https://learn.microsoft.com/en-us/powershell/exchange/app-only-auth-powershell-v2');
      const bad = await invoke('app://warden/index.html', 'app.openExternalHelp', { topic: 'https://evil.example' });
      expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    });
  });
});
