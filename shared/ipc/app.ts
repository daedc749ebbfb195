import { z } from 'zod';
import { channel } from './channel.ts';

/** The OS secret store Warden keeps tokens and keys in, and whether it answered. */
export const SecretStoreStatus = z.object({
  backend: z.enum(['dpapi', 'keychain', 'libsecret', 'none']),
  label: z.string(),
  available: z.boolean(),
  detail: z.string(),
});
export type SecretStoreStatus = z.infer<typeof SecretStoreStatus>;

export const AppInfo = z.object({
  version: z.string(),
  platform: z.string(),
  arch: z.string(),
  runtime: z.object({ node: z.string(), electron: z.string().nullable(), chrome: z.string().nullable() }),
  dataDir: z.string(),
  secretStore: SecretStoreStatus,
});
export type AppInfo = z.infer<typeof AppInfo>;

/** Help pages the renderer may ask main to open. The URLs themselves are fixed in main, never sent by the renderer. */
export const HelpTopic = z.enum(['getting-started', 'app-registration', 'exchange-rbac', 'audit-retention']);
export type HelpTopic = z.infer<typeof HelpTopic>;

export const appChannels = {
  'app.info': channel(z.strictObject({}), AppInfo),
  'app.openExternalHelp': channel(z.strictObject({ topic: HelpTopic }), z.object({ url: z.string() })),
};
