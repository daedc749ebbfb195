import type { CliContext } from '../context.ts';
import { openStore, type EvidenceStore } from '../../core/store/openStore.ts';

/** Opens the active profile's evidence store for one command and closes it after. */
export async function withEvidenceStore<T>(cli: CliContext, work: (store: EvidenceStore, profileName: string, key: Buffer) => Promise<T>): Promise<T> {
  const location = await cli.storeLocation();
  const store = openStore({ file: location.file, key: location.key, log: cli.log });
  try {
    return await work(store, location.profile.name, location.key);
  } finally {
    store.close();
  }
}
