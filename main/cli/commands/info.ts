import type { Command } from 'commander';
import type { CliContext } from '../context.ts';
import { probeSecretStore } from '../../core/vault/secretStoreProbe.ts';

/** `warden info`: the same facts as the app's Home view. */
export function register(program: Command, cli: CliContext): void {
  program
    .command('info')
    .description('show the data folder, the active tenant profile and the OS secret store in use')
    .action(async () => {
      const [secretStore, registry] = await Promise.all([probeSecretStore(), cli.profiles()]);
      const active = registry.active();
      const value = {
        dataDir: cli.dataDir(),
        node: process.versions.node,
        platform: process.platform,
        activeProfile: active ? { name: active.name, kind: active.kind } : null,
        profiles: registry.list().length,
        secretStore,
      };
      cli.out.result(value, () =>
        [
          `Data folder:    ${value.dataDir}`,
          `Active tenant:  ${active ? `${active.name} (${active.kind})` : 'none'}`,
          `Secret store:   ${secretStore.label}: ${secretStore.available ? 'available' : 'unavailable'}`,
          `                ${secretStore.detail}`,
        ].join('\n'),
      );
    });
}
