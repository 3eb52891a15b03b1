import type { ReactNode } from 'react';
import { isApiProblem } from '../lib/api-problem';

export function LoadingState({ label }: { label: string }) {
  return (
    <p role="status" className="loading-state">
      <span className="spinner" aria-hidden="true" />
      {label}
    </p>
  );
}

/** A failed load or action, announced immediately (role=alert), with an optional retry. */
export function ProblemAlert({
  error,
  title = 'Something went wrong',
  onRetry,
  children,
}: {
  error: unknown;
  title?: string;
  onRetry?: () => void;
  children?: ReactNode;
}) {
  const message = isApiProblem(error)
    ? error.userMessage
    : error instanceof Error
      ? error.message
      : 'An unexpected error occurred.';
  return (
    <div role="alert" className="alert alert-error">
      <p className="alert-title">{title}</p>
      <p>{message}</p>
      {children}
      {onRetry ? (
        <button type="button" className="button" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}

export function EmptyState({ children }: { children: ReactNode }) {
  return <p className="empty-state">{children}</p>;
}
