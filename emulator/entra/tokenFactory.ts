import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { User } from '../tenant/model.ts';
import type { Directory } from './directory.ts';
import type { ResourceApi } from './resources.ts';
import type { TokenSigner } from './signer.ts';

export interface TokenLifetimes {
  /** Access token lifetime in seconds (tests use 60 to force refreshes). */
  accessTokenSeconds: number;
  /** Refresh tokens expire after this much inactivity (Entra: 90 days). */
  refreshTokenInactiveSeconds: number;
  /** Authorization codes must be redeemed within this (Entra: about 10 minutes). */
  authorizationCodeSeconds: number;
}

export interface UserTokenInput {
  user: User;
  clientId: string;
  clientName: string;
  resource: ResourceApi;
  scopes: string[];
  /** Authentication methods of the sign-in (`pwd`, `mfa`), carried over by refreshes. */
  amr: string[];
  authTime: number;
  sessionId: string;
  ipAddress: string;
}

const base64url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

/** `client_info`: base64url of `{"uid","utid"}`; msal builds the home account id from it (reference §1.7). */
export function clientInfoOf(userId: string, tenantId: string): string {
  return base64url(JSON.stringify({ uid: userId, utid: tenantId }));
}

/**
 * Mints the tokens the emulator STS hands out. Resource access tokens are v1-shaped, as real Graph, Exchange and
 * Management tokens are (iss `https://sts.windows.net/{tid}/`, `ver` 1.0); id tokens are v2 with the issuer of
 * the OIDC discovery document.
 */
export class TokenFactory {
  private readonly signer: TokenSigner;
  private readonly directory: Directory;
  lifetimes: TokenLifetimes;

  constructor(signer: TokenSigner, directory: Directory, lifetimes: TokenLifetimes) {
    this.signer = signer;
    this.directory = directory;
    this.lifetimes = lifetimes;
  }

  private get tenantId(): string {
    return this.directory.tenantId;
  }

  private times(now: number): { iat: number; nbf: number; exp: number } {
    return { iat: now, nbf: now, exp: now + this.lifetimes.accessTokenSeconds };
  }

  userAccessToken(input: UserTokenInput, now = Math.floor(Date.now() / 1000)): Promise<string> {
    const { user } = input;
    const wids = this.directory.roleTemplateIds(user.id);
    return this.signer.sign({
      aud: input.resource.audience,
      iss: `https://sts.windows.net/${this.tenantId}/`,
      ...this.times(now),
      acr: '1',
      aio: randomBytes(24).toString('base64url'),
      amr: input.amr,
      app_displayname: input.clientName,
      appid: input.clientId,
      appidacr: '0',
      auth_time: input.authTime,
      family_name: user.surname ?? undefined,
      given_name: user.givenName ?? undefined,
      idtyp: 'user',
      ipaddr: input.ipAddress,
      name: user.displayName,
      oid: user.id,
      puid: user.puid,
      rh: '0.emulator.',
      scp: input.scopes.join(' '),
      sid: input.sessionId,
      sub: pairwiseSubject(user.id, input.resource.appId),
      tid: this.tenantId,
      unique_name: user.userPrincipalName,
      upn: user.userPrincipalName,
      uti: randomBytes(16).toString('base64url'),
      ver: '1.0',
      ...(wids.length ? { wids } : {}),
    });
  }

  appAccessToken(resource: ResourceApi, roles: string[], now = Math.floor(Date.now() / 1000)): Promise<string> {
    const app = this.directory.automationApp;
    const wids = this.directory.roleTemplateIds(app.servicePrincipalId);
    return this.signer.sign({
      aud: resource.audience,
      iss: `https://sts.windows.net/${this.tenantId}/`,
      ...this.times(now),
      aio: randomBytes(24).toString('base64url'),
      app_displayname: app.displayName,
      appid: app.clientId,
      appidacr: '2',
      idp: `https://sts.windows.net/${this.tenantId}/`,
      idtyp: 'app',
      oid: app.servicePrincipalId,
      rh: '0.emulator.',
      ...(roles.length ? { roles } : {}),
      sub: app.servicePrincipalId,
      tid: this.tenantId,
      uti: randomBytes(16).toString('base64url'),
      ver: '1.0',
      ...(wids.length ? { wids } : {}),
    });
  }

  idToken(
    user: User,
    clientId: string,
    issuer: string,
    nonce: string | undefined,
    authTime: number,
    sessionId: string,
    now = Math.floor(Date.now() / 1000),
  ): Promise<string> {
    return this.signer.sign({
      aud: clientId,
      iss: issuer,
      iat: now,
      nbf: now,
      exp: now + 3600,
      aio: randomBytes(24).toString('base64url'),
      auth_time: authTime,
      name: user.displayName,
      ...(nonce ? { nonce } : {}),
      oid: user.id,
      preferred_username: user.userPrincipalName,
      ...(user.mail ? { email: user.mail } : {}),
      rh: '0.emulator.',
      sid: sessionId,
      sub: pairwiseSubject(user.id, clientId),
      tid: this.tenantId,
      uti: randomBytes(16).toString('base64url'),
      ver: '2.0',
    });
  }
}

/** Entra's `sub` is pairwise: stable per user and app, different across apps. */
function pairwiseSubject(userId: string, appId: string): string {
  return createHash('sha256').update(`${userId}|${appId}`).digest('base64url').slice(0, 43);
}

export function newSessionId(): string {
  return randomUUID();
}
