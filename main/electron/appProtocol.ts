import type { Protocol } from 'electron';
import { readRendererAsset } from '../core/rendererAssets.ts';

export const APP_SCHEME = 'app';
export const APP_HOST = 'warden';
/** The renderer's one origin. IPC calls from any other origin are refused. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Must run before `app` is ready: makes app:// a standard, secure origin (so CSP 'self' and fetch work). */
export function registerAppScheme(protocol: Protocol): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/** Serves the built renderer from disk with the security headers (CSP among them). */
export function serveAppProtocol(protocol: Protocol, rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST || request.method !== 'GET') return new Response('Not found', { status: 404 });
    const asset = await readRendererAsset(rendererDir, url.pathname);
    return new Response(asset.body as ConstructorParameters<typeof Response>[0], { status: asset.status, headers: asset.headers });
  });
}
