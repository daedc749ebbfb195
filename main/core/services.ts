import type { Emit } from './ipc/emitter.ts';
import type { WardenEvents } from '../../shared/ipc/events.ts';
import { AuthService } from './auth/authService.ts';
import type { OpenBrowser } from './auth/delegatedAuth.ts';
import { DemoTenant, type StartDemoTenant } from './demo/demoTenant.ts';
import { EvidenceStores } from './evidenceStores.ts';
import { JobEngine } from './jobs/jobEngine.ts';
import { JOB_KINDS } from './jobs/jobKinds.ts';
import type { Logger } from './log.ts';
import { ProfileRegistry } from './profiles/profileRegistry.ts';
import type { ConnectedProfile } from './profiles/profileSchema.ts';
import { openVault, type SecretVault } from './vault/secretVault.ts';

export interface ServicesOptions {
  dataDir: string;
  version: string;
  electronVersion: string | null;
  chromeVersion: string | null;
  log: Logger;
  /** Opens an allow-listed help page in the system browser. */
  openExternal: (url: string) => Promise<void>;
  /** How Entra's sign-in page is shown for a profile. */
  openSignInPage: (profile: ConnectedProfile) => OpenBrowser;
  /** Runs the embedded emulator for the demo tenant; null where the build has none. */
  startDemoTenant: StartDemoTenant | null;
  /** Pushes events to the renderer. */
  emit: Emit<WardenEvents>;
  /** The app window's native handle, for the Windows account broker's dialog. */
  nativeWindowHandle?: () => Buffer | undefined;
  /** Opens the OS vault; tests may pass another (for example one that behaves as if no keyring ran). */
  openVault?: () => Promise<SecretVault>;
  /**
   * Asks the user where to save an export (the desktop app: Electron's save dialog) and answers the
   * absolute path, or null when the user cancels. Without it, exports answer 'unavailable'.
   */
  chooseExportFile?: (suggestedName: string) => Promise<string | null>;
}

/** The app's core services, the same for the desktop app, the CLI's long commands and the tests. */
export interface Services {
  options: ServicesOptions;
  vault: SecretVault;
  profiles: ProfileRegistry;
  auth: AuthService;
  demo: DemoTenant;
  /** The encrypted evidence store of each profile, opened on first use. */
  stores: EvidenceStores;
  /** Resumable jobs (inventories, collections) for every profile. */
  jobs: JobEngine;
  close(): Promise<void>;
}

export async function createServices(options: ServicesOptions): Promise<Services> {
  const vault = await (options.openVault ?? (() => openVault()))();
  if (!vault.persistent) options.log.warn('no OS secret store: tokens and keys are kept in memory only', { detail: vault.status.detail });
  const profiles = await ProfileRegistry.open(options.dataDir);
  const auth = new AuthService({
    dataDir: options.dataDir,
    vault,
    profiles,
    log: options.log,
    ...(options.nativeWindowHandle ? { windowHandle: options.nativeWindowHandle } : {}),
  });
  const demo = new DemoTenant({ start: options.startDemoTenant, dataDir: options.dataDir, profiles });
  const stores = new EvidenceStores({ dataDir: options.dataDir, vault, profiles, log: options.log });
  const jobs = new JobEngine({ auth, profiles, store: (id) => stores.forProfile(id), kinds: JOB_KINDS, log: options.log });
  auth.on('signed-in', (profileId) => options.emit('accounts.changed', { profileId }));
  auth.on('signed-out', (profileId) => options.emit('accounts.changed', { profileId }));
  auth.on('needs-sign-in', (profileId, reason) => options.emit('accounts.needsSignIn', { profileId, reason }));
  jobs.on('update', (_profileId, snapshot) => options.emit('jobs.update', snapshot));
  return {
    options,
    vault,
    profiles,
    auth,
    demo,
    stores,
    jobs,
    async close() {
      await jobs.shutdown();
      stores.closeAll();
      await demo.stop();
      await auth.close();
    },
  };
}
