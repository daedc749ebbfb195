import { useState } from 'react';
import {
  Badge,
  Button,
  Caption1,
  Checkbox,
  Input,
  MessageBar,
  MessageBarBody,
  Spinner,
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
import { useQuery } from '@tanstack/react-query';
import type { ChangeRequestInput } from '../../../../shared/model/adminChanges.ts';
import { invoke } from '../../ipc/client.ts';
import { adminKey } from '../journal/useAdmin.ts';

const useStyles = makeStyles({
  block: { display: 'block', marginTop: 0, marginBottom: tokens.spacingVerticalXS },
  pane: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    width: '440px',
    flexShrink: 0,
    overflowY: 'auto',
    paddingLeft: tokens.spacingHorizontalL,
    borderLeft: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  props: { display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: tokens.spacingHorizontalM, rowGap: '2px', fontSize: tokens.fontSizeBase200 },
  name: { color: tokens.colorNeutralForeground3 },
  value: { overflowWrap: 'anywhere' },
  form: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
  rule: { padding: tokens.spacingVerticalS, borderRadius: tokens.borderRadiusMedium, border: `1px solid ${tokens.colorNeutralStroke2}`, fontSize: tokens.fontSizeBase200 },
  risky: { borderLeft: `4px solid ${tokens.colorPaletteRedBorder2}`, backgroundColor: tokens.colorPaletteRedBackground1 },
  risk: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  protocols: { display: 'flex', gap: tokens.spacingHorizontalXS, flexWrap: 'wrap' },
});

/** One mailbox from the latest inventory: properties, protocols, permissions, inbox rules (risky ones flagged), and changes. */
export function MailboxDetailPane({ identity, onChange }: { identity: string; onChange: (change: ChangeRequestInput) => void }) {
  const styles = useStyles();
  const detail = useQuery({ queryKey: [...adminKey, 'mailbox', identity], queryFn: () => invoke('admin.mailboxes.detail', { identity }) });
  const [forwardTo, setForwardTo] = useState('');
  const [keepCopy, setKeepCopy] = useState(true);
  const [grantee, setGrantee] = useState('');

  if (detail.isPending) return <aside className={styles.pane}><Spinner size="small" label="Reading the mailbox…" /></aside>;
  if (detail.isError) {
    return (
      <aside className={styles.pane}>
        <MessageBar intent="error">
          <MessageBarBody>{detail.error.message}</MessageBarBody>
        </MessageBar>
      </aside>
    );
  }
  const d = detail.data;
  const mailbox = d.row.upn || d.row.primarySmtpAddress || d.row.identity;
  return (
    <aside className={styles.pane} aria-label={`Mailbox ${d.row.displayName}`} data-testid="mailbox-detail">
      <div>
        <Subtitle2 as="h2" className={styles.block}>{d.row.displayName}</Subtitle2>
        <Caption1 as="p" className={styles.block}>
          {d.row.type} · from the inventory of {d.snapshot.completedAt.slice(0, 16).replace('T', ' ')} UTC; changes show here after the next inventory.
        </Caption1>
      </div>

      <section aria-label="Forwarding">
        <Subtitle2 as="h3" className={styles.block}>Forwarding</Subtitle2>
        <Text as="p" size={200} className={mergeClasses(styles.block, d.row.forwardingExternal ? styles.risk : undefined)}>
          {d.row.forwarding ? `Forwards to ${d.row.forwarding}${d.row.forwardingExternal ? ', outside the organization' : ''}.` : 'Not forwarded.'}
        </Text>
        <div className={styles.form}>
          <Input aria-label="Forward to address" placeholder="name@example.com" value={forwardTo} onChange={(_e, v) => setForwardTo(v.value)} size="small" />
          <Checkbox label="Keep a copy" checked={keepCopy} onChange={(_e, v) => setKeepCopy(v.checked === true)} />
          <Button size="small" disabled={!forwardTo.includes('@')} onClick={() => onChange({ kind: 'mailbox.setForwarding', mailbox, address: forwardTo.trim(), keepCopy })}>
            Set forwarding…
          </Button>
          {d.row.forwarding && (
            <Button size="small" onClick={() => onChange({ kind: 'mailbox.clearForwarding', mailbox })}>
              Stop forwarding…
            </Button>
          )}
        </div>
      </section>

      <section aria-label="Auditing">
        <Subtitle2 as="h3" className={styles.block}>Auditing</Subtitle2>
        <div className={styles.form}>
          <Text size={200} className={d.row.auditEnabled ? undefined : styles.risk}>
            {d.row.auditEnabled ? 'Mailbox auditing is on.' : 'Mailbox auditing is OFF: what happens in this mailbox is not recorded.'}
          </Text>
          {!d.row.auditEnabled && (
            <Button size="small" onClick={() => onChange({ kind: 'mailbox.enableAudit', mailbox })}>
              Turn on auditing…
            </Button>
          )}
        </div>
      </section>

      <section aria-label="Permissions">
        <Subtitle2 as="h3" className={styles.block}>Permissions</Subtitle2>
        {d.permissions === null ? (
          <Caption1>Not collected: run the inventory with permissions and inbox rules.</Caption1>
        ) : (
          <Table size="extra-small" aria-label="Mailbox permissions">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Who</TableHeaderCell>
                <TableHeaderCell>Rights</TableHeaderCell>
                <TableHeaderCell />
              </TableRow>
            </TableHeader>
            <TableBody>
              {d.permissions.map((p) => (
                <TableRow key={`${p.user}|${p.deny}|${p.inherited}`}>
                  <TableCell>
                    {p.user}
                    {p.inherited && ' (inherited)'}
                    {p.deny && ' (deny)'}
                  </TableCell>
                  <TableCell>{p.accessRights.join(', ')}</TableCell>
                  <TableCell>
                    {!p.inherited && !p.deny && p.accessRights.includes('FullAccess') && !p.user.startsWith('NT AUTHORITY\\') && (
                      <Button size="small" appearance="subtle" onClick={() => onChange({ kind: 'mailbox.removeFullAccess', mailbox, user: p.user })}>
                        Remove…
                      </Button>
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        {d.sendOnBehalf.length > 0 && <Caption1>Send on behalf: {d.sendOnBehalf.join(', ')}</Caption1>}
        <div className={styles.form}>
          <Input aria-label="Give FullAccess to" placeholder="user@contoso.com" value={grantee} onChange={(_e, v) => setGrantee(v.value)} size="small" />
          <Button size="small" disabled={grantee.trim().length === 0} onClick={() => onChange({ kind: 'mailbox.addFullAccess', mailbox, user: grantee.trim() })}>
            Give FullAccess…
          </Button>
        </div>
      </section>

      <section aria-label="Inbox rules">
        <Subtitle2 as="h3" className={styles.block}>Inbox rules</Subtitle2>
        {d.inboxRules === null && <Caption1>Not collected: run the inventory with permissions and inbox rules.</Caption1>}
        {d.inboxRules?.length === 0 && <Caption1>None.</Caption1>}
        {d.inboxRules?.map((r) => (
          <div key={r.name} className={mergeClasses(styles.rule, r.risks.length > 0 && styles.risky)} data-risky={r.risks.length > 0}>
            <Text weight="semibold">{r.name}</Text> {!r.enabled && <Badge appearance="outline">disabled</Badge>}
            {r.risks.map((risk) => (
              <div key={risk} className={styles.risk}>
                {risk}
              </div>
            ))}
            {r.description && <div>{r.description}</div>}
          </div>
        ))}
      </section>

      {d.protocols && (
        <section aria-label="Protocols">
          <Subtitle2 as="h3" className={styles.block}>Protocols</Subtitle2>
          <div className={styles.protocols}>
            {d.protocols.map((p) => (
              <Badge key={p.name} appearance={p.enabled ? 'tint' : 'outline'} color={p.enabled && (p.name === 'PopEnabled' || p.name === 'ImapEnabled') ? 'warning' : 'informative'}>
                {p.name.replace(/Enabled$/, '')}: {p.enabled ? 'on' : 'off'}
              </Badge>
            ))}
          </div>
        </section>
      )}

      <section aria-label="Properties">
        <Subtitle2 as="h3" className={styles.block}>Properties</Subtitle2>
        <div className={styles.props}>
          {d.properties.map((p) => (
            <div key={p.name} style={{ display: 'contents' }}>
              <span className={styles.name}>{p.name}</span>
              <span className={styles.value}>{p.value || '—'}</span>
            </div>
          ))}
        </div>
      </section>
    </aside>
  );
}
