import { z } from 'zod';
import { channel } from './channel.ts';

export const CloudName = z.enum(['global', 'usgov', 'usgovdod', 'china']);

export const ProfileSummary = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['microsoft', 'emulator', 'offline']),
  tenantId: z.string().nullable(),
  cloud: CloudName.nullable(),
  /** For emulators: where it runs (host:port). */
  host: z.string().nullable(),
  active: z.boolean(),
});
export type ProfileSummary = z.infer<typeof ProfileSummary>;

export const ExpiryState = z.discriminatedUnion('state', [
  z.object({ state: z.literal('valid') }),
  z.object({ state: z.literal('expiring'), daysLeft: z.number() }),
  z.object({ state: z.literal('expired') }),
  z.object({ state: z.literal('not-yet-valid') }),
]);

/** What the Accounts view shows: who, where, which roles, how fresh. Never a token, never a key. */
export const AccountStatus = z.object({
  profileId: z.string(),
  user: z.object({ username: z.string(), name: z.string().nullable(), tenantId: z.string(), roles: z.array(z.string()).nullable() }).nullable(),
  app: z.object({ clientId: z.string(), thumbprint: z.string(), subject: z.string(), notAfter: z.string(), expiry: ExpiryState }).nullable(),
  tokenFreshness: z.array(z.object({ resource: z.enum(['graph', 'exchange', 'manage']), expiresOn: z.string() })),
  persistent: z.boolean(),
  secretStore: z.string(),
  /** Set when the last silent renewal needed the user (revoked session, new MFA...). */
  needsSignIn: z.string().nullable(),
});
export type AccountStatus = z.infer<typeof AccountStatus>;

/** The demo tenant's sign-in details, shown on screen on purpose: it is a local demo, not a real tenant. */
export const DemoCredentials = z.object({
  profileId: z.string(),
  userPrincipalName: z.string(),
  password: z.string(),
  totpCode: z.string(),
  totpSecondsLeft: z.number(),
  roles: z.array(z.string()),
});
export type DemoCredentials = z.infer<typeof DemoCredentials>;

const ProfileRef = z.strictObject({ profileId: z.string().min(1).max(100) });
const Uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'expected a GUID');

export const accountChannels = {
  'tenants.list': channel(z.strictObject({}), z.object({ profiles: z.array(ProfileSummary) })),
  'tenants.add': channel(
    z.strictObject({
      name: z.string().min(1).max(64),
      tenantId: z.string().min(3).max(255),
      clientId: Uuid,
      cloud: CloudName,
      /** Windows only: sign in through the Windows account broker (WAM). */
      useWindowsBroker: z.boolean().default(false),
    }),
    ProfileSummary,
  ),
  'tenants.use': channel(ProfileRef, ProfileSummary),
  'tenants.remove': channel(ProfileRef, z.object({ removed: z.boolean() })),
  /** Starts the embedded demo tenant (an emulator on loopback, fixed seed) and makes it the active profile. */
  'demo.start': channel(z.strictObject({}), DemoCredentials),
  /** The demo user's current TOTP code (it changes every 30 seconds). */
  'demo.credentials': channel(z.strictObject({}), DemoCredentials),
  'accounts.status': channel(ProfileRef, AccountStatus),
  /** Opens Entra's sign-in page in the browser and resolves when the sign-in completes, fails or is cancelled. */
  'accounts.signIn': channel(ProfileRef, AccountStatus),
  'accounts.cancelSignIn': channel(ProfileRef, z.object({ cancelled: z.boolean() })),
  'accounts.signOut': channel(ProfileRef, AccountStatus),
};
