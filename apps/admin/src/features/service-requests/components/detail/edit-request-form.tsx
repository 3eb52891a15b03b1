import { updateServiceRequestBodySchema } from '@nsp/contracts';
import { type FormEvent, useId, useState } from 'react';
import { FormErrorSummary } from '../../../../components/form-error-summary';
import { useFormErrors } from '../../../../components/form-errors';
import { submitOnlyOnPurpose } from '../../../../components/form-keys';
import { SelectField, TextAreaField, TextField } from '../../../../components/form-fields';
import { isApiProblem } from '../../../../lib/api-problem';
import { LANGUAGE_OPTIONS } from '../../../../lib/languages';
import { localized, useServiceTypes } from '../../../../lib/reference-data/service-types';
import { fieldErrorsFromIssues } from '../../../../lib/validation';
import { useUpdateServiceRequest } from '../../api/change-service-request';
import type { ServiceRequestDetail, UpdateServiceRequestBody } from '../../types';
import { type AttributeValue, AttributeFields, answersFor } from '../intake/attribute-fields';
import { AddressLookup } from '../intake/location-preview';

export type EditableAspect = 'description' | 'category' | 'location' | 'requester';

const FIELDS = [
  'description',
  'serviceCode',
  'address',
  'lat',
  'lon',
  'requester.name',
  'requester.phone',
  'requester.email',
  'requester.preferredLanguage',
  'attributes',
] as const;

const TITLES: Record<EditableAspect, string> = {
  description: 'Edit the description',
  category: 'Edit the category',
  location: 'Correct the location',
  requester: 'Edit the requester',
};

const SAVED: Record<EditableAspect, string> = {
  description: 'Description saved.',
  category: 'Category saved.',
  location: 'Location corrected.',
  requester: 'Requester details saved.',
};

/** What the form shows for an attribute answer stored on the request. */
function answerValues(attributes: Record<string, unknown>): Record<string, AttributeValue> {
  const values: Record<string, AttributeValue> = {};
  for (const [code, value] of Object.entries(attributes)) {
    if (Array.isArray(value)) values[code] = value.map(String);
    else if (value !== null && value !== undefined) values[code] = String(value);
  }
  return values;
}

/**
 * Correcting a saved request, one aspect at a time, with intake's checks (the contracts' schema) and,
 * for the address, intake's live geocoding preview: the neighborhood (and lieutenant) it will move to
 * is shown before saving. The API records every change on the timeline. Its own lazy chunk: zod.
 */
export default function EditRequestForm({
  request,
  aspect,
  onDone,
}: {
  request: ServiceRequestDetail;
  aspect: EditableAspect;
  /** Called with a message after saving, or with null when cancelled. */
  onDone: (message: string | null) => void;
}) {
  const id = useId();
  const serviceTypesQuery = useServiceTypes();
  const [description, setDescription] = useState(request.description);
  const [serviceCode, setServiceCode] = useState(request.serviceCode);
  const [answers, setAnswers] = useState<Record<string, AttributeValue>>(() =>
    answerValues(request.attributes),
  );
  const [address, setAddress] = useState(request.address ?? '');
  const [requester, setRequester] = useState({
    name: request.requester?.name ?? '',
    phone: request.requester?.phone ?? '',
    email: request.requester?.email ?? '',
    preferredLanguage: request.requester?.preferredLanguage ?? request.requesterLanguage ?? 'en',
  });
  const update = useUpdateServiceRequest({
    onSuccess: () => onDone(SAVED[aspect]),
    onError: () => focusFirstInvalidSoon(),
  });
  const { formRef, errors, reportClientErrors, focusFirstInvalidSoon } = useFormErrors(FIELDS, update.error);
  const serviceTypes = serviceTypesQuery.data ?? [];
  const serviceType = serviceTypes.find((type) => type.code === serviceCode);
  const groups = [...new Set(serviceTypes.map((type) => type.group || 'Other'))].sort();
  const problemCandidates =
    isApiProblem(update.error) && Array.isArray(update.error.extensions.candidates)
      ? (update.error.extensions.candidates as { address: string }[]).filter(
          (candidate) => typeof candidate?.address === 'string',
        )
      : [];

  function changes(): {
    body: Omit<UpdateServiceRequestBody, 'version'> | null;
    found: Record<string, string>;
  } {
    const found: Record<string, string> = {};
    let body: Record<string, unknown> = {};
    if (aspect === 'description') body = { description };
    if (aspect === 'location') body = { address: address.trim() };
    if (aspect === 'requester') {
      const value = (text: string) => text.trim() || null;
      body = {
        requester: {
          name: value(requester.name),
          phone: value(requester.phone),
          email: value(requester.email),
          preferredLanguage: requester.preferredLanguage || null,
        },
      };
    }
    if (aspect === 'category') {
      const checked = serviceType ? answersFor(serviceType, answers) : { answers: {}, errors: {} };
      Object.assign(found, checked.errors);
      body = { serviceCode, attributes: checked.answers };
    }
    const parsed = updateServiceRequestBodySchema.safeParse(body);
    if (!parsed.success) Object.assign(found, fieldErrorsFromIssues(parsed.error.issues));
    if (aspect === 'location' && !address.trim()) found.address = 'Enter the address.';
    return { body: parsed.success && Object.keys(found).length === 0 ? parsed.data : null, found };
  }

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    if (update.isPending) return;
    const { body, found } = changes();
    if (reportClientErrors(found) || !body) return;
    update.mutate({ id: request.id, version: request.version, changes: body });
  }

  return (
    <form
      ref={formRef}
      className="form edit-request-form"
      noValidate
      onSubmit={handleSubmit}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onDone(null);
        else submitOnlyOnPurpose(event);
      }}
      aria-labelledby={`${id}-heading`}
    >
      <h3 id={`${id}-heading`}>{TITLES[aspect]}</h3>
      <FormErrorSummary errors={errors} title="Not saved" />
      {aspect === 'description' ? (
        <TextAreaField
          name="description"
          label="Description"
          value={description}
          autoFocus
          onChange={(event) => setDescription(event.currentTarget.value)}
          error={errors.field('description')}
        />
      ) : null}
      {aspect === 'category' ? (
        <>
          <SelectField
            name="serviceCode"
            label="Category"
            value={serviceCode}
            autoFocus
            hint="A new category recomputes the due times and asks its own questions."
            onChange={(event) => {
              setServiceCode(event.currentTarget.value);
              setAnswers({});
            }}
            error={errors.field('serviceCode')}
          >
            {groups.map((group) => (
              <optgroup key={group} label={group}>
                {serviceTypes
                  .filter((type) => (type.group || 'Other') === group)
                  .map((type) => (
                    <option key={type.code} value={type.code}>
                      {localized(type.name)}
                    </option>
                  ))}
              </optgroup>
            ))}
          </SelectField>
          {serviceType ? (
            <AttributeFields
              serviceType={serviceType}
              values={answers}
              onChange={(code, value) => setAnswers((current) => ({ ...current, [code]: value }))}
              errorFor={(code) => errors.field(`attributes.${code}`)}
            />
          ) : null}
        </>
      ) : null}
      {aspect === 'location' ? (
        <AddressLookup
          value={address}
          onChange={setAddress}
          error={errors.field('address')}
          extraCandidates={problemCandidates}
          inputId={`${id}-address`}
          autoFocus
          hint="The corrected address is looked up again; the request moves to its neighborhood (and that neighborhood’s lieutenant) when you save."
        />
      ) : null}
      {aspect === 'requester' ? (
        <>
          <TextField
            name="requester.name"
            label="Name"
            autoComplete="off"
            autoFocus
            value={requester.name}
            onChange={(event) => setRequester({ ...requester, name: event.currentTarget.value })}
            error={errors.field('requester.name')}
          />
          <TextField
            name="requester.phone"
            label="Phone"
            type="tel"
            autoComplete="off"
            value={requester.phone}
            onChange={(event) => setRequester({ ...requester, phone: event.currentTarget.value })}
            error={errors.field('requester.phone')}
          />
          <TextField
            name="requester.email"
            label="E-mail"
            type="email"
            autoComplete="off"
            spellCheck={false}
            value={requester.email}
            onChange={(event) => setRequester({ ...requester, email: event.currentTarget.value })}
            error={errors.field('requester.email')}
          />
          <SelectField
            name="requester.preferredLanguage"
            label="Preferred language"
            value={requester.preferredLanguage}
            onChange={(event) => setRequester({ ...requester, preferredLanguage: event.currentTarget.value })}
            error={errors.field('requester.preferredLanguage')}
          >
            {LANGUAGE_OPTIONS.map((option) => (
              <option key={option.code} value={option.code}>
                {option.label}
              </option>
            ))}
          </SelectField>
        </>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="button button-primary" aria-disabled={update.isPending}>
          {update.isPending ? 'Saving…' : 'Save'}
        </button>
        <button type="button" className="button" onClick={() => onDone(null)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
