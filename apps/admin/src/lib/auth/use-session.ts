import { useSyncExternalStore } from 'react';
import { can, type Permission } from './permissions';
import { sessionStore, type SessionState } from './session-store';
import type { SessionUser } from './types';

export function useSession(): SessionState {
  return useSyncExternalStore(sessionStore.subscribe, sessionStore.getState);
}

/** The signed-in user; only call below <RequireAuth>, where there always is one. */
export function useCurrentUser(): SessionUser {
  const { user } = useSession();
  if (!user) throw new Error('useCurrentUser called outside a signed-in area');
  return user;
}

export function useCan(permission: Permission): boolean {
  return can(useSession().user, permission);
}
