// Maps every thrown thing to Pinterest's {code, message} body. Client mistakes that Fastify detects
// itself (bad JSON, schema violations, oversized bodies) become 400/1 as the API contract requires;
// anything unexpected is logged in full and answered with a body that leaks nothing.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, ERRORS } from './errors.ts';
import { isUnstorableText } from './postgres-errors.ts';
import type { RouteMethods } from './route-methods.ts';

function clientErrorFrom(error: FastifyError): AppError | undefined {
  // A NUL character in client text: JSON and form bodies can carry it, a text column cannot.
  if (isUnstorableText(error))
    return new AppError('INVALID_PARAMETERS', 'Text must not contain NUL characters.');
  if (error.validation) {
    const context = error.validationContext ? `${error.validationContext} ` : '';
    return new AppError('INVALID_PARAMETERS', `Invalid ${context}parameter: ${error.message}`);
  }
  const status = error.statusCode ?? 0;
  if (status < 400 || status >= 500) return undefined;
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('INVALID_PARAMETERS', 'Request body is too large.');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('UNSUPPORTED_MEDIA_TYPE', `Unsupported content type: ${error.message}`);
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('INVALID_PARAMETERS', 'Request body is empty but a JSON body was declared.');
    default:
      if (status === 404) return new AppError('ROUTE_NOT_FOUND');
      if (status === 405) return new AppError('METHOD_NOT_ALLOWED');
      if (status === 429) return new AppError('RATE_LIMITED');
      return new AppError('INVALID_PARAMETERS', `Invalid request: ${error.message}`);
  }
}

/**
 * Answers a request no route matched, or returns false to leave it to the JSON 404 (the web app
 * answers browser navigations this way; a catch-all route would also swallow router errors).
 */
export type NotFoundFallback = (request: FastifyRequest, reply: FastifyReply) => Promise<boolean>;

export function installErrorHandling(
  app: FastifyInstance,
  routes: RouteMethods,
  notFoundFallback?: NotFoundFallback,
): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const appError = error instanceof AppError ? error : clientErrorFrom(error);
    if (appError) {
      if (appError.status >= 500) request.log.error({ err: error }, 'request failed');
      return reply.code(appError.status).headers(appError.headers).send(appError.toBody());
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.code(500).send({ code: ERRORS.INTERNAL.code, message: ERRORS.INTERNAL.message });
  });

  app.setNotFoundHandler(async (request, reply) => {
    // A path served under other methods only: 405 with the methods it takes, as Pinterest answers.
    // (A route of this method that found nothing, a missing static file say, is a 404.)
    const allowed = routes.allowedAt(request.url);
    if (allowed.length > 0 && !allowed.includes(request.method)) {
      const error = new AppError('METHOD_NOT_ALLOWED');
      return reply.code(error.status).header('allow', allowed.join(', ')).send(error.toBody());
    }
    if (notFoundFallback && (await notFoundFallback(request, reply))) return reply;
    const error = new AppError('ROUTE_NOT_FOUND');
    return reply.code(error.status).send(error.toBody());
  });
}

/**
 * For Fastify's `frameworkErrors` option: the router rejects malformed percent-encoding in a path
 * and over-long path parameters before any hook or error handler runs, and its default body
 * ({error, code: "FST_ERR_…", statusCode}) breaks the {code, message} contract.
 */
export function frameworkErrorHandler(
  error: FastifyError,
  _request: FastifyRequest,
  reply: FastifyReply,
): void {
  const appError =
    error.code === 'FST_ERR_BAD_URL'
      ? new AppError('INVALID_PARAMETERS', 'Malformed URL.')
      : error.code === 'FST_ERR_MAX_PARAM_LENGTH'
        ? new AppError('INVALID_PARAMETERS', 'A path parameter is too long.')
        : new AppError('INTERNAL');
  reply.code(appError.status).send(appError.toBody());
}

/** Requests the HTTP parser rejects (bad framing, oversized headers) also get the Pinterest body. */
export function clientErrorHandler(error: NodeJS.ErrnoException, socket: import('node:net').Socket): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
  const status = tooLarge ? 431 : 400;
  const body = JSON.stringify({
    code: ERRORS.INVALID_PARAMETERS.code,
    message: tooLarge ? 'Request headers are too large.' : 'Malformed HTTP request.',
  });
  socket.end(
    `HTTP/1.1 ${status} ${tooLarge ? 'Request Header Fields Too Large' : 'Bad Request'}\r\n` +
      `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
      `Connection: close\r\n\r\n${body}`,
  );
}
