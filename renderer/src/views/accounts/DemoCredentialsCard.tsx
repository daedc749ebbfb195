import { useQuery } from '@tanstack/react-query';
import { Card, CardHeader, Text, makeStyles, tokens } from '@fluentui/react-components';
import { invoke } from '../../ipc/client.ts';

const useStyles = makeStyles({
  grid: { display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: tokens.spacingHorizontalL, rowGap: tokens.spacingVerticalXS, margin: 0 },
  code: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase400, letterSpacing: '0.1em' },
});

/** The demo admin's sign-in details, with the TOTP code the sign-in page will ask for (refreshed every second). */
export function DemoCredentialsCard() {
  const styles = useStyles();
  const credentials = useQuery({ queryKey: ['accounts', 'demo-credentials'], queryFn: () => invoke('demo.credentials', {}), refetchInterval: 1000 });
  if (!credentials.data) return null;
  const c = credentials.data;
  return (
    <Card appearance="filled-alternative" aria-label="Demo sign-in details">
      <CardHeader header={<Text weight="semibold">Demo tenant sign-in (shown because this is a local demo)</Text>} />
      <dl className={styles.grid}>
        <dt>User name</dt>
        <dd data-testid="demo-upn">{c.userPrincipalName}</dd>
        <dt>Password</dt>
        <dd data-testid="demo-password" className={styles.code}>
          {c.password}
        </dd>
        <dt>Authenticator code</dt>
        <dd>
          <span data-testid="demo-totp" className={styles.code}>
            {c.totpCode}
          </span>{' '}
          <Text size={200}>({c.totpSecondsLeft} s left)</Text>
        </dd>
        <dt>Roles</dt>
        <dd>{c.roles.join(', ')}</dd>
      </dl>
    </Card>
  );
}
