import { CheckboxGroup, SelectField, TextAreaField, TextField } from '../../../../components/form-fields';
import { localized } from '../../../../lib/reference-data/service-types';
import type { ServiceType } from '../../types';

export type AttributeValue = string | string[];
export type Attribute = ServiceType['attributes'][number];

/** The category's questions, each as the control its Open311 datatype calls for. */
export function AttributeFields({
  serviceType,
  values,
  onChange,
  errorFor,
}: {
  serviceType: ServiceType;
  values: Record<string, AttributeValue>;
  onChange: (code: string, value: AttributeValue) => void;
  errorFor: (code: string) => string | undefined;
}) {
  const attributes = [...serviceType.attributes].sort((a, b) => a.order - b.order);
  if (attributes.length === 0) return null;
  return (
    <fieldset className="form-section">
      <legend>Questions for “{localized(serviceType.name)}”</legend>
      {attributes.map((attribute) => (
        <AttributeField
          key={attribute.code}
          attribute={attribute}
          value={values[attribute.code]}
          onChange={(value) => onChange(attribute.code, value)}
          error={errorFor(attribute.code)}
        />
      ))}
    </fieldset>
  );
}

function AttributeField({
  attribute,
  value,
  onChange,
  error,
}: {
  attribute: Attribute;
  value: AttributeValue | undefined;
  onChange: (value: AttributeValue) => void;
  error: string | undefined;
}) {
  const name = `attributes.${attribute.code}`;
  const label = `${localized(attribute.description)}${attribute.required ? '' : ' (optional)'}`;
  const hint = attribute.datatypeDescription ? localized(attribute.datatypeDescription) : undefined;
  const text = typeof value === 'string' ? value : '';
  // What every single-value control shares; each case adds only what its datatype needs.
  const field = {
    name,
    label,
    hint,
    value: text,
    required: attribute.required,
    error,
    onChange: (event: { currentTarget: { value: string } }) => onChange(event.currentTarget.value),
  };
  switch (attribute.datatype) {
    case 'text':
      return <TextAreaField {...field} rows={3} />;
    case 'number':
      return <TextField {...field} type="number" inputMode="decimal" step="any" />;
    case 'datetime':
      return <TextField {...field} type="datetime-local" />;
    case 'singlevaluelist':
      return (
        <SelectField {...field}>
          <option value="">Choose…</option>
          {(attribute.values ?? []).map((option) => (
            <option key={option.key} value={option.key}>
              {localized(option.name)}
            </option>
          ))}
        </SelectField>
      );
    case 'multivaluelist':
      return (
        <CheckboxGroup
          name={name}
          legend={label}
          hint={hint}
          options={(attribute.values ?? []).map((option) => ({
            value: option.key,
            label: localized(option.name),
          }))}
          value={Array.isArray(value) ? value : []}
          onChange={onChange}
          error={error}
        />
      );
    default:
      return <TextField {...field} />;
  }
}

/**
 * The answers as the API takes them (numbers as numbers, date-times as ISO instants, lists as
 * keys), with the checks the datatypes imply; the API checks them again.
 */
export function answersFor(
  serviceType: ServiceType,
  values: Record<string, AttributeValue>,
): { answers: Record<string, string | number | string[]>; errors: Record<string, string> } {
  const answers: Record<string, string | number | string[]> = {};
  const errors: Record<string, string> = {};
  for (const attribute of serviceType.attributes) {
    const key = `attributes.${attribute.code}`;
    const raw = values[attribute.code];
    const empty = raw === undefined || (Array.isArray(raw) ? raw.length === 0 : raw.trim() === '');
    if (empty) {
      if (attribute.required) errors[key] = 'Answer this question.';
      continue;
    }
    if (attribute.datatype === 'number') {
      const number = Number(raw);
      if (Number.isFinite(number)) answers[attribute.code] = number;
      else errors[key] = 'Enter a number.';
    } else if (attribute.datatype === 'datetime') {
      const date = new Date(String(raw));
      if (Number.isNaN(date.getTime())) errors[key] = 'Enter a date and time.';
      else answers[attribute.code] = date.toISOString();
    } else if (attribute.datatype === 'multivaluelist') {
      answers[attribute.code] = Array.isArray(raw) ? raw : [raw];
    } else {
      answers[attribute.code] = Array.isArray(raw) ? raw.join(', ') : raw.trim();
    }
  }
  return { answers, errors };
}
