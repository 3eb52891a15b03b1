import { describe, expect, it, vi } from 'vitest';
import { createApiClient, REFRESH_PATH } from './api-client';
import { ApiProblem } from './api-problem';
import { SessionStore, type TokenStorage } from './auth/session-store';
import { createTokenRotation } from './auth/token-rotation';
import type { AuthResponse } from './auth/types';

function memoryStorage(initial: Record<string, string> = {}): TokenStorage & { data: Map<string, string> } {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
    removeItem: (key) => void data.delete(key),
  };
}

function authResponse(accessToken: string, refreshToken: string): AuthResponse {
  return {
    accessToken,
    expiresIn: 900,
    refreshToken,
    user: { id: 'u1', email: 'ada@example.org', name: 'Ada Admin', roles: ['admin'] },
  };
}

function json(status: number, body: unknown, contentType = 'application/json'): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': contentType } });
}

function signedInSession(accessToken = 'access-1', refreshToken = 'refresh-1') {
  const storage = memoryStorage();
  const session = new SessionStore(storage);
  session.signIn(authResponse(accessToken, refreshToken));
  return { session, storage };
}

const authHeader = (init: RequestInit | undefined) => new Headers(init?.headers).get('Authorization');

describe('api client', () => {
  it('sends the access token as a bearer token and parses JSON', async () => {
    const { session } = signedInSession('token-a');
    const fetchMock = vi.fn<typeof fetch>(async () => json(200, { items: [], nextCursor: null }));
    const client = createApiClient({ session, fetch: fetchMock });

    await expect(client.get('/api/v1/users', { query: { limit: 10, cursor: null } })).resolves.toEqual({
      items: [],
      nextCursor: null,
    });
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('/api/v1/users?limit=10');
    expect(authHeader(init)).toBe('Bearer token-a');
  });

  it('refreshes once for concurrent 401s, retries each request and rotates the refresh token', async () => {
    const { session, storage } = signedInSession('stale', 'refresh-1');
    let releaseRefresh: () => void = () => {};
    const refreshGate = new Promise<void>((resolve) => {
      releaseRefresh = resolve;
    });
    const fetchMock = vi.fn<typeof fetch>(async (input, init) => {
      if (input === REFRESH_PATH) {
        expect(JSON.parse(String(init?.body))).toEqual({ refreshToken: 'refresh-1' });
        await refreshGate;
        return json(200, authResponse('fresh', 'refresh-2'));
      }
      return authHeader(init) === 'Bearer fresh'
        ? json(200, { path: input })
        : json(401, { type: 'about:blank', title: 'Unauthorized', status: 401 }, 'application/problem+json');
    });
    const client = createApiClient({ session, fetch: fetchMock });

    const results = Promise.all([client.get('/a'), client.get('/b'), client.post('/c', { x: 1 })]);
    // Let all three first attempts fail before the refresh answers.
    await vi.waitFor(() =>
      expect(fetchMock.mock.calls.filter(([url]) => url === REFRESH_PATH)).toHaveLength(1),
    );
    releaseRefresh();

    await expect(results).resolves.toEqual([{ path: '/a' }, { path: '/b' }, { path: '/c' }]);
    expect(fetchMock.mock.calls.filter(([url]) => url === REFRESH_PATH)).toHaveLength(1);
    expect(session.getAccessToken()).toBe('fresh');
    expect(storage.data.get('nsp.refreshToken')).toBe('refresh-2');
    // The retried POST still carries its body.
    const retriedPost = fetchMock.mock.calls.find(
      ([url, init]) => url === '/c' && authHeader(init) === 'Bearer fresh',
    );
    expect(JSON.parse(String(retriedPost?.[1]?.body))).toEqual({ x: 1 });
  });

  it('retries with the new token without refreshing again when another call already refreshed', async () => {
    const { session } = signedInSession('stale', 'refresh-1');
    const fetchMock = vi.fn<typeof fetch>(async (_input, init) => {
      if (authHeader(init) === 'Bearer stale') {
        // Simulates a refresh finishing elsewhere while this request was in flight.
        session.signIn(authResponse('fresh', 'refresh-2'));
        return json(401, { title: 'Unauthorized', status: 401 });
      }
      return json(200, { ok: true });
    });
    const client = createApiClient({ session, fetch: fetchMock });

    await expect(client.get('/api/v1/me')).resolves.toEqual({ ok: true });
    expect(fetchMock.mock.calls.map(([url]) => url)).toEqual(['/api/v1/me', '/api/v1/me']);
  });

  it('ends the session as expired when the refresh token is rejected, and throws the 401 problem', async () => {
    const { session, storage } = signedInSession('stale', 'refresh-1');
    const fetchMock = vi.fn<typeof fetch>(async (input) =>
      input === REFRESH_PATH
        ? json(401, { title: 'Unauthorized', status: 401, detail: 'Refresh token revoked' })
        : json(401, { type: 'about:blank', title: 'Unauthorized', status: 401, detail: 'Token expired' }),
    );
    const client = createApiClient({ session, fetch: fetchMock });

    const error = await client.get('/api/v1/users').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiProblem);
    expect((error as ApiProblem).status).toBe(401);
    expect(session.getState()).toMatchObject({ status: 'signed-out', endReason: 'expired' });
    expect(storage.data.has('nsp.refreshToken')).toBe(false);
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });

  it('keeps the session when the server cannot be reached during a refresh', async () => {
    const { session } = signedInSession('stale', 'refresh-1');
    const fetchMock = vi.fn<typeof fetch>(async (input) => {
      if (input === REFRESH_PATH) throw new TypeError('Failed to fetch');
      return json(401, { title: 'Unauthorized', status: 401 });
    });
    const client = createApiClient({ session, fetch: fetchMock });

    await expect(client.get('/api/v1/users')).rejects.toMatchObject({ status: 0, title: 'Network error' });
    expect(session.getState().status).toBe('signed-in');
    expect(session.getRefreshToken()).toBe('refresh-1');
  });

  it('does not try to refresh when the login itself answers 401 or 423', async () => {
    const session = new SessionStore(memoryStorage());
    const fetchMock = vi.fn<typeof fetch>(async () =>
      json(
        423,
        { type: 'about:blank', title: 'Locked', status: 423, detail: 'Account locked until 14:05' },
        'application/problem+json',
      ),
    );
    const client = createApiClient({ session, fetch: fetchMock });

    await expect(
      client.post('/api/v1/auth/login', { email: 'a@b.org', password: 'x' }, { authenticate: false }),
    ).rejects.toMatchObject({ status: 423, userMessage: 'Account locked until 14:05' });
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(authHeader(fetchMock.mock.calls[0]![1])).toBeNull();
  });

  it('turns a problem+json validation reply into field messages', async () => {
    const { session } = signedInSession();
    const fetchMock = vi.fn<typeof fetch>(async () =>
      json(
        400,
        {
          type: 'https://nsp.example/problems/validation',
          title: 'Validation failed',
          status: 400,
          detail: 'The request body is invalid',
          instance: '/api/v1/service-requests',
          errors: [
            { path: 'requester.email', message: 'Invalid email address' },
            { path: 'roles.1', message: 'Unknown role' },
            { path: 'nickname', message: 'Unknown field' },
          ],
        },
        'application/problem+json',
      ),
    );
    const client = createApiClient({ session, fetch: fetchMock });

    const problem = (await client
      .post('/api/v1/service-requests', {})
      .catch((caught: unknown) => caught)) as ApiProblem;
    expect(problem).toBeInstanceOf(ApiProblem);
    expect(problem).toMatchObject({
      type: 'https://nsp.example/problems/validation',
      title: 'Validation failed',
      status: 400,
      detail: 'The request body is invalid',
      instance: '/api/v1/service-requests',
    });
    expect(problem.messageFor('requester.email')).toBe('Invalid email address');
    expect(problem.messageFor('roles')).toBe('Unknown role');
    expect(problem.messageFor('requester')).toBe('Invalid email address');
    expect(problem.messageFor('email')).toBeUndefined();
    expect(problem.unmatchedMessages(['requester.email', 'roles'])).toEqual(['nickname: Unknown field']);
  });

  it('builds a problem from a non-JSON error and from a network failure', async () => {
    const { session } = signedInSession();
    const fetchMock = vi
      .fn<typeof fetch>()
      .mockResolvedValueOnce(
        new Response('<html>Bad gateway</html>', {
          status: 502,
          statusText: 'Bad Gateway',
          headers: { 'Content-Type': 'text/html' },
        }),
      )
      .mockRejectedValueOnce(new TypeError('Failed to fetch'));
    const client = createApiClient({ session, fetch: fetchMock });

    await expect(client.get('/api/v1/users')).rejects.toMatchObject({
      status: 502,
      title: 'Bad Gateway',
      errors: [],
    });
    await expect(client.get('/api/v1/users')).rejects.toMatchObject({ status: 0, title: 'Network error' });
  });

  it('answers undefined for 204 No Content', async () => {
    const { session } = signedInSession();
    const fetchMock = vi.fn<typeof fetch>(async () => new Response(null, { status: 204 }));
    const client = createApiClient({ session, fetch: fetchMock });

    await expect(client.delete('/api/v1/api-clients/7')).resolves.toBeUndefined();
    expect(fetchMock.mock.calls[0]![1]?.method).toBe('DELETE');
  });
});

describe('two tabs of one session (a duplicated tab)', () => {
  /** A server that rotates refresh tokens and, like NSP, ends the session when a used one returns. */
  function rotatingServer(first: string) {
    let current: string | null = first;
    let counter = 1;
    const used = new Set<string>();
    let revoked = false;
    const fetchMock = vi.fn<typeof fetch>(async (_url, init) => {
      const { refreshToken } = JSON.parse(String(init?.body)) as { refreshToken: string };
      if (revoked || refreshToken !== current) {
        if (used.has(refreshToken)) revoked = true;
        return json(401, { type: 'about:blank', title: 'Authentication required', status: 401 });
      }
      used.add(refreshToken);
      counter += 1;
      current = `refresh-${counter}`;
      return json(200, authResponse(`access-${counter}`, current));
    });
    return { fetchMock, isRevoked: () => revoked };
  }

  /** One lock for both tabs, as navigator.locks gives a whole origin. */
  function sharedLock() {
    let tail: Promise<unknown> = Promise.resolve();
    return {
      request<T>(_name: string, callback: () => Promise<T>): Promise<T> {
        const run = tail.then(callback, callback);
        tail = run.catch(() => {});
        return run;
      },
    };
  }

  it('both stay signed in when each refreshes in turn, and when they refresh at once', async () => {
    const server = rotatingServer('refresh-1');
    const shared = memoryStorage();
    const lock = sharedLock();
    const tabA = signedInSession('access-1', 'refresh-1');
    // Duplicating a tab copies its sessionStorage: tab B starts with the same refresh token.
    const tabB = signedInSession('access-1', 'refresh-1');
    const clientA = createApiClient({
      session: tabA.session,
      fetch: server.fetchMock,
      rotation: createTokenRotation(shared, lock),
    });
    const clientB = createApiClient({
      session: tabB.session,
      fetch: server.fetchMock,
      rotation: createTokenRotation(shared, lock),
    });

    await expect(clientA.refreshSession()).resolves.toBe(true);
    await expect(clientB.refreshSession()).resolves.toBe(true);
    await expect(clientA.refreshSession()).resolves.toBe(true);
    await expect(Promise.all([clientA.refreshSession(), clientB.refreshSession()])).resolves.toEqual([
      true,
      true,
    ]);
    expect(server.isRevoked()).toBe(false);
    expect(tabA.session.getState().status).toBe('signed-in');
    expect(tabB.session.getState().status).toBe('signed-in');
  });

  it('without the coordination, the second tab presents a used token and ends the session (why it exists)', async () => {
    const server = rotatingServer('refresh-1');
    const tabA = signedInSession('access-1', 'refresh-1');
    const tabB = signedInSession('access-1', 'refresh-1');
    const clientA = createApiClient({
      session: tabA.session,
      fetch: server.fetchMock,
      rotation: createTokenRotation(null, null),
    });
    const clientB = createApiClient({
      session: tabB.session,
      fetch: server.fetchMock,
      rotation: createTokenRotation(null, null),
    });
    await clientA.refreshSession();
    await expect(clientB.refreshSession()).resolves.toBe(false);
    expect(server.isRevoked()).toBe(true);
  });
});
