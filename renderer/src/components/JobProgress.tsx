import { Badge, Field, ProgressBar, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { JobSnapshot } from '../../../shared/model/jobs.ts';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  missing: { color: tokens.colorPaletteRedForeground1 },
});

const STATE_COLORS: Record<JobSnapshot['state'], 'informative' | 'success' | 'danger' | 'warning' | 'subtle' | 'brand'> = {
  queued: 'subtle',
  running: 'brand',
  paused: 'warning',
  succeeded: 'success',
  failed: 'danger',
  cancelled: 'subtle',
  incomplete: 'danger',
};

export function jobStateLabel(job: JobSnapshot): string {
  if (job.state === 'paused') return job.pauseReason === 'needs-sign-in' ? 'paused: sign in again' : 'paused: throttled by Microsoft';
  return job.state;
}

function formatEta(seconds: number | null): string {
  if (seconds === null) return '';
  if (seconds < 90) return `${seconds} s left`;
  return `${Math.round(seconds / 60)} min left`;
}

/** A job's progress: done (of total, when known), rate, time left, state, and exactly what is missing. */
export function JobProgress({ job }: { job: JobSnapshot }) {
  const styles = useStyles();
  const running = job.state === 'running' || job.state === 'paused' || job.state === 'queued';
  const value = job.total ? Math.min(1, job.done / job.total) : undefined;
  const counts = `${job.done.toLocaleString()}${job.total !== null ? ` of ${job.total.toLocaleString()}` : ''} items`;
  const rate = job.rate ? `, ${Math.round(job.rate).toLocaleString()}/s` : '';
  return (
    <div className={styles.root} data-testid={`job-${job.id}`}>
      <Field
        label={
          <span>
            {job.title} <Badge color={STATE_COLORS[job.state]}>{jobStateLabel(job)}</Badge>
          </span>
        }
        hint={`${counts}${rate}${running && job.etaSeconds !== null ? `, ${formatEta(job.etaSeconds)}` : ''}`}
        validationState={job.state === 'failed' || job.state === 'incomplete' ? 'error' : 'none'}
        validationMessage={job.state === 'failed' ? (job.error ?? undefined) : undefined}
      >
        <ProgressBar
          value={running ? value : 1}
          thickness="large"
          color={job.state === 'incomplete' || job.state === 'failed' ? 'error' : job.state === 'succeeded' ? 'success' : 'brand'}
        />
      </Field>
      {job.missing.map((m, i) => (
        <Text key={i} size={200} className={styles.missing}>
          Missing: {m.what} ({m.reason})
        </Text>
      ))}
    </div>
  );
}
