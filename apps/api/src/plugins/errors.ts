import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type FieldError, ValidationError } from '../lib/errors.ts';
import { isDatabaseUnavailable } from '../lib/database-availability.ts';
import { scrubDatabaseError } from '../lib/scrub-database-errors.ts';

export { isDatabaseUnavailable };

const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

declare module 'fastify' {
  interface FastifyInstance {
    /** "METHOD /path" of every route, for the OpenAPI completeness test and 405 answers. */
    registeredRoutes: readonly string[];
  }
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

/** Titles for HTTP-level failures that do not come from a domain error. */
const statusTitles: Record<number, string> = {
  400: 'Bad request',
  401: 'Authentication required',
  403: 'Not allowed',
  404: 'Not found',
  405: 'Method not allowed',
  406: 'Not acceptable',
  409: 'Conflict',
  412: 'Precondition failed',
  413: 'Payload too large',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  423: 'Locked',
  429: 'Too many requests',
  500: 'Internal server error',
  503: 'Service unavailable',
};

/** Fastify's own error codes that deserve a clearer sentence than the framework's. */
const fastifyCodeDetails: Record<string, { status: number; detail: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, detail: 'The body is not valid JSON.' },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    status: 400,
    detail: 'The body is empty but the content type says JSON.',
  },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, detail: 'The body is larger than this endpoint accepts.' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, detail: 'This endpoint does not accept that content type.' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, detail: 'Content-Length does not match the body.' },
};

/** Whether an error only means the client disconnected before we answered. */
function clientWentAway(error: FastifyError, request: FastifyRequest): boolean {
  if (error.message === 'aborted' && error.code === 'ECONNRESET') return true;
  if (error.code === 'ERR_STREAM_PREMATURE_CLOSE') return true;
  // Anything else that fails after a hang-up is still logged for what it is when it comes from the
  // database; other failures (a hook writing to the closed socket) are the hang-up's echo.
  return request.raw.aborted === true && !isDatabaseError(error) && !isDatabaseUnavailable(error);
}

/** A PostgreSQL error (SQLSTATE code and severity), which must never reach a client as is. */
function isDatabaseError(error: unknown): boolean {
  const candidate = error as { code?: unknown; severity?: unknown };
  return typeof candidate.severity === 'string' && typeof candidate.code === 'string';
}

export function problem(
  request: FastifyRequest,
  status: number,
  fields: { slug?: string; title?: string; detail?: string; errors?: FieldError[] } & Record<string, unknown>,
): ProblemBody {
  const { slug, title, detail, errors, ...extensions } = fields;
  return {
    type: slug ? `/problems/${slug}` : 'about:blank',
    title: title ?? statusTitles[status] ?? 'Error',
    status,
    ...(detail !== undefined ? { detail } : {}),
    instance: request.url.split('?')[0] ?? request.url,
    ...(errors !== undefined ? { errors } : {}),
    ...extensions,
  };
}

export function sendProblem(reply: FastifyReply, body: ProblemBody): FastifyReply {
  return reply.code(body.status).type(PROBLEM_CONTENT_TYPE).send(body);
}

type ValidationIssue = { instancePath?: string; message?: string; params?: Record<string, unknown> };

function fieldErrorsFrom(error: FastifyError): FieldError[] {
  const location = error.validationContext as FieldError['in'];
  return ((error.validation ?? []) as ValidationIssue[]).map((issue) => {
    let path = (issue.instancePath ?? '').replace(/^\//, '').replaceAll('/', '.');
    const missing = issue.params?.missingProperty;
    if (typeof missing === 'string') path = path ? `${path}.${missing}` : missing;
    return {
      path: path || '(root)',
      message: issue.message ?? 'is not valid',
      ...(location ? { in: location } : {}),
    };
  });
}

function describeFieldErrors(errors: FieldError[]): string {
  return errors
    .slice(0, 5)
    .map((e) => `${e.path}: ${e.message}`)
    .join('; ');
}

/**
 * The one place that turns errors into replies: RFC 9457 problem+json for everything, including
 * unknown routes (404) and wrong methods (405). Internal messages never leave a 5xx.
 */
export const errorsPlugin = fp(
  async (app: FastifyInstance) => {
    const routePatterns: Array<{ method: string; pattern: RegExp }> = [];
    const registeredRoutes: string[] = [];
    app.decorate('registeredRoutes', registeredRoutes);
    app.addHook('onRoute', (route) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      // The admin app's static files are not API routes.
      const isStaticFile = (route.config as { file?: unknown } | undefined)?.file !== undefined;
      if (!isStaticFile) for (const method of methods) registeredRoutes.push(`${method} ${route.url}`);
      const pattern = new RegExp(
        `^${route.url
          .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
          .replace(/:[A-Za-z0-9_]+/g, '[^/]+')
          .replace(/\*/g, '.*')}/?$`,
      );
      for (const method of methods) routePatterns.push({ method, pattern });
    });

    app.setNotFoundHandler((request, reply) => {
      const path = request.url.split('?')[0] ?? '/';
      // The admin app is a single-page app: its client-side routes answer with index.html.
      if (
        request.method === 'GET' &&
        app.hasDecorator('spaIndexAvailable') &&
        !/^\/(api|assets|open311|docs|openapi\.json|healthz|readyz|metrics)(\/|$)/.test(path) &&
        (request.headers.accept ?? '').includes('text/html')
      ) {
        return (reply as FastifyReply & { sendFile(file: string): FastifyReply }).sendFile('index.html');
      }
      const allowed = [
        ...new Set(routePatterns.filter((r) => r.pattern.test(path)).map((r) => r.method)),
      ].filter((m) => m !== request.method);
      if (allowed.length > 0) {
        return sendProblem(
          reply.header('allow', allowed.join(', ')),
          problem(request, 405, {
            detail: `${request.method} is not allowed here; use ${allowed.join(', ')}.`,
          }),
        );
      }
      return sendProblem(reply, problem(request, 404, { detail: `No route for ${request.method} ${path}.` }));
    });

    app.setErrorHandler((error: FastifyError, request, reply) => {
      // The client hung up (mid-body or mid-request): nothing failed on our side and nobody is
      // left to answer. Logged as such, not as a 500 or a database outage that would page someone.
      if (clientWentAway(error, request)) {
        request.log.info({ code: error.code }, 'request aborted by the client');
        return sendProblem(reply, problem(request, 400, { detail: 'The client closed the connection.' }));
      }
      if (error instanceof AppError) {
        for (const [name, value] of Object.entries(error.headers)) reply.header(name, value);
        if (error.status >= 500) request.log.warn({ err: error }, 'service error');
        return sendProblem(
          reply,
          problem(request, error.status, {
            slug: error.slug,
            title: error.title,
            detail: error.message,
            ...(error instanceof ValidationError ? { errors: error.errors } : {}),
            ...error.extensions,
          }),
        );
      }
      if (hasZodFastifySchemaValidationErrors(error) || error.validation) {
        const errors = fieldErrorsFrom(error);
        return sendProblem(
          reply,
          problem(request, 400, {
            slug: 'validation',
            title: 'The request is not valid',
            detail: describeFieldErrors(errors),
            errors,
          }),
        );
      }
      const known = error.code ? fastifyCodeDetails[error.code] : undefined;
      if (known) return sendProblem(reply, problem(request, known.status, { detail: known.detail }));
      if (isDatabaseUnavailable(error)) {
        // The connection failure itself, not a driver wrapper quoting the statement's parameters.
        request.log.error({ err: scrubDatabaseError(error) }, 'database unavailable');
        return sendProblem(
          reply.header('retry-after', '5'),
          problem(request, 503, {
            slug: 'database-unavailable',
            detail: 'The database is not reachable; try again shortly.',
          }),
        );
      }
      // A safety net, not the fix: SQLSTATE class 22 (data exception: a value out of range, a bad
      // date or number) means some input slipped past its contract. The caller still gets a 400;
      // the warning (SQLSTATE only) tells us which contract to tighten.
      if (isDatabaseError(error) && String((error as { code?: unknown }).code).startsWith('22')) {
        request.log.warn({ err: scrubDatabaseError(error) }, 'input rejected by the database');
        return sendProblem(
          reply,
          problem(request, 400, {
            slug: 'invalid-value',
            title: 'A value is not acceptable',
            detail: 'A value in the request is out of range or not valid for its field.',
          }),
        );
      }
      const status = typeof error.statusCode === 'number' ? error.statusCode : 500;
      if (status >= 400 && status < 500 && !isDatabaseError(error)) {
        return sendProblem(reply, problem(request, status, { detail: error.message }));
      }
      // Database errors quote statement parameters and failing rows (requester contact): log the
      // SQLSTATE and constraint only.
      request.log.error({ err: scrubDatabaseError(error) }, 'unhandled error');
      return sendProblem(
        reply,
        problem(request, 500, {
          detail: 'Something went wrong on our side. The request id is in X-Request-Id.',
        }),
      );
    });
  },
  { name: 'nsp-errors' },
);
