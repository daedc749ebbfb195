import type { WardenContract } from '../../../shared/ipc/contract.ts';
import type { Handlers } from '../ipc/dispatch.ts';
import type { Services } from '../services.ts';
import { accountHandlers } from './accounts.ts';
import { adminHandlers } from './admin.ts';
import { appHandlers } from './app.ts';
import { jobHandlers } from './jobs.ts';
import { activeImportTarget, importHandlers } from './imports.ts';
import { activeReviewStore, reviewHandlers } from './review.ts';
import { findingHandlers } from './findings.ts';
import { collectHandlers } from './collect.ts';
import { postureHandlers } from './posture.ts';

/** The whole handler table for the contract, one spread per area. A missing channel is a compile error. */
export function createHandlers(services: Services): Handlers<WardenContract> {
  const { options } = services;
  return {
    ...appHandlers({
      version: options.version,
      dataDir: options.dataDir,
      electronVersion: options.electronVersion,
      chromeVersion: options.chromeVersion,
      openExternal: options.openExternal,
      probeSecretStore: async () => services.vault.status,
    }),
    ...accountHandlers({
      profiles: services.profiles,
      auth: services.auth,
      demo: services.demo,
      openSignInPage: options.openSignInPage,
      log: options.log,
    }),
    ...jobHandlers({ jobs: services.jobs, profiles: services.profiles }),
    ...reviewHandlers({ store: activeReviewStore(services), chooseExportFile: options.chooseExportFile ?? null, log: options.log }),
    ...importHandlers({ dataDir: options.dataDir, openTarget: activeImportTarget(services), emit: options.emit, log: options.log }),
    ...findingHandlers({
      store: () => services.stores.active(),
      existingStore: () => activeReviewStore(services)({ create: false }),
      emit: options.emit,
      log: options.log,
    }),
    ...adminHandlers(services),
    ...collectHandlers({ jobs: services.jobs, profiles: services.profiles, stores: services.stores }),
    ...postureHandlers({ store: () => activeReviewStore(services)({ create: false }) }),
  };
}
