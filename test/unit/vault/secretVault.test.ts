// Against the real keyring (gnome-keyring over D-Bus in CI): what is stored there comes back, long values
// survive the split into parts, deletion removes every part, and the data folder never sees a secret.
import { randomBytes, randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { MemorySecretVault, openVault, type SecretVault } from '../../../main/core/vault/secretVault.ts';

const service = `Warden test ${randomUUID()}`;
let vault: SecretVault;

describe.runIf(process.platform === 'linux')('the OS secret vault (libsecret)', () => {
  afterAll(async () => {
    for (const name of (await vault?.list()) ?? []) await vault.delete(name);
  });

  it('opens on the real keyring and is persistent', async () => {
    vault = await openVault({ service });
    expect(vault.status).toMatchObject({ backend: 'libsecret', available: true });
    expect(vault.persistent).toBe(true);
  });

  it('keeps a short secret, visible to libsecret itself', async () => {
    await vault.set('store-key:one', 'c2VjcmV0LWtleQ==');
    expect(await vault.get('store-key:one')).toBe('c2VjcmV0LWtleQ==');
    // secret-tool reads the same item: it really is in the keyring, not in this process.
    const fromTool = execFileSync('secret-tool', ['lookup', 'service', service, 'account', 'store-key:one'], { encoding: 'utf8' });
    expect(fromTool).toBe('c2VjcmV0LWtleQ==');
  });

  it('keeps a value longer than one credential can hold, and lists it once', async () => {
    const pem = `-----BEGIN PRIVATE KEY-----\n${randomBytes(2400).toString('base64')}\n-----END PRIVATE KEY-----\n`;
    await vault.set('cert-key:ABC', pem);
    expect(await vault.get('cert-key:ABC')).toBe(pem);
    expect(await vault.list('cert-key:')).toEqual(['cert-key:ABC']);
    // Overwriting with a short value leaves no stale parts behind.
    await vault.set('cert-key:ABC', 'short');
    expect(await vault.get('cert-key:ABC')).toBe('short');
  });

  it('deletes every part of a secret', async () => {
    await vault.set('cert-key:DEL', 'x'.repeat(3500));
    expect(await vault.delete('cert-key:DEL')).toBe(true);
    expect(await vault.get('cert-key:DEL')).toBeNull();
    expect(await vault.delete('cert-key:DEL')).toBe(false);
    const leftovers = execFileSync('secret-tool', ['search', '--all', 'service', service], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(leftovers).not.toMatch(/cert-key:DEL/);
  });
});

describe('the in-memory vault used when no OS store answers', () => {
  it('says it is not persistent and forgets with the process', async () => {
    const memory = new MemorySecretVault({ backend: 'libsecret', label: 'x', available: false, detail: 'no bus' });
    await memory.set('a', '1');
    expect(await memory.get('a')).toBe('1');
    expect(memory.persistent).toBe(false);
  });

  it('is what openVault gives when the OS store does not answer', async () => {
    const broken = async () => ({
      findCredentials: async () => {
        throw new Error('Cannot autolaunch D-Bus without X11 $DISPLAY');
      },
      getPassword: async () => null,
      setPassword: async () => {},
      deletePassword: async () => false,
    });
    const fallback = await openVault({ platform: 'linux', loadKeytar: broken });
    expect(fallback.persistent).toBe(false);
    expect(fallback.status.detail).toMatch(/not persisted/);
  });
});
