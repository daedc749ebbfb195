import { WardenError } from '../../../shared/errors.ts';
import type { AuthMode, AuthService } from '../auth/authService.ts';
import { createTenantClients } from '../jobs/tenantClients.ts';
import type { Logger } from '../log.ts';
import type { ExchangeAdminClient } from '../m365/exo/exchangeAdminClient.ts';
import type { ConnectedProfile } from '../profiles/profileSchema.ts';

/** Who makes a change, and the Exchange client that acts as them. */
export interface ChangeSession {
  profile: ConnectedProfile;
  exchange: ExchangeAdminClient;
  /** As the journal names them: the signed-in admin's UPN, or "app <client id>". */
  actor: string;
  authMode: AuthMode;
}

/**
 * Opens a session for admin changes on a tenant. A change is made by a person when one is signed in (the
 * journal then names them, and Exchange's audit record shows them); otherwise by the app credential, when
 * one is configured, or when asked for explicitly with `mode`.
 */
export async function openChangeSession(auth: AuthService, profile: ConnectedProfile, log: Logger, mode?: AuthMode): Promise<ChangeSession> {
  const status = await auth.status(profile);
  const chosen: AuthMode | null = mode ?? (status.user ? 'user' : profile.app ? 'app' : null);
  if (chosen === null) throw new WardenError('needs-sign-in', `Nobody is signed in to ${profile.name}: sign in (Accounts, or \`warden login\`) before changing anything.`);
  if (chosen === 'user' && !status.user) throw new WardenError('needs-sign-in', `Nobody is signed in to ${profile.name}: sign in first (\`warden login\`).`);
  if (chosen === 'app' && !profile.app) throw new WardenError('needs-sign-in', `No app certificate is configured for ${profile.name}: warden login --app --cert FILE --client-id ID.`);
  const clients = await createTenantClients(auth, profile, chosen, log);
  const actor = chosen === 'user' ? status.user!.username : `app ${profile.app!.clientId}`;
  return { profile, exchange: clients.exchange, actor, authMode: chosen };
}
