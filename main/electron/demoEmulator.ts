import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { startEmulator } from '../../emulator/index.ts';
import { DEMO_SEED, type DemoTenantHandle } from '../core/demo/demoTenant.ts';

/**
 * The embedded demo tenant: the emulator, in this process, on loopback, with a fixed seed and a modest
 * size so it starts in about a second. Its CA and keys live in the data folder's demo-tenant/.
 */
export async function startDemoEmulator(dataDir: string): Promise<DemoTenantHandle> {
  const emulator = await startEmulator({
    port: 0,
    seed: DEMO_SEED,
    users: 250,
    days: 14,
    scenarios: 'all',
    dataDir: path.join(dataDir, 'demo-tenant'),
  });
  const info = emulator.info;
  return {
    info: {
      authority: info.authority,
      tenantId: info.tenantId,
      graph: info.graph,
      exo: info.exo,
      manage: info.manage,
      caCertPem: await readFile(info.caCert, 'utf8'),
      publicClientId: info.publicClientId,
      users: info.users,
    },
    stop: () => emulator.stop(),
  };
}
