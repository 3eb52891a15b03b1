import { useState, type FormEvent } from 'react';
import { FormActions } from '../../../components/form-actions';
import { FormErrorSummary } from '../../../components/form-error-summary';
import { useFormErrors } from '../../../components/form-errors';
import { CheckboxGroup, TextField } from '../../../components/form-fields';
import { useCreateApiClient } from '../api/create-api-client';
import { API_CLIENT_SCOPES } from '../scopes';
import type { ApiClientScope, CreatedApiClient } from '../types';

const FIELDS = ['name', 'scopes'] as const;

export function CreateApiClientForm({
  onCreated,
  onCancel,
}: {
  onCreated: (client: CreatedApiClient) => void;
  onCancel: () => void;
}) {
  const [scopes, setScopes] = useState<ApiClientScope[]>([]);
  const createMutation = useCreateApiClient({ mutationConfig: { onSuccess: onCreated } });
  const { formRef, errors, reportClientErrors, focusFirstInvalidSoon } = useFormErrors(
    FIELDS,
    createMutation.error,
  );

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (createMutation.isPending) return;
    const name = String(new FormData(event.currentTarget).get('name') ?? '').trim();
    const nextErrors: Record<string, string> = {};
    if (!name) nextErrors.name = 'Enter a name that says which system uses this key.';
    if (scopes.length === 0) nextErrors.scopes = 'Choose at least one scope.';
    if (reportClientErrors(nextErrors)) return;
    createMutation.mutate({ name, scopes }, { onError: focusFirstInvalidSoon });
  }

  return (
    <form ref={formRef} className="form" noValidate onSubmit={handleSubmit}>
      <FormErrorSummary errors={errors} />
      <TextField
        name="name"
        label="Name"
        hint="For example “Town 311 system” or “City website”."
        autoComplete="off"
        required
        error={errors.field('name')}
      />
      <CheckboxGroup
        name="scopes"
        legend="Scopes"
        hint="Grant only what the integration needs."
        options={API_CLIENT_SCOPES}
        value={scopes}
        onChange={setScopes}
        error={errors.field('scopes')}
      />
      <FormActions
        pending={createMutation.isPending}
        pendingLabel="Creating…"
        submitLabel="Create API client"
        onCancel={onCancel}
      />
    </form>
  );
}
