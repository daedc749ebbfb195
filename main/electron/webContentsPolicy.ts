import type { Session, WebContents } from 'electron';
import { APP_ORIGIN } from './appProtocol.ts';
import { originOf } from '../core/ipc/dispatch.ts';

/**
 * Navigation stays inside the allowed origins (the app's own, by default); no new windows; no <webview>.
 * Applied to every WebContents ever created.
 */
export function restrictWebContents(contents: WebContents, allowed: (url: string) => boolean = isAppUrl): void {
  const stayInApp = (event: { preventDefault(): void }, url: string) => {
    if (!allowed(url)) event.preventDefault();
  };
  contents.on('will-navigate', stayInApp);
  contents.on('will-redirect', stayInApp);
  contents.on('will-frame-navigate', (details) => {
    if (!allowed(details.url)) details.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

export function isAppUrl(url: string): boolean {
  return originOf(url) === APP_ORIGIN;
}

/** The app needs no camera, microphone, notifications, geolocation, USB, HID, serial or screen capture. */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.setDisplayMediaRequestHandler((_request, callback) => callback({}));
}
