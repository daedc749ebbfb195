import { Button, Card, CardHeader, MessageBar, MessageBarBody, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useNavigate } from '../../navigation.tsx';
import { useAccountActions, useTenants } from '../accounts/useAccounts.ts';

const useStyles = makeStyles({
  row: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(280px, 1fr))',
    gap: tokens.spacingHorizontalL,
    maxWidth: '760px',
    marginBottom: tokens.spacingVerticalXL,
  },
});

/** First start: explore the built-in demo tenant, or connect a real one. */
export function GetStarted() {
  const styles = useStyles();
  const navigate = useNavigate();
  const tenants = useTenants();
  const { startDemo } = useAccountActions();
  if (!tenants.data || tenants.data.profiles.some((p) => p.kind !== 'offline')) return null;
  return (
    <section aria-label="Get started">
      <div className={styles.row}>
        <Card>
          <CardHeader
            header={<Text weight="semibold">Explore the demo tenant</Text>}
            description="A simulated Microsoft 365 tenant on this computer, with admins, mailboxes, sign-ins and attacks to find. No account needed."
          />
          <Button appearance="primary" disabled={startDemo.isPending} onClick={() => startDemo.mutate(undefined, { onSuccess: () => navigate('accounts') })}>
            {startDemo.isPending ? 'Starting the demo tenant…' : 'Explore the demo tenant'}
          </Button>
        </Card>
        <Card>
          <CardHeader
            header={<Text weight="semibold">Connect your tenant</Text>}
            description="Sign in to your Microsoft 365 tenant with MFA, through an app registration you control."
          />
          <Button onClick={() => navigate('accounts')}>Connect your tenant</Button>
        </Card>
      </div>
      {startDemo.isError && (
        <MessageBar intent="error">
          <MessageBarBody>The demo tenant did not start: {startDemo.error.message}</MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}
