import path from 'node:path';
import { WardenError } from '../../shared/errors.ts';
import { createLogger, type Logger } from '../core/log.ts';
import { defaultDataDir } from '../core/paths.ts';
import { ProfileRegistry } from '../core/profiles/profileRegistry.ts';
import type { Profile } from '../core/profiles/profileSchema.ts';
import { openVault, type SecretVault } from '../core/vault/secretVault.ts';
import { AuthService } from '../core/auth/authService.ts';
import { EvidenceStores, storeLocationFor, type StoreLocation } from '../core/evidenceStores.ts';
import { JobEngine } from '../core/jobs/jobEngine.ts';
import { JOB_KINDS } from '../core/jobs/jobKinds.ts';
import type { ConnectedProfile } from '../core/profiles/profileSchema.ts';
import { CliOutput, type CliStreams } from './output.ts';
import type { ExitCode } from './exitCodes.ts';

export interface GlobalOptions {
  dataDir?: string;
  json?: boolean;
  verbose?: boolean;
}

/**
 * What every command gets: output that follows the CLI conventions, and the same core services the
 * desktop app uses, created on first use so `warden --help` touches nothing.
 */
export class CliContext {
  readonly streams: CliStreams;
  readonly env: NodeJS.ProcessEnv;
  private readonly options: () => GlobalOptions;
  private registry: Promise<ProfileRegistry> | null = null;
  private secretVault: Promise<SecretVault> | null = null;
  private output: CliOutput | null = null;
  private authService: Promise<AuthService> | null = null;
  private evidenceStores: Promise<EvidenceStores> | null = null;
  private jobEngine: Promise<JobEngine> | null = null;
  /** Set by a command whose result is printed but incomplete (exit code 4). */
  partial: string | null = null;
  /** Set by a command whose result is printed but says something is wrong (e.g. a failed posture check). */
  resultCode: ExitCode | null = null;

  constructor(streams: CliStreams, env: NodeJS.ProcessEnv, options: () => GlobalOptions) {
    this.streams = streams;
    this.env = env;
    this.options = options;
  }

  get out(): CliOutput {
    this.output ??= new CliOutput(this.streams, this.options().json === true);
    return this.output;
  }

  /** Logs go to stderr as JSON lines, redacted; debug lines only with --verbose. */
  get log(): Logger {
    return createLogger((line) => this.streams.stderr.write(`${line}\n`), this.options().verbose ? 'debug' : 'warn');
  }

  dataDir(): string {
    const option = this.options().dataDir;
    return option ? path.resolve(option) : defaultDataDir(process.platform, this.env);
  }

  profiles(): Promise<ProfileRegistry> {
    this.registry ??= ProfileRegistry.open(this.dataDir());
    return this.registry;
  }

  vault(): Promise<SecretVault> {
    this.secretVault ??= openVault().then((vault) => {
      if (!vault.persistent) this.out.note(`Note: ${vault.status.detail}`);
      return vault;
    });
    return this.secretVault;
  }

  /** Sign-in and tokens, on the same vault and profiles as the desktop app. */
  auth(): Promise<AuthService> {
    this.authService ??= Promise.all([this.vault(), this.profiles()]).then(
      ([vault, profiles]) => new AuthService({ dataDir: this.dataDir(), vault, profiles, log: this.log }),
    );
    return this.authService;
  }

  /** The evidence stores, opened on first use (keys from the OS vault). */
  stores(): Promise<EvidenceStores> {
    this.evidenceStores ??= Promise.all([this.vault(), this.profiles()]).then(
      ([vault, profiles]) => new EvidenceStores({ dataDir: this.dataDir(), vault, profiles, log: this.log }),
    );
    return this.evidenceStores;
  }

  /** The job engine, on the same stores and sign-ins as the desktop app. */
  jobs(): Promise<JobEngine> {
    this.jobEngine ??= Promise.all([this.auth(), this.profiles(), this.stores()]).then(
      ([auth, profiles, stores]) => new JobEngine({ auth, profiles, store: (id) => stores.forProfile(id), kinds: JOB_KINDS, log: this.log }),
    );
    return this.jobEngine;
  }

  /** The active profile, which must reach a tenant (Microsoft's cloud or an emulator). */
  async connectedProfile(): Promise<ConnectedProfile> {
    const profile = await this.activeProfile();
    if (profile.kind === 'offline')
      throw new WardenError('invalid-input', `The active profile ${profile.name} is offline (imported logs only); switch with \`warden tenant use NAME\`.`);
    return profile;
  }

  /**
   * Marks the command's result as incomplete: the result has been (or will be) printed as usual, and the
   * command exits with code 4 after saying on stderr what is missing.
   */
  incomplete(whatIsMissing: string): void {
    this.partial = whatIsMissing;
  }

  /** Ends the command with this exit code once its result is printed (never for errors: those throw). */
  exitWith(code: ExitCode): void {
    this.resultCode = code;
  }

  /** Releases connections so the process can exit. */
  async close(): Promise<void> {
    if (this.evidenceStores) (await this.evidenceStores).closeAll();
    if (this.authService) await (await this.authService).close();
  }

  async activeProfile(): Promise<Profile> {
    const profile = (await this.profiles()).active();
    if (!profile) throw new WardenError('invalid-input', 'No tenant profile yet. Add one with `warden tenant add NAME ...` (see `warden tenant add --help`).');
    return profile;
  }

  /**
   * The evidence store of the active profile. With no profile at all, a local offline profile is
   * created, so importing a log file needs no setup.
   */
  async storeLocation(): Promise<StoreLocation> {
    const registry = await this.profiles();
    let profile = registry.active();
    if (!profile && registry.list().length === 0) {
      profile = await registry.add({ kind: 'offline', name: 'local' });
      this.out.note('Created the offline tenant profile "local" for this data (`warden tenant list`).');
    }
    if (!profile) throw new WardenError('invalid-input', 'No active tenant profile. Choose one with `warden tenant use NAME`.');
    return storeLocationFor(profile, this.dataDir(), await this.vault());
  }

  /** All of stdin as text (for --passphrase-stdin, --cert-password-stdin), without a trailing newline. */
  async readStdin(): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const chunk of this.streams.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
    return Buffer.concat(chunks)
      .toString('utf8')
      .replace(/\r?\n$/, '');
  }
}
