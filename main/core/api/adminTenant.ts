import { WardenError } from '../../../shared/errors.ts';
import type { ConnectedProfile } from '../profiles/profileSchema.ts';
import type { Services } from '../services.ts';
import type { EvidenceStore } from '../store/openStore.ts';

/** The tenant the admin views work on: the active profile, its store opened on demand. */
export interface AdminTenant {
  /** The active profile's store, or null when there is no profile yet (nothing to show, nothing created). */
  store(): Promise<{ profileId: string; store: EvidenceStore } | null>;
  /** The active profile, which must reach a tenant, and its store. */
  connected(): Promise<{ profile: ConnectedProfile; store: EvidenceStore }>;
}

export function adminTenant(services: Pick<Services, 'profiles' | 'stores'>): AdminTenant {
  return {
    async store() {
      const profile = services.profiles.active();
      if (!profile) return null;
      return { profileId: profile.id, store: await services.stores.forProfile(profile.id) };
    },
    async connected() {
      const profile = services.profiles.active();
      if (!profile) throw new WardenError('invalid-input', 'No tenant is connected: add one in Accounts (or start the demo tenant) first.');
      if (profile.kind === 'offline') throw new WardenError('invalid-input', `${profile.name} is an offline profile (imported logs only): switch to a connected tenant in Accounts to change anything.`);
      return { profile, store: await services.stores.forProfile(profile.id) };
    },
  };
}

/**
 * SQLite answers SQLITE_BUSY when another connection (a job, the CLI) holds the write lock past
 * busy_timeout: a moment's wait for the user, not an internal failure.
 */
export function busyAsUnavailable(error: unknown): never {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && code.startsWith('SQLITE_BUSY')) {
    throw new WardenError('unavailable', 'The store is busy writing (a job or another Warden); try again in a moment.');
  }
  throw error;
}
