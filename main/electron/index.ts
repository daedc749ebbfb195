// The Electron entry point: lifecycle, window, security policy and IPC wiring. All logic lives in
// main/core; this file only connects it to Electron.
import { app, BrowserWindow, ipcMain, Menu, protocol, session, shell } from 'electron';
import path from 'node:path';
import { contract } from '../../shared/ipc/contract.ts';
import { events } from '../../shared/ipc/events.ts';
import { createHandlers } from '../core/api/handlers.ts';
import { isAllowedHelpUrl } from '../core/helpLinks.ts';
import { stderrLogger } from '../core/log.ts';
import { defaultDataDir } from '../core/paths.ts';
import { APP_ORIGIN, registerAppScheme, serveAppProtocol } from './appProtocol.ts';
import { bindEvents, bindIpc } from './bindIpc.ts';
import { menuTemplate } from './menu.ts';
import { denyAllPermissions, restrictWebContents } from './webContentsPolicy.ts';
import { createMainWindow } from './window.ts';

const log = stderrLogger();
const dataDir = defaultDataDir();
app.setPath('userData', dataDir);

registerAppScheme(protocol);
app.on('web-contents-created', (_event, contents) => restrictWebContents(contents));

let mainWindow: BrowserWindow | null = null;

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
  void app.whenReady().then(start);
}

function start(): void {
  denyAllPermissions(session.defaultSession);
  serveAppProtocol(protocol, path.join(import.meta.dirname, '../renderer'));

  const emit = bindEvents(events, () => mainWindow?.webContents ?? null);
  bindIpc(
    ipcMain,
    contract,
    createHandlers({
      version: app.getVersion(),
      dataDir,
      electronVersion: process.versions.electron ?? null,
      chromeVersion: process.versions.chrome ?? null,
      openExternal: async (url) => {
        if (!isAllowedHelpUrl(url)) throw new Error('refused to open a URL that is not on the help list');
        await shell.openExternal(url);
      },
    }),
    { allowedOrigins: [APP_ORIGIN], log },
  );
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(process.platform, (view) => emit('app.navigate', { view }))));
  mainWindow = createMainWindow(path.join(import.meta.dirname, '../preload/preload.cjs'));
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
}
