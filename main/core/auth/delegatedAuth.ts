import { randomBytes } from 'node:crypto';
import { CryptoProvider, LogLevel, PublicClientApplication, type AccountInfo, type AuthenticationResult } from '@azure/msal-node';
import type { Dispatcher } from 'undici';
import { WardenError } from '../../../shared/errors.ts';
import type { Logger } from '../log.ts';
import type { TenantEndpoints } from '../net/tenantEndpoints.ts';
import type { SecretVault } from '../vault/secretVault.ts';
import { toWardenAuthError } from './authErrors.ts';
import { withTransientRetry } from './transientRetry.ts';
import { startLoopbackRedirect } from './loopbackRedirect.ts';
import { MsalNetworkClient } from './msalNetworkClient.ts';
import { delegatedScopes, RESOURCE_LABELS, type Resource } from './scopes.ts';
import { createTokenCachePlugin } from './tokenCachePlugin.ts';

export interface DelegatedAuthOptions {
  profileId: string;
  clientId: string;
  endpoints: TenantEndpoints;
  dispatcher: Dispatcher;
  dataDir: string;
  vault: SecretVault;
  log: Logger;
  /** Sign in through the Windows account broker (WAM) when Windows offers it; ignored elsewhere. */
  useWindowsBroker?: boolean;
  /** The window WAM's dialog belongs to (Electron's native handle); none in the CLI. */
  windowHandle?: () => Buffer | undefined;
}

/** Opens the sign-in page: the system browser in the app, a browser or a printed URL in the CLI, Chromium in tests. */
export type OpenBrowser = (url: string, signal: AbortSignal) => Promise<void>;

export interface TokenFreshness {
  resource: Resource;
  expiresOn: string;
}

/**
 * Interactive sign-in (auth code + PKCE through the system browser, MFA on Entra's page) and silent
 * renewal for one tenant profile, with msal-node. One signed-in account per profile.
 */
export class DelegatedAuth {
  private readonly options: DelegatedAuthOptions;
  private app: PublicClientApplication | null = null;
  /** True when msal talks to the Windows account broker instead of the browser. */
  private brokered = false;
  private readonly freshness = new Map<Resource, string>();

  constructor(options: DelegatedAuthOptions) {
    this.options = options;
  }

  /** Where tokens are kept for this profile: the OS store, or memory only for this run. */
  get persistent(): boolean {
    return this.options.vault.persistent;
  }

  private async client(): Promise<PublicClientApplication> {
    if (this.app) return this.app;
    const { endpoints, clientId, dispatcher, log } = this.options;
    const cachePlugin = await createTokenCachePlugin(this.options.dataDir, this.options.profileId, this.options.vault);
    const nativeBrokerPlugin = await this.windowsBroker();
    this.brokered = nativeBrokerPlugin !== null;
    this.app = new PublicClientApplication({
      auth: { clientId, authority: endpoints.authority, knownAuthorities: [endpoints.authorityHost] },
      ...(nativeBrokerPlugin ? { broker: { nativeBrokerPlugin } } : {}),
      cache: cachePlugin ? { cachePlugin } : {},
      system: {
        networkClient: new MsalNetworkClient(dispatcher),
        loggerOptions: {
          piiLoggingEnabled: false,
          logLevel: LogLevel.Warning,
          // msal's own lines are already free of tokens (PII logging off); they still pass the redactor.
          loggerCallback: (level, message) => (level <= LogLevel.Error ? log.error(`msal: ${message}`) : log.debug(`msal: ${message}`)),
        },
      },
    });
    return this.app;
  }

  /**
   * The Windows account broker (WAM), when chosen for this profile and available: Windows then handles the
   * sign-in (with Windows Hello, the device's primary refresh token and Conditional Access device claims).
   * Off on other systems and by default.
   */
  private async windowsBroker() {
    if (!this.options.useWindowsBroker || process.platform !== 'win32') return null;
    try {
      const { NativeBrokerPlugin } = await import('@azure/msal-node-extensions');
      const plugin = new NativeBrokerPlugin();
      return plugin.isBrokerAvailable ? plugin : null;
    } catch (error) {
      this.options.log.warn('the Windows account broker could not be loaded; signing in through the browser', { error });
      return null;
    }
  }

  async account(): Promise<AccountInfo | null> {
    const accounts = await (await this.client()).getTokenCache().getAllAccounts();
    return accounts[0] ?? null;
  }

  /**
   * Interactive sign-in. Asks for `resource`'s permissions (Graph by default; others are added later,
   * incrementally). Replaces any other account of this profile in the cache.
   */
  async signIn(openBrowser: OpenBrowser, signal: AbortSignal, resource: Resource = 'graph', loginHint?: string): Promise<AuthenticationResult> {
    const app = await this.client();
    const scopes = delegatedScopes(this.options.endpoints, resource);
    const what = `Signing in to ${this.options.endpoints.tenantId}`;
    if (this.brokered) {
      try {
        const handle = this.options.windowHandle?.();
        const result = await app.acquireTokenInteractive({
          scopes,
          openBrowser: async () => {
            throw new Error('the Windows account broker handles this sign-in');
          },
          ...(handle ? { windowHandle: handle } : {}),
          ...(loginHint ? { loginHint } : {}),
        });
        this.note(resource, result);
        return result;
      } catch (error) {
        throw toWardenAuthError(error, what);
      }
    }
    const loopback = await startLoopbackRedirect(signal);
    try {
      const pkce = await new CryptoProvider().generatePkceCodes();
      const state = randomBytes(16).toString('hex');
      const url = await app.getAuthCodeUrl({
        scopes,
        redirectUri: loopback.redirectUri,
        codeChallenge: pkce.challenge,
        codeChallengeMethod: 'S256',
        state,
        prompt: 'select_account',
        ...(loginHint ? { loginHint } : {}),
      });
      await openBrowser(url, signal);
      const redirect = await loopback.result;
      if (redirect.state !== state) throw new WardenError('needs-sign-in', `${what}: the browser returned an answer for another sign-in; try again.`);
      if ('error' in redirect) {
        const description = redirect.errorDescription.split(/\r?\n/)[0];
        const denied = redirect.error === 'access_denied';
        throw new WardenError(
          'needs-sign-in',
          `${what}: ${denied ? 'sign-in was denied in the browser' : 'sign-in failed'} (${redirect.error}${description ? `: ${description}` : ''}).`,
        );
      }
      const result = await app.acquireTokenByCode({ code: redirect.code, scopes, redirectUri: loopback.redirectUri, codeVerifier: pkce.verifier, state });
      const cache = app.getTokenCache();
      for (const other of await cache.getAllAccounts()) {
        if (other.homeAccountId !== result.account?.homeAccountId) await cache.removeAccount(other);
      }
      this.note(resource, result);
      return result;
    } catch (error) {
      throw toWardenAuthError(error, what);
    } finally {
      loopback.close();
    }
  }

  /**
   * An access token for `resource`, silently: from the cache, or renewed with the refresh token.
   * Throws WardenError 'needs-sign-in' when only the user can help (revoked, expired, new MFA demanded).
   */
  async accessToken(resource: Resource, options: { forceRefresh?: boolean } = {}): Promise<string> {
    const result = await this.acquireSilently(resource, options.forceRefresh ?? false);
    return result.accessToken;
  }

  async acquireSilently(resource: Resource, forceRefresh = false): Promise<AuthenticationResult> {
    const app = await this.client();
    const account = await this.account();
    const what = `Getting a token for ${RESOURCE_LABELS[resource]}`;
    if (!account) throw new WardenError('needs-sign-in', `${what}: nobody is signed in to this tenant profile.`);
    try {
      const result = await withTransientRetry(() => app.acquireTokenSilent({ account, scopes: delegatedScopes(this.options.endpoints, resource), forceRefresh }), {
        onRetry: (_error, attempt, delayMs) => this.options.log.warn('token request failed transiently; retrying', { what, attempt, delayMs }),
      });
      this.note(resource, result);
      return result;
    } catch (error) {
      throw toWardenAuthError(error, what);
    }
  }

  /** When each API's access token expires: for display, never the token itself. */
  tokenFreshness(): TokenFreshness[] {
    return [...this.freshness].map(([resource, expiresOn]) => ({ resource, expiresOn }));
  }

  /** Removes the account from the token cache (and so from the OS store). */
  async signOut(): Promise<boolean> {
    const app = await this.client();
    const cache = app.getTokenCache();
    const accounts = await cache.getAllAccounts();
    for (const account of accounts) await cache.removeAccount(account);
    this.freshness.clear();
    return accounts.length > 0;
  }

  private note(resource: Resource, result: AuthenticationResult): void {
    if (result.expiresOn) this.freshness.set(resource, result.expiresOn.toISOString());
  }
}
