import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { WardenError } from '../../shared/errors.ts';
import { createLogger, type Logger } from '../core/log.ts';
import { defaultDataDir } from '../core/paths.ts';
import { ProfileRegistry } from '../core/profiles/profileRegistry.ts';
import type { Profile } from '../core/profiles/profileSchema.ts';
import { openVault, type SecretVault } from '../core/vault/secretVault.ts';
import { AuthService } from '../core/auth/authService.ts';
import type { ConnectedProfile } from '../core/profiles/profileSchema.ts';
import { CliOutput, type CliStreams } from './output.ts';

export interface GlobalOptions {
  dataDir?: string;
  json?: boolean;
  verbose?: boolean;
}

/** Where a profile's evidence store lives, and the key that opens it (from the OS vault). */
export interface StoreLocation {
  profile: Profile;
  file: string;
  key: Buffer;
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
  /** Set by a command whose result is printed but incomplete (exit code 4). */
  partial: string | null = null;

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

  /** Releases connections so the process can exit. */
  async close(): Promise<void> {
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
    const vault = await this.vault();
    if (!vault.persistent) {
      throw new WardenError(
        'unavailable',
        `The evidence store is encrypted with a key kept in the OS secret store, and none answered (${vault.status.detail}). Warden will not write that key to a file. Start your keyring and try again.`,
      );
    }
    const name = `store-key:${profile.id}`;
    let encoded = await vault.get(name);
    if (!encoded) {
      encoded = randomBytes(32).toString('base64');
      await vault.set(name, encoded);
    }
    const key = Buffer.from(encoded, 'base64');
    if (key.length !== 32) throw new WardenError('internal', `The store key for ${profile.name} in the secret store is damaged (not 32 bytes).`);
    return { profile, file: path.join(this.dataDir(), 'stores', `${profile.id}.sqlite`), key };
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
