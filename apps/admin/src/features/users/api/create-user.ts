import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { MutationConfig } from '../../../lib/query-client';
import type { CreateUserBody, User } from '../types';
import { USERS_QUERY_KEY } from './get-users';

export function createUser(input: CreateUserBody): Promise<User> {
  return api.post<User>('/api/v1/users', input);
}

export function useCreateUser({
  mutationConfig,
}: {
  mutationConfig?: MutationConfig<typeof createUser>;
} = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...restConfig } = mutationConfig ?? {};
  return useMutation({
    ...restConfig,
    mutationFn: createUser,
    onSuccess: (...args) => {
      void queryClient.invalidateQueries({ queryKey: USERS_QUERY_KEY });
      onSuccess?.(...args);
    },
  });
}
