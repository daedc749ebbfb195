import {
  Badge,
  Button,
  MessageBar,
  MessageBarBody,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { AccountPanel } from './AccountPanel.tsx';
import { AddTenantForm } from './AddTenantForm.tsx';
import { useAccountActions, useTenants } from './useAccounts.ts';

const useStyles = makeStyles({ stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXL, maxWidth: '960px' } });

/** Tenant profiles, the account signed in to the active one, and a form to connect another tenant. */
export function AccountsView() {
  const styles = useStyles();
  const tenants = useTenants();
  const { use } = useAccountActions();
  if (tenants.isPending) return <Spinner label="Reading tenant profiles…" />;
  if (tenants.isError) {
    return (
      <MessageBar intent="error">
        <MessageBarBody>{tenants.error.message}</MessageBarBody>
      </MessageBar>
    );
  }
  const profiles = tenants.data.profiles;
  const active = profiles.find((p) => p.active) ?? null;
  return (
    <div className={styles.stack}>
      {profiles.length > 0 && (
        <Table aria-label="Tenant profiles" size="small">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Profile</TableHeaderCell>
              <TableHeaderCell>Tenant</TableHeaderCell>
              <TableHeaderCell>Where</TableHeaderCell>
              <TableHeaderCell />
            </TableRow>
          </TableHeader>
          <TableBody>
            {profiles.map((p) => (
              <TableRow key={p.id}>
                <TableCell>
                  {p.name} {p.active && <Badge appearance="tint">active</Badge>}
                </TableCell>
                <TableCell>{p.tenantId ?? '—'}</TableCell>
                <TableCell>{p.kind === 'emulator' ? `emulator (${p.host})` : p.kind === 'offline' ? 'offline (imported logs)' : `${p.cloud} cloud`}</TableCell>
                <TableCell>
                  {!p.active && (
                    <Button size="small" onClick={() => use.mutate(p.id)}>
                      Switch to
                    </Button>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {active && active.kind !== 'offline' && <AccountPanel key={active.id} profile={active} />}
      <AddTenantForm />
    </div>
  );
}
