import { z } from 'zod';
import { CLOUD_NAMES } from './clouds.ts';

export const PROFILES_VERSION = 2;

export const ProfileName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'use 1 to 64 letters, digits, dots, dashes or underscores, starting with a letter or digit');

/** A GUID, or a verified domain such as contoso.onmicrosoft.com. */
export const TenantIdentifier = z
  .string()
  .regex(/^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[a-z0-9-]+(\.[a-z0-9-]+)+)$/i, 'expected a tenant GUID or a domain name');

export const ClientId = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'expected an application (client) ID GUID');

const HttpsUrl = z.url({ protocol: /^https$/, error: 'expected an https:// URL' });

/** App-only certificate auth for unattended runs. The private key is in the vault, never here. */
export const AppCredential = z.object({
  clientId: ClientId,
  thumbprint: z.string().regex(/^[0-9A-F]{40}$/, 'expected a SHA-1 thumbprint in upper-case hex'),
  thumbprintSha256: z.string().regex(/^[0-9A-F]{64}$/),
  subject: z.string(),
  notBefore: z.iso.datetime(),
  notAfter: z.iso.datetime(),
});
export type AppCredential = z.infer<typeof AppCredential>;

const Common = {
  id: z.uuid(),
  name: ProfileName,
  createdAt: z.iso.datetime(),
};

export const MicrosoftProfile = z.object({
  ...Common,
  kind: z.literal('microsoft'),
  cloud: z.enum(CLOUD_NAMES),
  tenantId: TenantIdentifier,
  /** The public client (app registration) used for interactive sign-in. */
  clientId: ClientId,
  /** Sign in through the Windows account broker (WAM) instead of the browser, where Windows offers it. */
  useWindowsBroker: z.boolean(),
  app: AppCredential.nullable(),
});

/** A local emulator of Microsoft 365 (the demo tenant, tests): its URLs and its own CA, trusted for this profile only. */
export const EmulatorProfile = z.object({
  ...Common,
  kind: z.literal('emulator'),
  tenantId: TenantIdentifier,
  clientId: ClientId,
  authority: HttpsUrl,
  graph: HttpsUrl,
  exchange: HttpsUrl,
  manage: HttpsUrl,
  caCertPem: z.string().startsWith('-----BEGIN CERTIFICATE-----'),
  app: AppCredential.nullable(),
});

/** No connection at all: a store for imported logs and case files. */
export const OfflineProfile = z.object({ ...Common, kind: z.literal('offline') });

export const Profile = z.discriminatedUnion('kind', [MicrosoftProfile, EmulatorProfile, OfflineProfile]);
export type Profile = z.infer<typeof Profile>;
export type ConnectedProfile = z.infer<typeof MicrosoftProfile> | z.infer<typeof EmulatorProfile>;

export const ProfilesFile = z.object({
  version: z.literal(PROFILES_VERSION),
  activeProfileId: z.uuid().nullable(),
  profiles: z.array(Profile),
});
export type ProfilesFile = z.infer<typeof ProfilesFile>;
