import { useMutation, useQuery } from '@tanstack/react-query';
import { Badge, Button, Card, CardHeader, MessageBar, MessageBarBody, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import { Open16Regular } from '@fluentui/react-icons';
import { invoke } from '../../ipc/client.ts';
import { GetStarted } from './GetStarted.tsx';
import { PostureCard } from './PostureCard.tsx';

const useStyles = makeStyles({
  grid: { display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: tokens.spacingHorizontalL, rowGap: tokens.spacingVerticalS },
  term: { color: tokens.colorNeutralForeground3 },
  card: { maxWidth: '760px' },
  actions: { marginTop: tokens.spacingVerticalL },
});

/** Home: what this installation is and where its data lives. */
export function HomeView() {
  const styles = useStyles();
  const info = useQuery({ queryKey: ['app.info'], queryFn: () => invoke('app.info', {}) });
  const help = useMutation({ mutationFn: () => invoke('app.openExternalHelp', { topic: 'getting-started' }) });

  if (info.isPending) return <Spinner label="Asking the app about itself…" />;
  if (info.isError) {
    return (
      <MessageBar intent="error">
        <MessageBarBody>Could not read the app's information: {info.error.message}</MessageBarBody>
      </MessageBar>
    );
  }
  const { version, platform, arch, runtime, dataDir, secretStore } = info.data;
  return (
    <>
      <GetStarted />
      <PostureCard />
      <Card className={styles.card}>
        <CardHeader header={<Text weight="semibold">This installation</Text>} />
        <dl className={styles.grid} aria-label="App information">
          <dt className={styles.term}>Version</dt>
          <dd data-testid="app-version">{version}</dd>
          <dt className={styles.term}>Platform</dt>
          <dd data-testid="app-platform">
            {platform} ({arch})
          </dd>
          <dt className={styles.term}>Runtime</dt>
          <dd>
            Node {runtime.node}
            {runtime.electron ? `, Electron ${runtime.electron}` : ''}
          </dd>
          <dt className={styles.term}>Data folder</dt>
          <dd data-testid="app-data-dir">{dataDir}</dd>
          <dt className={styles.term}>Secret store</dt>
          <dd data-testid="app-secret-store">
            {secretStore.label}{' '}
            <Badge appearance="tint" color={secretStore.available ? 'success' : 'warning'}>
              {secretStore.available ? 'available' : 'unavailable'}
            </Badge>
            <br />
            <Text size={200}>{secretStore.detail}</Text>
          </dd>
        </dl>
        <div className={styles.actions}>
          <Button icon={<Open16Regular />} onClick={() => help.mutate()} disabled={help.isPending}>
            Exchange Online documentation
          </Button>
          {help.isError && <Text role="alert"> Could not open the page: {help.error.message}</Text>}
        </div>
      </Card>
    </>
  );
}
