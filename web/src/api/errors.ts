// How API failures reach people: one error type, and plain sentences for each kind of failure.
// Pure: no I/O.

export class ApiError extends Error {
  constructor(
    /** HTTP status; 0 when the request never got an answer (offline, aborted, blocked). */
    readonly status: number,
    /** The API's error code ({code, message} body), or 0 without one. */
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get isNotFound(): boolean {
    return this.status === 404;
  }

  get isUnauthenticated(): boolean {
    return this.status === 401;
  }
}

/** The ApiError for a response that was not OK, from its status and whatever body it had. */
export function errorFromResponse(status: number, body: unknown): ApiError {
  if (body && typeof body === 'object') {
    const { code, message } = body as { code?: unknown; message?: unknown };
    if (typeof message === 'string' && message.trim() !== '') {
      return new ApiError(status, typeof code === 'number' ? code : 0, message);
    }
  }
  return new ApiError(status, 0, `Request failed with status ${status}.`);
}

export const networkError = () => new ApiError(0, 0, 'No answer from the server.');

/**
 * What to tell a person about a failure. The server's own message is kept when it speaks to them
 * (bad input: an image too large, a name taken); otherwise a plain sentence for the kind of
 * failure. Never a stack trace.
 */
export function messageFor(error: unknown): string {
  if (!(error instanceof ApiError)) return 'Something went wrong. Try again.';
  if (error.status === 0) return 'Can’t reach Corkboard right now. Check your connection and try again.';
  if (error.status === 401) return 'Your session has ended. Log in again to continue.';
  if (error.status === 403 && error.message.includes('CSRF'))
    return 'This page is out of date. Reload it and try again.';
  if (error.status === 404) return 'We couldn’t find that. It may have been deleted.';
  if (error.status === 413) return 'That file is too large to upload.';
  if (error.status === 429) return 'That was a lot of tries. Wait a moment, then try again.';
  if (error.status >= 500) return 'Something went wrong on our side. Try again in a moment.';
  return error.message;
}
