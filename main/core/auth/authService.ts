import { EventEmitter } from 'node:events';
import type { Dispatcher } from 'undici';
import { WardenError } from '../../../shared/errors.ts';
import type { Logger } from '../log.ts';
import { endpointsFor, type TenantEndpoints } from '../net/tenantEndpoints.ts';
import { createTenantDispatcher } from '../net/tenantDispatcher.ts';
import type { ProfileRegistry } from '../profiles/profileRegistry.ts';
import type { ConnectedProfile, Profile } from '../profiles/profileSchema.ts';
import type { SecretVault } from '../vault/secretVault.ts';
import { expiryState, readAppCertificate, type AppCertificate, type ExpiryState } from './appCertificate.ts';
import { AppOnlyAuth, appCredentialSecretName, saveAppCredential } from './appOnlyAuth.ts';
import { DelegatedAuth, type OpenBrowser, type TokenFreshness } from './delegatedAuth.ts';
import type { Resource } from './scopes.ts';

/** How a job or command gets tokens: as the signed-in admin, or as the app with its certificate. */
export type AuthMode = 'user' | 'app';

export interface TokenSource {
  readonly mode: AuthMode;
  accessToken(resource: Resource, options?: { forceRefresh?: boolean }): Promise<string>;
}

export interface AccountStatus {
  profileId: string;
  user: { username: string; name: string | null; tenantId: string; homeAccountId: string } | null;
  app: { clientId: string; thumbprint: string; subject: string; notAfter: string; expiry: ExpiryState } | null;
  tokenFreshness: TokenFreshness[];
  /** False when no OS secret store answered: nothing survives this run. */
  persistent: boolean;
  secretStore: string;
}

export interface AuthEvents {
  /** Only the user can go on for this profile (revoked session, new MFA...). Jobs pause on it. */
  'needs-sign-in': [profileId: string, reason: string];
  /** Someone signed in (or an app credential was imported): paused work may resume. */
  'signed-in': [profileId: string];
  'signed-out': [profileId: string];
}

/**
 * Sign-in and tokens for every tenant profile, shared by the desktop app and the CLI. Secrets stay here:
 * callers get access tokens for HTTP requests and descriptions for display, never refresh tokens or keys.
 */
export class AuthService extends EventEmitter<AuthEvents> {
  private readonly dataDir: string;
  private readonly vault: SecretVault;
  private readonly profiles: ProfileRegistry;
  private readonly log: Logger;
  private readonly delegatedByProfile = new Map<string, DelegatedAuth>();
  private readonly appByProfile = new Map<string, AppOnlyAuth>();
  private readonly dispatchers = new Map<string, Dispatcher>();

  private readonly windowHandle: (() => Buffer | undefined) | undefined;

  constructor(options: { dataDir: string; vault: SecretVault; profiles: ProfileRegistry; log: Logger; windowHandle?: () => Buffer | undefined }) {
    super();
    this.windowHandle = options.windowHandle;
    this.dataDir = options.dataDir;
    this.vault = options.vault;
    this.profiles = options.profiles;
    this.log = options.log;
  }

  /** The tenant's endpoints and its connection pool (which trusts an emulator's CA for this profile only). */
  connection(profile: ConnectedProfile): { endpoints: TenantEndpoints; dispatcher: Dispatcher } {
    let dispatcher = this.dispatchers.get(profile.id);
    const endpoints = endpointsFor(profile);
    if (!dispatcher) {
      dispatcher = createTenantDispatcher(endpoints.caCertPem);
      this.dispatchers.set(profile.id, dispatcher);
    }
    return { endpoints, dispatcher };
  }

  delegated(profile: ConnectedProfile): DelegatedAuth {
    let auth = this.delegatedByProfile.get(profile.id);
    if (!auth) {
      const { endpoints, dispatcher } = this.connection(profile);
      auth = new DelegatedAuth({
        profileId: profile.id,
        clientId: profile.clientId,
        endpoints,
        dispatcher,
        dataDir: this.dataDir,
        vault: this.vault,
        log: this.log,
      });
      this.delegatedByProfile.set(profile.id, auth);
    }
    return auth;
  }

  async signIn(profile: ConnectedProfile, openBrowser: OpenBrowser, signal: AbortSignal, loginHint?: string): Promise<AccountStatus> {
    await this.delegated(profile).signIn(openBrowser, signal, 'graph', loginHint);
    this.emit('signed-in', profile.id);
    return this.status(profile);
  }

  /** Tokens for work on `profile`: the signed-in user when `mode` is 'user', the app credential when 'app'. */
  tokenSource(profile: ConnectedProfile, mode: AuthMode): TokenSource {
    const get =
      mode === 'user'
        ? (r: Resource, o?: { forceRefresh?: boolean }) => this.delegated(profile).accessToken(r, o)
        : (r: Resource, o?: { forceRefresh?: boolean }) => this.appOnly(profile).accessToken(r, o);
    return {
      mode,
      accessToken: async (resource, options) => {
        try {
          return await get(resource, options);
        } catch (error) {
          if (error instanceof WardenError && error.code === 'needs-sign-in') this.emit('needs-sign-in', profile.id, error.message);
          throw error;
        }
      },
    };
  }

  /** The preferred mode for unattended work: the app credential when one is configured, else the user. */
  defaultMode(profile: ConnectedProfile): AuthMode {
    return profile.app ? 'app' : 'user';
  }

  appOnly(profile: ConnectedProfile): AppOnlyAuth {
    if (!profile.app)
      throw new WardenError('needs-sign-in', `No app certificate is configured for ${profile.name}: warden login --app --cert FILE --client-id ID.`);
    let auth = this.appByProfile.get(profile.id);
    if (!auth) {
      const { endpoints, dispatcher } = this.connection(profile);
      auth = new AppOnlyAuth({
        profileId: profile.id,
        clientId: profile.app.clientId,
        certificate: profile.app,
        endpoints,
        dispatcher,
        vault: this.vault,
        log: this.log,
      });
      this.appByProfile.set(profile.id, auth);
    }
    return auth;
  }

  /**
   * Imports a certificate for app-only auth: its key into the vault (the file is not copied), its public
   * facts into the profile, then proves it works by getting a Graph token. On any failure nothing is kept.
   */
  async importAppCertificate(
    profile: ConnectedProfile,
    file: string,
    password: string | undefined,
    clientId: string,
  ): Promise<{ certificate: AppCertificate; status: AccountStatus }> {
    const certificate = readAppCertificate(file, password);
    const expiry = expiryState(certificate);
    if (expiry.state === 'expired')
      throw new WardenError(
        'invalid-input',
        `The certificate ${certificate.subject} expired on ${certificate.notAfter.slice(0, 10)}; Entra will refuse it. Create or renew one first.`,
      );
    if (!this.vault.persistent) {
      throw new WardenError(
        'unavailable',
        `App-only auth keeps the certificate's private key in the OS secret store, and none answered (${this.vault.status.detail}). Warden will not store the key anywhere else.`,
      );
    }
    const previousSecret = await this.vault.get(appCredentialSecretName(profile.id));
    await saveAppCredential(this.vault, profile.id, certificate);
    const app = {
      clientId,
      thumbprint: certificate.thumbprint,
      thumbprintSha256: certificate.thumbprintSha256,
      subject: certificate.subject,
      notBefore: certificate.notBefore,
      notAfter: certificate.notAfter,
    };
    const candidate = { ...profile, app } as ConnectedProfile;
    this.appByProfile.delete(profile.id);
    try {
      await this.appOnly(candidate).accessToken('graph');
    } catch (error) {
      this.appByProfile.delete(profile.id);
      if (previousSecret) await this.vault.set(appCredentialSecretName(profile.id), previousSecret);
      else await this.vault.delete(appCredentialSecretName(profile.id));
      throw error;
    }
    const updated = (await this.profiles.update(profile.id, (p) => ({ ...p, app }) as Profile)) as ConnectedProfile;
    this.emit('signed-in', profile.id);
    return { certificate, status: await this.status(updated) };
  }

  async signOut(profile: ConnectedProfile, options: { app?: boolean } = {}): Promise<{ user: boolean; app: boolean }> {
    const user = await this.delegated(profile).signOut();
    let app = false;
    if (options.app && profile.app) {
      app = await this.vault.delete(appCredentialSecretName(profile.id));
      await this.profiles.update(profile.id, (p) => ({ ...p, app: null }) as Profile);
      this.appByProfile.delete(profile.id);
    }
    this.emit('signed-out', profile.id);
    return { user, app };
  }

  async status(profile: ConnectedProfile): Promise<AccountStatus> {
    const delegated = this.delegated(profile);
    const account = await delegated.account();
    const current = (this.profiles.find(profile.id) ?? profile) as ConnectedProfile;
    return {
      profileId: profile.id,
      user: account ? { username: account.username, name: account.name ?? null, tenantId: account.tenantId, homeAccountId: account.homeAccountId } : null,
      app: current.app
        ? {
            clientId: current.app.clientId,
            thumbprint: current.app.thumbprint,
            subject: current.app.subject,
            notAfter: current.app.notAfter,
            expiry: expiryState(current.app),
          }
        : null,
      tokenFreshness: delegated.tokenFreshness(),
      persistent: this.vault.persistent,
      secretStore: this.vault.status.label,
    };
  }

  async close(): Promise<void> {
    await Promise.all([...this.dispatchers.values()].map((d) => d.close()));
    this.dispatchers.clear();
  }
}
