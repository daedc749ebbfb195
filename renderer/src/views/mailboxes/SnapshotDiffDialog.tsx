import {
  Badge,
  Button,
  Caption1,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
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
import type { InventoryScope } from '../../../../shared/model/adminInventory.ts';
import { useSnapshotDiff } from '../journal/useAdmin.ts';

const useStyles = makeStyles({
  surface: { maxWidth: '960px', width: '90vw' },
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxHeight: '70vh', overflowY: 'auto' },
  fields: { margin: 0, paddingLeft: tokens.spacingHorizontalL, fontSize: tokens.fontSizeBase200 },
});

const when = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

/** What changed between the latest inventory of a scope and the one before it. */
export function SnapshotDiffDialog({ scope, open, onClose }: { scope: InventoryScope; open: boolean; onClose: () => void }) {
  const styles = useStyles();
  const diff = useSnapshotDiff(scope, open);
  const data = diff.data;
  return (
    <Dialog open={open} onOpenChange={(_e, d) => !d.open && onClose()}>
      <DialogSurface className={styles.surface} aria-label="What changed">
        <DialogBody>
          <DialogTitle>What changed since the previous inventory</DialogTitle>
          <DialogContent className={styles.content}>
            {diff.isPending && <Spinner size="small" label="Comparing snapshots…" />}
            {diff.isError && (
              <MessageBar intent="error">
                <MessageBarBody>{diff.error.message}</MessageBarBody>
              </MessageBar>
            )}
            {data && !data.from && <Caption1>There is no earlier inventory to compare with: run the inventory again later to see what changed.</Caption1>}
            {data?.from && data.to && (
              <>
                <Caption1>
                  From {when(data.from.completedAt)} to {when(data.to.completedAt)}:{' '}
                  {data.counts.length === 0
                    ? 'nothing changed.'
                    : data.counts.map((c) => `${c.type}: ${c.added} added, ${c.removed} removed, ${c.changed} changed`).join('; ')}
                </Caption1>
                {data.entries.length > 0 && (
                  <Table size="small" aria-label="Changes between inventories">
                    <TableHeader>
                      <TableRow>
                        <TableHeaderCell style={{ width: '90px' }}>Change</TableHeaderCell>
                        <TableHeaderCell style={{ width: '140px' }}>Kind</TableHeaderCell>
                        <TableHeaderCell>Object</TableHeaderCell>
                        <TableHeaderCell>What</TableHeaderCell>
                      </TableRow>
                    </TableHeader>
                    <TableBody>
                      {data.entries.map((e) => (
                        <TableRow key={`${e.type}|${e.identity}`}>
                          <TableCell>
                            <Badge color={e.change === 'added' ? 'success' : e.change === 'removed' ? 'danger' : 'warning'}>{e.change}</Badge>
                          </TableCell>
                          <TableCell>{e.type}</TableCell>
                          <TableCell>{e.label || e.identity}</TableCell>
                          <TableCell>
                            <ul className={styles.fields}>
                              {e.fields.map((f) => (
                                <li key={f.field}>
                                  {f.field}: {f.before} → {f.after}
                                </li>
                              ))}
                            </ul>
                          </TableCell>
                        </TableRow>
                      ))}
                    </TableBody>
                  </Table>
                )}
                {data.truncated && <Caption1>Only the first {data.entries.length} changes are listed.</Caption1>}
              </>
            )}
          </DialogContent>
          <DialogActions>
            <Button onClick={onClose}>Close</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
