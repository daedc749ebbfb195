import type { EmulatorContext } from '../context.ts';
import type { User } from '../tenant/model.ts';
import type { EmulatorRequest, Reply } from '../server/types.ts';
import { PUBLIC_CLIENT_NAME, type EntraState } from './entraState.ts';
import { parseConsentScopes } from './resources.ts';
import { credentialsPage, errorPage, FORM_POST_CSP, formPostPage, mfaPage, SIGN_IN_CSP } from './signInPage.ts';
import type { SignInFlow } from './signInFlows.ts';
import { clientInfoOf, newSessionId } from './tokenFactory.ts';

const HTML_HEADERS = {
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy': SIGN_IN_CSP,
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

function html(status: number, body: string): Reply {
  return { status, headers: HTML_HEADERS, body };
}

/** RFC 8252 loopback redirect URIs (any port, any path), which is what a public desktop client registers. */
export function isLoopbackRedirect(uri: string): boolean {
  try {
    const url = new URL(uri);
    return url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname) && !url.hash && !url.username && !url.password;
  } catch {
    return false;
  }
}

function redirect(to: string): Reply {
  return { status: 302, headers: { Location: to, 'Cache-Control': 'no-store' }, body: null };
}

export type ResponseMode = 'query' | 'fragment' | 'form_post';

function redirectWith(redirectUri: string, mode: ResponseMode, params: Record<string, string | undefined>): Reply {
  const url = new URL(redirectUri);
  const pairs = Object.entries(params).filter((p): p is [string, string] => p[1] !== undefined);
  if (mode === 'form_post')
    return { status: 200, headers: { ...HTML_HEADERS, 'Content-Security-Policy': FORM_POST_CSP }, body: formPostPage(redirectUri, Object.fromEntries(pairs)) };
  if (mode === 'fragment') url.hash = new URLSearchParams(pairs).toString();
  else for (const [k, v] of pairs) url.searchParams.set(k, v);
  return redirect(url.toString());
}

function errorRedirect(redirectUri: string, mode: ResponseMode, state: string | undefined, error: string, code: number, message: string): Reply {
  return redirectWith(redirectUri, mode, {
    error,
    error_description: `AADSTS${code}: ${message}`,
    error_uri: `https://login.microsoftonline.com/error?code=${code}`,
    state,
  });
}

function formOf(req: EmulatorRequest): URLSearchParams {
  return new URLSearchParams(req.body.toString('utf8'));
}

/** GET /{tenant}/oauth2/v2.0/authorize: validates the request, then shows the sign-in page. */
export function authorize(ctx: EmulatorContext, entra: EntraState, req: EmulatorRequest): Reply {
  const tenantName = ctx.tenant.info.displayName;
  const segment = req.params['tenant'] ?? '';
  const q = req.url.searchParams;
  const fail = (code: number, message: string) => html(400, errorPage(tenantName, `AADSTS${code}: ${message}`));
  if (!ctx.directory.knowsTenant(segment)) return fail(90002, `Tenant '${segment}' not found.`);
  const clientId = q.get('client_id');
  if (!clientId) return fail(900144, "The request body must contain the following parameter: 'client_id'.");
  if (clientId === ctx.directory.automationApp.clientId) return fail(500113, 'No reply address is registered for the application.');
  if (clientId !== ctx.directory.publicClientId) {
    return fail(
      700016,
      `Application with identifier '${clientId}' was not found in the directory '${tenantName}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant.`,
    );
  }
  const redirectUri = q.get('redirect_uri') ?? '';
  if (!isLoopbackRedirect(redirectUri)) {
    return fail(
      50011,
      `The redirect URI '${redirectUri}' specified in the request does not match the redirect URIs configured for the application '${clientId}'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal.`,
    );
  }
  const state = q.get('state') ?? undefined;
  const modeParam = q.get('response_mode') ?? 'query';
  const mode: ResponseMode = modeParam === 'fragment' || modeParam === 'form_post' ? modeParam : 'query';
  const bad = (error: string, code: number, message: string) => errorRedirect(redirectUri, mode, state, error, code, message);
  if (modeParam !== mode) return bad('invalid_request', 900144, `response_mode '${modeParam}' is not supported; use query, fragment or form_post.`);
  if (q.get('response_type') !== 'code')
    return bad('unsupported_response_type', 700054, `response_type '${q.get('response_type') ?? ''}' is not enabled for the application.`);
  const scope = q.get('scope');
  if (!scope) return bad('invalid_request', 900144, "The request body must contain the following parameter: 'scope'.");
  const scopes = parseConsentScopes(scope);
  if (!scopes.ok)
    return bad('invalid_scope', 70011, `The provided value for the input parameter 'scope' is not valid. The scope '${scopes.scope}' is not valid.`);
  const codeChallenge = q.get('code_challenge');
  if (!codeChallenge)
    return bad('invalid_request', 9002325, 'Proof Key for Code Exchange is required for this application: send code_challenge and code_challenge_method=S256.');
  if ((q.get('code_challenge_method') ?? 'plain') !== 'S256' || !/^[\w-]{43}$/.test(codeChallenge)) {
    return bad(
      'invalid_request',
      501491,
      "Invalid code_challenge: the emulator requires code_challenge_method 'S256' and a 43-character base64url SHA-256 challenge.",
    );
  }
  if (q.get('prompt') === 'none') return bad('login_required', 50058, 'A silent sign-in request was sent but no user is signed in.');
  const flow = entra.flows.start({
    tenantSegment: segment,
    clientId,
    clientName: PUBLIC_CLIENT_NAME,
    redirectUri,
    responseMode: mode,
    scope,
    state,
    nonce: q.get('nonce') ?? undefined,
    codeChallenge,
    loginHint: q.get('login_hint') ?? '',
  });
  return html(200, credentialsPage({ tenantName, appName: flow.clientName, action: `/${segment}/login`, flow: flow.id, username: flow.loginHint }));
}

function flowExpired(ctx: EmulatorContext): Reply {
  return html(
    400,
    errorPage(ctx.tenant.info.displayName, 'AADSTS50089: Authentication failed due to flow token expired. Start the sign-in again from the application.'),
  );
}

function denied(entra: EntraState, flow: SignInFlow, code: number, message: string): Reply {
  entra.flows.end(flow.id);
  return errorRedirect(flow.redirectUri, flow.responseMode, flow.state, 'access_denied', code, message);
}

/** POST /{tenant}/login: the user name and password step. */
export function submitCredentials(ctx: EmulatorContext, entra: EntraState, req: EmulatorRequest): Reply {
  const form = formOf(req);
  const flow = entra.flows.get(form.get('flow') ?? '');
  if (!flow || flow.stage !== 'credentials') return flowExpired(ctx);
  if (form.get('action') === 'deny') return denied(entra, flow, 65004, 'User declined to consent to access the app.');
  const username = (form.get('username') ?? '').trim();
  const again = (code: number, message: string) =>
    html(
      200,
      credentialsPage({
        tenantName: ctx.tenant.info.displayName,
        appName: flow.clientName,
        action: `/${flow.tenantSegment}/login`,
        flow: flow.id,
        username,
        error: `${message} (AADSTS${code})`,
      }),
    );
  const user = ctx.directory.userByUpn(username);
  req.note['step'] = 'password';
  if (!user) return again(50034, 'This user name may be incorrect. Make sure you typed it correctly. Otherwise, contact your admin.');
  if (entra.lockout.isLocked(user.id)) return again(50053, 'Your account is temporarily locked to prevent unauthorized use. Try again later.');
  const password = form.get('password') ?? '';
  if (!user.password || password !== user.password) {
    entra.lockout.fail(user.id);
    req.note['result'] = 'bad-password';
    return again(50126, "Your account or password is incorrect. If you don't remember your password, reset it now.");
  }
  entra.lockout.succeed(user.id);
  if (!user.accountEnabled) return again(50057, 'Your account has been disabled. Contact your administrator.');
  if (user.mfaRequired) {
    if (!user.totpSecret) {
      return denied(
        entra,
        flow,
        50079,
        'Due to a configuration change made by your administrator, or because you moved to a new location, you must enroll in multi-factor authentication to access the application.',
      );
    }
    flow.stage = 'mfa';
    flow.userId = user.id;
    return html(
      200,
      mfaPage({
        tenantName: ctx.tenant.info.displayName,
        appName: flow.clientName,
        action: `/${flow.tenantSegment}/SAS/ProcessAuth`,
        flow: flow.id,
        username: user.userPrincipalName,
      }),
    );
  }
  return complete(ctx, entra, flow, user, ['pwd'], req.remoteAddress);
}

/** POST /{tenant}/SAS/ProcessAuth: the TOTP step. */
export function submitMfa(ctx: EmulatorContext, entra: EntraState, req: EmulatorRequest): Reply {
  const form = formOf(req);
  const flow = entra.flows.get(form.get('flow') ?? '');
  if (!flow || flow.stage !== 'mfa' || !flow.userId) return flowExpired(ctx);
  const user = ctx.directory.userById(flow.userId);
  if (!user) return flowExpired(ctx);
  req.note['step'] = 'mfa';
  if (form.get('action') === 'deny')
    return denied(entra, flow, 500121, 'Authentication failed during strong authentication request. The user denied the request.');
  if (!entra.totp.verify(user.id, user.totpSecret, form.get('otc') ?? '')) {
    flow.mfaFailures += 1;
    req.note['result'] = 'bad-code';
    if (flow.mfaFailures >= 5)
      return denied(entra, flow, 500121, 'Authentication failed during strong authentication request: too many wrong verification codes.');
    return html(
      200,
      mfaPage({
        tenantName: ctx.tenant.info.displayName,
        appName: flow.clientName,
        action: `/${flow.tenantSegment}/SAS/ProcessAuth`,
        flow: flow.id,
        username: user.userPrincipalName,
        error: "You didn't enter the expected verification code. Please try again. (AADSTS500121)",
      }),
    );
  }
  return complete(ctx, entra, flow, user, ['pwd', 'mfa'], req.remoteAddress);
}

function complete(ctx: EmulatorContext, entra: EntraState, flow: SignInFlow, user: User, amr: string[], ipAddress: string): Reply {
  entra.flows.end(flow.id);
  const scopes = parseConsentScopes(flow.scope);
  const unconsented =
    scopes.ok &&
    [...scopes.byResource].some(([resource, asked]) =>
      asked.isDefault
        ? ctx.directory.consented(resource, resource.delegated).length === 0
        : ctx.directory.missingConsent(resource, asked.permissions) !== undefined,
    );
  if (unconsented) {
    return errorRedirect(
      flow.redirectUri,
      flow.responseMode,
      flow.state,
      'consent_required',
      65001,
      `The user or administrator has not consented to use the application with ID '${flow.clientId}' named '${flow.clientName}'. Send an interactive authorization request for this user and resource.`,
    );
  }
  const tenantId = ctx.directory.tenantId;
  const sessionId = newSessionId();
  const code = entra.codes.issue(
    {
      userId: user.id,
      clientId: flow.clientId,
      scope: flow.scope,
      amr,
      authTime: Math.floor(Date.now() / 1000),
      sessionId,
      ipAddress,
      redirectUri: flow.redirectUri,
      codeChallenge: flow.codeChallenge,
      codeChallengeMethod: 'S256',
      nonce: flow.nonce,
    },
    ctx.tokens.lifetimes.authorizationCodeSeconds,
  );
  return redirectWith(flow.redirectUri, flow.responseMode, {
    code,
    client_info: clientInfoOf(user.id, tenantId),
    session_state: sessionId,
    state: flow.state,
  });
}
