import { ApiProblem } from './api-problem';
import { api } from './api-client';
import { sessionStore } from './auth/session-store';

/**
 * POSTs a multipart form and reports upload progress (0–1). fetch cannot report upload progress, so
 * this one call uses XMLHttpRequest; it carries the session's token, refreshes it once on 401 like
 * the API client, and turns a failure into the same ApiProblem.
 */
export async function uploadWithProgress<T>(
  path: string,
  form: FormData,
  onProgress: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<T> {
  const first = await send<T>(path, form, onProgress, signal);
  if (first.status !== 401) return unwrap(first);
  if (!(await api.refreshSession())) return unwrap(first);
  return unwrap(await send<T>(path, form, onProgress, signal));
}

interface Sent<T> {
  status: number;
  statusText: string;
  body: T | unknown;
}

function unwrap<T>(sent: Sent<T>): T {
  if (sent.status >= 200 && sent.status < 300) return sent.body as T;
  throw ApiProblem.fromResponse(sent.status, sent.statusText, sent.body);
}

function send<T>(
  path: string,
  form: FormData,
  onProgress: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<Sent<T>> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', path);
    request.setRequestHeader('Accept', 'application/json, application/problem+json');
    const token = sessionStore.getAccessToken();
    if (token) request.setRequestHeader('Authorization', `Bearer ${token}`);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    request.onload = () => {
      let body: unknown;
      try {
        body = request.responseText ? JSON.parse(request.responseText) : undefined;
      } catch {
        body = undefined;
      }
      resolve({ status: request.status, statusText: request.statusText, body });
    };
    request.onerror = () => reject(ApiProblem.network(new Error('The upload did not reach the server.')));
    request.onabort = () => reject(new DOMException('The upload was cancelled.', 'AbortError'));
    signal?.addEventListener('abort', () => request.abort(), { once: true });
    request.send(form);
  });
}
