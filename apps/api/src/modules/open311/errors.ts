import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, ValidationError } from '../../lib/errors.ts';
import { scrubDatabaseError } from '../../lib/scrub-database-errors.ts';
import { formatOf, sendOpen311 } from './reply.ts';

export interface Open311ErrorItem {
  code: number;
  description: string;
}

/** A GeoReport error: the status (400, 403, 404) and the list the specification's `errors` carries. */
export class Open311Error extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 429 | 500,
    readonly items: Open311ErrorItem[],
  ) {
    super(items.map((item) => item.description).join('; '));
    this.name = 'Open311Error';
  }
  static of(status: 400 | 403 | 404, description: string) {
    return new Open311Error(status, [{ code: status, description }]);
  }
}

/** NSP's field paths in the names the GeoReport client sent them by. */
export function open311FieldName(path: string): string {
  if (path.startsWith('attributes.')) return `attribute[${path.slice('attributes.'.length)}]`;
  const names: Record<string, string> = {
    serviceCode: 'service_code',
    address: 'address_string',
    lat: 'lat',
    lon: 'long',
    description: 'description',
    'requester.email': 'email',
    'requester.phone': 'phone',
    'requester.name': 'first_name',
  };
  return names[path] ?? path;
}

/**
 * Every error under /open311 in the specification's format (a list of `{code, description}`, XML
 * `errors/error`), in the format the URL asked for. 404 for what does not exist, 403 for a missing or
 * wrong api_key, 400 for anything else wrong with the request; our own faults stay 500 with no detail.
 */
export function open311ErrorHandler(
  error: FastifyError | Error,
  request: FastifyRequest,
  reply: FastifyReply,
) {
  const format = formatOf(request.url);
  let failure: Open311Error;
  if (error instanceof Open311Error) {
    failure = error;
  } else if (error instanceof ValidationError) {
    failure =
      error.errors.length > 0
        ? new Open311Error(
            400,
            error.errors.map((field) => ({
              code: 400,
              description: `${open311FieldName(field.path)}: ${field.message}`,
            })),
          )
        : Open311Error.of(400, error.message);
  } else if (error instanceof AppError) {
    for (const [name, value] of Object.entries(error.headers)) reply.header(name, value);
    const status = error.status === 401 ? 403 : error.status;
    failure =
      status === 404 || status === 403
        ? Open311Error.of(status, error.message)
        : status === 429
          ? new Open311Error(429, [{ code: 429, description: error.message }])
          : status >= 500
            ? new Open311Error(500, [{ code: 500, description: 'Something went wrong on our side.' }])
            : Open311Error.of(400, error.message);
  } else {
    const status = (error as FastifyError).statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const validation = (error as FastifyError).validation;
      failure = validation
        ? new Open311Error(
            400,
            validation.slice(0, 20).map((issue) => ({
              code: 400,
              description: `${issue.instancePath.replace(/^\//, '').replaceAll('/', '.') || 'request'}: ${issue.message ?? 'is not valid'}`,
            })),
          )
        : Open311Error.of(400, error.message);
    } else {
      // Database errors quote statement parameters (requester contact): log the SQLSTATE only.
      request.log.error({ err: scrubDatabaseError(error) }, 'open311 error');
      failure = new Open311Error(500, [{ code: 500, description: 'Something went wrong on our side.' }]);
    }
  }
  return sendOpen311(reply.code(failure.status), format, 'errors', failure.items);
}
