import { useEffect, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { FindingFilter, TriageState } from '../../../../shared/model/findings.ts';
import { invoke, on } from '../../ipc/client.ts';

export const findingsKey = ['findings'] as const;

/**
 * The active tenant's findings. Opening the view runs the rules over what is new (cheap when nothing
 * is), and so does every `evidence.changed` (an import or a collection landed).
 */
export function useFindings(filter: FindingFilter) {
  const queryClient = useQueryClient();
  const run = useMutation({
    mutationFn: (full: boolean) => invoke('findings.run', { full }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: findingsKey }),
  });
  const { mutate } = run;
  useEffect(() => {
    mutate(false);
    return on('evidence.changed', () => mutate(false));
  }, [mutate]);
  const list = useQuery({ queryKey: [...findingsKey, 'list', filter], queryFn: () => invoke('findings.list', filter) });
  return { run, list, progress: useRunProgress(run.isPending) };
}

export interface RunProgress {
  phase: 'sign-ins' | 'audit';
  done: number;
  total: number;
}

/** The progress main reports while a run is in progress (a full run over millions of sign-ins takes a while). */
function useRunProgress(running: boolean): RunProgress | null {
  const [progress, setProgress] = useState<RunProgress | null>(null);
  useEffect(() => on('findings.progress', setProgress), []);
  useEffect(() => {
    if (!running) setProgress(null);
  }, [running]);
  return running ? progress : null;
}

export function useFindingDetail(id: number | null) {
  return useQuery({ queryKey: [...findingsKey, 'detail', id], queryFn: () => invoke('findings.detail', { id: id! }), enabled: id !== null });
}

export function useEvidenceRecord(findingId: number | null, recordId: number | null) {
  return useQuery({
    queryKey: [...findingsKey, 'evidence', findingId, recordId],
    queryFn: () => invoke('findings.evidenceRecord', { findingId: findingId!, recordId: recordId! }),
    enabled: findingId !== null && recordId !== null,
  });
}

export function useTriage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: number; state: TriageState | null; note: string | null }) => invoke('findings.triage', input),
    onSuccess: (detail) => queryClient.setQueryData([...findingsKey, 'detail', detail.finding.id], detail),
    onSettled: () => queryClient.invalidateQueries({ queryKey: [...findingsKey, 'list'] }),
  });
}
