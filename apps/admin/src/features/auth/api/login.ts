import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { sessionStore } from '../../../lib/auth/session-store';
import type { AuthResponse } from '../../../lib/auth/types';
import type { MutationConfig } from '../../../lib/query-client';
import { ME_QUERY_KEY } from './get-me';

export interface LoginInput {
  email: string;
  password: string;
}

export function login(input: LoginInput): Promise<AuthResponse> {
  // Not authenticated: a 401 here means wrong credentials (or a locked account), not an expired token.
  return api.post<AuthResponse>('/api/v1/auth/login', input, { authenticate: false });
}

export function useLogin({ mutationConfig }: { mutationConfig?: MutationConfig<typeof login> } = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...restConfig } = mutationConfig ?? {};
  return useMutation({
    ...restConfig,
    mutationFn: login,
    onSuccess: (auth, ...rest) => {
      // Another person signing in on this tab must never see the previous person's cached data;
      // the same person coming back after an expired session keeps it (and their place).
      if (sessionStore.getLastUserId() !== auth.user.id) queryClient.clear();
      sessionStore.signIn(auth);
      void queryClient.invalidateQueries({ queryKey: ME_QUERY_KEY });
      onSuccess?.(auth, ...rest);
    },
  });
}
