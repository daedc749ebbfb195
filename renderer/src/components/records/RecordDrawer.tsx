import {
  Button,
  Caption1,
  DrawerBody,
  DrawerHeader,
  DrawerHeaderTitle,
  MessageBar,
  MessageBarBody,
  OverlayDrawer,
  Spinner,
  Subtitle2,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { Dismiss24Regular } from '@fluentui/react-icons';
import { useQuery } from '@tanstack/react-query';
import { invoke } from '../../ipc/client.ts';
import { formatUtc } from './formatTime.ts';
import { RecordAnnotations } from './RecordAnnotations.tsx';
import { RecordFields } from './RecordFields.tsx';
import { RelatedRecords } from './RelatedRecords.tsx';

const useStyles = makeStyles({
  drawer: { width: 'min(760px, 92vw)' },
  body: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, paddingBottom: tokens.spacingVerticalXXL },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  raw: {
    margin: 0,
    padding: tokens.spacingHorizontalM,
    maxHeight: '480px',
    overflow: 'auto',
    backgroundColor: tokens.colorNeutralBackground3,
    borderRadius: tokens.borderRadiusMedium,
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
  },
});

/** One record in a modal side drawer: its fields, tags and notes, related records, and the raw record. */
export function RecordDrawer({ recordId, onOpen, onClose }: { recordId: number | null; onOpen: (id: number) => void; onClose: () => void }) {
  const styles = useStyles();
  const detail = useQuery({
    queryKey: ['review', 'record', recordId],
    queryFn: () => invoke('review.record', { id: recordId! }),
    enabled: recordId !== null,
  });
  const row = detail.data?.row;
  const title = row ? `${row.operation ?? row.app ?? 'Record'} · ${formatUtc(row.timeMs)}` : 'Record';

  return (
    <OverlayDrawer
      open={recordId !== null}
      onOpenChange={(_e, data) => !data.open && onClose()}
      position="end"
      className={styles.drawer}
      aria-label="Record details"
    >
      <DrawerHeader>
        <DrawerHeaderTitle action={<Button appearance="subtle" aria-label="Close record" icon={<Dismiss24Regular />} onClick={onClose} />}>
          {title}
        </DrawerHeaderTitle>
      </DrawerHeader>
      <DrawerBody className={styles.body}>
        {detail.isPending && recordId !== null && <Spinner label="Reading the record…" />}
        {detail.isError && (
          <MessageBar intent="error">
            <MessageBarBody>{detail.error.message}</MessageBarBody>
          </MessageBar>
        )}
        {detail.data && (
          <>
            <section className={styles.section} aria-label="Fields">
              <Subtitle2 as="h3">Fields</Subtitle2>
              <RecordFields row={detail.data.row} />
              <Caption1>
                From {detail.data.batch.origin} ({detail.data.batch.source}), stored {formatUtc(detail.data.batch.committedAt)} UTC
              </Caption1>
            </section>
            <section className={styles.section} aria-label="Tags and notes">
              <Subtitle2 as="h3">Tags and notes</Subtitle2>
              <RecordAnnotations recordId={detail.data.row.id} tags={detail.data.tags} notes={detail.data.notes} />
            </section>
            <section className={styles.section} aria-label="Related records">
              <Subtitle2 as="h3">Related records (same user, IP or session within an hour)</Subtitle2>
              <RelatedRecords recordId={detail.data.row.id} onOpen={onOpen} />
            </section>
            <section className={styles.section} aria-label="Raw record">
              <Subtitle2 as="h3">Raw record</Subtitle2>
              <pre className={styles.raw} data-testid="record-raw-json" tabIndex={0}>
                {JSON.stringify(detail.data.json, null, 2)}
              </pre>
              {detail.data.raw.trimStart().startsWith('{') ? null : (
                <>
                  <Caption1>The row as it was in the file:</Caption1>
                  <pre className={styles.raw} tabIndex={0}>
                    {detail.data.raw}
                  </pre>
                </>
              )}
            </section>
          </>
        )}
      </DrawerBody>
    </OverlayDrawer>
  );
}
