// The Electron entry point: lifecycle, window, security policy and IPC wiring. All logic lives in
// main/core; this file only connects it to Electron.
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, shell } from 'electron';
import path from 'node:path';
import { contract } from '../../shared/ipc/contract.ts';
import { events } from '../../shared/ipc/events.ts';
import { createHandlers } from '../core/api/handlers.ts';
import { isAllowedHelpUrl } from '../core/helpLinks.ts';
import { stderrLogger } from '../core/log.ts';
import { defaultDataDir } from '../core/paths.ts';
import { createServices, type Services } from '../core/services.ts';
import { APP_ORIGIN, registerAppScheme, serveAppProtocol } from './appProtocol.ts';
import { bindEvents, bindIpc } from './bindIpc.ts';
import { startDemoEmulator } from './demoEmulator.ts';
import { openEmulatorSignInWindow, signInSessions } from './emulatorSignInWindow.ts';
import { menuTemplate } from './menu.ts';
import { denyAllPermissions, restrictWebContents } from './webContentsPolicy.ts';
import { createMainWindow } from './window.ts';

const log = stderrLogger();
const dataDir = defaultDataDir();
app.setPath('userData', dataDir);

registerAppScheme(protocol);
app.on('web-contents-created', (_event, contents) => restrictWebContents(contents, signInSessions.get(contents.session)));

let mainWindow: BrowserWindow | null = null;
let services: Services | null = null;

if (!app.requestSingleInstanceLock()) {
  // Another Warden already runs on this data: two writers would fight over its stores.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => void services?.close());
  void app.whenReady().then(start);
}

async function start(): Promise<void> {
  denyAllPermissions(session.defaultSession);
  serveAppProtocol(protocol, path.join(import.meta.dirname, '../renderer'));

  const emit = bindEvents(events, () => mainWindow?.webContents ?? null);
  services = await createServices({
    dataDir,
    version: app.getVersion(),
    electronVersion: process.versions.electron ?? null,
    chromeVersion: process.versions.chrome ?? null,
    log,
    emit,
    openExternal: async (url) => {
      if (!isAllowedHelpUrl(url)) throw new Error('refused to open a URL that is not on the help list');
      await shell.openExternal(url);
    },
    // Real tenants: the system browser (MFA, passkeys and the user's SSO all live there).
    // Emulators: a window that trusts only that emulator's CA (see emulatorSignInWindow.ts).
    openSignInPage: (profile) => async (url, signal) => {
      if (profile.kind === 'emulator') await openEmulatorSignInWindow(url, profile.caCertPem, signal);
      else await shell.openExternal(url);
    },
    startDemoTenant: startDemoEmulator,
    nativeWindowHandle: () => mainWindow?.getNativeWindowHandle(),
    // Exports go where the user says, through the OS dialog in main: the renderer never names a path.
    chooseExportFile: async (suggestedName) => {
      const options = { defaultPath: path.join(app.getPath('documents'), suggestedName) };
      const result = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options);
      return result.canceled ? null : (result.filePath ?? null);
    },
  });
  // Jobs that a crash or a quit interrupted go on from their checkpoints.
  for (const profile of services.profiles.list()) {
    if (profile.kind === 'offline') continue;
    void services.jobs.resumeInterrupted(profile.id).catch((error: unknown) => log.warn('could not resume interrupted jobs', { profile: profile.name, error }));
  }
  bindIpc(ipcMain, contract, createHandlers(services), { allowedOrigins: [APP_ORIGIN], log });
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(process.platform, (view) => emit('app.navigate', { view }))));
  mainWindow = createMainWindow(path.join(import.meta.dirname, '../preload/preload.cjs'));
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
}
