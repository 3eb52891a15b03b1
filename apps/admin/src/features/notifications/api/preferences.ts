import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { MutationConfig } from '../../../lib/query-client';
import type { NotificationPreferences, UpdateNotificationPreferencesBody } from '../types';

/** `null`: the signed-in user's own preferences; a user id: that user's (administrators). */
const pathFor = (userId: string | null) =>
  userId === null
    ? '/api/v1/me/notification-preferences'
    : `/api/v1/users/${encodeURIComponent(userId)}/notification-preferences`;

export function getPreferencesQueryOptions(userId: string | null) {
  return queryOptions({
    queryKey: ['notification-preferences', userId ?? 'me'],
    queryFn: ({ signal }) => api.get<NotificationPreferences>(pathFor(userId), { signal }),
  });
}

export function usePreferences(userId: string | null) {
  return useQuery(getPreferencesQueryOptions(userId));
}

export interface UpdatePreferencesInput {
  userId: string | null;
  changes: UpdateNotificationPreferencesBody;
}

export function updatePreferences({ userId, changes }: UpdatePreferencesInput) {
  return api.patch<NotificationPreferences>(pathFor(userId), changes);
}

export function useUpdatePreferences({
  mutationConfig,
}: {
  mutationConfig?: MutationConfig<typeof updatePreferences>;
} = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: updatePreferences,
    onSuccess: (...args) => {
      const [saved, input] = args;
      queryClient.setQueryData(getPreferencesQueryOptions(input.userId).queryKey, saved);
      onSuccess?.(...args);
    },
  });
}
