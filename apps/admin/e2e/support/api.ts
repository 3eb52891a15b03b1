import { environment } from './browser.ts';

/**
 * Direct calls to the API, for what a journey needs to know or prepare that is not itself under
 * test (e.g. the current boundaries to build an import file from).
 */
export async function apiToken(credentials: { email: string; password: string }): Promise<string> {
  const response = await fetch(`${environment().baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(credentials),
  });
  if (!response.ok) throw new Error(`login failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

export async function apiGet<T>(token: string, path: string): Promise<T> {
  const response = await fetch(`${environment().baseUrl}${path}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (!response.ok) throw new Error(`GET ${path} failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

export async function apiSend<T>(token: string, method: string, path: string, body: unknown): Promise<T> {
  const response = await fetch(`${environment().baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path} failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}
