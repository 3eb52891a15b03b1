import { useRef, useState, type FormEvent } from 'react';
import { collectFormErrors, focusFirstInvalid } from '../../../components/form-errors';
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
  const formRef = useRef<HTMLFormElement>(null);
  const [scopes, setScopes] = useState<ApiClientScope[]>([]);
  const [clientErrors, setClientErrors] = useState<Partial<Record<string, string>>>({});
  const createMutation = useCreateApiClient({ mutationConfig: { onSuccess: onCreated } });
  const errors = collectFormErrors(FIELDS, clientErrors, createMutation.error);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (createMutation.isPending) return;
    const name = String(new FormData(event.currentTarget).get('name') ?? '').trim();
    const nextErrors: Record<string, string> = {};
    if (!name) nextErrors.name = 'Enter a name that says which system uses this key.';
    if (scopes.length === 0) nextErrors.scopes = 'Choose at least one scope.';
    setClientErrors(nextErrors);
    if (Object.keys(nextErrors).length > 0) {
      requestAnimationFrame(() => focusFirstInvalid(formRef.current));
      return;
    }
    createMutation.mutate(
      { name, scopes },
      { onError: () => requestAnimationFrame(() => focusFirstInvalid(formRef.current)) },
    );
  }

  return (
    <form ref={formRef} className="form" noValidate onSubmit={handleSubmit}>
      {errors.summary ? (
        <div role="alert" className="alert alert-error">
          <p>{errors.summary}</p>
          {errors.details.length > 0 ? (
            <ul>
              {errors.details.map((message) => (
                <li key={message}>{message}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
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
      <div className="form-actions">
        <button type="submit" className="button button-primary" aria-disabled={createMutation.isPending}>
          {createMutation.isPending ? 'Creating…' : 'Create API client'}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
