import { Button, Card, MessageBar, MessageBarBody, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { TaskListLtr20Regular } from '@fluentui/react-icons';
import { EmptyState } from '../../components/EmptyState.tsx';
import { JobProgress } from '../../components/JobProgress.tsx';
import { useJobActions, useJobs } from './useJobs.ts';

const useStyles = makeStyles({
  list: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '900px' },
  row: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'flex-start' },
  grow: { flex: 1 },
});

/** Every inventory and collection of the active tenant, live, with cancel and resume. */
export function JobsView() {
  const styles = useStyles();
  const jobs = useJobs();
  const actions = useJobActions();
  if (jobs.isPending) return <Spinner label="Reading jobs…" />;
  if (jobs.isError) {
    return (
      <MessageBar intent="error">
        <MessageBarBody>{jobs.error.message}</MessageBarBody>
      </MessageBar>
    );
  }
  if (jobs.data.jobs.length === 0) {
    return (
      <EmptyState icon={<TaskListLtr20Regular />} title="No jobs">
        Inventories and collections run as resumable jobs and show their progress here. None has run for this tenant.
      </EmptyState>
    );
  }
  const failure = actions.resume.error ?? actions.cancel.error;
  return (
    <div className={styles.list}>
      {failure && (
        <MessageBar intent="error">
          <MessageBarBody>{failure.message}</MessageBarBody>
        </MessageBar>
      )}
      {jobs.data.jobs.map((job) => (
        <Card key={job.id}>
          <div className={styles.row}>
            <div className={styles.grow}>
              <JobProgress job={job} />
            </div>
            {(job.state === 'running' || job.state === 'paused' || job.state === 'queued') && (
              <Button onClick={() => actions.cancel.mutate(job.id)} aria-label={`Cancel job ${job.id}`}>
                Cancel
              </Button>
            )}
            {(job.state === 'paused' || job.state === 'cancelled' || job.state === 'failed' || job.state === 'incomplete') && (
              <Button appearance="primary" onClick={() => actions.resume.mutate(job.id)} aria-label={`Resume job ${job.id}`}>
                Resume
              </Button>
            )}
          </div>
        </Card>
      ))}
    </div>
  );
}
