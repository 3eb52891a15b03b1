import { UsersAdmin } from '../../features/users/components/users-admin';

export function UsersRoute() {
  return <UsersAdmin />;
}
