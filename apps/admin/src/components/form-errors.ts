import { useRef, useState } from 'react';
import { isApiProblem } from '../lib/api-problem';

export interface FormErrors {
  /** Message for one field: a client-side check wins over the server's. */
  field(name: string): string | undefined;
  /** What to show at the top of the form: the problem's explanation and unattached messages. */
  summary: string | null;
  details: string[];
}

/**
 * Joins client-side validation with an API problem so each message lands next to the field
 * whose name equals the problem's `errors[].path`; anything unmatched goes to the summary.
 */
export function collectFormErrors(
  fieldNames: readonly string[],
  clientErrors: Partial<Record<string, string>>,
  serverError: unknown,
): FormErrors {
  const problem = isApiProblem(serverError) ? serverError : null;
  const hasClientErrors = Object.values(clientErrors).some(Boolean);
  let summary: string | null = null;
  let details: string[] = [];
  if (hasClientErrors) {
    summary = 'Please correct the highlighted fields.';
  } else if (problem) {
    const unmatched = problem.unmatchedMessages(fieldNames);
    if (problem.errors.length > unmatched.length) {
      // At least one message sits next to its field: point there, list only the rest here.
      summary = 'Please correct the highlighted fields.';
      details = unmatched;
    } else {
      // The server's detail usually already lists the field messages; don't repeat them.
      summary = problem.userMessage;
      details = problem.detail ? [] : unmatched;
    }
  } else if (serverError instanceof Error) {
    summary = serverError.message;
  }
  return {
    field: (name) => clientErrors[name] ?? (hasClientErrors ? undefined : problem?.messageFor(name)),
    summary,
    details,
  };
}

/** Moves focus to the first invalid control so keyboard users land on what needs fixing. */
export function focusFirstInvalid(form: HTMLFormElement | null): void {
  const target = form?.querySelector<HTMLElement>('[aria-invalid="true"], .field-invalid input');
  target?.focus();
}

/**
 * A form's error state: its own checks joined with the server's problem (see collectFormErrors), and
 * focus moved to the first invalid field once it has rendered.
 */
export function useFormErrors(fieldNames: readonly string[], serverError: unknown) {
  const formRef = useRef<HTMLFormElement>(null);
  const [clientErrors, setClientErrors] = useState<Partial<Record<string, string>>>({});
  const errors = collectFormErrors(fieldNames, clientErrors, serverError);

  /** Waits for the invalid state to render before moving focus to it. */
  function focusFirstInvalidSoon() {
    requestAnimationFrame(() => focusFirstInvalid(formRef.current));
  }

  /** Shows the form's own check results (an empty object clears them); true when there were errors. */
  function reportClientErrors(nextErrors: Record<string, string>): boolean {
    setClientErrors(nextErrors);
    if (Object.keys(nextErrors).length === 0) return false;
    focusFirstInvalidSoon();
    return true;
  }

  return { formRef, errors, clientErrors, reportClientErrors, focusFirstInvalidSoon };
}
