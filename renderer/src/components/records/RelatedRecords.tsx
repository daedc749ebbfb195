import {
  Badge,
  Button,
  Caption1,
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
import { useQuery } from '@tanstack/react-query';
import { invoke } from '../../ipc/client.ts';
import { formatUtc } from './formatTime.ts';

const RELATION_LABELS = { user: 'same user', ip: 'same IP', session: 'same session', correlation: 'same correlation' } as const;

const useStyles = makeStyles({
  badges: { display: 'flex', gap: tokens.spacingHorizontalXXS, flexWrap: 'wrap' },
  cell: { overflowWrap: 'anywhere', verticalAlign: 'top' },
  open: { minWidth: 0, padding: 0, justifyContent: 'flex-start', textAlign: 'start', fontWeight: tokens.fontWeightRegular },
});

/** Records of either kind within an hour of this one that share its user, IP, session or correlation id. */
export function RelatedRecords({ recordId, onOpen }: { recordId: number; onOpen: (id: number) => void }) {
  const styles = useStyles();
  const related = useQuery({ queryKey: ['review', 'related', recordId], queryFn: () => invoke('review.related', { id: recordId }) });
  if (related.isPending) return <Spinner size="tiny" label="Finding related records…" />;
  if (related.isError) return <Caption1 role="alert">{related.error.message}</Caption1>;
  const rows = related.data.rows;
  if (rows.length === 0) return <Caption1>No record shares this user, IP or session within an hour.</Caption1>;
  return (
    <Table size="extra-small" aria-label="Related records" data-testid="related-records">
      <TableHeader>
        <TableRow>
          <TableHeaderCell>Time (UTC)</TableHeaderCell>
          <TableHeaderCell>What</TableHeaderCell>
          <TableHeaderCell>User</TableHeaderCell>
          <TableHeaderCell>IP</TableHeaderCell>
          <TableHeaderCell>Related by</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((r) => (
          <TableRow key={r.id}>
            <TableCell className={styles.cell}>{formatUtc(r.timeMs)}</TableCell>
            <TableCell>
              <Button appearance="transparent" size="small" className={styles.open} onClick={() => onOpen(r.id)}>
                {`${r.kind === 'signin' ? 'Sign-in' : 'Audit'}: ${r.operation ?? r.app ?? 'record'}`}
              </Button>
            </TableCell>
            <TableCell className={styles.cell}>{r.user ?? ''}</TableCell>
            <TableCell className={styles.cell}>{r.ip ?? ''}</TableCell>
            <TableCell>
              <span className={styles.badges}>
                {r.relations.map((relation) => (
                  <Badge key={relation} appearance="tint" size="small">
                    {RELATION_LABELS[relation]}
                  </Badge>
                ))}
              </span>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
