import { useEffect } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { JobSnapshot } from '../../../../shared/model/jobs.ts';
import { invoke, on } from '../../ipc/client.ts';

export const jobsKey = ['jobs'] as const;

/** The active tenant's jobs, kept live from `jobs.update` events (no polling). */
export function useJobs() {
  const queryClient = useQueryClient();
  useEffect(
    () =>
      on('jobs.update', (snapshot) => {
        queryClient.setQueryData<{ jobs: JobSnapshot[] }>(jobsKey, (current) => {
          if (!current) return current;
          const others = current.jobs.filter((j) => j.id !== snapshot.id || j.profileId !== snapshot.profileId);
          return { jobs: [snapshot, ...others].sort((a, b) => b.id - a.id) };
        });
      }),
    [queryClient],
  );
  return useQuery({ queryKey: jobsKey, queryFn: () => invoke('jobs.list', {}) });
}

/** One job, live: for a progress bar where the job was started (Mailboxes, Audit...). */
export function useJob(id: number | null): JobSnapshot | null {
  const jobs = useJobs();
  return id === null ? null : (jobs.data?.jobs.find((j) => j.id === id) ?? null);
}

export function useJobActions() {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: jobsKey });
  return {
    start: useMutation({
      mutationFn: (input: { kind: string; params?: Record<string, string | number | boolean | null>; authMode?: 'user' | 'app' }) => invoke('jobs.start', { params: {}, ...input }),
      onSettled: refresh,
    }),
    resume: useMutation({ mutationFn: (id: number) => invoke('jobs.resume', { id }), onSettled: refresh }),
    cancel: useMutation({ mutationFn: (id: number) => invoke('jobs.cancel', { id }), onSettled: refresh }),
  };
}
