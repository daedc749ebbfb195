import {
  Badge,
  Button,
  Caption1,
  Subtitle2,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { ChangeRequestInput } from '../../../../shared/model/adminChanges.ts';
import type { AuditConfigView, AuditSetting } from '../../../../shared/model/adminInventory.ts';

const useStyles = makeStyles({
  block: { display: 'block', marginTop: 0, marginBottom: tokens.spacingVerticalXS },
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '1000px' },
  list: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
});

const STATE: Record<AuditSetting['state'], { color: 'success' | 'danger' | 'subtle'; text: string }> = {
  ok: { color: 'success', text: 'as it should be' },
  warning: { color: 'danger', text: 'needs attention' },
  unknown: { color: 'subtle', text: 'unknown' },
};

/** Whether Exchange records what admins and mailbox users do, setting by setting, with the fixes Warden can make. */
export function AuditSettingsPanel({ view, onChange }: { view: AuditConfigView; onChange: (change: ChangeRequestInput) => void }) {
  const styles = useStyles();
  return (
    <div className={styles.root}>
      <Table size="small" aria-label="Audit settings">
        <TableHeader>
          <TableRow>
            <TableHeaderCell style={{ width: '260px' }}>Setting</TableHeaderCell>
            <TableHeaderCell style={{ width: '120px' }}>Value</TableHeaderCell>
            <TableHeaderCell style={{ width: '140px' }}>State</TableHeaderCell>
            <TableHeaderCell>Meaning</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {view.settings.map((s) => (
            <TableRow key={s.id} data-setting={s.id}>
              <TableCell>{s.label}</TableCell>
              <TableCell>{s.value}</TableCell>
              <TableCell>
                <Badge color={STATE[s.state].color}>{STATE[s.state].text}</Badge>
              </TableCell>
              <TableCell>
                {s.explanation}{' '}
                {s.id === 'unifiedAuditLogIngestion' && view.ingestionEnabled === false && (
                  <Button size="small" appearance="primary" onClick={() => onChange({ kind: 'audit.enableIngestion' })}>
                    Turn on…
                  </Button>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {view.bypassed.length > 0 && (
        <div>
          <Subtitle2 as="h3" className={styles.block}>Accounts that bypass mailbox auditing</Subtitle2>
          <Caption1 as="p" className={styles.block}>{view.bypassed.join(', ')}</Caption1>
        </div>
      )}
      {view.mailboxesAuditOff.length > 0 && (
        <div>
          <Subtitle2 as="h3" className={styles.block}>Mailboxes with auditing off ({(view.mailboxesAuditOffTotal ?? 0).toLocaleString()})</Subtitle2>
          <div className={styles.list}>
            {view.mailboxesAuditOff.slice(0, 100).map((upn) => (
              <Button key={upn} size="small" appearance="outline" onClick={() => onChange({ kind: 'mailbox.enableAudit', mailbox: upn })} title={`Turn on auditing for ${upn}`}>
                {upn}: turn on…
              </Button>
            ))}
          </div>
          {(view.mailboxesAuditOffTotal ?? 0) > 100 && <Caption1>The first 100 are listed; filter the Mailboxes view on "Audit off" for all.</Caption1>}
        </div>
      )}
    </div>
  );
}
