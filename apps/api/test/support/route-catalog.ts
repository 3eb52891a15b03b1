import * as contracts from '@nsp/contracts';
import type { RouteContract } from '@nsp/contracts';
import type { FastifyInstance } from 'fastify';

/** Every route contract exported by packages/contracts, keyed "METHOD /path". */
export function contractsByRoute(): Map<string, RouteContract> {
  const found = new Map<string, RouteContract>();
  for (const exported of Object.values(contracts)) {
    if (!exported || typeof exported !== 'object') continue;
    for (const candidate of Object.values(exported as Record<string, unknown>)) {
      const contract = candidate as Partial<RouteContract> | null;
      if (
        contract &&
        typeof contract === 'object' &&
        typeof contract.method === 'string' &&
        typeof contract.path === 'string' &&
        contract.responses
      ) {
        found.set(`${contract.method} ${contract.path}`, contract as RouteContract);
      }
    }
  }
  return found;
}

export interface CatalogRoute {
  method: string;
  path: string;
  key: string;
  contract: RouteContract | undefined;
}

/**
 * The routes the app actually registered (not the static admin files, not swagger-ui's assets),
 * with their contract when they have one. HEAD twins of GET routes are left out.
 */
export function registeredApiRoutes(app: FastifyInstance): CatalogRoute[] {
  const byRoute = contractsByRoute();
  const seen = new Set<string>();
  const routes: CatalogRoute[] = [];
  for (const entry of app.registeredRoutes) {
    const [method, path] = entry.split(' ') as [string, string];
    if (method === 'HEAD' || method === 'OPTIONS') continue;
    if (path.startsWith('/docs/') || path === '/docs' || path === '/*') continue;
    const key = `${method} ${path}`;
    if (seen.has(key)) continue;
    seen.add(key);
    routes.push({ method, path, key, contract: byRoute.get(key) });
  }
  return routes.sort((a, b) => a.key.localeCompare(b.key));
}
