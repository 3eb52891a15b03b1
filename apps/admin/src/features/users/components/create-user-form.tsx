import { useState, type FormEvent } from 'react';
import { FormActions } from '../../../components/form-actions';
import { FormErrorSummary } from '../../../components/form-error-summary';
import { useFormErrors } from '../../../components/form-errors';
import { CheckboxGroup, TextField } from '../../../components/form-fields';
import type { Role } from '../../../lib/auth/types';
import { useCreateUser } from '../api/create-user';
import { MIN_PASSWORD_LENGTH } from '../password-policy';
import { ROLE_OPTIONS } from '../role-options';
import type { User } from '../types';

const FIELDS = ['email', 'name', 'password', 'roles'] as const;

export function CreateUserForm({
  onCreated,
  onCancel,
}: {
  onCreated: (user: User) => void;
  onCancel: () => void;
}) {
  const [roles, setRoles] = useState<Role[]>(['staff']);
  const createUserMutation = useCreateUser({ mutationConfig: { onSuccess: onCreated } });
  const { formRef, errors, reportClientErrors, focusFirstInvalidSoon } = useFormErrors(
    FIELDS,
    createUserMutation.error,
  );

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (createUserMutation.isPending) return;
    const data = new FormData(event.currentTarget);
    const email = String(data.get('email') ?? '').trim();
    const name = String(data.get('name') ?? '').trim();
    const password = String(data.get('password') ?? '');
    const nextErrors: Record<string, string> = {};
    if (!name) nextErrors.name = 'Enter the person’s full name.';
    if (!email) nextErrors.email = 'Enter an email address.';
    else if (!/^\S+@\S+\.\S+$/.test(email))
      nextErrors.email = 'Enter an email address like name@example.org.';
    if (password.length < MIN_PASSWORD_LENGTH)
      nextErrors.password = `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
    if (roles.length === 0) nextErrors.roles = 'Choose at least one role.';
    if (reportClientErrors(nextErrors)) return;
    createUserMutation.mutate({ email, name, password, roles }, { onError: focusFirstInvalidSoon });
  }

  return (
    <form ref={formRef} className="form" noValidate onSubmit={handleSubmit}>
      <FormErrorSummary errors={errors} />
      <TextField name="name" label="Full name" autoComplete="off" required error={errors.field('name')} />
      <TextField
        name="email"
        label="Email address"
        type="email"
        autoComplete="off"
        spellCheck={false}
        required
        error={errors.field('email')}
      />
      <TextField
        name="password"
        label="Initial password"
        type="password"
        autoComplete="new-password"
        hint={`At least ${MIN_PASSWORD_LENGTH} characters. Share it with the person through a secure channel.`}
        required
        error={errors.field('password')}
      />
      <CheckboxGroup
        name="roles"
        legend="Roles"
        options={ROLE_OPTIONS}
        value={roles}
        onChange={setRoles}
        error={errors.field('roles')}
      />
      <FormActions
        pending={createUserMutation.isPending}
        pendingLabel="Creating…"
        submitLabel="Create user"
        onCancel={onCancel}
      />
    </form>
  );
}
