import { useId, type InputHTMLAttributes, type ReactNode } from 'react';

/**
 * API messages are predicates written to follow the field's name ("is required", "must be at
 * least 12 characters"); full sentences (capitalised) are shown as they are.
 */
export function fieldErrorText(label: string, message: string): string {
  return /^[a-z]/.test(message) ? `${label} ${message}.`.replace(/\.\.$/, '.') : message;
}

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
