/** One entry of an RFC 9457 problem's `errors` array: `path` is dotted, e.g. `requester.email`. */
export interface FieldProblem {
  path: string;
  message: string;
}

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: FieldProblem[];
  /** Members beyond the standard ones (RFC 9457 extensions), e.g. a 409's `allowed` statuses. */
  extensions?: Record<string, unknown>;
}

/**
 * Every failed API call throws this, whether the server sent application/problem+json, some
 * other error body (a proxy's HTML 502) or nothing at all (network down: status 0), so UI code
 * handles exactly one error shape.
 */
export class ApiProblem extends Error implements ProblemDetails {
  override readonly name = 'ApiProblem';
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly instance?: string;
  readonly errors: FieldProblem[];
  readonly extensions: Record<string, unknown>;

  constructor(problem: ProblemDetails, options?: { cause?: unknown }) {
    super(problem.detail ?? problem.title, options);
    this.type = problem.type;
    this.title = problem.title;
    this.status = problem.status;
    this.detail = problem.detail;
    this.instance = problem.instance;
    this.errors = problem.errors ?? [];
    this.extensions = problem.extensions ?? {};
  }

  /** Builds a problem from whatever an error response carried; never throws. */
  static fromResponse(status: number, statusText: string, body: unknown): ApiProblem {
    const fallbackTitle = statusText || defaultTitle(status);
    if (!isRecord(body)) {
      return new ApiProblem({ type: 'about:blank', title: fallbackTitle, status });
    }
    return new ApiProblem({
      type: typeof body.type === 'string' ? body.type : 'about:blank',
      title: typeof body.title === 'string' && body.title ? body.title : fallbackTitle,
      status: typeof body.status === 'number' ? body.status : status,
      detail: typeof body.detail === 'string' ? body.detail : undefined,
      instance: typeof body.instance === 'string' ? body.instance : undefined,
      errors: parseFieldProblems(body.errors),
      extensions: Object.fromEntries(Object.entries(body).filter(([key]) => !STANDARD_MEMBERS.has(key))),
    });
  }

  static network(cause: unknown): ApiProblem {
    return new ApiProblem(
      {
        type: 'about:blank',
        title: 'Network error',
        status: 0,
        detail: 'The NSP server could not be reached. Check the connection and try again.',
      },
      { cause },
    );
  }

  /** The sentence to show a person: the server's explanation when there is one. */
  get userMessage(): string {
    return this.detail ?? this.title;
  }

  /** The first message for a field, matching `path` exactly or any nested path below it. */
  messageFor(fieldName: string): string | undefined {
    return this.errors.find((error) => pathBelongsTo(error.path, fieldName))?.message;
  }

  /** Messages whose path names none of the given fields, to show in the form-level summary. */
  unmatchedMessages(fieldNames: readonly string[]): string[] {
    return this.errors
      .filter((error) => !fieldNames.some((name) => pathBelongsTo(error.path, name)))
      .map((error) => (error.path ? `${error.path}: ${error.message}` : error.message));
  }
}

const STANDARD_MEMBERS = new Set(['type', 'title', 'status', 'detail', 'instance', 'errors']);

export function isApiProblem(error: unknown): error is ApiProblem {
  return error instanceof ApiProblem;
}

/**
 * A failure that says nothing about the change itself (no connection, too many requests, a server
 * fault): the same change may go through later. Anything else is the server's answer to it.
 */
export function isTransientFailure(error: unknown): boolean {
  return !isApiProblem(error) || error.status === 0 || error.status === 429 || error.status >= 500;
}

/** `roles.0` belongs to the field `roles`; `requester.email` to `requester.email`. */
function pathBelongsTo(path: string, fieldName: string): boolean {
  return path === fieldName || path.startsWith(`${fieldName}.`) || path.startsWith(`${fieldName}[`);
}

function parseFieldProblems(raw: unknown): FieldProblem[] {
  if (!Array.isArray(raw)) return [];
  return raw.filter(isRecord).map((entry) => ({
    path: normalisePath(entry.path),
    message: typeof entry.message === 'string' ? entry.message : 'Invalid value',
  }));
}

/**
 * The contract says dotted strings; accept a JSON pointer (`/requester/email`), an array of
 * segments or a `body.` prefix as well, so a server-side change of validator does not silently
 * detach messages from their fields.
 */
function normalisePath(raw: unknown): string {
  let path: string;
  if (Array.isArray(raw)) path = raw.map(String).join('.');
  else if (typeof raw === 'string') path = raw.startsWith('/') ? raw.slice(1).split('/').join('.') : raw;
  else path = '';
  // '(root)' is how the API names an error about the body as a whole.
  return path === '(root)' ? '' : path.replace(/^body\./, '');
}

function defaultTitle(status: number): string {
  if (status >= 500) return 'Server error';
  if (status === 404) return 'Not found';
  if (status === 403) return 'Forbidden';
  if (status === 401) return 'Unauthorized';
  return 'Request failed';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
