import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { WardenError } from '../../shared/errors.ts';
import type { Logger } from './log.ts';
import type { ProfileRegistry } from './profiles/profileRegistry.ts';
import type { Profile } from './profiles/profileSchema.ts';
import { openStore, type EvidenceStore } from './store/openStore.ts';
import type { SecretVault } from './vault/secretVault.ts';

/** Where a profile's evidence store lives, and the key that opens it (kept in the OS vault). */
export interface StoreLocation {
  profile: Profile;
  file: string;
  key: Buffer;
}

/**
 * The location and key of a profile's store. The key is created on first use, 32 random bytes, and
 * lives only in the OS vault: without a persistent vault there is no store (the key would be lost, or
 * would have to be written to a file, which Warden does not do).
 */
export async function storeLocationFor(profile: Profile, dataDir: string, vault: SecretVault): Promise<StoreLocation> {
  if (!vault.persistent) {
    throw new WardenError(
      'unavailable',
      `The evidence store is encrypted with a key kept in the OS secret store, and none answered (${vault.status.detail}). Warden will not write that key to a file. Start your keyring and try again.`,
    );
  }
  const name = `store-key:${profile.id}`;
  let encoded = await vault.get(name);
  if (!encoded) {
    encoded = randomBytes(32).toString('base64');
    await vault.set(name, encoded);
  }
  const key = Buffer.from(encoded, 'base64');
  if (key.length !== 32) throw new WardenError('internal', `The store key for ${profile.name} in the secret store is damaged (not 32 bytes).`);
  return { profile, file: path.join(dataDir, 'stores', `${profile.id}.sqlite`), key };
}

/**
 * The open evidence stores of the desktop app, one per profile, opened on first use and kept open
 * (SQLite in WAL mode serves reads while a job writes).
 */
export class EvidenceStores {
  private readonly open = new Map<string, EvidenceStore>();
  private readonly options: { dataDir: string; vault: SecretVault; profiles: ProfileRegistry; log: Logger };

  constructor(options: { dataDir: string; vault: SecretVault; profiles: ProfileRegistry; log: Logger }) {
    this.options = options;
  }

  async forProfile(profileId: string): Promise<EvidenceStore> {
    const existing = this.open.get(profileId);
    if (existing) return existing;
    const profile = this.options.profiles.get(profileId);
    const location = await storeLocationFor(profile, this.options.dataDir, this.options.vault);
    const store = openStore({ file: location.file, key: location.key, log: this.options.log });
    this.open.set(profileId, store);
    return store;
  }

  /** The store of the active profile; with no profile at all, an offline "local" profile is created for it. */
  async active(): Promise<EvidenceStore> {
    const { profiles } = this.options;
    let profile = profiles.active();
    if (!profile && profiles.list().length === 0) profile = await profiles.add({ kind: 'offline', name: 'local' });
    if (!profile) throw new WardenError('invalid-input', 'No active tenant profile: choose one in Accounts.');
    return this.forProfile(profile.id);
  }

  closeAll(): void {
    for (const store of this.open.values()) store.close();
    this.open.clear();
  }
}
