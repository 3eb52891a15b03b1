import { isRouteErrorResponse, useRouteError } from 'react-router-dom';

/** Shown when a page fails to render or its code cannot be loaded (e.g. after a new deploy). */
export function RouteError() {
  const error = useRouteError();
  const isChunkError =
    error instanceof TypeError && /dynamically imported module|import/i.test(error.message);
  const message = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : isChunkError
      ? 'A newer version of NSP is available, or the connection dropped while loading this page.'
      : 'An unexpected error occurred while showing this page.';
  return (
    <div className="fullpage-message">
      <div role="alert" className="alert alert-error">
        <h1 className="alert-title">This page could not be shown</h1>
        <p>{message}</p>
        <button type="button" className="button button-primary" onClick={() => window.location.reload()}>
          Reload the page
        </button>
      </div>
    </div>
  );
}
