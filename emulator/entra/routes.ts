import type { EmulatorContext } from '../context.ts';
import type { Router } from '../server/router.ts';
import type { ServiceReplies } from '../server/serviceReplies.ts';
import type { Reply } from '../server/types.ts';
import { authorize, isLoopbackRedirect, submitCredentials, submitMfa } from './authorize.ts';
import { instanceDiscovery, jwks, openIdConfiguration } from './discovery.ts';
import { EntraState } from './entraState.ts';
import { aadError } from './errors.ts';
import { FORM_POST_SCRIPT, FORM_POST_SCRIPT_PATH, SIGN_IN_STYLESHEET, SIGN_IN_STYLESHEET_PATH } from './signInPage.ts';
import { token } from './token.ts';

/** Registers the Entra ID v2 endpoints (reference §1.1) and returns the STS state (for the admin API). */
export function registerEntra(router: Router, ctx: EmulatorContext): EntraState {
  const entra = new EntraState();
  router
    .add('GET', '/common/discovery/instance', 'entra', (req) => instanceDiscovery(ctx, req))
    .add('GET', '/:tenant/discovery/instance', 'entra', (req) => instanceDiscovery(ctx, req))
    .add('GET', '/:tenant/v2.0/.well-known/openid-configuration', 'entra', (req) => openIdConfiguration(ctx, req))
    .add('GET', '/:tenant/discovery/v2.0/keys', 'entra', (req) => jwks(ctx, req))
    .add('GET', '/:tenant/oauth2/v2.0/authorize', 'entra', (req) => authorize(ctx, entra, req))
    .add('POST', '/:tenant/login', 'entra', (req) => submitCredentials(ctx, entra, req))
    .add('POST', '/:tenant/SAS/ProcessAuth', 'entra', (req) => submitMfa(ctx, entra, req))
    .add('POST', '/:tenant/oauth2/v2.0/token', 'entra', (req) => token(ctx, entra, req))
    .add('GET', '/:tenant/oauth2/v2.0/logout', 'entra', (req): Reply => {
      const back = req.url.searchParams.get('post_logout_redirect_uri');
      if (back && isLoopbackRedirect(back)) return { status: 302, headers: { Location: back }, body: null };
      return {
        status: 200,
        headers: { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': "default-src 'none'" },
        body: '<!doctype html><title>Signed out</title><p>You signed out of your account.</p>',
      };
    })
    .add('GET', SIGN_IN_STYLESHEET_PATH, 'static', () => ({
      status: 200,
      headers: { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'max-age=3600' },
      body: Buffer.from(SIGN_IN_STYLESHEET, 'utf8'),
    }))
    .add('GET', FORM_POST_SCRIPT_PATH, 'static', () => ({
      status: 200,
      headers: { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'max-age=3600', 'X-Content-Type-Options': 'nosniff' },
      body: Buffer.from(FORM_POST_SCRIPT, 'utf8'),
    }));
  return entra;
}

export const entraReplies: ServiceReplies = {
  throttled: (_req, retryAfterSeconds) =>
    aadError('temporarily_unavailable', 90055, 'The request has been throttled. Retry after the Retry-After interval.', {
      status: 429,
      headers: { 'Retry-After': String(retryAfterSeconds) },
    }),
  unavailable: (_req, retryAfterSeconds) =>
    aadError('temporarily_unavailable', 90033, 'A transient error has occurred. Please try again.', {
      status: 503,
      headers: retryAfterSeconds ? { 'Retry-After': String(retryAfterSeconds) } : {},
    }),
  notFound: (req) => aadError('invalid_request', 90019, `No endpoint at ${req.url.pathname}.`, { status: 404 }),
  methodNotAllowed: (req) => aadError('invalid_request', 90056, `${req.method} is not supported at ${req.url.pathname}.`, { status: 405 }),
  internalError: () => aadError('server_error', 90033, 'A transient error has occurred. Please try again.', { status: 500 }),
};
