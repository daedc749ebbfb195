import { useEffect } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApplyRequest, ChangeRequestInput } from '../../../../shared/model/adminChanges.ts';
import type { InventoryScope } from '../../../../shared/model/adminInventory.ts';
import { invoke, on } from '../../ipc/client.ts';

export const adminKey = ['admin'] as const;
export const journalKey = ['admin', 'journal'] as const;

/**
 * Keeps the admin views fresh: main says when the journal changed (a change, an Undo, an audit record
 * found) or an inventory finished, and the cached answers are refetched. Also refetches on sign-in changes.
 */
export function useAdminEvents(): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    const offAdmin = on('admin.changed', ({ what }) => void queryClient.invalidateQueries({ queryKey: what === 'journal' ? journalKey : adminKey }));
    const offAccounts = on('accounts.changed', () => void queryClient.invalidateQueries({ queryKey: adminKey }));
    return () => {
      offAdmin();
      offAccounts();
    };
  }, [queryClient]);
}

export function useJournal() {
  return useQuery({ queryKey: journalKey, queryFn: () => invoke('journal.list', { limit: 500 }) });
}

export function useSnapshotDiff(scope: InventoryScope, enabled: boolean) {
  return useQuery({ queryKey: [...adminKey, 'diff', scope], queryFn: () => invoke('admin.snapshots.diff', { scope, limit: 500 }), enabled });
}

/** Preview and apply a change; both go to main, which reads Exchange live and journals. */
export function useChangeActions() {
  const queryClient = useQueryClient();
  return {
    preview: useMutation({ mutationFn: (change: ChangeRequestInput) => invoke('admin.changes.preview', { change }) }),
    apply: useMutation({
      mutationFn: (request: ApplyRequest) => invoke('admin.changes.apply', request),
      onSettled: () => queryClient.invalidateQueries({ queryKey: journalKey }),
    }),
  };
}

export function useJournalActions() {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: journalKey });
  return {
    undo: useMutation({ mutationFn: (input: { id: number; reason: string }) => invoke('journal.undo', input), onSettled: refresh }),
    verify: useMutation({ mutationFn: () => invoke('journal.verify', {}), onSettled: refresh }),
    exportAs: useMutation({ mutationFn: (format: 'csv' | 'json') => invoke('journal.export', { format }) }),
  };
}
