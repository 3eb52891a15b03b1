import {
  useId,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react';

/**
 * API messages are usually predicates written to follow the field's name ("is required", "must be
 * at least 12 characters"); other messages ("give both lat and lon") and full sentences are shown
 * on their own, capitalised.
 */
export function fieldErrorText(label: string, message: string): string {
  const sentence = (text: string) => (/[.!?]$/.test(text) ? text : `${text}.`);
  if (PREDICATE.test(message)) return sentence(`${label} ${message}`);
  return sentence(message.charAt(0).toUpperCase() + message.slice(1));
}

const PREDICATE =
  /^(is|are|was|were|must|may|should|can|cannot|can't|needs?|has|have|lists|contains?|does|do|already|only)\b/;

/**
 * The ids and aria wiring every labelled control shares: `controlProps` go on the control itself
 * (its id, name, and what describes it).
 */
function useField(name: string, id: string | undefined, hint: ReactNode, error: string | undefined) {
  const generatedId = useId();
  const inputId = id ?? `${generatedId}-${name}`;
  const { hintId, errorId, describedBy } = describedByIds(inputId, hint, error);
  const controlProps = {
    id: inputId,
    name,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy,
  };
  return { inputId, hintId, errorId, controlProps };
}

/** Hint and error ids under one base id, and the aria-describedby that names whichever are shown. */
function describedByIds(baseId: string, hint: ReactNode, error: string | undefined) {
  const hintId = hint ? `${baseId}-hint` : undefined;
  const errorId = error ? `${baseId}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return { hintId, errorId, describedBy };
}

/** Label, hint and error around one control, in the order screen readers and eyes expect. */
function LabelledField({
  field,
  label,
  hint,
  error,
  className,
  children,
}: {
  field: ReturnType<typeof useField>;
  label: string;
  hint: ReactNode;
  error: string | undefined;
  className: string | undefined;
  children: ReactNode;
}) {
  return (
    <div className={`field${error ? ' field-invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={field.inputId}>{label}</label>
      <FieldHint hint={hint} hintId={field.hintId} />
      {children}
      <FieldError label={label} error={error} errorId={field.errorId} />
    </div>
  );
}

function FieldHint({ hintId, hint }: { hintId: string | undefined; hint: ReactNode }) {
  return hint ? (
    <p id={hintId} className="field-hint">
      {hint}
    </p>
  ) : null;
}

/** A message shown under a field or group, marked as an error by more than its colour. */
export function FieldErrorMessage({ id, children }: { id?: string | undefined; children: ReactNode }) {
  return (
    <p id={id} className="field-error">
      <span aria-hidden="true">⚠ </span>
      {children}
    </p>
  );
}

function FieldError({
  label,
  errorId,
  error,
}: {
  label: string;
  errorId: string | undefined;
  error: string | undefined;
}) {
  return error ? <FieldErrorMessage id={errorId}>{fieldErrorText(label, error)}</FieldErrorMessage> : null;
}

/** What every labelled control takes besides its element's own attributes. */
interface LabelledFieldProps {
  /** Also the key an API problem's `errors[].path` is matched against. */
  name: string;
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
}

type TextFieldProps = LabelledFieldProps & Omit<InputHTMLAttributes<HTMLInputElement>, 'name'>;

export function TextField({ name, label, hint, error, id, className, ...inputProps }: TextFieldProps) {
  const field = useField(name, id, hint, error);
  return (
    <LabelledField field={field} label={label} hint={hint} error={error} className={className}>
      <input {...field.controlProps} {...inputProps} />
    </LabelledField>
  );
}

type SelectFieldProps = LabelledFieldProps &
  Omit<SelectHTMLAttributes<HTMLSelectElement>, 'name'> & { children: ReactNode };

export function SelectField({
  name,
  label,
  hint,
  error,
  id,
  className,
  children,
  ...selectProps
}: SelectFieldProps) {
  const field = useField(name, id, hint, error);
  return (
    <LabelledField field={field} label={label} hint={hint} error={error} className={className}>
      <select {...field.controlProps} {...selectProps}>
        {children}
      </select>
    </LabelledField>
  );
}

type TextAreaFieldProps = LabelledFieldProps & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'name'>;

export function TextAreaField({ name, label, hint, error, id, className, ...areaProps }: TextAreaFieldProps) {
  const field = useField(name, id, hint, error);
  return (
    <LabelledField field={field} label={label} hint={hint} error={error} className={className}>
      <textarea {...field.controlProps} rows={4} {...areaProps} />
    </LabelledField>
  );
}

interface ChoiceProps {
  type: 'checkbox' | 'radio';
  id: string;
  name: string;
  value?: string;
  label: ReactNode;
  /** Shown under the label and read out with the control. */
  description?: ReactNode;
  checked: boolean;
  disabled?: boolean;
  onChange: (checked: boolean) => void;
}

/** One checkbox or radio button with its label and an optional description. */
export function Choice({
  type,
  id,
  name,
  value,
  label,
  description,
  checked,
  disabled,
  onChange,
}: ChoiceProps) {
  return (
    <div className="checkbox">
      <input
        type={type}
        id={id}
        name={name}
        value={value}
        checked={checked}
        disabled={disabled}
        onChange={(event) => onChange(event.currentTarget.checked)}
        aria-describedby={description ? `${id}-desc` : undefined}
      />
      <label htmlFor={id}>
        {label}
        {description ? (
          <span id={`${id}-desc`} className="checkbox-description">
            {description}
          </span>
        ) : null}
      </label>
    </div>
  );
}

interface ChoiceOption<T extends string> {
  value: T;
  label: string;
  description?: string;
}

/** The fieldset, legend, hint and error around a group of checkboxes or radio buttons. */
function ChoiceFieldset({
  groupId,
  name,
  kind,
  legend,
  hint,
  error,
  children,
}: {
  groupId: string;
  name: string;
  /** The group's own class (e.g. `checkbox-group`), after `field`. */
  kind: string;
  legend: string;
  hint: ReactNode;
  error: string | undefined;
  children: ReactNode;
}) {
  const { hintId, errorId, describedBy } = describedByIds(groupId, hint, error);
  return (
    <fieldset
      className={`field ${kind}${error ? ' field-invalid' : ''}`}
      aria-describedby={describedBy}
      data-field={name}
    >
      <legend>{legend}</legend>
      <FieldHint hint={hint} hintId={hintId} />
      {children}
      <FieldError label={legend} error={error} errorId={errorId} />
    </fieldset>
  );
}

interface CheckboxGroupProps<T extends string> {
  name: string;
  legend: string;
  options: readonly ChoiceOption<T>[];
  value: readonly T[];
  onChange: (next: T[]) => void;
  hint?: ReactNode;
  error?: string | undefined;
  disabledValues?: readonly T[];
}

export function CheckboxGroup<T extends string>({
  name,
  legend,
  options,
  value,
  onChange,
  hint,
  error,
  disabledValues = [],
}: CheckboxGroupProps<T>) {
  const id = useId();
  const toggle = (option: T, checked: boolean) =>
    onChange(checked ? [...value, option] : value.filter((item) => item !== option));
  return (
    <ChoiceFieldset groupId={id} name={name} kind="checkbox-group" legend={legend} hint={hint} error={error}>
      {options.map((option) => (
        <Choice
          key={option.value}
          type="checkbox"
          id={`${id}-${option.value}`}
          name={name}
          value={option.value}
          label={option.label}
          description={option.description}
          checked={value.includes(option.value)}
          disabled={disabledValues.includes(option.value)}
          onChange={(checked) => toggle(option.value, checked)}
        />
      ))}
    </ChoiceFieldset>
  );
}

interface RadioGroupProps<T extends string> {
  name: string;
  legend: string;
  options: readonly ChoiceOption<T>[];
  value: T;
  onChange: (next: T) => void;
  hint?: ReactNode;
  error?: string | undefined;
  inline?: boolean;
}

export function RadioGroup<T extends string>({
  name,
  legend,
  options,
  value,
  onChange,
  hint,
  error,
  inline = false,
}: RadioGroupProps<T>) {
  const id = useId();
  return (
    <ChoiceFieldset
      groupId={id}
      name={name}
      kind={`radio-group${inline ? ' radio-group-inline' : ''}`}
      legend={legend}
      hint={hint}
      error={error}
    >
      <div className="radio-options">
        {options.map((option) => (
          <Choice
            key={option.value}
            type="radio"
            id={`${id}-${option.value}`}
            name={name}
            value={option.value}
            label={option.label}
            description={option.description}
            checked={value === option.value}
            onChange={() => onChange(option.value)}
          />
        ))}
      </div>
    </ChoiceFieldset>
  );
}
