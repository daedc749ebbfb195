import type { Command } from 'commander';
import { WardenError } from '../../../shared/errors.ts';
import type { AccountStatus } from '../../core/auth/authService.ts';
import { directoryRolesOf } from '../../core/auth/directoryRoles.ts';
import type { ConnectedProfile } from '../../core/profiles/profileSchema.ts';
import type { CliContext } from '../context.ts';
import { cliOpenBrowser } from '../openBrowser.ts';

export function register(program: Command, cli: CliContext): void {
  program
    .command('login')
    .description('sign in to the active tenant (browser, with MFA), or set up app-only certificate auth with --app')
    .option('--app', 'app-only auth for unattended runs: needs --cert and --client-id')
    .option('--cert <file>', 'certificate with its private key: .pfx/.p12, or PEM holding both')
    .option('--cert-password-stdin', "read the certificate's password from stdin")
    .option('--client-id <id>', 'application (client) ID of the app registration that holds the certificate')
    .option('--no-browser', 'only print the sign-in address; do not open a browser')
    .option('--login-hint <upn>', 'pre-fill the user name on the sign-in page')
    .action(async (options: { app?: boolean; cert?: string; certPasswordStdin?: boolean; clientId?: string; browser: boolean; loginHint?: string }) => {
      const profile = await cli.connectedProfile();
      const auth = await cli.auth();
      if (options.app) {
        if (!options.cert || !options.clientId) throw new WardenError('invalid-input', 'login --app needs --cert FILE and --client-id ID.');
        const password = options.certPasswordStdin ? await cli.readStdin() : undefined;
        const { certificate, status } = await auth.importAppCertificate(profile, options.cert, password, options.clientId);
        const expiry = status.app?.expiry;
        if (expiry?.state === 'expiring') cli.out.note(`Warning: this certificate expires in ${expiry.daysLeft} days (${certificate.notAfter.slice(0, 10)}).`);
        cli.out.result(
          { profile: profile.name, app: status.app, persistent: status.persistent },
          `App-only auth ready for ${profile.name}: app ${options.clientId}, certificate ${certificate.subject} (thumbprint ${certificate.thumbprint}, expires ${certificate.notAfter.slice(0, 10)}). The private key is in the ${status.secretStore}; ${options.cert} was not copied.`,
        );
        return;
      }
      if (options.cert || options.clientId) throw new WardenError('invalid-input', '--cert and --client-id belong with --app.');
      const controller = new AbortController();
      const onInterrupt = () => controller.abort();
      process.once('SIGINT', onInterrupt);
      try {
        const status = await auth.signIn(profile, cliOpenBrowser(cli, options.browser), controller.signal, options.loginHint);
        if (!status.persistent) cli.out.note(`Note: tokens are kept in memory only and are not persisted (${status.secretStore} unavailable).`);
        cli.out.result(
          { profile: profile.name, user: status.user, persistent: status.persistent },
          `Signed in to ${profile.name} as ${status.user?.username ?? 'unknown'}.`,
        );
      } finally {
        process.removeListener('SIGINT', onInterrupt);
      }
    });

  program
    .command('whoami')
    .description('who is signed in to the active tenant, with which roles, and how fresh the tokens are (never the tokens)')
    .action(async () => {
      const profile = await cli.connectedProfile();
      const auth = await cli.auth();
      const status = await auth.status(profile);
      if (!status.user && !status.app) {
        throw new WardenError('needs-sign-in', `Nobody is signed in to ${profile.name}: warden login (or warden login --app --cert FILE --client-id ID).`);
      }
      const identities = await describeIdentities(cli, profile, status);
      const fresh = await auth.status(profile);
      const value = {
        profile: profile.name,
        tenantId: profile.tenantId,
        ...identities,
        tokenFreshness: fresh.tokenFreshness,
        persistent: fresh.persistent,
        secretStore: fresh.secretStore,
      };
      cli.out.result(value, () =>
        [
          `Tenant profile: ${profile.name} (${profile.tenantId})`,
          identities.user
            ? `User:           ${identities.user.username}${identities.user.roles.length ? ` (${identities.user.roles.join(', ')})` : ''}`
            : 'User:           not signed in',
          identities.app
            ? `App:            ${identities.app.clientId}, certificate ${identities.app.thumbprint}, expires ${identities.app.notAfter.slice(0, 10)}${identities.app.expiry.state === 'expiring' ? ` (in ${identities.app.expiry.daysLeft} days!)` : ''}${identities.app.working ? '' : ' (not working: see above)'}`
            : 'App:            none',
          ...fresh.tokenFreshness.map((f) => `Token (${f.resource}): valid until ${f.expiresOn}, renewed automatically`),
          `Secrets:        ${fresh.persistent ? fresh.secretStore : `in memory only, not persisted (${fresh.secretStore} unavailable)`}`,
        ].join('\n'),
      );
    });

  program
    .command('logout')
    .description('sign out of the active tenant: removes the account from the token cache; --app also removes the app certificate key')
    .option('--app', "also remove the app-only credential (the certificate's private key in the OS store)")
    .action(async (options: { app?: boolean }) => {
      const profile = await cli.connectedProfile();
      const removed = await (await cli.auth()).signOut(profile, { app: options.app ?? false });
      cli.out.result({ profile: profile.name, ...removed }, `Signed out of ${profile.name}${removed.app ? ' and removed the app credential' : ''}.`);
    });
}

/** Verifies each configured identity by getting a token silently, and reads its directory roles. */
async function describeIdentities(cli: CliContext, profile: ConnectedProfile, status: AccountStatus) {
  const auth = await cli.auth();
  const { endpoints, dispatcher } = auth.connection(profile);
  let user: { username: string; name: string | null; roles: string[] } | null = null;
  if (status.user) {
    const tokens = auth.tokenSource(profile, 'user');
    const result = await auth.delegated(profile).acquireSilently('graph');
    const objectId = (result.idTokenClaims as { oid?: string }).oid ?? result.uniqueId;
    user = { username: status.user.username, name: status.user.name, roles: await directoryRolesOf(objectId, endpoints, dispatcher, tokens) };
  }
  let app: (NonNullable<AccountStatus['app']> & { working: boolean }) | null = null;
  if (status.app) {
    let working = true;
    try {
      await auth.tokenSource(profile, 'app').accessToken('graph');
    } catch (error) {
      if (!status.user) throw error;
      working = false;
      cli.out.note(`The app credential does not work: ${(error as Error).message}`);
    }
    app = { ...status.app, working };
  }
  return { user, app };
}
