import type { SecretStoreStatus } from '../../../shared/ipc/app.ts';

/** What keytar needs from the OS, named the way users know it. */
const BACKENDS: Record<string, Pick<SecretStoreStatus, 'backend' | 'label'>> = {
  win32: { backend: 'dpapi', label: 'Windows Credential Manager (DPAPI)' },
  darwin: { backend: 'keychain', label: 'macOS Keychain' },
  linux: { backend: 'libsecret', label: 'Secret Service (libsecret: GNOME Keyring, KWallet)' },
};

const PROBE_SERVICE = 'Warden (availability probe)';

export interface KeytarLike {
  findCredentials(service: string): Promise<Array<{ account: string; password: string }>>;
}

/**
 * Asks the OS secret store for nothing in particular, to learn whether it answers. A Linux desktop
 * without a running keyring fails here (or hangs on D-Bus activation, hence the time limit).
 */
export async function probeSecretStore(
  platform: NodeJS.Platform = process.platform,
  loadKeytar: () => Promise<KeytarLike> = loadDefaultKeytar,
  timeoutMs = 5000,
): Promise<SecretStoreStatus> {
  const known = BACKENDS[platform];
  if (!known) return { backend: 'none', label: 'none', available: false, detail: `No supported secret store on ${platform}.` };
  try {
    const keytar = await loadKeytar();
    await withTimeout(keytar.findCredentials(PROBE_SERVICE), timeoutMs);
    return { ...known, available: true, detail: `${known.label} is available; secrets are kept there.` };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      ...known,
      available: false,
      detail: `${known.label} did not answer (${reason}). Tokens will be kept in memory only and not persisted.`,
    };
  }
}

async function loadDefaultKeytar(): Promise<KeytarLike> {
  const module = (await import('keytar')) as KeytarLike & { default?: KeytarLike };
  return module.default ?? module;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms / 1000} s`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
