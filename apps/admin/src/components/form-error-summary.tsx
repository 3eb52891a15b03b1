import type { ReactNode } from 'react';
import type { FormErrors } from './form-errors';

/**
 * What went wrong with the form as a whole, announced at once (role=alert): the summary, then the
 * messages that belong to no field. Renders nothing while there is no summary.
 */
export function FormErrorSummary({
  errors,
  title,
  children,
}: {
  errors: Pick<FormErrors, 'summary' | 'details'>;
  /** A heading above the summary ("Not saved"). */
  title?: ReactNode;
  /** More about the problem, between the summary and the list (e.g. the conflicting record). */
  children?: ReactNode;
}) {
  if (!errors.summary) return null;
  return (
    <div role="alert" className="alert alert-error">
      {title ? <p className="alert-title">{title}</p> : null}
      <p>{errors.summary}</p>
      {children}
      {errors.details.length > 0 ? (
        <ul>
          {errors.details.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
