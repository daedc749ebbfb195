import type { appChannels } from '../../../shared/ipc/app.ts';
import { WardenError } from '../../../shared/errors.ts';
import type { Handlers } from '../ipc/dispatch.ts';
import { HELP_LINKS, isAllowedHelpUrl } from '../helpLinks.ts';
import { probeSecretStore } from '../vault/secretStoreProbe.ts';
import type { SecretStoreStatus } from '../../../shared/ipc/app.ts';

export interface AppApiDeps {
  version: string;
  dataDir: string;
  /** Electron and Chromium versions when running inside Electron; null in the CLI and tests. */
  electronVersion: string | null;
  chromeVersion: string | null;
  openExternal: (url: string) => Promise<void>;
  probeSecretStore?: () => Promise<SecretStoreStatus>;
}

export function appHandlers(deps: AppApiDeps): Handlers<typeof appChannels> {
  const probe = deps.probeSecretStore ?? (() => probeSecretStore());
  return {
    'app.info': async () => ({
      version: deps.version,
      platform: process.platform,
      arch: process.arch,
      runtime: { node: process.versions.node, electron: deps.electronVersion, chrome: deps.chromeVersion },
      dataDir: deps.dataDir,
      secretStore: await probe(),
    }),
    'app.openExternalHelp': async ({ topic }) => {
      const url = HELP_LINKS[topic];
      if (!isAllowedHelpUrl(url)) throw new WardenError('not-allowed', `No help page is registered for ${topic}.`);
      await deps.openExternal(url);
      return { url };
    },
  };
}
