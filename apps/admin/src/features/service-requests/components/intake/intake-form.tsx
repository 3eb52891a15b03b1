import { FormErrorSummary } from '../../../../components/form-error-summary';
import { createServiceRequestBodySchema } from '@nsp/contracts';
import { type FormEvent, lazy, Suspense, useCallback, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { collectFormErrors, focusFirstInvalid } from '../../../../components/form-errors';
import { submitOnlyOnPurpose } from '../../../../components/form-keys';
import {
  Choice,
  RadioGroup,
  SelectField,
  TextAreaField,
  TextField,
} from '../../../../components/form-fields';
import type { GeocodeResult } from '../../api/geocode-address';
import { PageHeader } from '../../../../components/page-header';
import { LoadingState, ProblemAlert } from '../../../../components/status-messages';
import { isApiProblem } from '../../../../lib/api-problem';
import { LANGUAGE_OPTIONS } from '../../../../lib/languages';
import { randomId } from '../../../../lib/random-id';
import { localized, useServiceTypes } from '../../../../lib/reference-data/service-types';
import { fieldErrorsFromIssues } from '../../../../lib/validation';
import { useCreateServiceRequest } from '../../api/create-service-request';
import { CHANNEL_LABELS, CHANNELS, PRIORITIES, PRIORITY_LABELS } from '../../labels';
import type { CreatedRequestState } from '../detail/service-request-detail';
import type { CreateServiceRequestBody, RequestChannel, RequestPriority } from '../../types';
import { type AttributeValue, AttributeFields, answersFor } from './attribute-fields';
import { AddressLookup, CoordinatesLookup } from './location-preview';
import { DuplicatesBeforeSaving } from './possible-duplicates';

// Leaflet is heavy: the map loads when the clerk opens it.
const PinMap = lazy(() => import('./pin-map'));

const FIELDS = [
  'serviceCode',
  'description',
  'address',
  'lat',
  'lon',
  'priority',
  'channel',
  'requester.name',
  'requester.email',
  'requester.phone',
  'requester.preferredLanguage',
  'requester.emailUpdates',
  'attributes',
] as const;

type LocationMode = 'address' | 'coordinates';

/**
 * Taking a request (on the phone, at the counter): category and its questions, where, how it came
 * in, how urgent, who to answer and in which language. Checked with the API's own schema before
 * sending; the API's problem details land next to the field they name.
 */
export function IntakeForm() {
  const navigate = useNavigate();
  const formRef = useRef<HTMLFormElement>(null);
  const serviceTypesQuery = useServiceTypes();
  const [serviceCode, setServiceCode] = useState('');
  const [description, setDescription] = useState('');
  const [locationMode, setLocationMode] = useState<LocationMode>('address');
  const [address, setAddress] = useState('');
  const [coordinates, setCoordinates] = useState({ lat: '', lon: '' });
  const [channel, setChannel] = useState<RequestChannel>('phone');
  const [priority, setPriority] = useState<RequestPriority | ''>('');
  const [requester, setRequester] = useState({ name: '', phone: '', email: '', preferredLanguage: 'en' });
  // Consent to e-mail about this request: asked, never assumed (off until the requester says yes).
  const [emailUpdates, setEmailUpdates] = useState(false);
  const [answers, setAnswers] = useState<Record<string, AttributeValue>>({});
  // Where the address lookup placed the request (drives the pin and the duplicate check).
  const [mapOpen, setMapOpen] = useState(false);
  const [addressPoint, setAddressPoint] = useState<{ lat: number; lon: number } | null>(null);
  const onAddressResult = useCallback((result: GeocodeResult | undefined) => {
    const match = result?.match;
    setAddressPoint(match && match.quality !== 'none' ? { lat: match.lat, lon: match.lon } : null);
  }, []);
  const [clientErrors, setClientErrors] = useState<Partial<Record<string, string>>>({});
  // One key per intake, kept across retries of a save whose reply was lost (see createServiceRequest).
  const idempotencyKey = useRef(randomId());

  const create = useCreateServiceRequest({
    mutationConfig: {
      onSuccess: (created) => {
        const state: CreatedRequestState = {
          created: {
            id: created.id,
            trackingNumber: created.trackingNumber,
            possibleDuplicates: created.possibleDuplicates,
            location: created.location,
          },
        };
        navigate(`/service-requests/${encodeURIComponent(created.id)}`, { state });
      },
      onError: (error) => {
        // Refused (4xx): nothing was created, so a corrected form is a new intake.
        if (isApiProblem(error) && error.status >= 400 && error.status < 500)
          idempotencyKey.current = randomId();
        requestAnimationFrame(() => focusFirstInvalid(formRef.current));
      },
    },
  });

  const serviceTypes = serviceTypesQuery.data ?? [];
  const serviceType = serviceTypes.find((type) => type.code === serviceCode);
  const errors = collectFormErrors(FIELDS, clientErrors, create.error);
  const attributeError = (code: string) => errors.field(`attributes.${code}`);
  const problemCandidates =
    isApiProblem(create.error) && Array.isArray(create.error.extensions.candidates)
      ? (create.error.extensions.candidates as { address: string }[]).filter(
          (candidate) => typeof candidate?.address === 'string',
        )
      : [];

  function buildBody(): { body: CreateServiceRequestBody | null; errors: Record<string, string> } {
    const trimmedRequester = {
      name: requester.name.trim() || undefined,
      phone: requester.phone.trim() || undefined,
      email: requester.email.trim() || undefined,
      preferredLanguage: requester.preferredLanguage || undefined,
      ...(emailUpdates && requester.email.trim() ? { emailUpdates: true } : {}),
    };
    const hasContact = Boolean(trimmedRequester.name || trimmedRequester.phone || trimmedRequester.email);
    const attributeCheck = serviceType ? answersFor(serviceType, answers) : { answers: {}, errors: {} };
    const candidate = {
      serviceCode,
      description,
      channel,
      ...(priority ? { priority } : {}),
      ...(locationMode === 'address'
        ? { address: address.trim() || undefined }
        : {
            lat: coordinates.lat.trim() === '' ? undefined : Number(coordinates.lat),
            lon: coordinates.lon.trim() === '' ? undefined : Number(coordinates.lon),
            // With a pin or coordinates, an address the caller gave is kept as text.
            ...(address.trim().length >= 3 ? { address: address.trim() } : {}),
          }),
      ...(hasContact || trimmedRequester.preferredLanguage !== 'en' ? { requester: trimmedRequester } : {}),
      ...(Object.keys(attributeCheck.answers).length > 0 ? { attributes: attributeCheck.answers } : {}),
    };
    const parsed = createServiceRequestBodySchema.safeParse(candidate);
    const found = {
      ...(parsed.success ? {} : fieldErrorsFromIssues(parsed.error.issues)),
      ...attributeCheck.errors,
    };
    if (!serviceCode) found.serviceCode = 'Choose a category.';
    if (locationMode === 'coordinates') {
      if (coordinates.lat.trim() !== '' && !Number.isFinite(Number(coordinates.lat)))
        found.lat = 'must be a number';
      if (coordinates.lon.trim() !== '' && !Number.isFinite(Number(coordinates.lon)))
        found.lon = 'must be a number';
      if (coordinates.lat.trim() === '' && coordinates.lon.trim() === '') found.lat = 'give both lat and lon';
    }
    return { body: parsed.success && Object.keys(found).length === 0 ? parsed.data : null, errors: found };
  }

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    if (create.isPending) return;
    const { body, errors: found } = buildBody();
    setClientErrors(found);
    if (!body) {
      requestAnimationFrame(() => focusFirstInvalid(formRef.current));
      return;
    }
    create.mutate({ body, idempotencyKey: idempotencyKey.current });
  }

  const coordinatePoint =
    coordinates.lat.trim() !== '' &&
    coordinates.lon.trim() !== '' &&
    Number.isFinite(Number(coordinates.lat)) &&
    Number.isFinite(Number(coordinates.lon)) &&
    Math.abs(Number(coordinates.lat)) <= 90 &&
    Math.abs(Number(coordinates.lon)) <= 180
      ? { lat: Number(coordinates.lat), lon: Number(coordinates.lon) }
      : null;
  const pin = locationMode === 'coordinates' ? coordinatePoint : addressPoint;

  if (serviceTypesQuery.isPending) return <LoadingState label="Loading categories…" />;

  const groups = [...new Set(serviceTypes.map((type) => type.group || 'Other'))].sort();

  return (
    <div className="page">
      <PageHeader
        title="New service request"
        description="Take a request by phone, at the counter or from an e-mail or social-media message."
      />
      {serviceTypesQuery.isError ? (
        <ProblemAlert
          error={serviceTypesQuery.error}
          title="Could not load the categories"
          onRetry={() => serviceTypesQuery.refetch()}
        />
      ) : null}
      <form
        ref={formRef}
        className="form form-wide"
        noValidate
        onSubmit={handleSubmit}
        onKeyDown={submitOnlyOnPurpose}
        aria-label="New service request"
        aria-describedby="intake-keys-hint"
      >
        <p id="intake-keys-hint" className="field-hint">
          Enter moves nothing and saves nothing: Tab to the next field, and save with the button or with{' '}
          <kbd>Ctrl</kbd> + <kbd>Enter</kbd>.
        </p>
        <FormErrorSummary errors={errors} />

        <fieldset className="form-section">
          <legend>The problem</legend>
          <SelectField
            name="serviceCode"
            label="Category"
            value={serviceCode}
            required
            onChange={(event) => {
              setServiceCode(event.currentTarget.value);
              setAnswers({});
            }}
            hint={serviceType ? localized(serviceType.description) : undefined}
            error={errors.field('serviceCode')}
          >
            <option value="">Choose a category…</option>
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
          <TextAreaField
            name="description"
            label="Description"
            value={description}
            required
            hint="What the caller reports, in their words."
            onChange={(event) => setDescription(event.currentTarget.value)}
            error={errors.field('description')}
          />
        </fieldset>

        {serviceType ? (
          <AttributeFields
            serviceType={serviceType}
            values={answers}
            onChange={(code, value) => setAnswers((current) => ({ ...current, [code]: value }))}
            errorFor={attributeError}
          />
        ) : null}

        <fieldset className="form-section">
          <legend>Where</legend>
          <RadioGroup
            name="locationMode"
            legend="Locate by"
            inline
            value={locationMode}
            onChange={setLocationMode}
            options={[
              { value: 'address', label: 'Address' },
              { value: 'coordinates', label: 'Latitude and longitude' },
            ]}
          />
          {locationMode === 'address' ? (
            <AddressLookup
              value={address}
              onChange={setAddress}
              error={errors.field('address')}
              extraCandidates={problemCandidates}
              onResult={onAddressResult}
            />
          ) : (
            <>
              <CoordinatesLookup
                lat={coordinates.lat}
                lon={coordinates.lon}
                onChange={setCoordinates}
                errorFor={(field) => errors.field(field)}
              />
              <TextField
                name="address"
                label="Address or place, as the caller gave it (optional)"
                value={address}
                autoComplete="off"
                onChange={(event) => setAddress(event.currentTarget.value)}
                error={errors.field('address')}
              />
            </>
          )}
          <details
            className="pin-map"
            open={mapOpen}
            onToggle={(event) => setMapOpen(event.currentTarget.open)}
          >
            <summary>Place the request on the map</summary>
            <p className="field-hint">
              When the address is not found: click the map to drop the pin, drag it (or focus it and use the
              arrow keys) to move it. The neighborhood follows the pin.
            </p>
            {mapOpen ? (
              <Suspense fallback={<LoadingState label="Loading the map…" />}>
                <PinMap
                  pin={pin}
                  onPinMove={(lat, lon) => {
                    setLocationMode('coordinates');
                    setCoordinates({ lat: lat.toFixed(6), lon: lon.toFixed(6) });
                  }}
                />
              </Suspense>
            ) : null}
          </details>
          <DuplicatesBeforeSaving serviceCode={serviceCode} point={pin} />
        </fieldset>

        <fieldset className="form-section">
          <legend>How it came in</legend>
          <div className="field-pair">
            <SelectField
              name="channel"
              label="Channel"
              value={channel}
              onChange={(event) => setChannel(event.currentTarget.value as RequestChannel)}
              error={errors.field('channel')}
            >
              {CHANNELS.filter((value) => value !== 'integration').map((value) => (
                <option key={value} value={value}>
                  {CHANNEL_LABELS[value]}
                </option>
              ))}
            </SelectField>
            <SelectField
              name="priority"
              label="Priority"
              value={priority}
              onChange={(event) => setPriority(event.currentTarget.value as RequestPriority | '')}
              error={errors.field('priority')}
            >
              <option value="">
                Category default{serviceType ? ` (${PRIORITY_LABELS[serviceType.defaultPriority]})` : ''}
              </option>
              {PRIORITIES.map((value) => (
                <option key={value} value={value}>
                  {PRIORITY_LABELS[value]}
                </option>
              ))}
            </SelectField>
          </div>
        </fieldset>

        <fieldset className="form-section">
          <legend>Requester (optional)</legend>
          <p className="field-hint">Personal data: seen only by staff, never published.</p>
          <TextField
            name="requester.name"
            label="Name"
            autoComplete="off"
            value={requester.name}
            onChange={(event) => setRequester({ ...requester, name: event.currentTarget.value })}
            error={errors.field('requester.name')}
          />
          <div className="field-pair">
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
          </div>
          <Choice
            type="checkbox"
            id="requester-email-updates"
            name="requester.emailUpdates"
            label="E-mail updates about this request to the requester"
            description={
              requester.email.trim()
                ? 'Only if they agree: the acknowledgement, public updates and the resolution, in their language.'
                : 'Enter an e-mail address first.'
            }
            checked={emailUpdates && Boolean(requester.email.trim())}
            disabled={!requester.email.trim()}
            onChange={setEmailUpdates}
          />
          <SelectField
            name="requester.preferredLanguage"
            label="Preferred language"
            value={requester.preferredLanguage}
            hint="Public updates and e-mails are written in it."
            onChange={(event) => setRequester({ ...requester, preferredLanguage: event.currentTarget.value })}
            error={errors.field('requester.preferredLanguage')}
          >
            {LANGUAGE_OPTIONS.map((option) => (
              <option key={option.code} value={option.code}>
                {option.label}
              </option>
            ))}
          </SelectField>
        </fieldset>

        <div className="form-actions">
          <button type="submit" className="button button-primary" aria-disabled={create.isPending}>
            {create.isPending ? 'Saving…' : 'Save request'}
          </button>
          <button type="button" className="button" onClick={() => navigate('/service-requests')}>
            Cancel
          </button>
        </div>
      </form>
    </div>
  );
}
