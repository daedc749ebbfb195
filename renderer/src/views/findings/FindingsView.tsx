import { useState } from 'react';
import { Button, Caption1, Field, MessageBar, MessageBarBody, ProgressBar, Spinner, Tab, TabList, makeStyles, tokens } from '@fluentui/react-components';
import { ShieldError20Regular } from '@fluentui/react-icons';
import type { Severity } from '../../../../shared/model/findings.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { FindingDrawer } from './FindingDrawer.tsx';
import { FindingGroups, type Grouping } from './FindingGroups.tsx';
import { SeverityBadge } from './SeverityBadge.tsx';
import { useFindings } from './useFindings.ts';

// Kept here, not imported from shared/model: loading the zod schemas in the page makes zod probe for eval, which the CSP forbids.
const SEVERITY_RANK: Record<Severity, number> = { low: 1, medium: 2, high: 3, critical: 4 };

const useStyles = makeStyles({
  view: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '1100px' },
  bar: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'center', flexWrap: 'wrap' },
  counts: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  grow: { flex: 1 },
  progress: { minWidth: '280px' },
});

/** Findings of the detection rules over the active tenant's evidence, grouped by rule or by account. */
export function FindingsView() {
  const styles = useStyles();
  const [by, setBy] = useState<Grouping>('rule');
  const [open, setOpen] = useState<number | null>(null);
  const { run, list, progress } = useFindings({});
  const findings = list.data?.findings ?? [];
  const counts = (['critical', 'high', 'medium', 'low'] as Severity[]).map((s) => [s, findings.filter((f) => f.severity === s).length] as const);
  const skipped = run.data?.rules.filter((r) => r.skipped?.startsWith('needs')) ?? [];

  return (
    <div className={styles.view}>
      <div className={styles.bar}>
        <TabList selectedValue={by} onTabSelect={(_e, data) => setBy(data.value as Grouping)} aria-label="Group findings">
          <Tab value="rule">By rule</Tab>
          <Tab value="user">By account</Tab>
        </TabList>
        <div className={styles.counts} aria-label="Findings by severity">
          {counts
            .filter(([, n]) => n > 0)
            .map(([s, n]) => (
              <span key={s}>
                <SeverityBadge severity={s} /> {n}
              </span>
            ))}
        </div>
        <span className={styles.grow} />
        {run.isPending && !progress && <Spinner size="tiny" label="Running the rules…" />}
        {progress && (
          <Field
            className={styles.progress}
            validationState="none"
            validationMessage={
              progress.phase === 'sign-ins'
                ? `Reading sign-in events: ${progress.done.toLocaleString()} of about ${progress.total.toLocaleString()}`
                : `Audit rules: ${progress.done} of ${progress.total}`
            }
          >
            <ProgressBar aria-label="Detection run progress" value={progress.total > 0 ? Math.min(1, progress.done / progress.total) : undefined} />
          </Field>
        )}
        <Button onClick={() => run.mutate(true)} disabled={run.isPending}>
          Re-run all rules
        </Button>
      </div>
      {run.isError && (
        <MessageBar intent="error">
          <MessageBarBody>{run.error.message}</MessageBarBody>
        </MessageBar>
      )}
      {skipped.length > 0 && (
        <MessageBar intent="info">
          <MessageBarBody>
            Not run until the context they need is set (trusted networks, administrators, automation accounts: `warden context set`):{' '}
            {skipped.map((r) => r.ruleId).join(', ')}.
          </MessageBarBody>
        </MessageBar>
      )}
      {list.isPending && <Spinner label="Reading findings…" />}
      {list.isError && (
        <MessageBar intent="error">
          <MessageBarBody>{list.error.message}</MessageBarBody>
        </MessageBar>
      )}
      {list.data && findings.length === 0 && !run.isPending && (
        <EmptyState icon={<ShieldError20Regular />} title="No findings">
          The rules found nothing in the stored sign-ins and audit records
          {list.data.suppressed > 0 ? ` (${list.data.suppressed} findings are hidden by suppressions)` : ''}.
        </EmptyState>
      )}
      {findings.length > 0 && (
        <>
          <Caption1>
            {findings.length} findings{list.data && list.data.suppressed > 0 ? `, ${list.data.suppressed} hidden by suppressions` : ''}. Most severe first.
          </Caption1>
          <FindingGroups findings={[...findings].sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity])} by={by} onOpen={setOpen} />
        </>
      )}
      <FindingDrawer findingId={open} onClose={() => setOpen(null)} />
    </div>
  );
}
