import { BrowserWindow } from 'electron';
import { APP_ENTRY_URL } from './appProtocol.ts';

/**
 * The renderer is untrusted: no Node, its own JavaScript world, Chromium's sandbox, the same-origin
 * policy on, no http content on an https page, no <webview>, no middle-click windows.
 * (Written inline, not built by a helper, so static checkers such as Electronegativity can read it.)
 */
export function createMainWindow(preloadPath: string): BrowserWindow {
  const window = new BrowserWindow({
    title: 'Warden',
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
    },
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_ENTRY_URL);
  return window;
}
