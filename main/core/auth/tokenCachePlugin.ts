import path from 'node:path';
import type { ICachePlugin } from '@azure/msal-node';
import { DataProtectionScope, PersistenceCachePlugin, PersistenceCreator } from '@azure/msal-node-extensions';
import type { SecretVault } from '../vault/secretVault.ts';

export const MSAL_SERVICE = 'Warden MSAL token cache';

/**
 * msal's token cache for one tenant profile, in the OS store: DPAPI on Windows, the Keychain on macOS,
 * libsecret on Linux (msal-node-extensions). On Linux and macOS the file at `cachePath` only holds "{}" to
 * signal changes between processes; on Windows it holds the DPAPI-encrypted cache.
 * When the OS store is unavailable there is no plugin: msal keeps tokens in memory for this run, and
 * nothing is written anywhere (msal-node-extensions' plaintext fallback is never enabled).
 */
export async function createTokenCachePlugin(dataDir: string, profileId: string, vault: SecretVault): Promise<ICachePlugin | undefined> {
  if (!vault.persistent) return undefined;
  const persistence = await PersistenceCreator.createPersistence({
    cachePath: path.join(dataDir, 'msal', `${profileId}.cache`),
    dataProtectionScope: DataProtectionScope.CurrentUser,
    serviceName: process.env['WARDEN_VAULT_SERVICE'] ? `${process.env['WARDEN_VAULT_SERVICE']} MSAL` : MSAL_SERVICE,
    accountName: profileId,
    usePlaintextFileOnLinux: false,
  });
  return new PersistenceCachePlugin(persistence);
}
