import { useState } from 'react';
import {
  Badge,
  Button,
  Caption1,
  Input,
  MessageBar,
  MessageBarBody,
  Subtitle2,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import type { ChangeRequestInput } from '../../../../shared/model/adminChanges.ts';
import type { RoleGroupView, RolesOverview } from '../../../../shared/model/adminInventory.ts';

const useStyles = makeStyles({
  block: { display: 'block', marginTop: 0, marginBottom: tokens.spacingVerticalXS },
  root: { display: 'flex', gap: tokens.spacingHorizontalL, alignItems: 'flex-start' },
  list: { display: 'flex', flexDirection: 'column', width: '280px', flexShrink: 0, gap: '2px' },
  item: {
    display: 'flex',
    justifyContent: 'space-between',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    border: 'none',
    borderRadius: tokens.borderRadiusMedium,
    background: 'none',
    textAlign: 'left',
    cursor: 'pointer',
    font: 'inherit',
    color: 'inherit',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
  },
  current: { backgroundColor: tokens.colorNeutralBackground1Selected, boxShadow: `inset 3px 0 0 ${tokens.colorBrandStroke1}` },
  detail: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, flex: 1, minWidth: 0 },
  form: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  cmdlets: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
  hints: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
});

function GroupDetail({ group, onChange }: { group: RoleGroupView; onChange: (change: ChangeRequestInput) => void }) {
  const styles = useStyles();
  const [member, setMember] = useState('');
  const [showCmdlets, setShowCmdlets] = useState(false);
  return (
    <section className={styles.detail} aria-label={`Role group ${group.name}`} data-testid="role-group-detail">
      <div>
        <Subtitle2 as="h2" className={styles.block}>
          {group.name} {group.broad && <Badge color="warning">broad</Badge>}
        </Subtitle2>
        <Caption1 as="p" className={styles.block}>{group.description}</Caption1>
      </div>
      <div className={styles.form}>
        <Input aria-label="Member to add" placeholder="user@contoso.com" value={member} onChange={(_e, v) => setMember(v.value)} />
        <Button disabled={member.trim().length === 0} onClick={() => onChange({ kind: 'roleGroup.addMember', group: group.name, member: member.trim() })}>
          Add member…
        </Button>
      </div>
      <Table size="small" aria-label={`Members of ${group.name}`}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Member</TableHeaderCell>
            <TableHeaderCell>Sign-in name</TableHeaderCell>
            <TableHeaderCell>Type</TableHeaderCell>
            <TableHeaderCell />
          </TableRow>
        </TableHeader>
        <TableBody>
          {group.members.length === 0 && (
            <TableRow>
              <TableCell colSpan={4}>No members.</TableCell>
            </TableRow>
          )}
          {group.members.map((m) => (
            <TableRow key={m.id || m.name}>
              <TableCell>{m.name}</TableCell>
              <TableCell>{m.upn ?? '—'}</TableCell>
              <TableCell>{m.type}</TableCell>
              <TableCell>
                <Button size="small" appearance="subtle" onClick={() => onChange({ kind: 'roleGroup.removeMember', group: group.name, member: m.upn ?? m.id })}>
                  Remove…
                </Button>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <div>
        <Subtitle2 as="h3" className={styles.block}>Roles and assignments</Subtitle2>
        <Table size="extra-small" aria-label={`Role assignments of ${group.name}`}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Role</TableHeaderCell>
              <TableHeaderCell>Assignment</TableHeaderCell>
              <TableHeaderCell>Recipient scope</TableHeaderCell>
              <TableHeaderCell>Config scope</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {group.roles.map((role) => {
              const a = group.assignments.find((x) => x.role === role);
              return (
                <TableRow key={role}>
                  <TableCell>{role}</TableCell>
                  <TableCell>{a ? `${a.name}${a.enabled ? '' : ' (disabled)'}` : '—'}</TableCell>
                  <TableCell>{a?.recipientWriteScope ?? '—'}</TableCell>
                  <TableCell>{a?.configWriteScope ?? '—'}</TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </div>
      <div>
        <Subtitle2 as="h3" className={styles.block}>Cmdlets this group grants</Subtitle2>
        {group.cmdlets === null ? (
          <Caption1 as="p" className={styles.block}>Not known: the inventory could not read the role entries (Get-ManagementRoleEntry).</Caption1>
        ) : (
          <>
            <Caption1 as="p" className={styles.block} data-testid="cmdlet-count">
              {group.cmdlets.length} cmdlets.{' '}
              <Button size="small" appearance="transparent" onClick={() => setShowCmdlets((s) => !s)}>
                {showCmdlets ? 'Hide' : 'Show'}
              </Button>
            </Caption1>
            {showCmdlets && (
              <div className={styles.cmdlets}>
                {group.cmdlets.map((c) => (
                  <Badge key={c} appearance="outline" color={/^(Get|Search|Test)-/.test(c) ? 'informative' : 'warning'}>
                    {c}
                  </Badge>
                ))}
              </div>
            )}
          </>
        )}
      </div>
    </section>
  );
}

/** Role groups with members, assignments and the cmdlets they grant, least-privilege hints first. */
export function RoleGroupsPanel({ overview, onChange }: { overview: RolesOverview; onChange: (change: ChangeRequestInput) => void }) {
  const styles = useStyles();
  const [selected, setSelected] = useState<string | null>(null);
  const group = overview.groups.find((g) => g.identity === selected) ?? overview.groups[0] ?? null;
  return (
    <div className={styles.detail}>
      {overview.hints.length > 0 && (
        <div className={styles.hints} aria-label="Least-privilege hints">
          {overview.hints.map((h) => (
            <MessageBar key={h.text} intent={h.severity === 'warning' ? 'warning' : 'info'}>
              <MessageBarBody>{h.text}</MessageBarBody>
            </MessageBar>
          ))}
        </div>
      )}
      <div className={styles.root}>
        <nav className={styles.list} aria-label="Role groups">
          {overview.groups.map((g) => (
            <button
              type="button"
              key={g.identity}
              className={mergeClasses(styles.item, g.identity === group?.identity && styles.current)}
              aria-current={g.identity === group?.identity}
              onClick={() => setSelected(g.identity)}
            >
              <Text>{g.name}</Text>
              <Badge appearance="tint" color={g.broad ? 'warning' : 'informative'} aria-label={`${g.members.length} members`}>
                {g.members.length}
              </Badge>
            </button>
          ))}
        </nav>
        {group && <GroupDetail key={group.identity} group={group} onChange={onChange} />}
      </div>
      {overview.directAssignments.length > 0 && (
        <Caption1>Direct role assignments (outside role groups): {overview.directAssignments.map((a) => `${a.assignee}: ${a.role}`).join('; ')}</Caption1>
      )}
    </div>
  );
}
