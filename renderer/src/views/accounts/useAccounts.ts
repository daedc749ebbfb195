import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { invoke } from '../../ipc/client.ts';

export const tenantsKey = ['accounts', 'tenants'] as const;
export const statusKey = (profileId: string) => ['accounts', 'status', profileId] as const;

export function useTenants() {
  return useQuery({ queryKey: tenantsKey, queryFn: () => invoke('tenants.list', {}) });
}

export function useAccountStatus(profileId: string | null) {
  return useQuery({
    queryKey: statusKey(profileId ?? ''),
    queryFn: () => invoke('accounts.status', { profileId: profileId! }),
    enabled: profileId !== null,
  });
}

/** Sign-in, sign-out and profile changes, each refreshing what it affects. */
export function useAccountActions() {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['accounts'] });
  return {
    signIn: useMutation({ mutationFn: (profileId: string) => invoke('accounts.signIn', { profileId }), onSettled: refresh }),
    cancelSignIn: useMutation({ mutationFn: (profileId: string) => invoke('accounts.cancelSignIn', { profileId }) }),
    signOut: useMutation({ mutationFn: (profileId: string) => invoke('accounts.signOut', { profileId }), onSettled: refresh }),
    use: useMutation({ mutationFn: (profileId: string) => invoke('tenants.use', { profileId }), onSettled: refresh }),
    add: useMutation({
      mutationFn: (input: { name: string; tenantId: string; clientId: string; cloud: 'global' | 'usgov' | 'usgovdod' | 'china'; useWindowsBroker: boolean }) =>
        invoke('tenants.add', input),
      onSettled: refresh,
    }),
    startDemo: useMutation({ mutationFn: () => invoke('demo.start', {}), onSettled: refresh }),
  };
}
