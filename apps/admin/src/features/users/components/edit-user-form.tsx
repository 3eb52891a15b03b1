import { useState, type FormEvent } from 'react';
import { FormActions } from '../../../components/form-actions';
import { FormErrorSummary } from '../../../components/form-error-summary';
import { useFormErrors } from '../../../components/form-errors';
import { CheckboxGroup, Choice, FieldErrorMessage, TextField } from '../../../components/form-fields';
import type { Role } from '../../../lib/auth/types';
import { formatDateTime, isInFuture } from '../../../lib/format';
import { useUpdateUser, type UpdateUserInput } from '../api/update-user';
import { MIN_PASSWORD_LENGTH } from '../password-policy';
import { ROLE_OPTIONS } from '../role-options';
import type { User } from '../types';

const FIELDS = ['name', 'roles', 'active', 'unlock', 'password'] as const;

interface EditUserFormProps {
  user: User;
  isSelf: boolean;
  onSaved: (user: User) => void;
  onCancel: () => void;
}

export function EditUserForm({ user, isSelf, onSaved, onCancel }: EditUserFormProps) {
  const [roles, setRoles] = useState<Role[]>(user.roles);
  const [active, setActive] = useState(user.active);
  const [unlock, setUnlock] = useState(false);
  const updateUserMutation = useUpdateUser({ mutationConfig: { onSuccess: onSaved } });
  const { formRef, errors, reportClientErrors, focusFirstInvalidSoon } = useFormErrors(
    FIELDS,
    updateUserMutation.error,
  );
  const locked = isInFuture(user.lockedUntil);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (updateUserMutation.isPending) return;
    const data = new FormData(event.currentTarget);
    const name = String(data.get('name') ?? '').trim();
    const password = String(data.get('password') ?? '');
    const nextErrors: Record<string, string> = {};
    if (!name) nextErrors.name = 'Enter the person’s full name.';
    if (password && password.length < MIN_PASSWORD_LENGTH)
      nextErrors.password = `Use at least ${MIN_PASSWORD_LENGTH} characters, or leave it empty.`;
    if (roles.length === 0) nextErrors.roles = 'Choose at least one role.';
    if (reportClientErrors(nextErrors)) return;
    // Send only what changed, so a concurrent edit of another field is not overwritten.
    const changes: UpdateUserInput['changes'] = {};
    if (name !== user.name) changes.name = name;
    if (!sameRoles(roles, user.roles)) changes.roles = roles;
    if (active !== user.active) changes.active = active;
    if (unlock) changes.unlock = true;
    if (password) changes.password = password;
    if (Object.keys(changes).length === 0) {
      onCancel();
      return;
    }
    updateUserMutation.mutate({ id: user.id, changes }, { onError: focusFirstInvalidSoon });
  }

  return (
    <form ref={formRef} className="form" noValidate onSubmit={handleSubmit}>
      <FormErrorSummary errors={errors} />
      <p className="form-readonly">
        <span className="form-readonly-label">Email address</span> {user.email}
      </p>
      <TextField
        name="name"
        label="Full name"
        defaultValue={user.name}
        required
        error={errors.field('name')}
      />
      <CheckboxGroup
        name="roles"
        legend="Roles"
        options={ROLE_OPTIONS}
        value={roles}
        onChange={setRoles}
        error={errors.field('roles')}
        // Removing your own admin role would lock you out of this very page.
        disabledValues={isSelf ? ['admin'] : []}
        hint={isSelf ? 'You cannot remove your own administrator role.' : undefined}
      />
      <TextField
        name="password"
        label="New password"
        type="password"
        autoComplete="new-password"
        hint="Leave empty to keep the current password."
        error={errors.field('password')}
      />
      <fieldset className="field">
        <legend>Account</legend>
        <Choice
          type="checkbox"
          id="edit-user-active"
          name="active"
          label="Active"
          description={
            isSelf
              ? 'You cannot deactivate your own account.'
              : 'Inactive accounts cannot sign in; their history is kept.'
          }
          checked={active}
          disabled={isSelf}
          onChange={setActive}
        />
        {locked ? (
          <Choice
            type="checkbox"
            id="edit-user-unlock"
            name="unlock"
            label="Unlock the account"
            description={`Locked after repeated failed sign-ins until ${formatDateTime(user.lockedUntil)}.`}
            checked={unlock}
            onChange={setUnlock}
          />
        ) : null}
        {errors.field('active') || errors.field('unlock') ? (
          <FieldErrorMessage>{errors.field('active') ?? errors.field('unlock')}</FieldErrorMessage>
        ) : null}
      </fieldset>
      <FormActions
        pending={updateUserMutation.isPending}
        pendingLabel="Saving…"
        submitLabel="Save changes"
        onCancel={onCancel}
      />
    </form>
  );
}

function sameRoles(a: readonly Role[], b: readonly Role[]): boolean {
  return a.length === b.length && a.every((role) => b.includes(role));
}
