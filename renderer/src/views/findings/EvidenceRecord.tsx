import { Button, MessageBar, MessageBarBody, Spinner, Subtitle2, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowLeft20Regular } from '@fluentui/react-icons';
import { RecordFields } from '../../components/records/RecordFields.tsx';
import { useEvidenceRecord } from './useFindings.ts';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  raw: {
    margin: 0,
    padding: tokens.spacingHorizontalM,
    maxHeight: '420px',
    overflow: 'auto',
    backgroundColor: tokens.colorNeutralBackground3,
    borderRadius: tokens.borderRadiusMedium,
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
  },
});

/** One evidence record of a finding: its normalized fields and the record exactly as stored. */
export function EvidenceRecord({ findingId, recordId, onBack }: { findingId: number; recordId: number; onBack: () => void }) {
  const styles = useStyles();
  const record = useEvidenceRecord(findingId, recordId);
  return (
    <section className={styles.section} aria-label={`Evidence record ${recordId}`}>
      <div>
        <Button appearance="subtle" icon={<ArrowLeft20Regular />} onClick={onBack}>
          Back to the finding
        </Button>
      </div>
      {record.isPending && <Spinner label="Reading the record…" />}
      {record.isError && (
        <MessageBar intent="error">
          <MessageBarBody>{record.error.message}</MessageBarBody>
        </MessageBar>
      )}
      {record.data && (
        <>
          <Subtitle2 as="h3">Record {recordId}</Subtitle2>
          <RecordFields row={record.data.row} />
          <Subtitle2 as="h3">As stored ({record.data.batch.origin})</Subtitle2>
          <pre className={styles.raw} data-testid="evidence-raw">
            {JSON.stringify(record.data.json, null, 2)}
          </pre>
        </>
      )}
    </section>
  );
}
