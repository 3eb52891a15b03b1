import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { MutationConfig } from '../../../lib/query-client';
import type { UpdateUserBody, User } from '../types';
import { getUsersQueryOptions, USERS_QUERY_KEY } from './get-users';

export interface UpdateUserInput {
  id: string;
  changes: UpdateUserBody;
}

export function updateUser({ id, changes }: UpdateUserInput): Promise<User> {
  return api.patch<User>(`/api/v1/users/${encodeURIComponent(id)}`, changes);
}

export function useUpdateUser({
  mutationConfig,
}: {
  mutationConfig?: MutationConfig<typeof updateUser>;
} = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...restConfig } = mutationConfig ?? {};
  return useMutation({
    ...restConfig,
    mutationFn: updateUser,
    onSuccess: (...args) => {
      const [updated] = args;
      // Show the saved row at once; the refetch below then reconciles anything else that changed.
      queryClient.setQueryData(getUsersQueryOptions().queryKey, (data) =>
        data
          ? {
              ...data,
              pages: data.pages.map((page) => ({
                ...page,
                items: page.items.map((user) => (user.id === updated.id ? updated : user)),
              })),
            }
          : data,
      );
      void queryClient.invalidateQueries({ queryKey: USERS_QUERY_KEY });
      onSuccess?.(...args);
    },
  });
}
