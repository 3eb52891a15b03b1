import { useState } from 'react';
import { Dialog } from '../../../components/dialog';
import { PageHeader } from '../../../components/page-header';
import { EmptyState, LoadingState, ProblemAlert } from '../../../components/status-messages';
import { useCurrentUser } from '../../../lib/auth/use-session';
import { useUpdateUser } from '../api/update-user';
import { useUsers } from '../api/get-users';
import type { User } from '../types';
import { CreateUserForm } from './create-user-form';
import { EditUserForm } from './edit-user-form';
import { UsersTable } from './users-table';

export function UsersAdmin() {
  const currentUser = useCurrentUser();
  const usersQuery = useUsers();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<User | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const unlockMutation = useUpdateUser({
    mutationConfig: { onSuccess: (user) => setAnnouncement(`${user.name} has been unlocked.`) },
  });

  const users = usersQuery.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <div className="page">
      <PageHeader
        title="Users"
        description="Staff accounts and the roles that decide what each person can see and change."
        actions={
          <button type="button" className="button button-primary" onClick={() => setCreating(true)}>
            Add user
          </button>
        }
      />
      {/* Outcome of the last action, for screen readers and sighted users alike. */}
      <p role="status" className={announcement ? 'notice notice-success' : 'visually-hidden'}>
        {announcement}
      </p>
      {unlockMutation.error ? (
        <ProblemAlert error={unlockMutation.error} title="Could not unlock the account" />
      ) : null}

      {usersQuery.isPending ? (
        <LoadingState label="Loading users…" />
      ) : usersQuery.isError ? (
        <ProblemAlert
          error={usersQuery.error}
          title="Could not load users"
          onRetry={() => usersQuery.refetch()}
        />
      ) : users.length === 0 ? (
        <EmptyState>No users yet.</EmptyState>
      ) : (
        <>
          <UsersTable
            users={users}
            currentUserId={currentUser.id}
            onEdit={setEditing}
            onUnlock={(user) => {
              setAnnouncement('');
              if (!unlockMutation.isPending)
                unlockMutation.mutate({ id: user.id, changes: { unlock: true } });
            }}
            unlockingId={unlockMutation.isPending ? (unlockMutation.variables?.id ?? null) : null}
          />
          {usersQuery.hasNextPage ? (
            <div className="list-more">
              <button
                type="button"
                className="button"
                onClick={() => usersQuery.fetchNextPage()}
                aria-disabled={usersQuery.isFetchingNextPage}
              >
                {usersQuery.isFetchingNextPage ? 'Loading more users…' : 'Show more users'}
              </button>
            </div>
          ) : null}
        </>
      )}

      <Dialog open={creating} title="Add user" onClose={() => setCreating(false)}>
        <CreateUserForm
          onCancel={() => setCreating(false)}
          onCreated={(user) => {
            setCreating(false);
            setAnnouncement(`User ${user.name} has been created.`);
          }}
        />
      </Dialog>

      <Dialog
        open={editing !== null}
        title={editing ? `Edit ${editing.name}` : 'Edit user'}
        onClose={() => setEditing(null)}
      >
        {editing ? (
          <EditUserForm
            key={editing.id}
            user={editing}
            isSelf={editing.id === currentUser.id}
            onCancel={() => setEditing(null)}
            onSaved={(user) => {
              setEditing(null);
              setAnnouncement(`Changes to ${user.name} have been saved.`);
            }}
          />
        ) : null}
      </Dialog>
    </div>
  );
}
