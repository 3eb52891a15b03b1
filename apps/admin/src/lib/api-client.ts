import { ApiProblem } from './api-problem';
import { sessionStore, type SessionStore } from './auth/session-store';
import { type TokenRotation, tokenRotation } from './auth/token-rotation';
import type { AuthResponse } from './auth/types';

type QueryValue = string | number | boolean | null | undefined | readonly (string | number)[];

export interface RequestOptions {
  query?: Record<string, QueryValue>;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /**
   * `false` for calls that must not carry or refresh a token: the auth endpoints themselves,
   * where a 401 means "wrong credentials", not "access token expired".
   */
  authenticate?: boolean;
  /** 'blob' for files (attachments): the body is returned as a Blob instead of parsed. */
  responseType?: 'blob';
}

export interface ApiClient {
  request<T>(method: string, path: string, options?: RequestOptions): Promise<T>;
  get<T>(path: string, options?: Omit<RequestOptions, 'body'>): Promise<T>;
  post<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T>;
  patch<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T>;
  delete<T = void>(path: string, options?: RequestOptions): Promise<T>;
  /**
   * Exchanges the stored refresh token for a new token pair. Concurrent callers share one
   * request (refresh tokens rotate: a second parallel refresh would present an already-used
   * token and end the session). Resolves `true` when refreshed, `false` when the session is
   * over (it has been ended); rejects with a status-0 ApiProblem when the server is unreachable,
   * leaving the session intact so a later retry can still succeed.
   */
  refreshSession(): Promise<boolean>;
}

export interface ApiClientOptions {
  session: SessionStore;
  /** How refreshes are coordinated with other tabs (default: Web Locks + localStorage). */
  rotation?: TokenRotation;
  fetch?: typeof fetch;
  baseUrl?: string;
}

export const REFRESH_PATH = '/api/v1/auth/refresh';

export function createApiClient({
  session,
  rotation = tokenRotation,
  fetch: fetchImpl,
  baseUrl = '',
}: ApiClientOptions): ApiClient {
  // Resolved per call so tests (and polyfills) that replace globalThis.fetch are honoured.
  const doFetch: typeof fetch = (input, init) => (fetchImpl ?? globalThis.fetch)(input, init);
  let refreshInFlight: Promise<boolean> | null = null;

  async function send(
    method: string,
    path: string,
    options: RequestOptions,
    accessToken: string | null,
    { waitTurn = true } = {},
  ) {
    const headers: Record<string, string> = {
      Accept: 'application/json, application/problem+json',
      ...options.headers,
    };
    let body: BodyInit | undefined;
    if (options.body !== undefined) {
      if (isRawBody(options.body)) {
        body = options.body;
      } else {
        body = JSON.stringify(options.body);
        headers['Content-Type'] = 'application/json';
      }
    }
    if (accessToken) headers.Authorization = `Bearer ${accessToken}`;
    if (waitTurn) await yieldToBrowser();
    try {
      return await doFetch(buildUrl(baseUrl, path, options.query), {
        method,
        headers,
        body,
        signal: options.signal,
        credentials: 'same-origin',
      });
    } catch (error) {
      if (isAbortError(error)) throw error;
      throw ApiProblem.network(error);
    }
  }

  async function refreshOnce(): Promise<boolean> {
    const stored = session.getRefreshToken();
    if (!stored) {
      session.end('expired');
      return false;
    }
    return rotation.exclusive(() => refreshWith(rotation.latest(stored)));
  }

  async function refreshWith(refreshToken: string): Promise<boolean> {
    // Straight out, without waiting for a turn: every other request of the page waits for this one.
    const response = await send('POST', REFRESH_PATH, { body: { refreshToken } }, null, { waitTurn: false });
    if (response.ok) {
      const auth = (await response.json()) as AuthResponse;
      rotation.record(refreshToken, auth.refreshToken);
      session.signIn(auth);
      return true;
    }
    if (response.status >= 500 || response.status === 429) {
      // The server is struggling, not rejecting us: keep the session so a retry can succeed.
      throw await problemFrom(response);
    }
    session.end('expired');
    return false;
  }

  function refreshSession(): Promise<boolean> {
    refreshInFlight ??= refreshOnce().finally(() => {
      refreshInFlight = null;
    });
    return refreshInFlight;
  }

  async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const authenticate = options.authenticate ?? true;
    const tokenUsed = authenticate ? session.getAccessToken() : null;
    let response = await send(method, path, options, tokenUsed);

    if (response.status === 401 && authenticate) {
      const current = session.getAccessToken();
      if (current && current !== tokenUsed) {
        // Another request refreshed while this one was in flight: just retry with the new token.
        response = await send(method, path, options, current);
      } else if (await refreshSession()) {
        response = await send(method, path, options, session.getAccessToken());
      }
    }

    if (!response.ok) throw await problemFrom(response);
    if (options.responseType === 'blob') return (await response.blob()) as T;
    return (await readBody(response)) as T;
  }

  return {
    request,
    get: (path, options) => request('GET', path, options),
    post: (path, body, options) => request('POST', path, { ...options, body }),
    patch: (path, body, options) => request('PATCH', path, { ...options, body }),
    delete: (path, options) => request('DELETE', path, options),
    refreshSession,
  };
}

function buildUrl(baseUrl: string, path: string, query: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) for (const item of value) params.append(key, String(item));
    else params.append(key, String(value));
  }
  const search = params.toString();
  return `${baseUrl}${path}${search ? `?${search}` : ''}`;
}

async function readBody(response: Response): Promise<unknown> {
  if (response.status === 204 || response.status === 205) return undefined;
  const text = await response.text();
  if (!text) return undefined;
  const contentType = response.headers.get('Content-Type') ?? '';
  return contentType.includes('json') ? JSON.parse(text) : text;
}

async function problemFrom(response: Response): Promise<ApiProblem> {
  let body: unknown;
  try {
    const text = await response.text();
    body =
      text && (response.headers.get('Content-Type') ?? '').includes('json') ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  return ApiProblem.fromResponse(response.status, response.statusText, body);
}

interface Scheduler {
  yield?: () => Promise<void>;
}

/** Requests waiting for their turn to start, oldest first (see yieldToBrowser). */
const waiting: (() => void)[] = [];

/** Starts the oldest waiting request, then yields again for the next one while any remain. */
function startNext(scheduler: Required<Scheduler>): void {
  void scheduler.yield().then(() => {
    waiting.shift()?.();
    if (waiting.length > 0) startNext(scheduler);
  });
}

/**
 * Lets the browser run other work before a request goes out. A page's queries start together when
 * it mounts (a dozen on "My work"), and starting a fetch is not free on a slow phone: one task that
 * starts them all blocks input for a quarter of a second. Requests queue here and each starts in a
 * task of its own, in the order they were made; the task that made them pays for one yield, not one
 * per request. Where scheduler.yield is missing (older browsers, tests) the request goes at once.
 */
function yieldToBrowser(): Promise<void> | undefined {
  const scheduler = (globalThis as { scheduler?: Scheduler }).scheduler;
  if (typeof scheduler?.yield !== 'function') return undefined;
  return new Promise<void>((resolve) => {
    waiting.push(resolve);
    if (waiting.length === 1) startNext(scheduler as Required<Scheduler>);
  });
}

function isRawBody(body: unknown): body is BodyInit {
  return (
    typeof body === 'string' ||
    (typeof FormData !== 'undefined' && body instanceof FormData) ||
    (typeof Blob !== 'undefined' && body instanceof Blob) ||
    (typeof URLSearchParams !== 'undefined' && body instanceof URLSearchParams)
  );
}

function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/** The app-wide client, bound to the browser session. */
export const api = createApiClient({ session: sessionStore });
