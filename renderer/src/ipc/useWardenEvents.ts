import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { on } from './client.ts';

/** Keeps cached answers fresh: when main says accounts changed, everything about accounts is refetched. */
export function useWardenEvents(): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    const offChanged = on('accounts.changed', () => void queryClient.invalidateQueries({ queryKey: ['accounts'] }));
    const offNeeds = on('accounts.needsSignIn', () => void queryClient.invalidateQueries({ queryKey: ['accounts'] }));
    return () => {
      offChanged();
      offNeeds();
    };
  }, [queryClient]);
}
