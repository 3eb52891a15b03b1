/**
 * Typed domain errors. Services throw these; the one error handler (plugins/errors.ts) maps them
 * to RFC 9457 problem replies. Anything else becomes a 500 without internal details.
 */
export interface FieldError {
  path: string;
  message: string;
  in?: 'body' | 'querystring' | 'params' | 'headers';
}

export abstract class AppError extends Error {
  abstract readonly status: number;
  abstract readonly slug: string;
  abstract readonly title: string;
  /** Extra members merged into the problem body (e.g. `allowed` transitions). */
  readonly extensions: Record<string, unknown>;
  readonly headers: Record<string, string>;

  constructor(
    detail: string,
    extensions: Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ) {
    super(detail);
    this.name = new.target.name;
    this.extensions = extensions;
    this.headers = headers;
  }
}

export class ValidationError extends AppError {
  readonly status = 400;
  readonly slug = 'validation';
  readonly title = 'The request is not valid';
  constructor(
    detail: string,
    readonly errors: FieldError[] = [],
  ) {
    super(detail);
  }
}

export class UnauthorizedError extends AppError {
  readonly status = 401;
  readonly slug = 'unauthorized';
  readonly title = 'Authentication required';
}

export class ForbiddenError extends AppError {
  readonly status = 403;
  readonly slug = 'forbidden';
  readonly title = 'Not allowed';
}

/**
 * The route guard's refusal: the caller's role or scope is not on the route's policy at all (as
 * opposed to ForbiddenError, a rule about this record, e.g. another lieutenant's neighborhood).
 */
export class RoleNotAllowedError extends AppError {
  readonly status = 403;
  readonly slug = 'role-not-allowed';
  readonly title = 'Not allowed';
}

export class NotFoundError extends AppError {
  readonly status = 404;
  readonly slug = 'not-found';
  readonly title = 'Not found';
}

export class ConflictError extends AppError {
  readonly status = 409;
  readonly slug = 'conflict';
  readonly title = 'Conflict';
}

export class PreconditionFailedError extends AppError {
  readonly status = 412;
  readonly slug = 'precondition-failed';
  readonly title = 'The record changed since you read it';
}

export class LockedError extends AppError {
  readonly status = 423;
  readonly slug = 'account-locked';
  readonly title = 'Account locked';
}

export class TooManyRequestsError extends AppError {
  readonly status = 429;
  readonly slug = 'too-many-requests';
  readonly title = 'Too many requests';
}

export class ServiceUnavailableError extends AppError {
  readonly status = 503;
  readonly slug = 'service-unavailable';
  readonly title = 'Service unavailable';
}

export class PayloadTooLargeError extends AppError {
  readonly status = 413;
  readonly slug = 'payload-too-large';
  readonly title = 'The file is too large';
}

export class UnsupportedMediaTypeError extends AppError {
  readonly status = 415;
  readonly slug = 'unsupported-media-type';
  readonly title = 'This type of file is not accepted';
}
