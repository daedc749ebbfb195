import * as OTPAuth from 'otpauth';
import { WardenError } from '../../../shared/errors.ts';
import type { DemoCredentials } from '../../../shared/ipc/accounts.ts';
import type { ProfileRegistry } from '../profiles/profileRegistry.ts';
import type { Profile } from '../profiles/profileSchema.ts';

/** What the embedded emulator reports when it is ready (the parts the demo needs). */
export interface DemoReadyInfo {
  authority: string;
  tenantId: string;
  graph: string;
  exo: string;
  manage: string;
  caCertPem: string;
  publicClientId: string;
  users: Array<{ upn: string; password: string; totpSecret: string; roles: string[] }>;
}

export interface DemoTenantHandle {
  info: DemoReadyInfo;
  stop(): Promise<void>;
}

/** Starts the emulator in this process on loopback with the demo's fixed seed. Provided by the app shell. */
export type StartDemoTenant = (dataDir: string) => Promise<DemoTenantHandle>;

export const DEMO_PROFILE_NAME = 'demo';
export const DEMO_SEED = 'warden-demo';

/**
 * The demo tenant: a new user can explore every view before connecting a real tenant. Starting it runs the
 * emulator and points the "demo" profile at it (its address changes each run); its admin's password and
 * current TOTP code are shown on screen, since they protect nothing real.
 */
export class DemoTenant {
  private handle: DemoTenantHandle | null = null;
  private starting: Promise<DemoTenantHandle> | null = null;
  private readonly start: StartDemoTenant | null;
  private readonly dataDir: string;
  private readonly profiles: ProfileRegistry;

  constructor(options: { start: StartDemoTenant | null; dataDir: string; profiles: ProfileRegistry }) {
    this.start = options.start;
    this.dataDir = options.dataDir;
    this.profiles = options.profiles;
  }

  async ensureStarted(): Promise<{ profile: Profile; credentials: DemoCredentials }> {
    if (!this.start) throw new WardenError('unavailable', 'The demo tenant is not part of this build.');
    if (!this.handle) {
      this.starting ??= this.start(this.dataDir);
      try {
        this.handle = await this.starting;
      } finally {
        this.starting = null;
      }
    }
    const info = this.handle.info;
    const fields = {
      kind: 'emulator' as const,
      tenantId: info.tenantId,
      clientId: info.publicClientId,
      authority: info.authority,
      graph: info.graph,
      exchange: info.exo,
      manage: info.manage,
      caCertPem: info.caCertPem,
    };
    const existing = this.profiles.find(DEMO_PROFILE_NAME);
    let profile: Profile;
    if (existing && existing.kind === 'emulator') profile = await this.profiles.update(existing.id, (p) => ({ ...p, ...fields }) as Profile);
    else if (existing)
      throw new WardenError('invalid-input', `A profile named "${DEMO_PROFILE_NAME}" exists and is not the demo tenant; rename or remove it first.`);
    else profile = await this.profiles.add({ ...fields, name: DEMO_PROFILE_NAME, app: null });
    await this.profiles.use(profile.id);
    return { profile, credentials: this.credentials(profile.id) };
  }

  credentials(profileId?: string): DemoCredentials {
    if (!this.handle) throw new WardenError('unavailable', 'The demo tenant is not running; start it from Home.');
    const admin = this.handle.info.users.find((u) => u.roles.some((r) => /Global Administrator/i.test(r))) ?? this.handle.info.users[0];
    if (!admin) throw new WardenError('internal', 'The demo tenant has no users.');
    const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(admin.totpSecret), digits: 6, period: 30, algorithm: 'SHA1' });
    const now = Date.now();
    return {
      profileId: profileId ?? this.profiles.find(DEMO_PROFILE_NAME)?.id ?? '',
      userPrincipalName: admin.upn,
      password: admin.password,
      totpCode: totp.generate({ timestamp: now }),
      totpSecondsLeft: 30 - (Math.floor(now / 1000) % 30),
      roles: admin.roles,
    };
  }

  async stop(): Promise<void> {
    const handle = this.handle;
    this.handle = null;
    await handle?.stop();
  }
}
