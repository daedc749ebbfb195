import { WardenError } from '../../../shared/errors.ts';
import type { accountChannels, AccountStatus, ProfileSummary } from '../../../shared/ipc/accounts.ts';
import type { AuthService } from '../auth/authService.ts';
import type { OpenBrowser } from '../auth/delegatedAuth.ts';
import { directoryRolesOf } from '../auth/directoryRoles.ts';
import type { DemoTenant } from '../demo/demoTenant.ts';
import type { Handlers } from '../ipc/dispatch.ts';
import type { Logger } from '../log.ts';
import type { ProfileRegistry } from '../profiles/profileRegistry.ts';

/** Tries at reading the signed-in account's directory roles before they show as unknown. */
const ROLE_READ_ATTEMPTS = 5;
import type { ConnectedProfile, Profile } from '../profiles/profileSchema.ts';

export interface AccountsApiDeps {
  profiles: ProfileRegistry;
  auth: AuthService;
  demo: DemoTenant;
  /** Shows Entra's sign-in page: the system browser (or, for an emulator, a window that trusts only its CA). */
  openSignInPage: (profile: ConnectedProfile) => OpenBrowser;
  log: Logger;
}

export function accountHandlers(deps: AccountsApiDeps): Handlers<typeof accountChannels> {
  const { profiles, auth, demo } = deps;
  const signIns = new Map<string, AbortController>();
  const needsSignIn = new Map<string, string>();
  auth.on('needs-sign-in', (profileId, reason) => needsSignIn.set(profileId, reason));
  auth.on('signed-in', (profileId) => needsSignIn.delete(profileId));

  const connected = (profileId: string): ConnectedProfile => {
    const profile = profiles.get(profileId);
    if (profile.kind === 'offline') throw new WardenError('invalid-input', `${profile.name} is an offline profile: there is nothing to sign in to.`);
    return profile;
  };

  const status = async (profile: ConnectedProfile, withRoles: boolean): Promise<AccountStatus> => {
    const s = await auth.status(profile);
    let roles: string[] | null = null;
    if (s.user && withRoles) {
      const readRoles = async (): Promise<string[]> => {
        const result = await auth.delegated(profile).acquireSilently('graph');
        const { endpoints, dispatcher } = auth.connection(profile);
        const objectId = (result.idTokenClaims as { oid?: string }).oid ?? result.uniqueId;
        return directoryRolesOf(objectId, endpoints, dispatcher, auth.tokenSource(profile, 'user'));
      };
      // Read again after a moment, up to four times (0.5, 1, 2 and 4 s later): right after sign-in the token
      // cache may still be held by its own write (its lock file, the keyring). Silent acquisition then says
      // nobody is signed in although the status above has the user: seen in CI, with two e2e files signing
      // in at once. Such a moment should not leave the roles "unknown".
      for (let attempt = 1; attempt <= ROLE_READ_ATTEMPTS && roles === null; attempt++) {
        try {
          roles = await readRoles();
        } catch (error) {
          // Roles are a courtesy; the account is still shown (and a needs-sign-in reason is recorded by auth).
          deps.log.warn('could not read directory roles', { error, attempt });
          if (attempt < ROLE_READ_ATTEMPTS) await new Promise((r) => setTimeout(r, 250 * 2 ** attempt));
        }
      }
    }
    const fresh = await auth.status(profile);
    return {
      profileId: profile.id,
      user: fresh.user ? { username: fresh.user.username, name: fresh.user.name, tenantId: fresh.user.tenantId, roles } : null,
      app: fresh.app,
      tokenFreshness: fresh.tokenFreshness,
      persistent: fresh.persistent,
      secretStore: fresh.secretStore,
      needsSignIn: needsSignIn.get(profile.id) ?? null,
    };
  };

  return {
    'tenants.list': () => ({ profiles: profiles.list().map((p) => summarize(p, profiles.active()?.id)) }),
    'tenants.add': async (input) =>
      summarize(
        await profiles.add({
          kind: 'microsoft',
          name: input.name,
          tenantId: input.tenantId,
          clientId: input.clientId,
          cloud: input.cloud,
          useWindowsBroker: input.useWindowsBroker,
          app: null,
        }),
        profiles.active()?.id,
      ),
    'tenants.use': async ({ profileId }) => summarize(await profiles.use(profileId), profileId),
    'tenants.remove': async ({ profileId }) => {
      const profile = profiles.get(profileId);
      if (profile.kind !== 'offline') await auth.signOut(profile, { app: true });
      await profiles.remove(profileId);
      return { removed: true };
    },
    'demo.start': async () => (await demo.ensureStarted()).credentials,
    'demo.credentials': () => demo.credentials(),
    'accounts.status': ({ profileId }) => status(connected(profileId), true),
    'accounts.signIn': async ({ profileId }) => {
      const profile = connected(profileId);
      signIns.get(profileId)?.abort();
      const controller = new AbortController();
      signIns.set(profileId, controller);
      try {
        await auth.signIn(profile, deps.openSignInPage(profile), controller.signal);
      } finally {
        if (signIns.get(profileId) === controller) signIns.delete(profileId);
      }
      return status(profile, true);
    },
    'accounts.cancelSignIn': ({ profileId }) => {
      const controller = signIns.get(profileId);
      controller?.abort();
      return { cancelled: controller !== undefined };
    },
    'accounts.signOut': async ({ profileId }) => {
      const profile = connected(profileId);
      await auth.signOut(profile);
      needsSignIn.delete(profileId);
      return status(profile, false);
    },
  };
}

function summarize(profile: Profile, activeId: string | undefined): ProfileSummary {
  return {
    id: profile.id,
    name: profile.name,
    kind: profile.kind,
    tenantId: profile.kind === 'offline' ? null : profile.tenantId,
    cloud: profile.kind === 'microsoft' ? profile.cloud : null,
    host: profile.kind === 'emulator' ? new URL(profile.authority).host : null,
    active: profile.id === activeId,
  };
}
