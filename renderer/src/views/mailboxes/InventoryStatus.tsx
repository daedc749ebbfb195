import { memo, useState, type ReactNode } from 'react';
import { Button, Caption1, MessageBar, MessageBarBody, makeStyles, tokens } from '@fluentui/react-components';
import type { InventoryScope, SnapshotInfo } from '../../../../shared/model/adminInventory.ts';
import type { JobSnapshot } from '../../../../shared/model/jobs.ts';
import { JobProgress } from '../../components/JobProgress.tsx';
import { useJobActions, useJobs } from '../jobs/useJobs.ts';
import { SnapshotDiffDialog } from './SnapshotDiffDialog.tsx';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  bar: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'center', flexWrap: 'wrap' },
  grow: { flex: 1 },
});

const LIVE: ReadonlyArray<JobSnapshot['state']> = ['queued', 'running', 'paused'];

/**
 * Which snapshot a view shows and when it was taken; a button that starts the inventory (`jobs.start`)
 * with its progress bar, live from `jobs.update`; the last run's outcome when it did not succeed
 * (incomplete, with exactly what is missing); and what changed since the inventory before.
 */
export const InventoryStatus = memo(function InventoryStatus(props: { kind: string; scope: InventoryScope; label: string; snapshot: SnapshotInfo | null; params?: Record<string, boolean>; options?: ReactNode }) {
  const styles = useStyles();
  const jobs = useJobs();
  const actions = useJobActions();
  const [diffOpen, setDiffOpen] = useState(false);
  const ofKind = (jobs.data?.jobs ?? []).filter((j) => j.kind === props.kind);
  const live = ofKind.find((j) => LIVE.includes(j.state)) ?? null;
  const last = ofKind[0] ?? null;
  const shownJob = live ?? (last && last.state !== 'succeeded' && (!props.snapshot || last.id >= props.snapshot.jobId) ? last : null);
  const error = actions.start.error ?? actions.cancel.error ?? actions.resume.error;

  return (
    <div className={styles.root} data-testid={`inventory-${props.scope}`}>
      <div className={styles.bar}>
        <Caption1 data-testid={`snapshot-${props.scope}`}>
          {props.snapshot
            ? `${props.label} of ${props.snapshot.completedAt.slice(0, 16).replace('T', ' ')} UTC (${props.snapshot.items.toLocaleString()} items).`
            : `No ${props.label.toLowerCase()} yet.`}
        </Caption1>
        {props.snapshot && (
          <Button size="small" appearance="subtle" onClick={() => setDiffOpen(true)}>
            What changed
          </Button>
        )}
        <span className={styles.grow} />
        {props.options}
        {!live && shownJob && (shownJob.state === 'incomplete' || shownJob.state === 'failed' || shownJob.state === 'cancelled') && (
          <Button onClick={() => actions.resume.mutate(shownJob.id)} disabled={actions.resume.isPending} aria-label={`Resume ${props.label.toLowerCase()}`}>
            Resume
          </Button>
        )}
        {live ? (
          <Button onClick={() => actions.cancel.mutate(live.id)} aria-label={`Cancel ${props.label.toLowerCase()}`}>
            Cancel
          </Button>
        ) : (
          <Button appearance="primary" disabled={actions.start.isPending} onClick={() => actions.start.mutate({ kind: props.kind, params: props.params ?? {} })}>
            {props.snapshot ? 'Run again' : `Run ${props.label.toLowerCase()}`}
          </Button>
        )}
      </div>
      {shownJob && <JobProgress job={shownJob} />}
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error.message}</MessageBarBody>
        </MessageBar>
      )}
      <SnapshotDiffDialog scope={props.scope} open={diffOpen} onClose={() => setDiffOpen(false)} />
    </div>
  );
});
