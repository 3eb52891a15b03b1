import type { ReactNode } from 'react';

/**
 * The form's primary button. While the request runs it stays focusable and announced but does nothing
 * (aria-disabled, not disabled), and says what is happening.
 */
export function SubmitButton({
  pending,
  pendingLabel,
  className,
  children,
}: {
  pending: boolean;
  /** What the button says while the request runs ("Saving…"). */
  pendingLabel: string;
  /** Extra classes after `button button-primary`. */
  className?: string;
  children: ReactNode;
}) {
  return (
    <button
      type="submit"
      className={`button button-primary${className ? ` ${className}` : ''}`}
      aria-disabled={pending}
    >
      {pending ? pendingLabel : children}
    </button>
  );
}

/** The row under a form: the submit button and, when the form can be left, Cancel. */
export function FormActions({
  pending,
  pendingLabel,
  submitLabel,
  onCancel,
}: {
  pending: boolean;
  pendingLabel: string;
  submitLabel: ReactNode;
  onCancel?: () => void;
}) {
  return (
    <div className="form-actions">
      <SubmitButton pending={pending} pendingLabel={pendingLabel}>
        {submitLabel}
      </SubmitButton>
      {onCancel ? (
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      ) : null}
    </div>
  );
}
