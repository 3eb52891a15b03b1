import { type FormEvent, useState } from 'react';
import { FormActions } from '../../../components/form-actions';
import { FormErrorSummary } from '../../../components/form-error-summary';
import { useFormErrors } from '../../../components/form-errors';
import { CheckboxGroup, TextField } from '../../../components/form-fields';
import { useCreateWebhook } from '../api/webhooks';
import { type CreatedWebhookSubscription, type SubscribableEventType, WEBHOOK_EVENT_OPTIONS } from '../types';

const FIELDS = ['url', 'description', 'eventTypes'] as const;

export function CreateWebhookForm({
  onCreated,
  onCancel,
}: {
  onCreated: (subscription: CreatedWebhookSubscription) => void;
  onCancel: () => void;
}) {
  const [eventTypes, setEventTypes] = useState<SubscribableEventType[]>([]);
  const createMutation = useCreateWebhook({ onSuccess: onCreated });
  const { formRef, errors, reportClientErrors, focusFirstInvalidSoon } = useFormErrors(
    FIELDS,
    createMutation.error,
  );

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (createMutation.isPending) return;
    const data = new FormData(event.currentTarget);
    const url = String(data.get('url') ?? '').trim();
    const description = String(data.get('description') ?? '').trim();
    const nextErrors: Record<string, string> = {};
    if (!/^https?:\/\/\S+$/i.test(url)) nextErrors.url = 'Enter the receiver’s http:// or https:// address.';
    if (eventTypes.length === 0) nextErrors.eventTypes = 'Choose at least one event.';
    if (reportClientErrors(nextErrors)) return;
    createMutation.mutate({ url, description, eventTypes }, { onError: focusFirstInvalidSoon });
  }

  return (
    <form ref={formRef} className="form" noValidate onSubmit={handleSubmit}>
      <FormErrorSummary errors={errors} />
      <TextField
        name="url"
        label="Receiver URL"
        hint="Where NSP POSTs each event, e.g. https://crm.town.gov/hooks/nsp"
        type="url"
        autoComplete="off"
        required
        error={errors.field('url')}
      />
      <TextField
        name="description"
        label="Description"
        hint="Which system this is, and who to call when it fails."
        autoComplete="off"
        error={errors.field('description')}
      />
      <CheckboxGroup
        name="eventTypes"
        legend="Events"
        options={WEBHOOK_EVENT_OPTIONS}
        value={eventTypes}
        onChange={setEventTypes}
        error={errors.field('eventTypes')}
      />
      <FormActions
        pending={createMutation.isPending}
        pendingLabel="Creating…"
        submitLabel="Create webhook"
        onCancel={onCancel}
      />
    </form>
  );
}
