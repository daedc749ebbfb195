import { ConfidentialClientApplication, LogLevel } from '@azure/msal-node';
import type { Dispatcher } from 'undici';
import { WardenError } from '../../../shared/errors.ts';
import type { Logger } from '../log.ts';
import type { TenantEndpoints } from '../net/tenantEndpoints.ts';
import type { SecretVault } from '../vault/secretVault.ts';
import { expiryState, type AppCertificate } from './appCertificate.ts';
import { toWardenAuthError } from './authErrors.ts';
import { withTransientRetry } from './transientRetry.ts';
import { MsalNetworkClient } from './msalNetworkClient.ts';
import { appScopes, RESOURCE_LABELS, type Resource } from './scopes.ts';

/** The vault item holding an app credential's private key and certificate, per profile. */
export function appCredentialSecretName(profileId: string): string {
  return `app-credential:${profileId}`;
}

interface StoredCredential {
  privateKeyPem: string;
  certificatePem: string;
}

export async function saveAppCredential(vault: SecretVault, profileId: string, cert: AppCertificate): Promise<void> {
  const stored: StoredCredential = { privateKeyPem: cert.privateKeyPem, certificatePem: cert.certificatePem };
  await vault.set(appCredentialSecretName(profileId), JSON.stringify(stored));
}

export interface AppOnlyAuthOptions {
  profileId: string;
  clientId: string;
  certificate: Pick<AppCertificate, 'thumbprintSha256' | 'notBefore' | 'notAfter' | 'subject'>;
  endpoints: TenantEndpoints;
  dispatcher: Dispatcher;
  vault: SecretVault;
  log: Logger;
}

/**
 * App-only (client credentials) auth with a certificate whose private key is in the OS vault: for
 * unattended runs, with no password anywhere and no user to exclude from MFA.
 */
export class AppOnlyAuth {
  private readonly options: AppOnlyAuthOptions;
  private app: ConfidentialClientApplication | null = null;

  constructor(options: AppOnlyAuthOptions) {
    this.options = options;
  }

  private async client(): Promise<ConfidentialClientApplication> {
    if (this.app) return this.app;
    const { profileId, clientId, endpoints, dispatcher, vault, log, certificate } = this.options;
    const expiry = expiryState(certificate);
    if (expiry.state === 'expired') {
      throw new WardenError(
        'not-allowed',
        `The app certificate ${certificate.subject} expired on ${certificate.notAfter.slice(0, 10)}. Import a new one: warden login --app --cert FILE --client-id ${clientId}.`,
      );
    }
    if (expiry.state === 'not-yet-valid')
      throw new WardenError('not-allowed', `The app certificate ${certificate.subject} is not valid before ${certificate.notBefore}.`);
    const secret = await vault.get(appCredentialSecretName(profileId));
    if (!secret) {
      throw new WardenError(
        'needs-sign-in',
        `The app certificate's private key is not in the ${vault.status.label}${vault.persistent ? '' : ' (it keeps nothing between runs)'}; import it again with warden login --app --cert FILE.`,
      );
    }
    const stored = JSON.parse(secret) as StoredCredential;
    this.app = new ConfidentialClientApplication({
      auth: {
        clientId,
        authority: endpoints.authority,
        knownAuthorities: [endpoints.authorityHost],
        clientCertificate: { thumbprintSha256: certificate.thumbprintSha256, privateKey: stored.privateKeyPem, x5c: stored.certificatePem },
      },
      system: {
        networkClient: new MsalNetworkClient(dispatcher),
        loggerOptions: { piiLoggingEnabled: false, logLevel: LogLevel.Warning, loggerCallback: (_level, message) => log.debug(`msal: ${message}`) },
      },
    });
    return this.app;
  }

  async accessToken(resource: Resource, options: { forceRefresh?: boolean } = {}): Promise<string> {
    const what = `Getting an app-only token for ${RESOURCE_LABELS[resource]}`;
    const app = await this.client();
    try {
      const result = await withTransientRetry(
        () => app.acquireTokenByClientCredential({ scopes: appScopes(this.options.endpoints, resource), skipCache: options.forceRefresh ?? false }),
        { onRetry: (_error, attempt, delayMs) => this.options.log.warn('token request failed transiently; retrying', { what, attempt, delayMs }) },
      );
      if (!result) throw new WardenError('unavailable', `${what}: no token was returned.`);
      return result.accessToken;
    } catch (error) {
      throw toWardenAuthError(error, what);
    }
  }
}
