import { Accordion, AccordionHeader, AccordionItem, AccordionPanel, Caption1, makeStyles, tokens } from '@fluentui/react-components';
import type { Finding } from '../../../../shared/model/findings.ts';
import { formatUtc } from '../../components/records/formatTime.ts';
import { SeverityBadge, TriageBadge } from './SeverityBadge.tsx';

const useStyles = makeStyles({
  row: {
    display: 'grid',
    gridTemplateColumns: '6em 1fr 8em 11em',
    gap: tokens.spacingHorizontalM,
    alignItems: 'center',
    width: '100%',
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    border: 'none',
    background: 'none',
    textAlign: 'left',
    cursor: 'pointer',
    borderRadius: tokens.borderRadiusMedium,
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
  },
  title: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  time: { color: tokens.colorNeutralForeground3 },
});

export type Grouping = 'rule' | 'user';

/** Findings grouped by rule or by account, most severe group first; a row opens the finding. */
export function FindingGroups({ findings, by, onOpen }: { findings: readonly Finding[]; by: Grouping; onOpen: (id: number) => void }) {
  const styles = useStyles();
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = by === 'rule' ? f.ruleTitle : (f.user ?? '(no account)');
    const list = groups.get(key);
    if (list) list.push(f);
    else groups.set(key, [f]);
  }
  const keys = [...groups.keys()];
  return (
    <Accordion key={by} multiple collapsible defaultOpenItems={keys}>
      {keys.map((key) => {
        const list = groups.get(key)!;
        return (
          <AccordionItem key={key} value={key}>
            <AccordionHeader>
              {key} ({list.length})
            </AccordionHeader>
            <AccordionPanel>
              {list.map((f) => (
                <button key={f.id} type="button" className={styles.row} onClick={() => onOpen(f.id)} aria-label={`Open finding ${f.id}: ${f.title}`}>
                  <SeverityBadge severity={f.severity} />
                  <span className={styles.title}>{f.title}</span>
                  <TriageBadge triage={f.triage} />
                  <Caption1 className={styles.time}>{formatUtc(f.lastMs)}</Caption1>
                </button>
              ))}
            </AccordionPanel>
          </AccordionItem>
        );
      })}
    </Accordion>
  );
}
