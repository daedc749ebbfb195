import { readFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * SHA-256 of the empty string. Fluent UI (Griffel) creates empty <style> elements and fills them through
 * the CSSOM (`insertRule`), which style-src does not govern. Allowing exactly the empty element, instead of
 * 'unsafe-inline', keeps every inline style with content blocked.
 */
export const EMPTY_STYLE_HASH = "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='";

/**
 * The renderer's Content-Security-Policy. Scripts and styles come only from the app's own origin;
 * no inline script or style, no eval, nothing remote.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  `style-src 'self' ${EMPTY_STYLE_HASH}`,
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
};

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export interface RendererAsset {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array | string;
}

/**
 * Serves one file of the built renderer for a request path. Used by the Electron `app://` protocol
 * handler and by the end-to-end tests' loopback server, so both send the same bytes and headers.
 * Paths that leave the renderer folder are refused; unknown paths get 404.
 */
export async function readRendererAsset(rootDir: string, requestPath: string): Promise<RendererAsset> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(requestPath.split('?')[0] ?? '/');
  } catch {
    return notFound();
  }
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const root = path.resolve(rootDir);
  const file = path.resolve(root, relative);
  if (file !== root && !file.startsWith(root + path.sep)) return notFound();
  const type = CONTENT_TYPES[path.extname(file).toLowerCase()];
  if (!type) return notFound();
  try {
    const body = await readFile(file);
    return { status: 200, headers: { ...SECURITY_HEADERS, 'Content-Type': type }, body };
  } catch {
    return notFound();
  }
}

function notFound(): RendererAsset {
  return { status: 404, headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' }, body: 'Not found' };
}
