import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { sessionStore } from '../../../lib/auth/session-store';

/** Revokes the refresh token server-side; the local session ends whatever the server says. */
export async function logout(): Promise<void> {
  const refreshToken = sessionStore.getRefreshToken();
  try {
    if (refreshToken) await api.post<void>('/api/v1/auth/logout', { refreshToken });
  } catch {
    // Offline or already revoked: signing out locally is still what the person asked for.
  } finally {
    sessionStore.end('signed-out');
  }
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: logout,
    onSettled: () => queryClient.clear(),
  });
}
