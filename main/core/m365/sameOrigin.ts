import { WardenError } from '../../../shared/errors.ts';

/**
 * Paging links come from the service; a bearer token must never follow one to another host. Every
 * next-page URL is checked against the API's configured origin before it is requested.
 */
export function assertSameOrigin(link: string, base: string, what: string): string {
  let url: URL;
  try {
    url = new URL(link, base);
  } catch {
    throw new WardenError('unavailable', `${what}: the service sent an unreadable next-page link.`);
  }
  if (url.origin !== new URL(base).origin) {
    throw new WardenError('unavailable', `${what}: the service sent a next-page link to ${url.origin}, not ${new URL(base).origin}; refusing to send credentials there.`);
  }
  return url.toString();
}
