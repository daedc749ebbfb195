import { useState } from 'react';
import {
  Body1,
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
import { formatUtc } from '../../components/records/formatTime.ts';
import { EvidenceRecord } from './EvidenceRecord.tsx';
import { SeverityBadge, TriageBadge } from './SeverityBadge.tsx';
import { TriageForm } from './TriageForm.tsx';
import { useFindingDetail } from './useFindings.ts';

const useStyles = makeStyles({
  drawer: { width: 'min(820px, 94vw)' },
  body: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, paddingBottom: tokens.spacingVerticalXXL },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  badges: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  table: { borderCollapse: 'collapse', width: '100%', fontSize: tokens.fontSizeBase200 },
  cell: { textAlign: 'left', padding: `2px ${tokens.spacingHorizontalS}`, borderBottom: `1px solid ${tokens.colorNeutralStroke2}`, overflowWrap: 'anywhere' },
  link: { border: 'none', background: 'none', padding: 0, color: tokens.colorBrandForegroundLink, cursor: 'pointer', textDecoration: 'underline' },
});

/** A finding: its explanation, its evidence (one click to each record), and its triage with notes. */
export function FindingDrawer({ findingId, onClose }: { findingId: number | null; onClose: () => void }) {
  const styles = useStyles();
  const detail = useFindingDetail(findingId);
  const [recordId, setRecordId] = useState<number | null>(null);
  const f = detail.data?.finding;
  const close = () => {
    setRecordId(null);
    onClose();
  };
  return (
    <OverlayDrawer
      open={findingId !== null}
      onOpenChange={(_e, data) => !data.open && close()}
      position="end"
      className={styles.drawer}
      aria-label="Finding details"
    >
      <DrawerHeader>
        <DrawerHeaderTitle action={<Button appearance="subtle" aria-label="Close finding" icon={<Dismiss24Regular />} onClick={close} />}>
          {f ? f.title : 'Finding'}
        </DrawerHeaderTitle>
      </DrawerHeader>
      <DrawerBody className={styles.body}>
        {detail.isPending && findingId !== null && <Spinner label="Reading the finding…" />}
        {detail.isError && (
          <MessageBar intent="error">
            <MessageBarBody>{detail.error.message}</MessageBarBody>
          </MessageBar>
        )}
        {detail.data && f && recordId !== null && <EvidenceRecord findingId={f.id} recordId={recordId} onBack={() => setRecordId(null)} />}
        {detail.data && f && recordId === null && (
          <>
            <section className={styles.section} aria-label="Explanation">
              <div className={styles.badges}>
                <SeverityBadge severity={f.severity} />
                <TriageBadge triage={f.triage} />
                <Caption1>
                  {f.ruleTitle} · ATT&amp;CK {f.technique} · {formatUtc(f.firstMs)} to {formatUtc(f.lastMs)} UTC
                </Caption1>
              </div>
              <Body1 data-testid="finding-explanation">{f.explanation}</Body1>
              {f.suppressedBy !== null && <Caption1>Hidden by suppression {f.suppressedBy}.</Caption1>}
            </section>
            <section className={styles.section} aria-label="Evidence">
              <Subtitle2 as="h3">
                Evidence ({f.evidenceCount} record{f.evidenceCount === 1 ? '' : 's'})
              </Subtitle2>
              <table className={styles.table}>
                <thead>
                  <tr>
                    {['Record', 'Time (UTC)', 'Operation', 'Account', 'Address', 'Result', 'Detail'].map((h) => (
                      <th key={h} className={styles.cell}>
                        {h}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {detail.data.evidence.map((e) => (
                    <tr key={e.id}>
                      <td className={styles.cell}>
                        <button type="button" className={styles.link} onClick={() => setRecordId(e.id)} aria-label={`Open evidence record ${e.id}`}>
                          {e.id}
                        </button>
                      </td>
                      <td className={styles.cell}>{formatUtc(e.timeMs)}</td>
                      <td className={styles.cell}>{e.operation}</td>
                      <td className={styles.cell}>{e.user}</td>
                      <td className={styles.cell}>{e.ip}</td>
                      <td className={styles.cell}>{e.result}</td>
                      <td className={styles.cell}>{e.detail}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {detail.data.moreEvidence > 0 && <Caption1>and {detail.data.moreEvidence} more records.</Caption1>}
            </section>
            <section className={styles.section} aria-label="Triage history">
              <Subtitle2 as="h3">Triage</Subtitle2>
              {detail.data.notes.map((n) => (
                <Caption1 key={n.id}>
                  {formatUtc(n.createdAt)} UTC{n.triageTo ? ` · ${n.triageFrom} → ${n.triageTo}` : ''}
                  {n.text ? ` · ${n.text}` : ''}
                </Caption1>
              ))}
              <TriageForm key={`${f.id}-${f.triage}-${detail.data.notes.length}`} detail={detail.data} />
            </section>
          </>
        )}
      </DrawerBody>
    </OverlayDrawer>
  );
}
