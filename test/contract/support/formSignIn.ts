// Signs a user in through the emulator's sign-in pages with plain HTTP form posts (what a browser does, without
// one): authorize → user name and password → TOTP → code → token with PKCE. For tests that need a delegated token
// quickly; the Chromium test covers the real browser.
import { createHash, randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import type { Dispatcher } from 'undici';
import { fetch as undiciFetch } from 'undici';

export interface SignInUser {
  upn: string;
  password: string;
  totpSecret: string;
}

export interface FormSignInResult {
  status: 'ok';
  accessToken: string;
  refreshToken: string;
  idToken: string;
  body: Record<string, unknown>;
}

/** The code an authenticator app shows at `now` (RFC 6238, SHA-1, 6 digits, 30 s). */
export function totpCode(secret: string, now = Date.now()): string {
  return new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate({ timestamp: now });
}

const usedSteps = new Map<string, number>();

/** A code not yet used for this user in this process (the emulator refuses a code twice, like Entra). */
export function freshTotpCode(user: SignInUser): string {
  const step = Math.floor(Date.now() / 30_000);
  const last = usedSteps.get(user.upn) ?? -1;
  const use = Math.max(step, last + 1);
  if (use > step + 1) throw new Error(`No fresh TOTP code for ${user.upn} in this 30-second step; wait before signing in again.`);
  usedSteps.set(user.upn, use);
  return totpCode(user.totpSecret, use * 30_000 + 1000);
}

function hidden(html: string, name: string): string {
  const match = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
  if (!match?.[1]) throw new Error(`The page has no hidden field '${name}': ${html.slice(0, 300)}`);
  return match[1]
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
}

export interface AuthorizationResult {
  code: string;
  verifier: string;
  redirectUri: string;
  scope: string;
}

/** Authorize through the pages (password, then TOTP when asked) and return the code from the redirect. */
export async function authorizeWithForms(
  dispatcher: Dispatcher,
  authority: string,
  clientId: string,
  user: SignInUser,
  scope: string,
): Promise<AuthorizationResult> {
  const origin = new URL(authority).origin;
  const tenant = new URL(authority).pathname.split('/')[1] ?? '';
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const redirectUri = 'http://localhost:53682';
  const fullScope = `${scope} openid profile offline_access`;
  const query = new URLSearchParams({
    client_id: clientId,
    response_type: 'code',
    redirect_uri: redirectUri,
    scope: fullScope,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    state: 'form-sign-in',
    response_mode: 'query',
  });
  const get = await undiciFetch(`${authority}/oauth2/v2.0/authorize?${query}`, { dispatcher });
  const page = await get.text();
  if (get.status !== 200) throw new Error(`authorize answered ${get.status}: ${page.slice(0, 300)}`);
  const post = (path: string, form: Record<string, string>) =>
    undiciFetch(`${origin}${path}`, {
      method: 'POST',
      body: new URLSearchParams(form).toString(),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      redirect: 'manual',
      dispatcher,
    });
  let response = await post(`/${tenant}/login`, { flow: hidden(page, 'flow'), username: user.upn, password: user.password, action: 'signin' });
  if (response.status === 200) {
    const mfa = await response.text();
    if (!mfa.includes('name="otc"')) throw new Error(`Sign-in did not reach the MFA step: ${/role="alert"[^>]*>([^<]*)/.exec(mfa)?.[1] ?? mfa.slice(0, 200)}`);
    response = await post(`/${tenant}/SAS/ProcessAuth`, { flow: hidden(mfa, 'flow'), otc: freshTotpCode(user), action: 'verify' });
  }
  if (response.status !== 302) throw new Error(`Expected a redirect with the code, got ${response.status}: ${(await response.text()).slice(0, 300)}`);
  const location = new URL(response.headers.get('location') ?? '');
  const code = location.searchParams.get('code');
  if (!code) throw new Error(`The redirect carries no code: ${location.search}`);
  return { code, verifier, redirectUri, scope: fullScope };
}

/** POST the code to /token; returns the status and the JSON body (success or AADSTS error). */
export async function redeemCode(
  dispatcher: Dispatcher,
  authority: string,
  clientId: string,
  auth: AuthorizationResult,
  overrides: Record<string, string> = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const token = await undiciFetch(`${authority}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      client_id: clientId,
      grant_type: 'authorization_code',
      code: auth.code,
      redirect_uri: auth.redirectUri,
      code_verifier: auth.verifier,
      scope: auth.scope,
      ...overrides,
    }).toString(),
    dispatcher,
  });
  return { status: token.status, body: (await token.json()) as Record<string, unknown> };
}

export async function formSignIn(dispatcher: Dispatcher, authority: string, clientId: string, user: SignInUser, scope: string): Promise<FormSignInResult> {
  const auth = await authorizeWithForms(dispatcher, authority, clientId, user, scope);
  const { status, body } = await redeemCode(dispatcher, authority, clientId, auth);
  if (status !== 200) throw new Error(`Token exchange failed: ${JSON.stringify(body)}`);
  return { status: 'ok', accessToken: String(body['access_token']), refreshToken: String(body['refresh_token']), idToken: String(body['id_token']), body };
}
