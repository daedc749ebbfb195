import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import {
  Badge,
  Body1,
  Button,
  Caption1,
  Card,
  CardHeader,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  MessageBar,
  MessageBarBody,
  Spinner,
  Subtitle2,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { PostureCheckResult, PostureEvidence } from '../../../../shared/model/posture.ts';
import { RecordFields } from '../../components/records/RecordFields.tsx';
import { invoke } from '../../ipc/client.ts';

const useStyles = makeStyles({
  card: { maxWidth: '960px', marginBottom: tokens.spacingVerticalXL },
  score: { fontSize: tokens.fontSizeHero800, fontWeight: tokens.fontWeightSemibold, lineHeight: tokens.lineHeightHero800 },
  list: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, margin: 0, padding: 0, listStyle: 'none' },
  check: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, paddingLeft: tokens.spacingHorizontalS, borderLeft: `3px solid ${tokens.colorPaletteRedBorder2}` },
  unknownCheck: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, paddingLeft: tokens.spacingHorizontalS, borderLeft: `3px solid ${tokens.colorNeutralStroke1}` },
  head: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
  code: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, backgroundColor: tokens.colorNeutralBackground3, padding: '2px 4px', overflowWrap: 'anywhere' },
  link: { border: 'none', background: 'none', padding: 0, color: tokens.colorBrandForegroundLink, cursor: 'pointer', textDecoration: 'underline', textAlign: 'left' },
  raw: { margin: 0, maxHeight: '360px', overflow: 'auto', fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
});

function EvidenceLine({ e, onOpen }: { e: PostureEvidence; onOpen: (id: number) => void }) {
  const styles = useStyles();
  return (
    <li>
      <button type="button" className={styles.link} aria-label={`Open record ${e.recordId}`} onClick={() => onOpen(e.recordId)}>
        {e.time ? e.time.slice(0, 19).replace('T', ' ') : '(no time)'} UTC · {e.operation ?? 'record'} by {e.actor ?? 'unknown'}
      </button>{' '}
      <Caption1>
        {e.detail} (record {e.recordId}
        {e.sourceId ? `, ${e.sourceId}` : ''})
      </Caption1>
    </li>
  );
}

function FailingCheck({ c, onOpen }: { c: PostureCheckResult; onOpen: (id: number) => void }) {
  const styles = useStyles();
  return (
    <li className={styles.check} aria-label={`Failing check ${c.id}`}>
      <div className={styles.head}>
        <Badge appearance="filled" color="danger">
          fail
        </Badge>
        <Text weight="semibold">{c.title}</Text>
        <Caption1>
          {c.severity}
          {c.scubaGear ? ` · ${c.scubaGear}` : ''}
        </Caption1>
      </div>
      <Body1 data-testid={`posture-why-${c.id}`}>{c.why}</Body1>
      <Caption1>
        Fix: <span className={styles.code}>{c.fix}</span>
      </Caption1>
      {c.evidence.length > 0 && (
        <>
          <Caption1>Who changed it, and when ({c.evidenceTotal} record{c.evidenceTotal === 1 ? '' : 's'}):</Caption1>
          <ul>
            {c.evidence.slice(0, 5).map((e) => (
              <EvidenceLine key={e.recordId} e={e} onOpen={onOpen} />
            ))}
          </ul>
        </>
      )}
    </li>
  );
}

/** A stored record, opened from a check's evidence (the same record the Audit and Sign-ins views show). */
function RecordDialog({ recordId, onClose }: { recordId: number | null; onClose: () => void }) {
  const styles = useStyles();
  const record = useQuery({ queryKey: ['review.record', recordId], queryFn: () => invoke('review.record', { id: recordId! }), enabled: recordId !== null });
  return (
    <Dialog open={recordId !== null} onOpenChange={(_e, data) => !data.open && onClose()}>
      <DialogSurface aria-label={`Record ${recordId ?? ''}`}>
        <DialogBody>
          <DialogTitle>Record {recordId}</DialogTitle>
          <DialogContent>
            {record.isPending && <Spinner label="Reading the record…" />}
            {record.isError && (
              <MessageBar intent="error">
                <MessageBarBody>{record.error.message}</MessageBarBody>
              </MessageBar>
            )}
            {record.data && (
              <>
                <RecordFields row={record.data.row} />
                <pre className={styles.raw} data-testid="posture-record-raw">
                  {JSON.stringify(record.data.json, null, 2)}
                </pre>
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

/** Home: the posture score, the failing checks with why and how to fix, and what is unknown with what to run. */
export function PostureCard() {
  const styles = useStyles();
  const [recordId, setRecordId] = useState<number | null>(null);
  const posture = useQuery({ queryKey: ['posture.get'], queryFn: () => invoke('posture.get', {}) });
  if (posture.isPending) return <Spinner label="Checking the tenant's posture…" />;
  if (posture.isError) {
    return (
      <MessageBar intent="error" className={styles.card}>
        <MessageBarBody>The posture checks did not run: {posture.error.message}</MessageBarBody>
      </MessageBar>
    );
  }
  const report = posture.data;
  // No tenant profile yet: Home's first-start card says what to do; there is nothing to score.
  if (report === null) return null;
  const failing = report.checks.filter((c) => c.status === 'fail');
  const unknown = report.checks.filter((c) => c.status === 'unknown');
  return (
    <Card className={styles.card} aria-label="Security posture">
      <CardHeader
        header={<Subtitle2 as="h2">Security posture</Subtitle2>}
        description={
          <Caption1>
            {report.passed} passed, {report.failed} failed, {report.unknown} unknown (not counted). Weighted by severity.
          </Caption1>
        }
        action={
          <span className={styles.score} data-testid="posture-score">
            {report.score === null ? '–' : `${report.score}/100`}
          </span>
        }
      />
      {failing.length > 0 && (
        <ul className={styles.list} aria-label="Failing checks">
          {failing.map((c) => (
            <FailingCheck key={c.id} c={c} onOpen={setRecordId} />
          ))}
        </ul>
      )}
      {unknown.length > 0 && (
        <>
          <Text weight="semibold">Unknown: the data is not collected yet</Text>
          <ul className={styles.list} aria-label="Unknown checks">
            {unknown.map((c) => (
              <li key={c.id} className={styles.unknownCheck}>
                <Text>{c.title}</Text>
                <Caption1>{c.why}</Caption1>
                {c.toKnow && (
                  <Caption1>
                    To know: <span className={styles.code}>{c.toKnow}</span>
                  </Caption1>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      <RecordDialog recordId={recordId} onClose={() => setRecordId(null)} />
    </Card>
  );
}
