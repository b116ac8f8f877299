// The one error type of the API. Every failure a client can see is an entry of ERRORS, so the
// status/code pair is stable and docs/errors.md can be checked against this table by a test.

export interface ErrorKind {
  status: number;
  code: number;
  message: string;
}

export const ERRORS = {
  INVALID_PARAMETERS: { status: 400, code: 1, message: 'Invalid parameters.' },
  AUTHENTICATION_FAILED: { status: 401, code: 2, message: 'Authentication failed.' },
  MISSING_SCOPE: {
    status: 403,
    code: 3,
    message:
      'Your token does not have sufficient permissions to perform this operation. Please ensure your token is authorized with the correct set of scopes.',
  },
  NOT_PERMITTED: { status: 403, code: 29, message: 'You are not permitted to access that resource.' },
  CSRF_FAILED: { status: 403, code: 29, message: 'Missing or invalid CSRF token.' },
  RATE_LIMITED: {
    status: 429,
    code: 8,
    message: 'This request exceeded a rate limit. Try again after the time given in Retry-After.',
  },
  USER_NOT_FOUND: { status: 404, code: 30, message: 'User not found.' },
  BOARD_NOT_FOUND: { status: 404, code: 40, message: 'Board not found.' },
  PIN_NOT_FOUND: { status: 404, code: 50, message: 'Pin not found.' },
  SECTION_NOT_FOUND: { status: 404, code: 404, message: 'Board section not found.' },
  RESOURCE_NOT_FOUND: { status: 404, code: 404, message: 'Resource not found.' },
  ROUTE_NOT_FOUND: { status: 404, code: 404, message: 'No such endpoint.' },
  METHOD_NOT_ALLOWED: { status: 405, code: 405, message: 'Method not allowed.' },
  CONFLICT: { status: 409, code: 409, message: 'The resource already exists.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, code: 1, message: 'Unsupported content type.' },
  SERVICE_UNAVAILABLE: { status: 503, code: 503, message: 'Service unavailable.' },
  INTERNAL: { status: 500, code: 500, message: 'Internal error.' },
} as const satisfies Record<string, ErrorKind>;

export type ErrorName = keyof typeof ERRORS;

export class AppError extends Error {
  readonly status: number;
  readonly code: number;
  readonly headers: Record<string, string>;

  constructor(
    readonly kind: ErrorName,
    message?: string,
    headers: Record<string, string> = {},
  ) {
    const entry: ErrorKind = ERRORS[kind];
    super(message ?? entry.message);
    this.name = 'AppError';
    this.status = entry.status;
    this.code = entry.code;
    this.headers = headers;
  }

  toBody(): { code: number; message: string } {
    return { code: this.code, message: this.message };
  }
}

export const invalid = (message: string) => new AppError('INVALID_PARAMETERS', message);
export const notFound = (kind: ErrorName = 'RESOURCE_NOT_FOUND', message?: string) =>
  new AppError(kind, message);
