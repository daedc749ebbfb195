import { createServices, type Services, type ServicesOptions } from '../../main/core/services.ts';
import { silentLogger } from '../../main/core/log.ts';
import { MemorySecretVault } from '../../main/core/vault/secretVault.ts';

/** A vault that behaves like a machine without a keyring: secrets for this run only. */
export const memoryVault = () => new MemorySecretVault({ backend: 'none', label: 'none (test)', available: false, detail: 'test vault: kept in memory' });

/** The app's real core services over a test data folder, with hooks a test may replace. */
export function createTestServices(overrides: Partial<ServicesOptions> & { dataDir: string }): Promise<Services> {
  return createServices({
    version: '0.0.0-test',
    electronVersion: null,
    chromeVersion: null,
    log: silentLogger,
    openExternal: async () => {},
    openSignInPage: () => async () => {
      throw new Error('this test does not sign in');
    },
    startDemoTenant: null,
    emit: () => {},
    ...overrides,
  });
}
