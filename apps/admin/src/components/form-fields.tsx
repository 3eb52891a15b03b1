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

interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'name'> {
  /** Also the key an API problem's `errors[].path` is matched against. */
  name: string;
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
}

export function TextField({ name, label, hint, error, id, className, ...inputProps }: TextFieldProps) {
  const generatedId = useId();
  const inputId = id ?? `${generatedId}-${name}`;
  const hintId = hint ? `${inputId}-hint` : undefined;
  const errorId = error ? `${inputId}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field-invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={inputId}>{label}</label>
      {hint ? (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      ) : null}
      <input
        id={inputId}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        {...inputProps}
      />
      {error ? (
        <p id={errorId} className="field-error">
          <span aria-hidden="true">⚠ </span>
          {fieldErrorText(label, error)}
        </p>
      ) : null}
    </div>
  );
}

interface CheckboxGroupProps<T extends string> {
  name: string;
  legend: string;
  options: readonly { value: T; label: string; description?: string }[];
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
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  const toggle = (option: T, checked: boolean) =>
    onChange(checked ? [...value, option] : value.filter((item) => item !== option));
  return (
    <fieldset
      className={`field checkbox-group${error ? ' field-invalid' : ''}`}
      aria-describedby={describedBy}
      data-field={name}
    >
      <legend>{legend}</legend>
      {hint ? (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      ) : null}
      {options.map((option) => {
        const optionId = `${id}-${option.value}`;
        return (
          <div className="checkbox" key={option.value}>
            <input
              type="checkbox"
              id={optionId}
              name={name}
              value={option.value}
              checked={value.includes(option.value)}
              disabled={disabledValues.includes(option.value)}
              onChange={(event) => toggle(option.value, event.currentTarget.checked)}
              aria-describedby={option.description ? `${optionId}-desc` : undefined}
            />
            <label htmlFor={optionId}>
              {option.label}
              {option.description ? (
                <span id={`${optionId}-desc`} className="checkbox-description">
                  {option.description}
                </span>
              ) : null}
            </label>
          </div>
        );
      })}
      {error ? (
        <p id={errorId} className="field-error">
          <span aria-hidden="true">⚠ </span>
          {fieldErrorText(legend, error)}
        </p>
      ) : null}
    </fieldset>
  );
}

/** The ids and aria wiring every labelled control shares. */
function useFieldIds(name: string, id: string | undefined, hint: ReactNode, error: string | undefined) {
  const generatedId = useId();
  const inputId = id ?? `${generatedId}-${name}`;
  const hintId = hint ? `${inputId}-hint` : undefined;
  const errorId = error ? `${inputId}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return { inputId, hintId, errorId, describedBy };
}

function FieldHint({ hintId, hint }: { hintId: string | undefined; hint: ReactNode }) {
  return hint ? (
    <p id={hintId} className="field-hint">
      {hint}
    </p>
  ) : null;
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
  return (
    <>
      {error ? (
        <p id={errorId} className="field-error">
          <span aria-hidden="true">⚠ </span>
          {fieldErrorText(label, error)}
        </p>
      ) : null}
    </>
  );
}

interface SelectFieldProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'name'> {
  name: string;
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
  children: ReactNode;
}

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
  const { inputId, hintId, errorId, describedBy } = useFieldIds(name, id, hint, error);
  return (
    <div className={`field${error ? ' field-invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={inputId}>{label}</label>
      <FieldHint hint={hint} hintId={hintId} />
      <select
        id={inputId}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        {...selectProps}
      >
        {children}
      </select>
      <FieldError label={label} error={error} errorId={errorId} />
    </div>
  );
}

interface TextAreaFieldProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'name'> {
  name: string;
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
}

export function TextAreaField({ name, label, hint, error, id, className, ...areaProps }: TextAreaFieldProps) {
  const { inputId, hintId, errorId, describedBy } = useFieldIds(name, id, hint, error);
  return (
    <div className={`field${error ? ' field-invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={inputId}>{label}</label>
      <FieldHint hint={hint} hintId={hintId} />
      <textarea
        id={inputId}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        rows={4}
        {...areaProps}
      />
      <FieldError label={label} error={error} errorId={errorId} />
    </div>
  );
}

interface RadioGroupProps<T extends string> {
  name: string;
  legend: string;
  options: readonly { value: T; label: string; description?: string }[];
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
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset
      className={`field radio-group${inline ? ' radio-group-inline' : ''}${error ? ' field-invalid' : ''}`}
      aria-describedby={describedBy}
      data-field={name}
    >
      <legend>{legend}</legend>
      {hint ? (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      ) : null}
      <div className="radio-options">
        {options.map((option) => {
          const optionId = `${id}-${option.value}`;
          return (
            <div className="checkbox" key={option.value}>
              <input
                type="radio"
                id={optionId}
                name={name}
                value={option.value}
                checked={value === option.value}
                onChange={() => onChange(option.value)}
                aria-describedby={option.description ? `${optionId}-desc` : undefined}
              />
              <label htmlFor={optionId}>
                {option.label}
                {option.description ? (
                  <span id={`${optionId}-desc`} className="checkbox-description">
                    {option.description}
                  </span>
                ) : null}
              </label>
            </div>
          );
        })}
      </div>
      {error ? (
        <p id={errorId} className="field-error">
          <span aria-hidden="true">⚠ </span>
          {fieldErrorText(legend, error)}
        </p>
      ) : null}
    </fieldset>
  );
}
