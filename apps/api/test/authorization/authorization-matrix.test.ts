import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { apiClientScopes, type Role } from '@nsp/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CatalogRoute, registeredApiRoutes } from '../support/route-catalog.ts';
import { bearer, startTestApp, type TestApp, userWithRoles } from '../support/test-app.ts';
import { type Policy, policyTable } from './policy-table.ts';

/*
 * Issue #9, "Done when" 3: the authorization matrix, generated from the routes the app registers:
 * every route × anonymous, each role, and an API client with each scope, compared with the one
 * declared policy table. The route guard runs before validation, so a refused caller is refused
 * whatever the body; an allowed one may still get 400 or 404 for the made-up ids.
 */
const roles: Role[] = ['admin', 'supervisor', 'lieutenant', 'staff', 'analyst'];

type Caller =
  | { kind: 'anonymous'; name: string; headers: Record<string, string> }
  | { kind: 'user'; role: Role; name: string; headers: Record<string, string> }
  | { kind: 'api-client'; scope: string; name: string; headers: Record<string, string> };

let t: TestApp;
const callers: Caller[] = [{ kind: 'anonymous', name: 'anonymous', headers: {} }];

beforeAll(async () => {
  t = await startTestApp();
  for (const role of roles) {
    const user = await userWithRoles(t, [role]);
    callers.push({ kind: 'user', role, name: role, headers: bearer(user) });
  }
  const admin = await userWithRoles(t, ['admin']);
  for (const scope of apiClientScopes) {
    const created = await t.http
      .post('/api/v1/api-clients')
      .set(bearer(admin))
      .send({ name: `matrix ${scope}`, scopes: [scope] })
      .expect(201);
    callers.push({
      kind: 'api-client',
      scope,
      name: `client:${scope}`,
      headers: { 'x-api-key': created.body.key },
    });
  }
});

afterAll(async () => {
  await t?.close();
});

/** Whether the table lets this caller through the route guard. */
function allowedBy(policy: Policy, caller: Caller): boolean {
  if (policy === 'public') return true;
  if (caller.kind === 'anonymous') return false;
  if (policy === 'any-user') return caller.kind === 'user';
  if (caller.kind === 'user') return policy.roles.includes(caller.role);
  return (policy.scopes ?? []).includes(caller.scope);
}

function concretePath(route: CatalogRoute): string {
  return route.path.replace(/:([A-Za-z0-9_]+)/g, (_, name: string) =>
    name === 'code' || name === 'trackingNumber' ? 'NO-SUCH-THING' : randomUUID(),
  );
}

/** Status and problem type of one call (the SSE stream over a real socket, read then dropped). */
async function call(route: CatalogRoute, caller: Caller): Promise<{ status: number; type: string | null }> {
  const url = concretePath(route);
  const hasBody = route.method !== 'GET' && route.method !== 'DELETE';
  if (route.path === '/api/v1/events') {
    const port = (t.app.server.address() as { port: number }).port;
    return new Promise((resolve, reject) => {
      const request = http.get(
        { host: '127.0.0.1', port, path: url, headers: caller.headers },
        (response) => {
          if (String(response.headers['content-type']).startsWith('text/event-stream')) {
            resolve({ status: response.statusCode ?? 0, type: null });
            request.destroy();
            return;
          }
          let body = '';
          response.on('data', (chunk: Buffer) => {
            body += chunk.toString();
          });
          response.on('end', () =>
            resolve({ status: response.statusCode ?? 0, type: JSON.parse(body).type ?? null }),
          );
        },
      );
      request.on('error', reject);
    });
  }
  const reply = await t.app.inject({
    method: route.method as 'GET',
    url,
    headers: { ...caller.headers, ...(hasBody ? { 'content-type': 'application/json' } : {}) },
    ...(hasBody ? { payload: '{}' } : {}),
  });
  let type: string | null = null;
  try {
    type = JSON.parse(reply.body).type ?? null;
  } catch {
    // not JSON (metrics, an empty 204)
  }
  return { status: reply.statusCode, type };
}

const refusedByGuard = (result: { status: number; type: string | null }) =>
  result.status === 401 || (result.status === 403 && result.type === '/problems/role-not-allowed');

describe('the authorization matrix', () => {
  it('has a policy row for every registered route, and a route for every row', () => {
    const registered = registeredApiRoutes(t.app).map((route) => route.key);
    const withoutRow = registered.filter((key) => !(key in policyTable));
    const withoutRoute = Object.keys(policyTable).filter((key) => !registered.includes(key));
    expect(withoutRow, 'routes with no row in test/authorization/policy-table.ts').toEqual([]);
    expect(withoutRoute, 'rows in the policy table for routes that do not exist').toEqual([]);
  });

  it('lets exactly the callers in the table through, on every route', async () => {
    const mismatches: string[] = [];
    const lines: string[] = [];
    for (const route of registeredApiRoutes(t.app)) {
      const policy = policyTable[route.key];
      if (!policy) continue; // reported by the test above
      const cells: string[] = [];
      for (const caller of callers) {
        const result = await call(route, caller);
        const expectedAllowed = allowedBy(policy, caller);
        const actuallyAllowed = !refusedByGuard(result);
        cells.push(actuallyAllowed ? '✓' : '·');
        if (expectedAllowed !== actuallyAllowed) {
          mismatches.push(
            `${route.key} as ${caller.name}: expected ${expectedAllowed ? 'allowed' : 'refused'}, got ${result.status} ${result.type ?? ''}`,
          );
        }
        if (!expectedAllowed) {
          // Anonymous callers are asked to authenticate; known callers without the right are refused.
          const expectedStatus = caller.kind === 'anonymous' ? 401 : 403;
          if (result.status !== expectedStatus) {
            mismatches.push(
              `${route.key} as ${caller.name}: expected ${expectedStatus}, got ${result.status}`,
            );
          }
        }
      }
      lines.push(`${cells.join(' ')}  ${route.key}`);
    }
    console.log(`authorization matrix (${callers.map((c) => c.name).join(', ')}):\n${lines.join('\n')}`);
    expect(mismatches).toEqual([]);
  }, 120_000);
});
