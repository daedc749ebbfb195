import { useState } from 'react';
import {
  Badge,
  Button,
  Caption1,
  MessageBar,
  MessageBarBody,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { History20Regular } from '@fluentui/react-icons';
import type { JournalEntry } from '../../../../shared/model/adminChanges.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { UndoDialog } from './UndoDialog.tsx';
import { useAdminEvents, useJournal, useJournalActions } from './useAdmin.ts';

const useStyles = makeStyles({
  view: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  bar: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
  grow: { flex: 1 },
  fields: { margin: 0, paddingLeft: tokens.spacingHorizontalL, fontSize: tokens.fontSizeBase200 },
  small: { fontSize: tokens.fontSizeBase200 },
});

const RESULT_COLOR: Record<JournalEntry['result'], 'success' | 'danger' | 'warning' | 'brand'> = { succeeded: 'success', failed: 'danger', unknown: 'warning', running: 'brand' };
const AUDIT: Record<JournalEntry['audit']['status'], { color: 'success' | 'danger' | 'subtle' | 'informative'; text: string }> = {
  verified: { color: 'success', text: 'verified' },
  pending: { color: 'informative', text: 'waiting for record' },
  missing: { color: 'danger', text: 'record missing' },
  'not-applicable': { color: 'subtle', text: 'n/a' },
};

/**
 * Every admin change made from Warden for the active tenant: who, when, why, before -> after, result,
 * whether the unified audit log proves it, and Undo. Exportable as CSV or JSON (main asks where to save).
 */
export function JournalView() {
  const styles = useStyles();
  useAdminEvents();
  const journal = useJournal();
  const actions = useJournalActions();
  const [undoing, setUndoing] = useState<JournalEntry | null>(null);
  const entries = journal.data?.entries ?? [];
  const exported = actions.exportAs.data;
  const failure = actions.verify.error ?? actions.exportAs.error;

  return (
    <div className={styles.view}>
      <div className={styles.bar}>
        <Caption1>
          {journal.data ? `${journal.data.total} change${journal.data.total === 1 ? '' : 's'}` : ''}
          {actions.verify.data && ` · checked ${actions.verify.data.checked}, verified ${actions.verify.data.verified}`}
        </Caption1>
        <span className={styles.grow} />
        {actions.verify.isPending && <Spinner size="tiny" label="Searching the audit log…" />}
        <Button onClick={() => actions.verify.mutate()} disabled={actions.verify.isPending || entries.length === 0}>
          Check audit log now
        </Button>
        <Button onClick={() => actions.exportAs.mutate('csv')} disabled={entries.length === 0 || actions.exportAs.isPending}>
          Export CSV
        </Button>
        <Button onClick={() => actions.exportAs.mutate('json')} disabled={entries.length === 0 || actions.exportAs.isPending}>
          Export JSON
        </Button>
      </div>
      {failure && (
        <MessageBar intent="error">
          <MessageBarBody>{failure.message}</MessageBarBody>
        </MessageBar>
      )}
      {actions.verify.data?.error && (
        <MessageBar intent="warning">
          <MessageBarBody>{actions.verify.data.error}</MessageBarBody>
        </MessageBar>
      )}
      {exported && (
        <MessageBar intent={exported.file ? 'success' : 'info'}>
          <MessageBarBody>{exported.file ? `Saved ${exported.entries} entries to ${exported.file}.` : 'Export cancelled.'}</MessageBarBody>
        </MessageBar>
      )}
      {journal.isPending && <Spinner label="Reading the journal…" />}
      {journal.isError && (
        <MessageBar intent="error">
          <MessageBarBody>{journal.error.message}</MessageBarBody>
        </MessageBar>
      )}
      {journal.data && entries.length === 0 && (
        <EmptyState icon={<History20Regular />} title="No changes yet">
          Changes made from Warden (role group members, forwarding, FullAccess, auditing) appear here with who made them, when, why, and the audit record that proves each was logged.
        </EmptyState>
      )}
      {entries.length > 0 && (
        <Table size="small" aria-label="Change journal">
          <TableHeader>
            <TableRow>
              <TableHeaderCell style={{ width: '60px' }}>#</TableHeaderCell>
              <TableHeaderCell style={{ width: '150px' }}>When (UTC)</TableHeaderCell>
              <TableHeaderCell>Change</TableHeaderCell>
              <TableHeaderCell>Why</TableHeaderCell>
              <TableHeaderCell>Before → after</TableHeaderCell>
              <TableHeaderCell style={{ width: '110px' }}>Result</TableHeaderCell>
              <TableHeaderCell style={{ width: '200px' }}>Audit record</TableHeaderCell>
              <TableHeaderCell style={{ width: '90px' }} />
            </TableRow>
          </TableHeader>
          <TableBody>
            {entries.map((e) => (
              <TableRow key={e.id} data-entry={e.id}>
                <TableCell>{e.id}</TableCell>
                <TableCell className={styles.small}>{e.at.slice(0, 19).replace('T', ' ')}</TableCell>
                <TableCell>
                  <Text weight="semibold">{e.title}</Text>
                  <div className={styles.small}>by {e.actor}</div>
                  {e.undoOf !== null && <div className={styles.small}>Undo of #{e.undoOf}</div>}
                  {e.undoneBy !== null && <div className={styles.small}>Undone by #{e.undoneBy}</div>}
                </TableCell>
                <TableCell className={styles.small}>{e.reason}</TableCell>
                <TableCell>
                  <ul className={styles.fields}>
                    {e.fields.map((f) => (
                      <li key={f.field}>
                        {f.field}: {f.before} → {f.after}
                      </li>
                    ))}
                  </ul>
                  {e.error && <div className={styles.small}>{e.error}</div>}
                </TableCell>
                <TableCell>
                  <Badge color={RESULT_COLOR[e.result]}>{e.result}</Badge>
                </TableCell>
                <TableCell>
                  <Badge color={AUDIT[e.audit.status].color} data-testid={`audit-${e.id}`}>
                    {AUDIT[e.audit.status].text}
                  </Badge>
                  <div className={styles.small}>{e.audit.note}</div>
                </TableCell>
                <TableCell>
                  {e.reversible && e.result === 'succeeded' && e.undoneBy === null && (
                    <Button size="small" onClick={() => setUndoing(e)} aria-label={`Undo change ${e.id}`}>
                      Undo…
                    </Button>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <UndoDialog entry={undoing} onClose={() => setUndoing(null)} />
    </div>
  );
}
