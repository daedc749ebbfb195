import { Badge, Button, Card, CardHeader, MessageBar, MessageBarBody, MessageBarTitle, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { ProfileSummary } from '../../../../shared/ipc/accounts.ts';
import { useAccountActions, useAccountStatus } from './useAccounts.ts';
import { DemoCredentialsCard } from './DemoCredentialsCard.tsx';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  grid: { display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: tokens.spacingHorizontalL, rowGap: tokens.spacingVerticalS, margin: 0 },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS },
});

const RESOURCE_NAMES = { graph: 'Microsoft Graph', exchange: 'Exchange Online', manage: 'Management Activity API' } as const;

/** Who is signed in to one tenant profile, with which roles, how fresh the tokens are, and where secrets live. */
export function AccountPanel({ profile }: { profile: ProfileSummary }) {
  const styles = useStyles();
  const status = useAccountStatus(profile.id);
  const actions = useAccountActions();
  const signingIn = actions.signIn.isPending && actions.signIn.variables === profile.id;
  const s = status.data;

  return (
    <Card aria-label={`Account for ${profile.name}`}>
      <CardHeader
        header={<Text weight="semibold">{profile.name}</Text>}
        description={profile.kind === 'emulator' ? `Emulator at ${profile.host}` : `Tenant ${profile.tenantId} (${profile.cloud} cloud)`}
      />
      <div className={styles.stack}>
        {status.isPending && <Spinner size="small" label="Reading the account…" />}
        {status.isError && (
          <MessageBar intent="error">
            <MessageBarBody>{status.error.message}</MessageBarBody>
          </MessageBar>
        )}
        {s && !s.persistent && (
          <MessageBar intent="warning">
            <MessageBarBody>
              <MessageBarTitle>Tokens are not persisted.</MessageBarTitle>
              {s.secretStore} is unavailable: tokens are kept in memory for this run only, and nothing is written to disk.
            </MessageBarBody>
          </MessageBar>
        )}
        {s?.needsSignIn && (
          <MessageBar intent="warning" data-testid="needs-sign-in">
            <MessageBarBody>
              <MessageBarTitle>Sign in again.</MessageBarTitle>
              {s.needsSignIn} Work that needs this tenant is paused until you do.
            </MessageBarBody>
          </MessageBar>
        )}
        {actions.signIn.isError && actions.signIn.variables === profile.id && (
          <MessageBar intent="error" data-testid="sign-in-error">
            <MessageBarBody>{actions.signIn.error.message}</MessageBarBody>
          </MessageBar>
        )}
        {s && (
          <dl className={styles.grid}>
            <dt>Signed in</dt>
            <dd data-testid="account-user">{s.user ? `${s.user.username}${s.user.name ? ` (${s.user.name})` : ''}` : 'nobody'}</dd>
            {s.user && (
              <>
                <dt>Directory roles</dt>
                <dd data-testid="account-roles">{s.user.roles === null ? 'unknown' : s.user.roles.length ? s.user.roles.join(', ') : 'none'}</dd>
              </>
            )}
            {s.tokenFreshness.map((f) => (
              <div key={f.resource} style={{ display: 'contents' }}>
                <dt>{RESOURCE_NAMES[f.resource]}</dt>
                <dd>token valid until {new Date(f.expiresOn).toLocaleTimeString()}, renewed automatically</dd>
              </div>
            ))}
            {s.app && (
              <>
                <dt>App-only certificate</dt>
                <dd>
                  {s.app.subject} ({s.app.thumbprint}), expires {s.app.notAfter.slice(0, 10)}{' '}
                  {s.app.expiry.state === 'expiring' && <Badge color="warning">expires in {s.app.expiry.daysLeft} days</Badge>}
                  {s.app.expiry.state === 'expired' && <Badge color="danger">expired</Badge>}
                </dd>
              </>
            )}
            <dt>Secrets kept in</dt>
            <dd data-testid="account-secret-store">{s.persistent ? s.secretStore : 'memory only (not persisted)'}</dd>
          </dl>
        )}
        {profile.kind === 'emulator' && !s?.user && <DemoCredentialsCard />}
        <div className={styles.actions}>
          {signingIn ? (
            <>
              <Spinner size="tiny" label="Waiting for the sign-in in the browser…" />
              <Button onClick={() => actions.cancelSignIn.mutate(profile.id)}>Cancel sign-in</Button>
            </>
          ) : (
            <Button appearance="primary" onClick={() => actions.signIn.mutate(profile.id)}>
              {s?.user ? 'Sign in again' : 'Sign in'}
            </Button>
          )}
          {s?.user && !signingIn && <Button onClick={() => actions.signOut.mutate(profile.id)}>Sign out</Button>}
        </div>
      </div>
    </Card>
  );
}
