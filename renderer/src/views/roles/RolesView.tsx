import { useState } from 'react';
import { MessageBar, MessageBarBody, Spinner, Tab, TabList, makeStyles, tokens } from '@fluentui/react-components';
import { PeopleTeam20Regular, ShieldCheckmark20Regular } from '@fluentui/react-icons';
import { useQuery } from '@tanstack/react-query';
import type { ChangeRequestInput } from '../../../../shared/model/adminChanges.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { invoke } from '../../ipc/client.ts';
import { ChangeDialog } from '../journal/ChangeDialog.tsx';
import { adminKey, useAdminEvents } from '../journal/useAdmin.ts';
import { InventoryStatus } from '../mailboxes/InventoryStatus.tsx';
import { AuditSettingsPanel } from './AuditSettingsPanel.tsx';
import { RoleGroupsPanel } from './RoleGroupsPanel.tsx';

const useStyles = makeStyles({ view: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '1300px' } });

/** Role groups (members, assignments, cmdlets, least-privilege hints) and audit settings, with safe changes. */
export function RolesView() {
  const styles = useStyles();
  useAdminEvents();
  const [tab, setTab] = useState<'groups' | 'audit'>('groups');
  const [change, setChange] = useState<ChangeRequestInput | null>(null);
  const roles = useQuery({ queryKey: [...adminKey, 'roles'], queryFn: () => invoke('admin.roles.overview', {}), enabled: tab === 'groups' });
  const audit = useQuery({ queryKey: [...adminKey, 'audit-config'], queryFn: () => invoke('admin.auditConfig', {}), enabled: tab === 'audit' });
  const current = tab === 'groups' ? roles : audit;

  return (
    <div className={styles.view}>
      <TabList selectedValue={tab} onTabSelect={(_e, data) => setTab(data.value as 'groups' | 'audit')} aria-label="Roles and audit settings">
        <Tab value="groups">Role groups</Tab>
        <Tab value="audit">Audit settings</Tab>
      </TabList>
      {tab === 'groups' && <InventoryStatus kind="inventory.roles" scope="roles" label="Role inventory" snapshot={roles.data?.snapshot ?? null} />}
      {tab === 'audit' && <InventoryStatus kind="inventory.audit-config" scope="audit-config" label="Audit configuration inventory" snapshot={audit.data?.snapshot ?? null} />}
      {current.isPending && <Spinner label="Reading the inventory…" />}
      {current.isError && (
        <MessageBar intent="error">
          <MessageBarBody>{current.error.message}</MessageBarBody>
        </MessageBar>
      )}
      {tab === 'groups' && roles.data && !roles.data.snapshot && (
        <EmptyState icon={<PeopleTeam20Regular />} title="No role groups yet">
          Run a role inventory: every Exchange role group with its members, role assignments and the cmdlets it grants, with hints where someone holds more than they need.
        </EmptyState>
      )}
      {tab === 'groups' && roles.data?.snapshot && <RoleGroupsPanel overview={roles.data} onChange={setChange} />}
      {tab === 'audit' && audit.data && !audit.data.snapshot && (
        <EmptyState icon={<ShieldCheckmark20Regular />} title="No audit configuration inventory yet">
          Run it to see whether the unified audit log is on (read through Exchange Online), whether mailboxes are audited, and who bypasses auditing.
        </EmptyState>
      )}
      {tab === 'audit' && audit.data?.snapshot && <AuditSettingsPanel view={audit.data} onChange={setChange} />}
      <ChangeDialog change={change} onClose={() => setChange(null)} />
    </div>
  );
}
