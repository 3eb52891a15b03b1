import type { RouteContract } from '@nsp/contracts';
import type { Access } from '../lib/access.ts';

const securedWith: Array<Record<string, string[]>> = [{ bearerAuth: [] }, { apiKey: [] }];

/**
 * Turns a contract from packages/contracts into Fastify route options (method, url, zod schemas,
 * access policy). Routes spread it and add their handler, so a path or schema lives in one place.
 */
export function fromContract<const C extends RouteContract>(contract: C, policy: Access) {
  const options = {
    method: contract.method,
    url: contract.path,
    schema: {
      operationId: contract.operationId ?? operationIdOf(contract),
      summary: contract.summary,
      ...(contract.description ? { description: contract.description } : {}),
      tags: [...contract.tags],
      ...(policy.kind === 'public' ? {} : { security: securedWith }),
      ...(contract.consumes ? { consumes: [...contract.consumes] } : {}),
      params: contract.params as C['params'],
      querystring: contract.querystring as C['querystring'],
      body: contract.body as C['body'],
      headers: contract.headers as C['headers'],
      response: contract.responses as C['responses'],
    },
    config: { access: policy },
  };
  // Absent parts are dropped rather than left undefined, which Fastify would warn about.
  for (const key of ['params', 'querystring', 'body', 'headers'] as const) {
    if (options.schema[key] === undefined) delete options.schema[key];
  }
  return options;
}

/** e.g. POST /api/v1/neighborhoods/:id/lieutenant → postNeighborhoodsByIdLieutenant */
function operationIdOf(contract: RouteContract): string {
  const words = contract.path
    .replace(/^\/api\/v1\//, '/')
    .split('/')
    .filter(Boolean)
    .map((segment) => (segment.startsWith(':') ? `by-${segment.slice(1)}` : segment))
    .join('-')
    .split(/[-_.]/)
    .filter(Boolean);
  return [contract.method.toLowerCase(), ...words.map((w) => w[0]!.toUpperCase() + w.slice(1))].join('');
}
