// Against the real OS secret store: on Linux, gnome-keyring over D-Bus (`.ci/run` starts one).
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { probeSecretStore } from '../../../main/core/vault/secretStoreProbe.ts';

const probeInChild = (env: NodeJS.ProcessEnv) =>
  JSON.parse(
    execFileSync(process.execPath, ['-e', "import('./main/core/vault/secretStoreProbe.ts').then(async (m) => console.log(JSON.stringify(await m.probeSecretStore())))"], {
      env: { ...process.env, ...env },
      encoding: 'utf8',
      timeout: 20_000,
    }),
  ) as Awaited<ReturnType<typeof probeSecretStore>>;

describe.runIf(process.platform === 'linux')('the secret store probe on Linux', () => {
  it('finds the Secret Service when a keyring runs on the session bus', async () => {
    expect(process.env['DBUS_SESSION_BUS_ADDRESS'], 'run the tests under dbus-run-session with gnome-keyring unlocked (see .ci/run)').toBeTruthy();
    const status = await probeSecretStore();
    expect(status).toMatchObject({ backend: 'libsecret', available: true });
  });

  it('says plainly that tokens will not be persisted when there is no session bus', () => {
    const status = probeInChild({ DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/warden-test-bus', DISPLAY: '' });
    expect(status.available).toBe(false);
    expect(status.backend).toBe('libsecret');
    expect(status.detail).toMatch(/did not answer .*Tokens will be kept in memory only and not persisted\./);
  });
});

describe('the secret store probe, whatever the OS', () => {
  it('names the store of each platform', async () => {
    const ok = async () => ({ findCredentials: async () => [] });
    expect(await probeSecretStore('win32', ok)).toMatchObject({ backend: 'dpapi', available: true });
    expect(await probeSecretStore('darwin', ok)).toMatchObject({ backend: 'keychain', available: true });
    expect(await probeSecretStore('aix', ok)).toMatchObject({ backend: 'none', available: false });
  });

  it('gives up on a store that never answers', async () => {
    const hangs = async () => ({ findCredentials: () => new Promise<never>(() => {}) });
    const status = await probeSecretStore('linux', hangs, 50);
    expect(status).toMatchObject({ available: false, detail: expect.stringContaining('no answer within 0.05 s') });
  });
});
