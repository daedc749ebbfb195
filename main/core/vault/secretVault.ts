import type { SecretStoreStatus } from '../../../shared/ipc/app.ts';
import { probeSecretStore, type KeytarLike } from './secretStoreProbe.ts';

/**
 * Where Warden keeps secrets other than the MSAL token cache: the store keys, certificate private keys.
 * Backed by the OS store through keytar (Windows Credential Manager, macOS Keychain, libsecret). When no
 * OS store answers, secrets live in memory for this run only: `persistent` is false, and callers must say
 * so to the user. Nothing is ever written to a plain file.
 */
export interface SecretVault {
  readonly status: SecretStoreStatus;
  readonly persistent: boolean;
  get(name: string): Promise<string | null>;
  set(name: string, value: string): Promise<void>;
  /** True when something was removed. */
  delete(name: string): Promise<boolean>;
  /** Names of stored secrets starting with `prefix`. */
  list(prefix?: string): Promise<string[]>;
}

export const DEFAULT_VAULT_SERVICE = 'Warden';

interface KeytarApi extends KeytarLike {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

/**
 * Windows Credential Manager holds at most 2,560 bytes (1,280 UTF-16 characters) per credential, and a
 * certificate key is larger. Long values are split into numbered parts under one index entry, the same
 * way on every OS so the code path is tested everywhere.
 */
const PART_SIZE = 1000;
const PARTS_PREFIX = 'warden-parts:';

export class OsSecretVault implements SecretVault {
  readonly status: SecretStoreStatus;
  readonly persistent = true;
  private readonly keytar: KeytarApi;
  private readonly service: string;

  constructor(keytar: KeytarApi, service: string, status: SecretStoreStatus) {
    this.keytar = keytar;
    this.service = service;
    this.status = status;
  }

  async get(name: string): Promise<string | null> {
    const head = await this.keytar.getPassword(this.service, name);
    if (head === null || !head.startsWith(PARTS_PREFIX)) return head;
    const count = Number(head.slice(PARTS_PREFIX.length));
    const parts: string[] = [];
    for (let i = 0; i < count; i++) {
      const part = await this.keytar.getPassword(this.service, partName(name, i));
      if (part === null) throw new Error(`The secret store lost part ${i + 1} of ${count} of ${name}.`);
      parts.push(part);
    }
    return parts.join('');
  }

  async set(name: string, value: string): Promise<void> {
    await this.delete(name);
    if (value.length <= PART_SIZE && !value.startsWith(PARTS_PREFIX)) {
      await this.keytar.setPassword(this.service, name, value);
      return;
    }
    const count = Math.ceil(value.length / PART_SIZE);
    for (let i = 0; i < count; i++) {
      await this.keytar.setPassword(this.service, partName(name, i), value.slice(i * PART_SIZE, (i + 1) * PART_SIZE));
    }
    // The index goes last: a crash midway leaves parts nobody points at, never a truncated secret.
    await this.keytar.setPassword(this.service, name, `${PARTS_PREFIX}${count}`);
  }

  async delete(name: string): Promise<boolean> {
    const head = await this.keytar.getPassword(this.service, name);
    if (head === null) return false;
    await this.keytar.deletePassword(this.service, name);
    if (head.startsWith(PARTS_PREFIX)) {
      const count = Number(head.slice(PARTS_PREFIX.length));
      for (let i = 0; i < count; i++) await this.keytar.deletePassword(this.service, partName(name, i));
    }
    return true;
  }

  async list(prefix = ''): Promise<string[]> {
    const all = await this.keytar.findCredentials(this.service);
    return all
      .map((c) => c.account)
      .filter((a) => a.startsWith(prefix) && !a.includes('#part-'))
      .sort();
  }
}

function partName(name: string, index: number): string {
  return `${name}#part-${index}`;
}

/** Secrets for this run only, when the OS offers no secret store. */
export class MemorySecretVault implements SecretVault {
  readonly status: SecretStoreStatus;
  readonly persistent = false;
  private readonly secrets = new Map<string, string>();

  constructor(status: SecretStoreStatus) {
    this.status = status;
  }
  async get(name: string) {
    return this.secrets.get(name) ?? null;
  }
  async set(name: string, value: string) {
    this.secrets.set(name, value);
  }
  async delete(name: string) {
    return this.secrets.delete(name);
  }
  async list(prefix = '') {
    return [...this.secrets.keys()].filter((k) => k.startsWith(prefix)).sort();
  }
}

export interface OpenVaultOptions {
  service?: string;
  platform?: NodeJS.Platform;
  loadKeytar?: () => Promise<KeytarApi>;
}

/** The OS vault when it answers, else the in-memory one. */
export async function openVault(options: OpenVaultOptions = {}): Promise<SecretVault> {
  const loadKeytar = options.loadKeytar ?? loadDefaultKeytar;
  const status = await probeSecretStore(options.platform ?? process.platform, loadKeytar);
  if (!status.available) return new MemorySecretVault(status);
  return new OsSecretVault(await loadKeytar(), options.service ?? process.env['WARDEN_VAULT_SERVICE'] ?? DEFAULT_VAULT_SERVICE, status);
}

async function loadDefaultKeytar(): Promise<KeytarApi> {
  const module = (await import('keytar')) as KeytarApi & { default?: KeytarApi };
  return module.default ?? module;
}
